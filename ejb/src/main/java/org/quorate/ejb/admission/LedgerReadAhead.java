package org.quorate.ejb.admission;

import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.logging.Logger;
import org.quorate.core.admission.InputRecord;
import org.quorate.core.admission.LedgerStore;
import org.quorate.core.admission.LoadedMission;
import org.quorate.core.admission.Outcome;
import org.quorate.ejb.store.InLists;
import org.quorate.ejb.store.QuoratePersistence;
import org.quorate.ejb.store.TransactionResources;

/**
 * What {@link JpaLedgerStore} knows of the ledger beyond its queries' answers: per transaction, its
 * {@link UnitOfWork} (the records it inserted or changed, those it read ahead by input id and by
 * event id, the missions it read and locked), and on the ingest writer's thread the node's {@link
 * LedgerOverlay}: when it may be used, how each of its structures is loaded from the database, and
 * its verify switch.
 *
 * <p>The overlay's coordination: a transaction not on the writer thread announces itself before it
 * locks a mission or writes a record, and its end ({@link #beforeWrite}); the writer's transaction
 * drops the overlay when it rolls back, and checks under each mission lock whether it may use it
 * ({@link #locked}).
 */
final class LedgerReadAhead {
  private static final Object TX_KEY = LedgerReadAhead.class.getName() + ".unit-of-work";

  /** Rows read, newest first, to find a chain head (held successors may lie above it). */
  private static final int HEAD_ROWS = 64;

  private static final Logger LOG = Logger.getLogger(LedgerReadAhead.class.getName());

  /** Whether this thread is the ingest writer (the only user of {@link #overlay}). */
  private static final ThreadLocal<Boolean> WRITER = ThreadLocal.withInitial(() -> Boolean.FALSE);

  private final EntityManager em;
  private final TransactionSynchronizationRegistry registry;
  private final LedgerOverlay overlay = new LedgerOverlay();

  /** What one transaction inserted or changed, read ahead, read and locked. */
  static final class UnitOfWork {
    /** Records inserted or changed, by input id, in the order first touched. */
    final Map<String, InputRecord> records = new LinkedHashMap<>();

    /** Missions locked. */
    final Set<String> locked = new HashSet<>();

    /** Records read ahead by {@link #readAheadInputs} (null value: not recorded when read). */
    final Map<String, InputRecord> byInputId = new HashMap<>();

    /** Missions read. */
    final Map<String, Optional<LoadedMission>> missions = new HashMap<>();

    /** Records by event id read ahead by {@link #readAheadEvents}, under the missions' locks. */
    final Map<String, List<InputRecord>> byEvent = new HashMap<>();

    /** Whether the writer's overlay may be used in this transaction (checked at each lock). */
    private boolean overlay;

    /** Whether this transaction (not the writer's) announced itself to the overlay. */
    private boolean foreign;

    /** Whether the writer's rollback hook is registered. */
    private boolean hooked;
  }

  LedgerReadAhead(EntityManager em, TransactionSynchronizationRegistry registry) {
    this.em = em;
    this.registry = registry;
  }

  /**
   * System property {@code quorate.overlay.verify}: when true, every answer the overlay gives is
   * compared with the database's (the queries run anyway) and a difference logged at SEVERE; for
   * tests.
   *
   * @return whether the overlay's answers are verified
   */
  static boolean verifying() {
    return Boolean.getBoolean("quorate.overlay.verify");
  }

  /**
   * Logs at SEVERE an answer of the overlay that differs from the database's ({@link #verifying}).
   *
   * @param what the question, e.g. {@code "held mission signer"}
   * @param kept the overlay's answer
   * @param database the database's
   */
  static void compare(String what, Object kept, Object database) {
    if (!kept.equals(database)) {
      LOG.severe("Ledger overlay differs for " + what + ": " + kept + " != " + database);
    }
  }

  /**
   * @return the calling thread's transaction's unit of work, or null outside a transaction
   */
  UnitOfWork current() {
    return TransactionResources.active(registry)
        ? TransactionResources.resource(registry, TX_KEY, UnitOfWork::new)
        : null;
  }

  /** Marks the calling thread as the ingest writer, the overlay's owner. */
  static void becomeWriter() {
    WRITER.set(Boolean.TRUE);
  }

  /**
   * Called before a transaction locks a mission or writes a record: the writer's transaction
   * registers its rollback hook; any other announces itself to the overlay until it completes.
   *
   * @param t the transaction's unit of work, or null outside a transaction
   */
  void beforeWrite(UnitOfWork t) {
    if (WRITER.get()) {
      if (t != null && !t.hooked) {
        t.hooked = true;
        TransactionResources.afterCompletion(
            registry,
            status -> {
              if (status != jakarta.transaction.Status.STATUS_COMMITTED) {
                overlay.rolledBack();
              }
            });
      }
      return;
    }
    if (t == null) {
      overlay.foreignBegins();
      overlay.foreignEnds();
      return;
    }
    if (!t.foreign) {
      t.foreign = true;
      overlay.foreignBegins();
      try {
        TransactionResources.afterCompletion(registry, status -> overlay.foreignEnds());
      } catch (RuntimeException e) {
        overlay.foreignEnds();
        throw e;
      }
    }
  }

