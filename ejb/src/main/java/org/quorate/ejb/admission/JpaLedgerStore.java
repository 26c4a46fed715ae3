package org.quorate.ejb.admission;

import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.quorate.core.admission.InputRecord;
import org.quorate.core.admission.LedgerStore;
import org.quorate.core.admission.LoadedMission;
import org.quorate.core.admission.Outcome;
import org.quorate.core.reason.ReasonCode;
import org.quorate.ejb.store.InLists;
import org.quorate.ejb.store.InputBytes;
import org.quorate.ejb.store.MissionEntity;

/**
 * {@link LedgerStore} over JPA (EclipseLink), inside the caller's JTA transaction. The entity
 * manager is the container's transaction-scoped proxy, so one instance serves every thread. The
 * mission lock is a {@code PESSIMISTIC_WRITE} lock on the mission row (H2 and PostgreSQL alike),
 * taken once per transaction.
 *
 * <p>Group commit records hundreds of inputs in one transaction. EclipseLink (no weaving, so
 * deferred change detection) flushes before every query by default and compares every entity of the
 * transaction with its copy to do so: one query per stage per input made a group quadratic in its
 * size. So the ledger's queries run with {@link FlushModeType#COMMIT} (nothing is written before
 * the commit) and their answers are completed from the records this transaction inserted or changed
 * ({@link #insert}, {@link #update}), kept in the transaction's {@link LedgerReadAhead.UnitOfWork}:
 * a record is answered when it matches the query as it stands in memory, whatever the database
 * still says.
 *
 * <p>{@link LedgerReadAhead} holds what is answered without a query: the records a group read ahead
 * ({@link #prefetch}, {@link #prefetchEvents}) and, on the ingest writer's thread, the {@link
 * LedgerOverlay} of the stateful stages (chain heads, the delivered-CRL set, the held index), with
 * its verify switch {@code -Dquorate.overlay.verify=true}.
 */
final class JpaLedgerStore implements LedgerStore {
  /**
   * {@link InputRecord#holdsChainPosition()} in JPQL, over {@code r} with the parameters of {@link
   * #chainPositionParameters}.
   */
  private static final String HOLDS_CHAIN_POSITION =
      "(r.outcome in :chainOutcomes or (r.outcome = :refused and r.reasonCode = :staleEpoch))";

  private static <T> TypedQuery<T> chainPositionParameters(TypedQuery<T> q) {
    return q.setParameter(
            "chainOutcomes", List.of(Outcome.ADMITTED.code(), Outcome.EVIDENCE.code()))
        .setParameter("refused", Outcome.REJECTED.code())
        .setParameter("staleEpoch", ReasonCode.STALE_EPOCH.code());
  }

  private final EntityManager em;
  private final LedgerReadAhead readAhead;

  JpaLedgerStore(EntityManager em, TransactionSynchronizationRegistry registry) {
    this.em = em;
    this.readAhead = new LedgerReadAhead(em, registry);
  }

  /** This transaction's unit of work, or null outside a transaction. */
  private LedgerReadAhead.UnitOfWork unitOfWork() {
    return readAhead.current();
  }

  /**
   * Runs a query without flushing and completes it from this transaction's records.
   *
   * @param q the query (its JPQL must select what {@code matches} accepts)
   * @param matches the query's condition on a record as it stands in memory
   * @return the matching records, in arrival order
   */
  private List<InputRecord> merged(TypedQuery<InputRecord> q, Predicate<InputRecord> matches) {
    LedgerReadAhead.UnitOfWork t = unitOfWork();
    if (t == null) {
      return q.getResultList();
    }
    q.setFlushMode(FlushModeType.COMMIT);
    return merged(t, q.getResultList(), matches);
  }

  /** Rows the database answered, completed from this transaction's records. */
  private static List<InputRecord> merged(
      LedgerReadAhead.UnitOfWork t, List<InputRecord> rows, Predicate<InputRecord> matches) {
    Map<String, InputRecord> out = new HashMap<>();
    for (InputRecord r : rows) {
      // A row the database still shows may have changed in this transaction: judged as it is now.
      if (matches.test(r)) {
        out.put(r.inputId(), r);
      }
    }
    for (InputRecord r : t.records.values()) {
      if (matches.test(r)) {
        out.put(r.inputId(), r);
      }
    }
    List<InputRecord> list = new ArrayList<>(out.values());
    list.sort(Comparator.comparing(InputRecord::id, Comparator.nullsLast(Long::compareTo)));
    return list;
  }

  @Override
  public void lockMission(String mission) {
    if (mission == null) {
      return;
    }
    LedgerReadAhead.UnitOfWork t = unitOfWork();
    readAhead.beforeWrite(t);
    if (t == null || t.locked.add(mission)) {
      em.find(MissionEntity.class, mission, LockModeType.PESSIMISTIC_WRITE);
      if (t != null) {
        readAhead.locked(t);
      }
    }
  }

