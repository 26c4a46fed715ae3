package org.quorate.core.label;

/**
 * A label, SPIF or group table could not be read: not well-formed, wrong namespace or element,
 * missing field, unknown JSON field, or over a size cap. The message names what was wrong.
 */
public class LabelFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what was wrong
   */
  public LabelFormatException(String message) {
    super(message);
  }

  /**
   * @param message what was wrong
   * @param cause the parser's error
   */
  public LabelFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
