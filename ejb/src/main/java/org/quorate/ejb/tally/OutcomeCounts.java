package org.quorate.ejb.tally;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceProperty;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.quorate.core.admission.InputRecord;
import org.quorate.core.admission.Standing;
import org.quorate.ejb.admission.OutcomeRecorded;
import org.quorate.ejb.store.QuoratePersistence;
import org.quorate.ejb.store.TransactionResources;

/**
 * The durable counters {@code Q_OUTCOME_COUNT}: how many inputs stand at each (mission, outcome,
 * reason code), equal at every commit to grouping {@code Q_INPUT_RECORD} by those three columns.
 *
 * <p>Kept by a synchronous observer of {@link OutcomeRecorded}, which the ledger fires inside the
 * transaction for every record it inserts or changes (admission, replay, release of a held input,
 * expiry, a copy turned duplicate, a fork marked, a CRL voiding, a judgement after an epoch
 * change): the record is moved from where it stood when this transaction read it ({@link
 * InputRecord#loadedStanding()}, set at post-load; nowhere for a record this transaction created)
 * to where it stands now. Moves are summed in memory per transaction on the counter rows it touched
 * (each read once, {@code PESSIMISTIC_WRITE}), so a group of hundreds of inputs writes one row
 * update per counter it changed, at its commit. A counter of a mission is changed by transactions
 * holding the mission's lock, so they queue on it anyway.
 *
 * <p>Readers ({@link #all()}, {@link #ofMission}) read the few counter rows; the first read of a
 * database that predates the counters builds them from the records once ({@link
 * OutcomeCountRows#build}), as does {@link OutcomeCountsStartup} at deployment.
 */
@ApplicationScoped
public class OutcomeCounts {
  private static final Object TX_KEY = OutcomeCounts.class.getName() + ".tx";

  @PersistenceContext(
      unitName = QuoratePersistence.NAME,
      properties = {
        @PersistenceProperty(name = QuoratePersistence.SKIP_MIXED_SYNC_CHECK, value = "false"),
        @PersistenceProperty(name = QuoratePersistence.ALLOW_JOINED_UNSYNC, value = "false")
      })
  private EntityManager em;

  @Resource private TransactionSynchronizationRegistry registry;

  @Inject private OutcomeCountRows rows;

  /** Set once the state row was seen built (committed): it never goes back. */
  private final AtomicBoolean built = new AtomicBoolean();

  /** What one transaction counted. */
  private static final class Tx {
    /** Whether this transaction counts (null: not decided yet). */
    Boolean counting;

    /**
     * Where each record this transaction recorded stands as counted so far: kept with the
     * transaction, not on the record, so that a record instance whose transaction rolled back
     * counts from scratch if a later one records it again.
     */
    final Map<InputRecord, Standing> counted = new IdentityHashMap<>();

    /** Counter rows this transaction locked, by key. */
    final Map<String, OutcomeCountEntity> rows = new HashMap<>();
  }

  /**
   * Moves the record's count from where it stood to where it stands now (nothing for a replay).
   *
   * @param recorded an outcome the ledger just recorded, in its transaction
   */
  void onOutcome(@Observes OutcomeRecorded recorded) {
    Tx tx = tx();
    if (tx == null) {
      return;
    }
    InputRecord r = recorded.record();
    Standing now = r.standing();
    Standing before = tx.counted.get(r);
    if (before == null) {
      before = r.loadedStanding();
    }
    if (now.equals(before)) {
      return;
    }
    tx.counted.put(r, now);
    if (!counting(tx)) {
      return;
    }
    if (before != null) {
      move(tx, before, -1);
    }
    move(tx, now, 1);
  }

  /**
   * Adds to a counter; a counter at 0 is deleted (at flush), and made again if this transaction
   * moves an input back there. Only transactions holding the mission's lock move a mission's
   * records away from a standing (rows without a mission count rejected inputs, which never move):
   * so no other transaction waits on a row this one deletes; one that finds none after it committed
   * creates it again ({@link #row}).
   */
  private void move(Tx tx, Standing s, int delta) {
    OutcomeCountEntity row = row(tx, s);
    row.add(delta);
    if (row.inputs() == 0) {
      em.remove(row);
    } else if (!em.contains(row)) {
      em.persist(row);
    }
  }

  private Tx tx() {
    return TransactionResources.active(registry)
        ? TransactionResources.resource(registry, TX_KEY, Tx::new)
        : null;
  }

