package org.quorate.core.log;

/**
 * Bytes offered as the signed content of a signed tree head (SPEC §5) are not one: not UTF-8 JSON
 * of exactly the fields {@code mission}, {@code size}, {@code root} and {@code time}, or a field
 * out of range. The message names the field at fault and what was expected.
 */
public final class MalformedTreeHeadException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * @param message one sentence naming the field at fault
   */
  public MalformedTreeHeadException(String message) {
    super(message);
  }
}
