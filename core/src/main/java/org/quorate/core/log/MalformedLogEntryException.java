package org.quorate.core.log;

/**
 * Bytes offered as a SPEC §5 log entry are not one. The {@link Kind} names the field at fault; the
 * message gives the value found and the value expected.
 */
public final class MalformedLogEntryException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Which field of the entry is wrong. */
  public enum Kind {
    /** The entry is not exactly {@value LogEntry#LENGTH} bytes. */
    LENGTH,
    /** The first byte is not the entry version {@code 0x01}. */
    VERSION,
    /** The uint64 log index is 2^63 or more, which no log reaches. */
    LOG_INDEX,
    /** The last byte is not an outcome code 1 to 6. */
    OUTCOME_CODE
  }

  private final Kind kind;

  /**
   * @param kind the field at fault
   * @param message one sentence naming the value found and the one expected
   */
  public MalformedLogEntryException(Kind kind, String message) {
    super(message);
    if (kind == null) {
      throw new NullPointerException("kind");
    }
    this.kind = kind;
  }

  /**
   * @return the field at fault, never null
   */
  public Kind kind() {
    return kind;
  }
}
