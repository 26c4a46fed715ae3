package org.quorate.ejb.admission;

import org.quorate.core.admission.InputRecord;
import org.quorate.core.admission.Outcome;

/**
 * CDI event fired synchronously, inside the admitting transaction, for every outcome the ledger
 * records (SPEC §5: one log record per admission outcome, in the node's order). Observers (the node
 * log, the coordination projection) must not throw for bad data: an exception rolls the admission
 * back.
 *
 * @param record the input's record as it stands now
 * @param outcome the outcome recorded ({@code duplicate} for a replay)
 */
public record OutcomeRecorded(InputRecord record, Outcome outcome) {}
