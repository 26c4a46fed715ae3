package org.quorate.core.mission;

/**
 * A genesis document was refused: not JSON of SPEC §1, a field missing or malformed, an unreadable
 * trust anchor. The message is one sentence for the operator.
 */
public class GenesisException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what is wrong, naming the field
   */
  public GenesisException(String message) {
    super(message);
  }
}
