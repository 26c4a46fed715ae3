package org.quorate.core.label;

import java.util.List;

/**
 * The outcome of {@link SecurityPolicy#validate(ConfidentialityLabel)}: valid, or the reasons the
 * policy refuses the label, one sentence each, in SPIF order (policy, classification, categories,
 * required and excluded categories).
 *
 * @param valid true when the label is valid under the policy
 * @param reasons empty when valid; otherwise at least one sentence naming the category, value or
 *     classification that failed
 */
public record LabelValidation(boolean valid, List<String> reasons) {
  /** Checks that {@code valid} agrees with {@code reasons}. */
  public LabelValidation {
    reasons = List.copyOf(reasons);
    if (valid != reasons.isEmpty()) {
      throw new IllegalArgumentException("a valid label has no reasons; an invalid one has some");
    }
  }

  static LabelValidation of(List<String> reasons) {
    return new LabelValidation(reasons.isEmpty(), reasons);
  }
}
