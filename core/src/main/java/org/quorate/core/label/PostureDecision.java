package org.quorate.core.label;

import java.util.Objects;
import org.quorate.core.reason.ReasonCode;

/**
 * The outcome of a label decision of SPEC §6 (posture admission, releasability, the composite rule
 * for a cross-mission reference): admitted, or refused with a reason code of SPEC §2 ({@link
 * ReasonCode#ABOVE_POSTURE}, {@link ReasonCode#NOT_RELEASABLE} or {@link
 * ReasonCode#REFERENCE_NOT_ADMISSIBLE}), the member or category that failed and a sentence for
 * people.
 *
 * @param admitted true when the label passes
 * @param reason null when admitted
 * @param failed null when admitted; else what failed: a member id (e.g. {@code CHE}), a category
 *     and value (e.g. {@code Additional Sensitivity ATOMAL}), a category (e.g. {@code Releasable
 *     To}), the classification, {@code policy} or {@code label} (label invalid under the policy)
 * @param sentence null when admitted; else one English sentence naming {@code failed}
 */
public record PostureDecision(boolean admitted, ReasonCode reason, String failed, String sentence) {
  private static final PostureDecision ADMITTED = new PostureDecision(true, null, null, null);

  /** Checks that the fields agree with {@code admitted}. */
  public PostureDecision {
    if (admitted != (reason == null)
        || admitted != (failed == null)
        || admitted != (sentence == null)) {
      throw new IllegalArgumentException("an admitted decision has no reason, a refusal has all");
    }
  }

  /**
   * @return the admitted decision
   */
  public static PostureDecision admit() {
    return ADMITTED;
  }

  /**
   * @param reason the reason code
   * @param failed the member or category that failed
   * @param sentence a sentence naming it
   * @return a refusal
   */
  public static PostureDecision refuse(ReasonCode reason, String failed, String sentence) {
    return new PostureDecision(
        false,
        Objects.requireNonNull(reason),
        Objects.requireNonNull(failed),
        Objects.requireNonNull(sentence));
  }
}