  /**
   * Whether this transaction counts: yes once the counters are built. While they are not, it holds
   * the state row's lock until it commits, so that the build groups its records afterwards.
   */
  private boolean counting(Tx tx) {
    if (tx.counting == null) {
      if (built.get()) {
        tx.counting = true;
      } else {
        OutcomeCountsState state = em.find(OutcomeCountsState.class, OutcomeCountsState.ONLY);
        if (state == null) {
          rows.createState();
          state =
              em.find(
                  OutcomeCountsState.class,
                  OutcomeCountsState.ONLY,
                  LockModeType.PESSIMISTIC_WRITE);
        } else if (!state.built()) {
          em.refresh(state, LockModeType.PESSIMISTIC_WRITE);
        }
        if (state == null) {
          throw new IllegalStateException("Q_OUTCOME_COUNT_STATE row could not be created");
        }
        tx.counting = state.built();
        if (state.built()) {
          built.set(true);
        }
      }
    }
    return tx.counting;
  }

  /**
   * The counter row of a standing, locked for this transaction (created, at 0, when absent); the
   * same instance for the rest of the transaction, also once {@link #move} deleted it.
   */
  private OutcomeCountEntity row(Tx tx, Standing s) {
    String key = OutcomeCountEntity.key(s);
    OutcomeCountEntity row = tx.rows.get(key);
    if (row == null) {
      row = em.find(OutcomeCountEntity.class, key, LockModeType.PESSIMISTIC_WRITE);
      // Created when absent; again if another transaction deleted it (at 0) in between.
      for (int tries = 0; row == null && tries < 3; tries++) {
        rows.create(s);
        row = em.find(OutcomeCountEntity.class, key, LockModeType.PESSIMISTIC_WRITE);
      }
      if (row == null) {
        throw new IllegalStateException("Q_OUTCOME_COUNT row " + s + " could not be created");
      }
      tx.rows.put(key, row);
    }
    return row;
  }

  /**
   * Builds the counters from the records if this database has not yet (a no-op once built).
   *
   * @return whether this call built them
   */
  public boolean build() {
    if (built.get()) {
      return false;
    }
    rows.createState();
    boolean did = rows.build();
    built.set(true);
    return did;
  }

  /**
   * @return every counter that is not 0, by mission (none first), outcome and reason code (none
   *     first)
   */
  public Map<Standing, Long> all() {
    build();
    return read(
        em.createQuery(
            "select c from OutcomeCountEntity c where c.inputs <> 0", OutcomeCountEntity.class));
  }

  /**
   * @param mission a mission name
   * @return its counters that are not 0, by outcome and reason code (none first)
   */
  public Map<Standing, Long> ofMission(String mission) {
    build();
    return read(
        em.createQuery(
                "select c from OutcomeCountEntity c where c.mission = :m and c.inputs <> 0",
                OutcomeCountEntity.class)
            .setParameter("m", mission));
  }

  /** A counter that differs from the records: where, what the records count, what it says. */
  public record Difference(Standing standing, long records, long counter) {}

  /**
   * The database self-check of the counters: compares every counter with grouping the records, in
   * one SQL statement (one snapshot of both, so it is right while inputs are being recorded). Reads
   * every record: O(records), unlike the counters themselves.
   *
   * @return the counters that differ from the records (empty when they all agree)
   */
  public List<Difference> differences() {
    build();
    List<Difference> out = new java.util.ArrayList<>();
    for (Object o :
        em.createNativeQuery(
                "select MISSION, OUTCOME, REASON_CODE, sum(N), sum(C) from (select MISSION,"
                    + " OUTCOME, REASON_CODE, cast(1 as bigint) N, cast(0 as bigint) C"
                    + " from Q_INPUT_RECORD union all select MISSION, OUTCOME, REASON_CODE,"
                    + " cast(0 as bigint), INPUTS from Q_OUTCOME_COUNT) x"
                    + " group by MISSION, OUTCOME, REASON_CODE having sum(N) <> sum(C)")
            .getResultList()) {
      Object[] row = (Object[]) o;
      out.add(
          new Difference(
              new Standing((String) row[0], (String) row[1], (String) row[2]),
              ((Number) row[3]).longValue(),
              ((Number) row[4]).longValue()));
    }
    return out;
  }

  private static Map<Standing, Long> read(TypedQuery<OutcomeCountEntity> q) {
    List<OutcomeCountEntity> found = q.getResultList();
    Map<Standing, Long> out = new LinkedHashMap<>();
    found.stream()
        .sorted(
            java.util.Comparator.comparing(
                    (OutcomeCountEntity c) -> c.standing().mission(),
                    java.util.Comparator.nullsFirst(String::compareTo))
                .thenComparing(c -> c.standing().outcome())
                .thenComparing(
                    c -> c.standing().reasonCode(),
                    java.util.Comparator.nullsFirst(String::compareTo)))
        .forEach(c -> out.put(c.standing(), c.inputs()));
    return out;
  }
}
