package org.quorate.core.quorum;

import java.util.List;

/**
 * A quorum policy (SPEC §3) could not be parsed or is refused for a roster. Carries every reason
 * found, one sentence each, so an operator fixes all at once.
 */
public class PolicyException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The reasons; immutable, not empty. */
  private final transient List<String> reasons;

  /**
   * @param reasons one sentence per problem, not empty
   */
  public PolicyException(List<String> reasons) {
    super(String.join("; ", reasons));
    this.reasons = List.copyOf(reasons);
  }

  /**
   * @return every reason, one sentence each
   */
  public List<String> reasons() {
    return reasons;
  }
}
