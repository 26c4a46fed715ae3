package org.quorate.ejb.portal;

/**
 * Which inputs a paged listing shows; null fields do not filter.
 *
 * @param mission the mission named (required)
 * @param member member id, exact
 * @param outcome outcome wire name, exact
 * @param reasonCode reason code, exact
 * @param type event type, exact
 * @param subject text in the signer's certificate subject (case-insensitive)
 */
public record InputFilter(
    String mission, String member, String outcome, String reasonCode, String type, String subject) {

  /**
   * @param mission the mission
   * @return a filter of every input naming it
   */
  public static InputFilter of(String mission) {
    return new InputFilter(mission, null, null, null, null, null);
  }
}
