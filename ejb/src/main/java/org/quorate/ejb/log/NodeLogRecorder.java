package org.quorate.ejb.log;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceProperty;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.quorate.core.admission.InputRecord;
import org.quorate.core.admission.Outcome;
import org.quorate.core.log.LogEntry;
import org.quorate.core.log.MerkleLog;
import org.quorate.core.log.NodeLogs;
import org.quorate.ejb.admission.OutcomeRecorded;
import org.quorate.ejb.store.QuoratePersistence;
import org.quorate.ejb.store.TransactionResources;

/**
 * Appends one SPEC §5 {@link LogEntry} per recorded admission outcome, inside the admitting
 * transaction (the {@link OutcomeRecorded} CDI event is fired synchronously there): {@code 0x01 ‖
 * uint64 index ‖ SHA-256 of the DER received ‖ event id (zeros if none) ‖ outcome code}, with
 * {@link Outcome#logCode()} as the code ({@code void} is 6).
 *
 * <p>A record naming a mission (a valid mission name) goes to that mission's log; any other to the
 * node-wide log {@value #QUARANTINE}. Each append locks the log's state row, so appends of one log
 * are serial whatever path records them (the ledger's mission lock is not taken for replays or
 * undecodable inputs). Bad data never throws here; database failures do, and roll the admission
 * back (it is then redelivered).
 */
@ApplicationScoped
public class NodeLogRecorder {
  /** Name of the node-wide log of inputs that name no mission. */
  public static final String QUARANTINE = NodeLogs.QUARANTINE;

  private static final Logger LOG = Logger.getLogger(NodeLogRecorder.class.getName());
  private static final HexFormat HEX = HexFormat.of();
  private static final Object TX_KEY = NodeLogRecorder.class.getName() + ".stores";
  private static final Object APPENDED_KEY = NodeLogRecorder.class.getName() + ".appended";

  @PersistenceContext(
      unitName = QuoratePersistence.NAME,
      properties = {
        @PersistenceProperty(name = QuoratePersistence.SKIP_MIXED_SYNC_CHECK, value = "false"),
        @PersistenceProperty(name = QuoratePersistence.ALLOW_JOINED_UNSYNC, value = "false")
      })
  private EntityManager em;

  @Resource private TransactionSynchronizationRegistry registry;

  @Inject private LogStates states;

  /**
   * @param mission a record's mission, or null
   * @return the log its entries go to
   */
  public static String logOf(String mission) {
    return NodeLogs.logOf(mission);
  }

  /**
   * Appends the entry of one outcome.
   *
   * @param recorded the record and the outcome the ledger recorded
   */
  void onOutcome(@Observes OutcomeRecorded recorded) {
    InputRecord record = recorded.record();
    Outcome outcome = recorded.outcome();
    String log = logOf(record.mission());
    JpaNodeStore store = lockedStore(log);
    MerkleLog tree = new MerkleLog(store);
    long index = tree.size();
    Optional<LogEntry> entry =
        NodeLogs.entry(index, record.inputId(), record.eventId(), outcome.logCode());
    if (entry.isEmpty()) {
      LOG.warning("No log entry for an input id that is not sha256:<hex>: " + record.inputId());
      return;
    }
    byte[] bytes = entry.get().encode();
    tree.append(bytes);
    appended().computeIfAbsent(log, k -> new java.util.ArrayList<>()).add(index);
    em.persist(
        new LogEntryEntity(
            log,
            index,
            HEX.formatHex(bytes),
            record.inputId(),
            entry.get().eventId().isPresent() ? record.eventId() : null,
            outcome.code(),
            System.currentTimeMillis()));
  }

  /**
   * @return the log indexes appended so far in the caller's transaction, per log, in order (a copy)
   */
  public Map<String, java.util.List<Long>> appendedInThisTransaction() {
    Map<String, java.util.List<Long>> copy = new java.util.TreeMap<>();
    appended().forEach((log, indexes) -> copy.put(log, java.util.List.copyOf(indexes)));
    return copy;
  }

  private Map<String, java.util.List<Long>> appended() {
    return TransactionResources.resource(registry, APPENDED_KEY, HashMap::new);
  }

  /**
   * The right edge of each log as last committed (at most one node per level, per log): the next
   * transaction that appends at that size reads none of it back from the database. Nodes never
   * change once committed, so an entry is either at the size the next appender finds, and right, or
   * at another size, and unused.
   */
  private final Map<String, Frontier> frontiers = new java.util.concurrent.ConcurrentHashMap<>();

  /** A log's right edge at a committed size. */
  private record Frontier(long size, Map<Integer, byte[]> nodes) {}

  private void keepFrontiers(Map<String, JpaNodeStore> stores) {
    for (Map.Entry<String, JpaNodeStore> e : stores.entrySet()) {
      Map<Integer, byte[]> nodes = e.getValue().frontier();
      if (nodes == null) {
        frontiers.remove(e.getKey());
      } else {
        frontiers.put(e.getKey(), new Frontier(e.getValue().treeSize(), nodes));
      }
    }
  }

  /** The log's store for this transaction, its state row locked on first use. */
  private JpaNodeStore lockedStore(String log) {
    Map<String, JpaNodeStore> stores =
        TransactionResources.resource(registry, TX_KEY, HashMap::new);
    JpaNodeStore store = stores.get(log);
    if (store == null) {
      LogStateEntity state = em.find(LogStateEntity.class, log, LockModeType.PESSIMISTIC_WRITE);
      if (state == null) {
        states.create(log);
        state = em.find(LogStateEntity.class, log, LockModeType.PESSIMISTIC_WRITE);
        if (state == null) {
          throw new IllegalStateException("log state of " + log + " could not be created");
        }
      }
      store = new JpaNodeStore(em, state);
      Frontier f = frontiers.get(log);
      if (f != null && f.size() == state.treeSize()) {
        for (Map.Entry<Integer, byte[]> n : f.nodes().entrySet()) {
          int level = n.getKey();
          store.preload(level, (f.size() >>> level) - 1, n.getValue());
        }
      }
      if (stores.isEmpty()) {
        Map<String, JpaNodeStore> mine = stores;
        TransactionResources.afterCompletion(
            registry,
            status -> {
              if (status == jakarta.transaction.Status.STATUS_COMMITTED) {
                keepFrontiers(mine);
              }
            });
      }
      stores.put(log, store);
    }
    return store;
  }
}
