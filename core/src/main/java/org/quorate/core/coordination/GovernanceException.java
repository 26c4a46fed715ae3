package org.quorate.core.coordination;

/**
 * A governance action that is malformed or does not apply to the roster epoch of its proposal (SPEC
 * §1 governance actions); the message says why, for the decision's "not applied" line.
 */
public class GovernanceException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * @param message why the action does not apply
   */
  public GovernanceException(String message) {
    super(message);
  }
}