  /** Marks the calling thread as the ingest writer, the overlay's owner. */
  static void becomeWriter() {
    LedgerReadAhead.becomeWriter();
  }

  @Override
  public void activate(String mission) {
    readAhead.beforeWrite(unitOfWork());
    MissionEntity m = em.find(MissionEntity.class, mission);
    if (m != null) {
      m.activate();
    }
    LedgerReadAhead.UnitOfWork t = unitOfWork();
    if (t != null) {
      t.missions.remove(mission);
    }
  }

  @Override
  public Optional<LoadedMission> mission(String name) {
    LedgerReadAhead.UnitOfWork t = unitOfWork();
    if (t == null) {
      return loadMission(name);
    }
    Optional<LoadedMission> m = t.missions.get(name);
    if (m == null) {
      m = loadMission(name);
      if (m.isPresent()) {
        // A mission absent now may be loaded later in this transaction: not remembered.
        t.missions.put(name, m);
      }
    }
    return m;
  }

  private Optional<LoadedMission> loadMission(String name) {
    return Optional.ofNullable(em.find(MissionEntity.class, name))
        .map(
            m ->
                new LoadedMission(
                    m.name(),
                    m.genesisId(),
                    m.genesis(),
                    MissionEntity.PENDING.equals(m.status())));
  }

  @Override
  public Optional<InputRecord> byInputId(String inputId) {
    LedgerReadAhead.UnitOfWork t = unitOfWork();
    if (t != null) {
      InputRecord mine = t.records.get(inputId);
      if (mine != null) {
        return Optional.of(mine);
      }
      if (t.byInputId.containsKey(inputId)) {
        return Optional.ofNullable(t.byInputId.get(inputId));
      }
    }
    TypedQuery<InputRecord> q =
        em.createQuery("select r from InputRecord r where r.inputId = :i", InputRecord.class)
            .setParameter("i", inputId);
    if (t != null) {
      q.setFlushMode(FlushModeType.COMMIT);
    }
    return q.getResultList().stream().findFirst();
  }

  /**
   * Reads ahead the records of many input ids in one query ({@link
   * LedgerReadAhead#readAheadInputs}): {@link #byInputId} answers them from memory for the rest of
   * the transaction.
   *
   * @param inputIds input ids
   */
  void prefetch(java.util.Collection<String> inputIds) {
    readAhead.readAheadInputs(inputIds);
  }

  /**
   * Reads ahead the records of many event ids in one query ({@link
   * LedgerReadAhead#readAheadEvents}), under the lock of every mission they name: {@link
   * #byEventId} answers them from memory for the rest of the transaction.
   *
   * @param eventIds event ids
   */
  void prefetchEvents(java.util.Collection<String> eventIds) {
    readAhead.readAheadEvents(eventIds);
  }

  @Override
  public byte[] bytes(String inputId) {
    return em.find(InputBytes.class, inputId).der();
  }

  @Override
  public void insert(InputRecord record, byte[] der) {
    readAhead.beforeWrite(unitOfWork());
    em.persist(new InputBytes(record.inputId(), der));
    em.persist(record);
    readAhead.remember(record);
  }

  @Override
  public void countReplay(InputRecord record) {
    readAhead.beforeWrite(unitOfWork());
    // One UPDATE in the database: concurrent replays of the same bytes all count.
    em.createQuery("update InputRecord r set r.replays = r.replays + 1 where r.inputId = :i")
        .setParameter("i", record.inputId())
        .executeUpdate();
  }

  @Override
  public void update(InputRecord record) {
    readAhead.beforeWrite(unitOfWork());
    // Managed: changes are written at the commit; queries of this transaction see them through
    // the overlay.
    readAhead.remember(record);
  }

  @Override
  public List<String> chainEventIds(String mission, String signer, long seq) {
    List<String> kept = readAhead.chainEventIds(unitOfWork(), mission, signer, seq);
    if (kept == null) {
      return LedgerStore.super.chainEventIds(mission, signer, seq);
    }
    if (LedgerReadAhead.verifying()) {
      LedgerReadAhead.compare(
          "chain " + mission + " " + signer + " " + seq,
          new java.util.TreeSet<>(kept),
          new java.util.TreeSet<>(LedgerStore.super.chainEventIds(mission, signer, seq)));
    }
    return kept;
  }

  @Override
  public List<Admitted> admittedOfType(String mission, String type) {
    List<Admitted> kept = readAhead.admittedOfType(unitOfWork(), mission, type);
    if (kept == null) {
      return LedgerStore.super.admittedOfType(mission, type);
    }
    if (LedgerReadAhead.verifying()) {
      LedgerReadAhead.compare(
          "admitted " + mission + " " + type,
          new HashSet<>(kept),
          new HashSet<>(LedgerStore.super.admittedOfType(mission, type)));
    }
    return kept;
  }

