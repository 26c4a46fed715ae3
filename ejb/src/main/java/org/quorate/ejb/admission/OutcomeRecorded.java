package org.quorate.ejb.admission;

import org.quorate.core.admission.InputRecord;
import org.quorate.core.admission.Outcome;

/**
 * CDI event fired synchronously, inside the admitting transaction, for every outcome the ledger
 * records (SPEC §5: one log record per admission outcome, in the node's order). Observers (the node
 * log, the coordination projection) must not throw for bad data: an exception rolls the admission
 * back. Observers after commit ({@code during = AFTER_SUCCESS}, e.g. {@link InputCounters}) read
 * {@link #mission()}, {@link #reasonCode()} and {@link #missionKnown()}, which are fixed when the
 * event is fired: the record itself may have moved on by then (a held input released in the same
 * transaction).
 *
 * @param record the input's record as it stands now
 * @param outcome the outcome recorded ({@code duplicate} for a replay)
 * @param mission the mission the record named when the outcome was recorded, or null
 * @param reasonCode the reason code recorded with the outcome, or null ({@code duplicate} has none)
 * @param missionKnown whether this node had loaded that mission when the outcome was recorded
 */
public record OutcomeRecorded(
    InputRecord record, Outcome outcome, String mission, String reasonCode, boolean missionKnown) {

  /**
   * @param record the input's record as it stands now
   * @param outcome the outcome recorded
   * @param missionKnown whether the record's mission is loaded on this node
   * @return the event, with mission and reason code copied from the record
   */
  public static OutcomeRecorded of(InputRecord record, Outcome outcome, boolean missionKnown) {
    return new OutcomeRecorded(
        record,
        outcome,
        record.mission(),
        outcome == Outcome.DUPLICATE ? null : record.reasonCode(),
        missionKnown);
  }
}
