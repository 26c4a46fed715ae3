package org.quorate.core.admission;

/**
 * Told of every outcome the ledger records, in the node's order, inside the same transaction: the
 * node log (SPEC §5) appends one entry per call. A held input later released is told twice; a
 * replay of the very same bytes is told with {@link Outcome#DUPLICATE}.
 */
@FunctionalInterface
public interface OutcomeListener {
  /** Listens to nothing. */
  OutcomeListener NONE = (record, outcome) -> {};

  /**
   * @param record the record as it stands now
   * @param outcome the outcome to log (the record's, or {@code DUPLICATE} for a replay)
   */
  void recorded(InputRecord record, Outcome outcome);

  /**
   * Told, inside the same transaction, when the roster epochs the events held make changed (SPEC §3
   * "Governance"), after the ledger took the new epochs and before it judges again what they
   * concern. Does nothing unless overridden.
   *
   * @param mission the mission whose epochs changed
   */
  default void epochsChanged(String mission) {}
}