  /**
   * The transaction just locked a mission: under the lock, whatever another transaction wrote of it
   * is committed, so the writer checks whether its overlay may be used.
   *
   * @param t the transaction's unit of work
   */
  void locked(UnitOfWork t) {
    if (WRITER.get()) {
      t.overlay = overlay.check();
    }
  }

  /** Whether the overlay answers in this transaction. */
  private static boolean usable(UnitOfWork t) {
    return t != null && t.overlay && WRITER.get();
  }

  /**
   * A record the transaction inserted or changed: later queries of the transaction are completed
   * with it, and the overlay (when it answers) is kept up to date.
   *
   * @param record the record as it stands now
   */
  void remember(InputRecord record) {
    UnitOfWork t = current();
    if (t != null) {
      t.records.put(record.inputId(), record);
      if (usable(t)) {
        overlay.apply(record);
      }
    }
  }

  /** Completes a structure just loaded into the overlay with this transaction's records. */
  private void applyMine(UnitOfWork t) {
    for (InputRecord r : t.records.values()) {
      overlay.apply(r);
    }
  }

  /** Runs a read-ahead on chunks of ids in this transaction; nothing outside a transaction. */
  private void readAhead(Collection<String> ids, BiConsumer<UnitOfWork, List<String>> chunk) {
    UnitOfWork t = current();
    if (t == null || ids.isEmpty()) {
      return;
    }
    InLists.chunks(ids).forEach(c -> chunk.accept(t, c));
  }

  /** The records whose {@code field} is one of the values (at most {@link InLists#MAX}). */
  private List<InputRecord> recordsWhereIn(String field, List<String> values) {
    return em.createQuery(
            "select r from InputRecord r where r." + field + " in :ids", InputRecord.class)
        .setParameter("ids", values)
        .setFlushMode(FlushModeType.COMMIT)
        .getResultList();
  }

  /**
   * Reads the records of many input ids in one query, so that {@link JpaLedgerStore#byInputId}
   * answers them from memory for the rest of the transaction (a group's inputs: one query instead
   * of one each). An id not recorded now is answered "not recorded" until this transaction records
   * it; the unique input id column refuses a concurrent record of the same bytes (the group is then
   * recorded again input by input).
   *
   * @param inputIds input ids
   */
  void readAheadInputs(Collection<String> inputIds) {
    readAhead(
        inputIds,
        (t, chunk) -> {
          for (String id : chunk) {
            t.byInputId.putIfAbsent(id, null);
          }
          for (InputRecord r : recordsWhereIn("inputId", chunk)) {
            t.byInputId.put(r.inputId(), r);
          }
        });
  }

  /**
   * Reads the records of many event ids in one query, so that {@link JpaLedgerStore#byEventId}
   * answers them from memory for the rest of the transaction. The caller holds the lock of every
   * mission these events name (an event id names its mission), so no other transaction records one
   * of them meanwhile.
   *
   * @param eventIds event ids
   */
  void readAheadEvents(Collection<String> eventIds) {
    readAhead(
        eventIds,
        (t, chunk) -> {
          Map<String, List<InputRecord>> found = new HashMap<>();
          for (InputRecord r : recordsWhereIn("eventId", chunk)) {
            found.computeIfAbsent(r.eventId(), k -> new ArrayList<>()).add(r);
          }
          for (String id : chunk) {
            t.byEvent.putIfAbsent(id, found.getOrDefault(id, new ArrayList<>()));
          }
        });
  }

  /**
   * The overlay's count of held inputs of a mission, or of one signer in it.
   *
   * @param t the transaction's unit of work, or null
   * @param mission a mission name
   * @param signer a signer SPKI hash, or null for the whole mission
   * @return that count, or -1 when the overlay does not answer in this transaction
   */
  long heldOf(UnitOfWork t, String mission, String signer) {
    if (!usable(t)) {
      return -1;
    }
    LedgerOverlay.HeldIndex h = heldIndex(t);
    return signer == null ? h.ofMission(mission) : h.ofSigner(mission, signer);
  }

  /**
   * The overlay's count of held inputs waiting on a key.
   *
   * @param t the transaction's unit of work, or null
   * @param key what they wait on, e.g. {@code event:<id>}
   * @return that count, or -1 when the overlay does not answer in this transaction
   */
  int heldWaitingOn(UnitOfWork t, String key) {
    return usable(t) ? heldIndex(t).waitingOn(key) : -1;
  }

