package org.quorate.ejb.audit;

import java.util.List;
import java.util.Objects;
import org.quorate.core.admission.InputRecord;
import org.quorate.core.event.Event;
import org.quorate.core.log.OutcomeCode;
import org.quorate.ejb.log.LogViews;

/**
 * One input put into an audit bundle: its stored record (the projection the database checks
 * compare), its exact DER, the event its signed content holds, and its node-log records.
 *
 * @param record the input's {@code Q_INPUT_RECORD} row as read
 * @param der the exact DER received ({@code Q_INPUT})
 * @param event the signed content, parsed (SPEC §1)
 * @param records its node-log records, by index (SPEC §5)
 */
record GatheredEvent(
    InputRecord record, byte[] der, Event event, List<LogViews.EntryView> records) {

  /**
   * Hashed by the row's id and the event id only (equal gathered events share both; equality is the
   * record's own): a record's hash would hash the parsed content and every log record, and the
   * proposal scope keeps the gathered events in hash sets (7% of an audit of 1,000 attestations,
   * issue 12).
   *
   * @return a hash consistent with {@link #equals}
   */
  @Override
  public int hashCode() {
    return Objects.hash(
        record == null ? null : record.id(), event == null ? null : event.eventId());
  }

  /**
   * @return the first log index (the event's position in the node's order)
   */
  long firstIndex() {
    return records.isEmpty() ? Long.MAX_VALUE : records.get(0).index();
  }

  /**
   * The outcome the node log proves for the input: the last record that is not a replay ({@code
   * duplicate}), as an outcome wire name ({@code admitted}, {@code held}, {@code rejected}, {@code
   * evidence}, {@code void}).
   *
   * @return the outcome, or null when the log holds no such record
   */
  String loggedOutcome() {
    String out = null;
    for (LogViews.EntryView r : records) {
      String o = outcomeOfCode(r.outcomeCode());
      if (o != null && !"duplicate".equals(o)) {
        out = o;
      }
    }
    return out;
  }

  /**
   * @param code a SPEC §5 entry outcome byte
   * @return its outcome wire name ({@link OutcomeCode#recorded()}), or null for another byte
   */
  static String outcomeOfCode(int code) {
    try {
      return OutcomeCode.fromCode(code).recorded();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
