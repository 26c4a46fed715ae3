package org.quorate.ejb.tally;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The one row saying whether {@code Q_OUTCOME_COUNT} has been built from the records ({@link
 * OutcomeCountRows#build}). A database that predates the counters has no row; the first transaction
 * that needs it creates it unbuilt. While it is unbuilt, transactions that change outcomes lock it
 * and count nothing; the build locks it, so it counts their records once they committed. Once built
 * it stays built, and counting transactions no longer lock it.
 */
@Entity
@Table(name = "Q_OUTCOME_COUNT_STATE")
public class OutcomeCountsState {
  /** The only row's id. */
  static final int ONLY = 1;

  @Id
  @Column(name = "ID")
  private int id;

  @Column(name = "BUILT", nullable = false)
  private boolean built;

  /** When the counters were built from the records, epoch milliseconds; 0 while unbuilt. */
  @Column(name = "BUILT_MS", nullable = false)
  private long builtMillis;

  /** For JPA. */
  protected OutcomeCountsState() {}

  /** The row of a database whose counters are not built yet. */
  static OutcomeCountsState unbuilt() {
    OutcomeCountsState s = new OutcomeCountsState();
    s.id = ONLY;
    return s;
  }

  /**
   * @return whether the counters hold every record's standing
   */
  boolean built() {
    return built;
  }

  /**
   * @param now epoch milliseconds
   */
  void built(long now) {
    built = true;
    builtMillis = now;
  }
}