  /** The held index, loaded when absent (the overlay is usable). */
  private LedgerOverlay.HeldIndex heldIndex(UnitOfWork t) {
    LedgerOverlay.HeldIndex h = overlay.held();
    if (h == null) {
      h = new LedgerOverlay.HeldIndex();
      for (Object[] row :
          em.createQuery(
                  "select r.inputId, r.mission, r.signer, r.waitingOn from InputRecord r"
                      + " where r.outcome = :o",
                  Object[].class)
              .setParameter("o", Outcome.HELD.code())
              .setFlushMode(FlushModeType.COMMIT)
              .getResultList()) {
        h.put(
            (String) row[0],
            new LedgerOverlay.HeldRef((String) row[1], (String) row[2], (String) row[3]));
      }
      overlay.putHeld(h);
      applyMine(t);
    }
    return h;
  }

  /**
   * The event ids at a signer's chain position as the overlay's chain head answers them: those of
   * the head at its position, none above it.
   *
   * @param t the transaction's unit of work, or null
   * @param mission a mission name
   * @param signer a signer SPKI hash
   * @param seq a chain position
   * @return those event ids, sorted, or null when the overlay does not answer (not usable, a
   *     position below the head, or a head not found in the newest rows of the signer)
   */
  List<String> chainEventIds(UnitOfWork t, String mission, String signer, long seq) {
    if (!usable(t)) {
      return null;
    }
    LedgerOverlay.Head h = overlay.head(mission, signer);
    if (h == null) {
      h = new LedgerOverlay.Head(Long.MIN_VALUE);
      // Newest positions first, along the chain index (mission, signer, seq; no condition on
      // the outcome, or the planner takes the outcome index and scans the mission): the head is
      // the highest position with a record holding it; held successors above it are skipped.
      // The order names every column of the index: H2 reads an index backwards for an order by
      // only then, and otherwise reads and sorts the signer's whole chain (CHAIN_HEAD_ORDER).
      List<Object[]> rows =
          em.createQuery(
                  "select r.seq, r.inputId, r.eventId, r.outcome, r.reasonCode from InputRecord r"
                      + " where r.mission = :m and r.signer = :s and r.seq is not null"
                      + QuoratePersistence.CHAIN_HEAD_ORDER,
                  Object[].class)
              .setParameter("m", mission)
              .setParameter("s", signer)
              .setFlushMode(FlushModeType.COMMIT)
              .setMaxResults(HEAD_ROWS)
              .getResultList();
      // Complete when every row of the signer was read, or the head's position ended in them.
      boolean complete = rows.size() < HEAD_ROWS;
      for (Object[] row : rows) {
        long at = ((Number) row[0]).longValue();
        if (!h.events.isEmpty() && at < h.seq) {
          complete = true;
          break;
        }
        Outcome outcome = Outcome.valueOf(String.valueOf(row[3]).toUpperCase(Locale.ROOT));
        if (InputRecord.holdsChainPosition(outcome, (String) row[4])) {
          h.seq = at;
          h.events.put((String) row[1], (String) row[2]);
        }
      }
      if (!complete) {
        // Many held successors above the head, or a fork with many branches: asked of the
        // database this time, not kept.
        return null;
      }
      overlay.putHead(mission, signer, h);
      applyMine(t);
      h = overlay.head(mission, signer);
    }
    if (h != null && seq >= h.seq) {
      return seq == h.seq ? new ArrayList<>(new java.util.TreeSet<>(h.events.values())) : List.of();
    }
    return null;
  }

  /**
   * The admitted records of a type the overlay keeps ({@link LedgerOverlay#KEPT_TYPES}).
   *
   * @param t the transaction's unit of work, or null
   * @param mission a mission name
   * @param type an event type wire name
   * @return those records, in arrival order, or null when the overlay does not answer (not usable,
   *     or a type it does not keep)
   */
  List<LedgerStore.Admitted> admittedOfType(UnitOfWork t, String mission, String type) {
    if (!usable(t) || !LedgerOverlay.KEPT_TYPES.contains(type)) {
      return null;
    }
    List<LedgerStore.Admitted> kept = overlay.admitted(mission, type);
    if (kept == null) {
      List<LedgerOverlay.Ref> refs = new ArrayList<>();
      for (Object[] row :
          em.createQuery(
                  "select r.id, r.inputId, r.eventId from InputRecord r where r.mission = :m"
                      + " and r.type = :t and r.outcome = :o order by r.id",
                  Object[].class)
              .setParameter("m", mission)
              .setParameter("t", type)
              .setParameter("o", Outcome.ADMITTED.code())
              .setFlushMode(FlushModeType.COMMIT)
              .getResultList()) {
        refs.add(
            new LedgerOverlay.Ref(
                row[0] == null ? null : ((Number) row[0]).longValue(),
                (String) row[1],
                (String) row[2]));
      }
      overlay.putAdmitted(mission, type, refs);
      applyMine(t);
      kept = overlay.admitted(mission, type);
    }
    return kept;
  }
}
