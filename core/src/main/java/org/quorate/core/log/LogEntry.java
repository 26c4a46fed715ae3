package org.quorate.core.log;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * One record of the node log: the outcome of one admission (SPEC §5). Its bytes, which the Merkle
 * tree hashes as a leaf, are exactly {@value #LENGTH} bytes:
 *
 * <pre>
 *   0x01                       version, 1 byte
 *   log index                  uint64 big-endian, 8 bytes
 *   SHA-256 of the DER received 32 bytes
 *   event id                   32 bytes; all zeros if the input has no event id
 *   outcome code               1 byte: 1 admitted, 2 held, 3 rejected, 4 evidence, 5 duplicate, 6 void
 * </pre>
 *
 * <p>Immutable. An event id of 32 zero bytes is the encoding of "no event id" and so is not a valid
 * event id here.
 */
public final class LogEntry {
  /** Length of an encoded entry in bytes. */
  public static final int LENGTH = 74;

  /** The entry version byte. */
  public static final byte VERSION = 0x01;

  private static final int DIGEST_LENGTH = 32;
  private static final byte[] NO_EVENT_ID = new byte[DIGEST_LENGTH];

  private final long logIndex;
  private final byte[] receivedDigest;
  private final byte[] eventId;
  private final OutcomeCode outcome;

  /**
   * @param logIndex the entry's index in the log, {@code >= 0}
   * @param receivedDigest SHA-256 of the DER bytes received, 32 bytes (copied)
   * @param eventId the event id, 32 bytes not all zero (copied); {@code null} if the input has none
   * @param outcome the recorded admission outcome, not null
   * @throws IllegalArgumentException if a length or the index is out of range, or {@code eventId}
   *     is 32 zero bytes
   */
  public LogEntry(long logIndex, byte[] receivedDigest, byte[] eventId, OutcomeCode outcome) {
    if (logIndex < 0) {
      throw new IllegalArgumentException("log index " + logIndex + " is negative");
    }
    if (receivedDigest == null || receivedDigest.length != DIGEST_LENGTH) {
      throw new IllegalArgumentException("SHA-256 of the DER received must be 32 bytes");
    }
    if (eventId != null) {
      if (eventId.length != DIGEST_LENGTH) {
        throw new IllegalArgumentException(
            "event id is " + eventId.length + " bytes, expected " + DIGEST_LENGTH);
      }
      if (Arrays.equals(eventId, NO_EVENT_ID)) {
        throw new IllegalArgumentException("32 zero bytes encode 'no event id'; pass null");
      }
    }
    if (outcome == null) {
      throw new NullPointerException("outcome");
    }
    this.logIndex = logIndex;
    this.receivedDigest = receivedDigest.clone();
    this.eventId = eventId == null ? null : eventId.clone();
    this.outcome = outcome;
  }

  /**
   * Decodes entry bytes strictly: exactly {@value #LENGTH} bytes, version {@code 0x01}, a log index
   * below 2^63 and a known outcome code. The length is checked before anything is read.
   *
   * @param bytes the encoded entry, not null
   * @return the entry; its {@link #encode()} equals {@code bytes}
   * @throws MalformedLogEntryException naming the field at fault
   */
  public static LogEntry decode(byte[] bytes) throws MalformedLogEntryException {
    if (bytes == null) {
      throw new NullPointerException("bytes");
    }
    if (bytes.length != LENGTH) {
      throw new MalformedLogEntryException(
          MalformedLogEntryException.Kind.LENGTH,
          "log entry is " + bytes.length + " bytes, expected " + LENGTH);
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    byte version = in.get();
    if (version != VERSION) {
      throw new MalformedLogEntryException(
          MalformedLogEntryException.Kind.VERSION,
          "log entry version is " + (version & 0xff) + ", expected " + VERSION);
    }
    long logIndex = in.getLong();
    if (logIndex < 0) {
      throw new MalformedLogEntryException(
          MalformedLogEntryException.Kind.LOG_INDEX,
          "log index " + Long.toUnsignedString(logIndex) + " is not below 2^63");
    }
    byte[] receivedDigest = new byte[DIGEST_LENGTH];
    in.get(receivedDigest);
    byte[] eventId = new byte[DIGEST_LENGTH];
    in.get(eventId);
    int code = in.get() & 0xff;
    OutcomeCode outcome;
    try {
      outcome = OutcomeCode.fromCode(code);
    } catch (IllegalArgumentException e) {
      throw new MalformedLogEntryException(
          MalformedLogEntryException.Kind.OUTCOME_CODE,
          "outcome code is " + code + ", expected 1 to 6");
    }
    return new LogEntry(
        logIndex, receivedDigest, Arrays.equals(eventId, NO_EVENT_ID) ? null : eventId, outcome);
  }

  /**
   * @return the {@value #LENGTH} entry bytes laid out as the class comment shows (a new array)
   */
  public byte[] encode() {
    ByteBuffer out = ByteBuffer.allocate(LENGTH);
    out.put(VERSION);
    out.putLong(logIndex);
    out.put(receivedDigest);
    out.put(eventId == null ? NO_EVENT_ID : eventId);
    out.put((byte) outcome.code());
    return out.array();
  }

  /**
   * @return the entry's index in the log, {@code >= 0}
   */
  public long logIndex() {
    return logIndex;
  }

  /**
   * @return a copy of the SHA-256 of the DER received, 32 bytes
   */
  public byte[] receivedDigest() {
    return receivedDigest.clone();
  }

  /**
   * @return a copy of the 32-byte event id, or empty if the input had none
   */
  public Optional<byte[]> eventId() {
    return eventId == null ? Optional.empty() : Optional.of(eventId.clone());
  }

  /**
   * @return the recorded admission outcome
   */
  public OutcomeCode outcome() {
    return outcome;
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof LogEntry)) {
      return false;
    }
    LogEntry that = (LogEntry) other;
    return logIndex == that.logIndex
        && Arrays.equals(receivedDigest, that.receivedDigest)
        && Arrays.equals(eventId, that.eventId)
        && outcome == that.outcome;
  }

  @Override
  public int hashCode() {
    int result = Long.hashCode(logIndex);
    result = 31 * result + Arrays.hashCode(receivedDigest);
    result = 31 * result + Arrays.hashCode(eventId);
    return 31 * result + outcome.hashCode();
  }

  @Override
  public String toString() {
    HexFormat hex = HexFormat.of();
    return "LogEntry[index="
        + logIndex
        + ", received="
        + hex.formatHex(receivedDigest)
        + ", event="
        + (eventId == null ? "none" : hex.formatHex(eventId))
        + ", outcome="
        + outcome
        + "]";
  }
}
