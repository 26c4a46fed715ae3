package org.quorate.ejb.tally;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.PersistenceProperty;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.quorate.core.admission.Standing;
import org.quorate.ejb.store.QuoratePersistence;

/**
 * The counters' rows that are created or rebuilt in a transaction of their own: the state row and a
 * new counter row (the loser of an insert race finds the winner's row once its own, empty,
 * transaction rolled back, as {@link org.quorate.ejb.log.LogStates} does), and the one build of
 * every counter from the records.
 */
@Stateless
public class OutcomeCountRows {
  private static final Logger LOG = Logger.getLogger(OutcomeCountRows.class.getName());

  @PersistenceContext(
      unitName = QuoratePersistence.NAME,
      properties = {
        @PersistenceProperty(name = QuoratePersistence.SKIP_MIXED_SYNC_CHECK, value = "false"),
        @PersistenceProperty(name = QuoratePersistence.ALLOW_JOINED_UNSYNC, value = "false")
      })
  private EntityManager em;

  /** Makes sure the state row exists (committed when this returns, by this call or another). */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void createState() {
    if (em.find(OutcomeCountsState.class, OutcomeCountsState.ONLY) != null) {
      return;
    }
    try {
      em.persist(OutcomeCountsState.unbuilt());
      em.flush();
    } catch (PersistenceException e) {
      // Another transaction created it first; this (empty) transaction is rolled back.
    }
  }

  /**
   * Makes sure a counter row exists, counting 0 when this call creates it (committed when this
   * returns, by this call or another).
   *
   * @param standing what the row counts
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void create(Standing standing) {
    if (em.find(OutcomeCountEntity.class, OutcomeCountEntity.key(standing)) != null) {
      return;
    }
    try {
      em.persist(new OutcomeCountEntity(standing, 0));
      em.flush();
    } catch (PersistenceException e) {
      // Another transaction created it first; this (empty) transaction is rolled back.
    }
  }

  /**
   * Builds every counter from the records, once: under the state row's lock (which every
   * transaction changing outcomes meanwhile holds until it commits, see {@link
   * OutcomeCountsState}), so the records grouped are all committed and no transaction counts on top
   * of them unseen. Call {@link #createState()} first.
   *
   * @return whether this call built them (false: already built)
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public boolean build() {
    OutcomeCountsState state =
        em.find(OutcomeCountsState.class, OutcomeCountsState.ONLY, LockModeType.PESSIMISTIC_WRITE);
    if (state == null) {
      throw new IllegalStateException("Q_OUTCOME_COUNT_STATE has no row: call createState first");
    }
    if (state.built()) {
      return false;
    }
    long started = System.nanoTime();
    // Rows left by nothing we know of: the build is the only writer while unbuilt.
    em.createQuery("delete from OutcomeCountEntity c").executeUpdate();
    long records = 0;
    int rows = 0;
    for (Object[] row :
        em.createQuery(
                "select r.mission, r.outcome, r.reasonCode, count(r) from InputRecord r"
                    + " group by r.mission, r.outcome, r.reasonCode",
                Object[].class)
            .getResultList()) {
      long n = ((Number) row[3]).longValue();
      em.persist(
          new OutcomeCountEntity(
              new Standing((String) row[0], (String) row[1], (String) row[2]), n));
      records += n;
      rows++;
    }
    state.built(System.currentTimeMillis());
    LOG.log(
        Level.INFO,
        "Outcome counters built from {0} records: {1} counters in {2} ms",
        new Object[] {records, rows, (System.nanoTime() - started) / 1_000_000});
    return true;
  }
}
