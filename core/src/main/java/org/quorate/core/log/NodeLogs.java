package org.quorate.core.log;

import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How the node log (SPEC §5) is fed from admission records, independent of storage: which log a
 * record goes to and the {@link LogEntry} of one recorded outcome, built from the record's ids.
 *
 * <p>Each mission has its own log, named by the mission name; inputs that name no mission (or name
 * something that is no mission name, e.g. content that did not parse) go to the node-wide log
 * {@value #QUARANTINE}. Mission names never start with {@code _}, so the names cannot collide.
 */
public final class NodeLogs {
  /** Name of the node-wide log of inputs that name no mission. */
  public static final String QUARANTINE = "_quarantine";

  /** A mission name (SPEC §1, as the genesis and event parsers accept it). */
  private static final Pattern MISSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private static final Pattern ID = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final String PREFIX = "sha256:";
  private static final byte[] NO_EVENT_ID = new byte[Rfc9162Hasher.HASH_LENGTH];

  private NodeLogs() {}

  /**
   * @param mission the mission a record names, or null
   * @return the log its entries go to: the mission, or {@value #QUARANTINE}
   */
  public static String logOf(String mission) {
    return mission != null && MISSION.matcher(mission).matches() ? mission : QUARANTINE;
  }

  /**
   * Builds the entry of one recorded outcome.
   *
   * @param index the entry's log index, {@code >= 0}
   * @param inputId the input id, {@code sha256:} + 64 lower-case hex digits (SHA-256 of the DER)
   * @param eventId the event id in the same form, or null; any other value is logged as none
   * @param outcomeCode the outcome byte, 1 to 6 ({@code Outcome.logCode()})
   * @return the entry, or empty when {@code inputId} is not of that form (nothing to log)
   * @throws IllegalArgumentException if {@code index} is negative or the code unknown
   */
  public static Optional<LogEntry> entry(
      long index, String inputId, String eventId, int outcomeCode) {
    if (inputId == null || !ID.matcher(inputId).matches()) {
      return Optional.empty();
    }
    byte[] event = null;
    if (eventId != null && ID.matcher(eventId).matches()) {
      event = digest(eventId);
      if (java.util.Arrays.equals(event, NO_EVENT_ID)) {
        event = null;
      }
    }
    return Optional.of(
        new LogEntry(index, digest(inputId), event, OutcomeCode.fromCode(outcomeCode)));
  }

  /**
   * @param id an id of the form {@code sha256:} + 64 lower-case hex digits
   * @return whether it is one
   */
  public static boolean isId(String id) {
    return id != null && ID.matcher(id).matches();
  }

  private static byte[] digest(String id) {
    return HexFormat.of().parseHex(id, PREFIX.length(), id.length());
  }
}
