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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.quorate.core.admission.InputRecord;
import org.quorate.core.admission.LedgerStore;
import org.quorate.core.admission.LoadedMission;
import org.quorate.core.admission.Outcome;
import org.quorate.core.reason.ReasonCode;
import org.quorate.ejb.store.InputBytes;
import org.quorate.ejb.store.MissionEntity;
import org.quorate.ejb.store.TransactionResources;

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
 * ({@link #insert}, {@link #update}), kept per transaction in the {@link
 * TransactionSynchronizationRegistry}: a record is answered when it matches the query as it stands
 * in memory, whatever the database still says.
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

  private static final Object TX_KEY = JpaLedgerStore.class.getName() + ".touched";

  /** Rows read, newest first, to find a chain head (held successors may lie above it). */
  private static final int HEAD_ROWS = 64;

  private static final java.util.logging.Logger LOG =
      java.util.logging.Logger.getLogger(JpaLedgerStore.class.getName());

  /**
   * System property: when true, every answer the overlay gives is compared with the database's (the
   * queries run anyway) and a difference logged at SEVERE; for tests.
   */
  private static boolean verify() {
    return Boolean.getBoolean("quorate.overlay.verify");
  }

  /** Whether this thread is the ingest writer (the only user of {@link #overlay}). */
  private static final ThreadLocal<Boolean> WRITER = ThreadLocal.withInitial(() -> Boolean.FALSE);

  private final EntityManager em;
  private final TransactionSynchronizationRegistry registry;
  private final LedgerOverlay overlay = new LedgerOverlay();

  /** What one transaction inserted or changed, and the missions it locked. */
  private static final class Touched {
    final Map<String, InputRecord> records = new LinkedHashMap<>();
    final Set<String> locked = new HashSet<>();

    /** Records read ahead by {@link #prefetch} (null value: not recorded when read). */
    final Map<String, InputRecord> prefetched = new HashMap<>();

    /** Missions read in this transaction. */
    final Map<String, Optional<LoadedMission>> missions = new HashMap<>();

    /** Records by event id read ahead by {@link #prefetchEvents}, under the missions' locks. */
    final Map<String, List<InputRecord>> byEvent = new HashMap<>();

    /** Whether the writer's overlay may be used in this transaction (checked at each lock). */
    boolean overlay;

    /** Whether this transaction (not the writer's) announced itself to the overlay. */
    boolean foreign;

    /** Whether the writer's rollback hook is registered. */
    boolean hooked;
  }

  JpaLedgerStore(EntityManager em, TransactionSynchronizationRegistry registry) {
    this.em = em;
    this.registry = registry;
  }

  /** This transaction's records, or null outside a transaction. */
  private Touched touched() {
    return TransactionResources.active(registry)
        ? TransactionResources.resource(registry, TX_KEY, Touched::new)
        : null;
  }

  /**
   * Runs a query without flushing and completes it from this transaction's records.
   *
   * @param q the query (its JPQL must select what {@code matches} accepts)
   * @param matches the query's condition on a record as it stands in memory
   * @return the matching records, in arrival order
   */
  private List<InputRecord> merged(TypedQuery<InputRecord> q, Predicate<InputRecord> matches) {
    Touched t = touched();
    if (t == null) {
      return q.getResultList();
    }
    q.setFlushMode(FlushModeType.COMMIT);
    return merged(t, q.getResultList(), matches);
  }

  /** Rows the database answered, completed from this transaction's records. */
  private static List<InputRecord> merged(
      Touched t, List<InputRecord> rows, Predicate<InputRecord> matches) {
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
    Touched t = touched();
    writing(t);
    if (t == null || t.locked.add(mission)) {
      em.find(MissionEntity.class, mission, LockModeType.PESSIMISTIC_WRITE);
      if (t != null && WRITER.get()) {
        // Under the lock: whatever another transaction wrote of this mission is committed.
        t.overlay = overlay.check();
      }
    }
  }

  /** Marks the calling thread as the ingest writer, the overlay's owner. */
  static void becomeWriter() {
    WRITER.set(Boolean.TRUE);
  }

  /**
   * Called before a transaction locks a mission or writes a record: the writer's transaction
   * registers its rollback hook; any other announces itself to the overlay until it completes.
   */
  private void writing(Touched t) {
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

  /** Whether the overlay answers in this transaction. */
  private static boolean usable(Touched t) {
    return t != null && t.overlay && WRITER.get();
  }

  @Override
  public void activate(String mission) {
    writing(touched());
    MissionEntity m = em.find(MissionEntity.class, mission);
    if (m != null) {
      m.activate();
    }
    Touched t = touched();
    if (t != null) {
      t.missions.remove(mission);
    }
  }

  @Override
  public Optional<LoadedMission> mission(String name) {
    Touched t = touched();
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
    Touched t = touched();
    if (t != null) {
      InputRecord mine = t.records.get(inputId);
      if (mine != null) {
        return Optional.of(mine);
      }
      if (t.prefetched.containsKey(inputId)) {
        return Optional.ofNullable(t.prefetched.get(inputId));
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
   * Reads the records of many input ids in one query, so that {@link #byInputId} answers them from
   * memory for the rest of the transaction (a group's inputs: one query instead of one each). An id
   * not recorded now is answered "not recorded" until this transaction records it; the unique input
   * id column refuses a concurrent record of the same bytes (the group is then recorded again input
   * by input).
   *
   * @param inputIds input ids
   */
  void prefetch(java.util.Collection<String> inputIds) {
    Touched t = touched();
    if (t == null || inputIds.isEmpty()) {
      return;
    }
    List<String> ids = new ArrayList<>(new java.util.LinkedHashSet<>(inputIds));
    for (int from = 0; from < ids.size(); from += 500) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
      for (String id : chunk) {
        t.prefetched.putIfAbsent(id, null);
      }
      for (InputRecord r :
          em.createQuery("select r from InputRecord r where r.inputId in :ids", InputRecord.class)
              .setParameter("ids", chunk)
              .setFlushMode(FlushModeType.COMMIT)
              .getResultList()) {
        t.prefetched.put(r.inputId(), r);
      }
    }
  }

  /**
   * Reads the records of many event ids in one query, so that {@link #byEventId} answers them from
   * memory for the rest of the transaction. The caller holds the lock of every mission these events
   * name (an event id names its mission), so no other transaction records one of them meanwhile.
   *
   * @param eventIds event ids
   */
  void prefetchEvents(java.util.Collection<String> eventIds) {
    Touched t = touched();
    if (t == null || eventIds.isEmpty()) {
      return;
    }
    List<String> ids = new ArrayList<>(new java.util.LinkedHashSet<>(eventIds));
    for (int from = 0; from < ids.size(); from += 500) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
      Map<String, List<InputRecord>> found = new HashMap<>();
      for (InputRecord r :
          em.createQuery("select r from InputRecord r where r.eventId in :ids", InputRecord.class)
              .setParameter("ids", chunk)
              .setFlushMode(FlushModeType.COMMIT)
              .getResultList()) {
        found.computeIfAbsent(r.eventId(), k -> new ArrayList<>()).add(r);
      }
      for (String id : chunk) {
        t.byEvent.putIfAbsent(id, found.getOrDefault(id, new ArrayList<>()));
      }
    }
  }

  @Override
  public byte[] bytes(String inputId) {
    return em.find(InputBytes.class, inputId).der();
  }

  @Override
  public void insert(InputRecord record, byte[] der) {
    writing(touched());
    em.persist(new InputBytes(record.inputId(), der));
    em.persist(record);
    remember(record);
  }

  @Override
  public void countReplay(InputRecord record) {
    writing(touched());
    // One UPDATE in the database: concurrent replays of the same bytes all count.
    em.createQuery("update InputRecord r set r.replays = r.replays + 1 where r.inputId = :i")
        .setParameter("i", record.inputId())
        .executeUpdate();
  }

  @Override
  public void update(InputRecord record) {
    writing(touched());
    // Managed: changes are written at the commit; queries of this transaction see them through
    // the overlay.
    remember(record);
  }

  private void remember(InputRecord record) {
    Touched t = touched();
    if (t != null) {
      t.records.put(record.inputId(), record);
      if (usable(t)) {
        overlay.apply(record);
      }
    }
  }

  /** Completes a structure just loaded into the overlay with this transaction's records. */
  private void applyMine(Touched t) {
    for (InputRecord r : t.records.values()) {
      overlay.apply(r);
    }
  }

  /** The held index, loaded when absent (the overlay is usable). */
  private LedgerOverlay.HeldIndex heldIndex(Touched t) {
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

  @Override
  public List<String> chainEventIds(String mission, String signer, long seq) {
    Touched t = touched();
    if (usable(t)) {
      LedgerOverlay.Head h = overlay.head(mission, signer);
      if (h == null) {
        h = new LedgerOverlay.Head(Long.MIN_VALUE);
        // Newest positions first, along the chain index (mission, signer, seq; no condition on
        // the outcome, or the planner takes the outcome index and scans the mission): the head is
        // the highest position with a record holding it; held successors above it are skipped.
        List<Object[]> rows =
            em.createQuery(
                    "select r.seq, r.inputId, r.eventId, r.outcome, r.reasonCode from InputRecord r"
                        + " where r.mission = :m and r.signer = :s and r.seq is not null"
                        + " order by r.seq desc",
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
          return LedgerStore.super.chainEventIds(mission, signer, seq);
        }
        overlay.putHead(mission, signer, h);
        applyMine(t);
        h = overlay.head(mission, signer);
      }
      if (h != null && seq >= h.seq) {
        List<String> ids =
            seq == h.seq ? new ArrayList<>(new java.util.TreeSet<>(h.events.values())) : List.of();
        if (verify()) {
          check(
              "chain " + mission + " " + signer + " " + seq,
              new java.util.TreeSet<>(ids),
              new java.util.TreeSet<>(LedgerStore.super.chainEventIds(mission, signer, seq)));
        }
        return ids;
      }
    }
    return LedgerStore.super.chainEventIds(mission, signer, seq);
  }

  @Override
  public List<Admitted> admittedOfType(String mission, String type) {
    Touched t = touched();
    if (!usable(t) || !LedgerOverlay.KEPT_TYPES.contains(type)) {
      return LedgerStore.super.admittedOfType(mission, type);
    }
    List<Admitted> kept = overlay.admitted(mission, type);
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
    if (verify()) {
      check(
          "admitted " + mission + " " + type,
          new HashSet<>(kept),
          new HashSet<>(LedgerStore.super.admittedOfType(mission, type)));
    }
    return kept;
  }

  private static <T> void check(String what, Set<T> mine, Set<T> database) {
    if (!mine.equals(database)) {
      LOG.severe("Ledger overlay differs for " + what + ": " + mine + " != " + database);
    }
  }

  @Override
  public List<InputRecord> waitingOn(String key) {
    Touched t = touched();
    int kept = usable(t) ? heldIndex(t).waitingOn(key) : -1;
    if (kept == 0 && !verify()) {
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
    if (verify() && kept >= 0 && kept != out.size()) {
      LOG.severe(
          "Ledger overlay differs for waiting on " + key + ": " + kept + " != " + out.size());
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
    Touched t = touched();
    if (usable(t) && !verify()) {
      return heldIndex(t).ofMission(mission) >= limit;
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
    Touched t = touched();
    if (usable(t)) {
      LedgerOverlay.HeldIndex h = heldIndex(t);
      long kept = signer == null ? h.ofMission(mission) : h.ofSigner(mission, signer);
      if (!verify()) {
        return kept;
      }
      long counted = heldCountCounted(q, t, mission, signer);
      if (kept != counted) {
        LOG.severe(
            "Ledger overlay differs for held "
                + mission
                + " "
                + signer
                + ": "
                + kept
                + " != "
                + counted);
      }
      return counted;
    }
    return heldCountCounted(q, t, mission, signer);
  }

  private long heldCountCounted(TypedQuery<Long> q, Touched t, String mission, String signer) {
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
    for (int from = 0; from < mine.size(); from += 500) {
      heldThere.addAll(
          em.createQuery(
                  "select r.inputId from InputRecord r where r.mission = :m and r.outcome = :o"
                      + " and r.inputId in :ids",
                  String.class)
              .setParameter("m", mission)
              .setParameter("o", Outcome.HELD.code())
              .setParameter("ids", mine.subList(from, Math.min(mine.size(), from + 500)))
              .setFlushMode(FlushModeType.COMMIT)
              .getResultList());
    }
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
    Touched t = touched();
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