  @Override
  public List<InputRecord> waitingOn(String key) {
    int kept = readAhead.heldWaitingOn(unitOfWork(), key);
    if (kept == 0 && !LedgerReadAhead.verifying()) {
      return List.of();
    }
    List<InputRecord> out =
        merged(
            em.createQuery(
                    "select r from InputRecord r where r.waitingOn = :k and r.outcome = :o"
                        + " order by r.id",
                    InputRecord.class)
                .setParameter("k", key)
                .setParameter("o", Outcome.HELD.code()),
            r -> r.outcome() == Outcome.HELD && key.equals(r.waitingOn()));
    if (LedgerReadAhead.verifying() && kept >= 0) {
      LedgerReadAhead.compare("waiting on " + key, kept, out.size());
    }
    return out;
  }

  @Override
  public List<InputRecord> held() {
    return merged(
        em.createQuery(
                "select r from InputRecord r where r.outcome = :o order by r.id", InputRecord.class)
            .setParameter("o", Outcome.HELD.code()),
        r -> r.outcome() == Outcome.HELD);
  }

  @Override
  public boolean heldAtLeast(String mission, long limit) {
    LedgerReadAhead.UnitOfWork t = unitOfWork();
    if (!LedgerReadAhead.verifying()) {
      long kept = readAhead.heldOf(t, mission, null);
      if (kept >= 0) {
        return kept >= limit;
      }
    }
    if (t == null) {
      return heldCount(mission) >= limit;
    }
    long inDatabase =
        em.createQuery(
                "select count(r) from InputRecord r where r.mission = :m and r.outcome = :o",
                Long.class)
            .setParameter("m", mission)
            .setParameter("o", Outcome.HELD.code())
            .setFlushMode(FlushModeType.COMMIT)
            .getSingleResult();
    long heldHere = 0;
    for (InputRecord r : t.records.values()) {
      if (r.outcome() == Outcome.HELD && mission.equals(r.mission())) {
        heldHere++;
      }
    }
    // At most what the database counts plus what is held here: below the limit, no exact count.
    return inDatabase + heldHere >= limit && heldCount(mission) >= limit;
  }

  @Override
  public long heldCount(String mission) {
    return heldCountOf(mission, null);
  }

  @Override
  public long heldCount(String mission, String signer) {
    return heldCountOf(mission, signer);
  }

  /** Held inputs of a mission (and of one signer when not null), this transaction's included. */
  private long heldCountOf(String mission, String signer) {
    String bySigner = signer == null ? "" : " and r.signer = :s";
    jakarta.persistence.TypedQuery<Long> q =
        em.createQuery(
                "select count(r) from InputRecord r where r.mission = :m and r.outcome = :o"
                    + bySigner,
                Long.class)
            .setParameter("m", mission)
            .setParameter("o", Outcome.HELD.code());
    if (signer != null) {
      q.setParameter("s", signer);
    }
    LedgerReadAhead.UnitOfWork t = unitOfWork();
    long kept = readAhead.heldOf(t, mission, signer);
    if (kept >= 0 && !LedgerReadAhead.verifying()) {
      return kept;
    }
    long counted = heldCountCounted(q, t, mission, signer);
    if (kept >= 0) {
      LedgerReadAhead.compare("held " + mission + " " + signer, kept, counted);
    }
    return counted;
  }

  private long heldCountCounted(
      TypedQuery<Long> q, LedgerReadAhead.UnitOfWork t, String mission, String signer) {
    if (t == null || t.records.isEmpty()) {
      return q.getSingleResult();
    }
    long inDatabase = q.setFlushMode(FlushModeType.COMMIT).getSingleResult();
    // The database does not see this transaction's records: those it counts that are no longer
    // held here are subtracted, those held here that it does not count added.
    List<String> mine = new ArrayList<>();
    for (InputRecord r : t.records.values()) {
      if (mission.equals(r.mission()) && (signer == null || signer.equals(r.signer()))) {
        mine.add(r.inputId());
      }
    }
    if (mine.isEmpty()) {
      return inDatabase;
    }
    Set<String> heldThere = new HashSet<>();
    InLists.chunks(mine)
        .forEach(
            chunk ->
                heldThere.addAll(
                    em.createQuery(
                            "select r.inputId from InputRecord r where r.mission = :m"
                                + " and r.outcome = :o and r.inputId in :ids",
                            String.class)
                        .setParameter("m", mission)
                        .setParameter("o", Outcome.HELD.code())
                        .setParameter("ids", chunk)
                        .setFlushMode(FlushModeType.COMMIT)
                        .getResultList()));
    long count = inDatabase;
    for (String id : mine) {
      boolean heldHere = t.records.get(id).outcome() == Outcome.HELD;
      if (heldHere && !heldThere.contains(id)) {
        count++;
      } else if (!heldHere && heldThere.contains(id)) {
        count--;
      }
    }
    return count;
  }

  @Override
  public List<InputRecord> byEventId(String eventId) {
    LedgerReadAhead.UnitOfWork t = unitOfWork();
    List<InputRecord> read = t == null ? null : t.byEvent.get(eventId);
    if (read != null) {
      return merged(t, read, r -> eventId.equals(r.eventId()));
    }
    TypedQuery<InputRecord> q =
        em.createQuery(
                "select r from InputRecord r where r.eventId = :e order by r.id", InputRecord.class)
            .setParameter("e", eventId);
    if (t == null) {
      return q.getResultList();
    }
    List<InputRecord> rows = q.setFlushMode(FlushModeType.COMMIT).getResultList();
    if (!rows.isEmpty() && rows.stream().allMatch(r -> t.locked.contains(r.mission()))) {
      // The event's mission is locked by this transaction: no other records it until the commit,
      // so the rows read stand for the rest of it (a released input's copies, asked twice).
      t.byEvent.put(eventId, rows);
    }
    return merged(t, rows, r -> eventId.equals(r.eventId()));
  }

  @Override
  public List<InputRecord> chainAt(String mission, String signer, long seq) {
    return merged(
        chainPositionParameters(
            em.createQuery(
                    "select r from InputRecord r where r.mission = :m and r.signer = :s"
                        + " and r.seq = :q and "
                        + HOLDS_CHAIN_POSITION
                        + " order by r.id",
                    InputRecord.class)
                .setParameter("m", mission)
                .setParameter("s", signer)
                .setParameter("q", seq)),
        r -> at(r, mission, signer, seq) && r.holdsChainPosition());
  }

  @Override
  public List<InputRecord> chainWaiting(String mission, String signer, long seq) {
    return merged(
        em.createQuery(
                "select r from InputRecord r where r.mission = :m and r.signer = :s and r.seq = :q"
                    + " and r.outcome = :o order by r.id",
                InputRecord.class)
            .setParameter("m", mission)
            .setParameter("s", signer)
            .setParameter("q", seq)
            .setParameter("o", Outcome.HELD.code()),
        r -> at(r, mission, signer, seq) && r.outcome() == Outcome.HELD);
  }

  private static boolean at(InputRecord r, String mission, String signer, long seq) {
    return mission.equals(r.mission())
        && signer.equals(r.signer())
        && r.seq() != null
        && r.seq() == seq;
  }

  @Override
  public List<InputRecord> admitted(String mission, String type) {
    return merged(
        em.createQuery(
                "select r from InputRecord r where r.mission = :m and r.type = :t"
                    + " and r.outcome = :o order by r.id",
                InputRecord.class)
            .setParameter("m", mission)
            .setParameter("t", type)
            .setParameter("o", Outcome.ADMITTED.code()),
        r ->
            mission.equals(r.mission())
                && type.equals(r.type())
                && r.outcome() == Outcome.ADMITTED);
  }

  @Override
  public List<InputRecord> admittedBy(String mission, String credential) {
    return merged(
        em.createQuery(
                "select r from InputRecord r where r.mission = :m and r.credential = :c"
                    + " and r.outcome = :o order by r.id",
                InputRecord.class)
            .setParameter("m", mission)
            .setParameter("c", credential)
            .setParameter("o", Outcome.ADMITTED.code()),
        r ->
            mission.equals(r.mission())
                && credential.equals(r.credential())
                && r.outcome() == Outcome.ADMITTED);
  }

  @Override
  public List<InputRecord> withOutcome(String mission, Outcome outcome) {
    return merged(
        em.createQuery(
                "select r from InputRecord r where r.mission = :m and r.outcome = :o order by r.id",
                InputRecord.class)
            .setParameter("m", mission)
            .setParameter("o", outcome.code()),
        r -> mission.equals(r.mission()) && r.outcome() == outcome);
  }

  @Override
  public List<InputRecord> judgedSince(String mission, long epoch, long issuedMillis) {
    return merged(
        em.createQuery(
                "select r from InputRecord r where r.mission = :m and r.outcome <> :h"
                    + " and (r.epoch > :e or (r.epoch = :e and r.issuedMillis >= :t)) order by r.id",
                InputRecord.class)
            .setParameter("m", mission)
            .setParameter("h", Outcome.HELD.code())
            .setParameter("e", epoch)
            .setParameter("t", issuedMillis),
        r ->
            mission.equals(r.mission())
                && r.outcome() != Outcome.HELD
                && r.epoch() != null
                && (r.epoch() > epoch
                    || (r.epoch() == epoch
                        && r.issuedMillis() != null
                        && r.issuedMillis() >= issuedMillis)));
  }
}
