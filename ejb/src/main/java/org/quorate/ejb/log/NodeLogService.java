package org.quorate.ejb.log;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceProperty;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.quorate.core.admission.Outcome;
import org.quorate.core.log.InclusionProofs;
import org.quorate.core.log.LogRangeException;
import org.quorate.core.log.MerkleLog;
import org.quorate.core.log.Rfc9162Hasher;
import org.quorate.core.log.SignedTreeHead;
import org.quorate.core.log.StateDigest;
import org.quorate.core.log.SubtreeRange;
import org.quorate.core.node.NodeCredential;
import org.quorate.ejb.node.NodeCredentialService;
import org.quorate.ejb.store.InLists;
import org.quorate.ejb.store.MissionEntity;
import org.quorate.ejb.store.QuoratePersistence;

/**
 * The node log's application service (SPEC §5): signed tree heads made with the mission's node
 * credential, their history, inclusion and consistency proofs from the stored tree, the records of
 * an event, and the mission state digest. Reads see committed appends only.
 */
@Stateless
public class NodeLogService {
  /** Most rows any list answer returns. */
  public static final int MAX_ROWS = 1000;

  private static final HexFormat HEX = HexFormat.of();
  private static final Pattern ID = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final List<String> AUTHENTIC_HELD =
      java.util.Arrays.stream(Outcome.values())
          .filter(Outcome::authentic)
          .map(Outcome::code)
          .toList();

  @PersistenceContext(
      unitName = QuoratePersistence.NAME,
      properties = {
        @PersistenceProperty(name = QuoratePersistence.SKIP_MIXED_SYNC_CHECK, value = "false"),
        @PersistenceProperty(name = QuoratePersistence.ALLOW_JOINED_UNSYNC, value = "false")
      })
  private EntityManager em;

  @EJB private NodeCredentialService credentials;

  /**
   * @param log a log name (mission or {@value NodeLogRecorder#QUARANTINE})
   * @return its current size and root
   * @throws UnknownLogException when there is no such mission and nothing was logged under it
   */
  public LogViews.LogSizeView size(String log) throws UnknownLogException {
    MerkleLog tree = tree(log);
    return new LogViews.LogSizeView(log, tree.size(), HEX.formatHex(tree.root()));
  }

  /**
   * Signs a tree head of the mission's log at its current size with the node credential and keeps
   * it in the history.
   *
   * @param mission the mission
   * @return the new head
   * @throws UnknownLogException when the mission is unknown
   * @throws NoNodeCredentialException when no node credential is installed for it
   */
  public LogViews.SthView sign(String mission)
      throws UnknownLogException, NoNodeCredentialException {
    MerkleLog tree = tree(mission);
    NodeCredential credential =
        credentials
            .credential(mission)
            .orElseThrow(
                () ->
                    new NoNodeCredentialException(
                        "No node credential is installed for mission "
                            + mission
                            + "; an operator installs one with PUT /missions/"
                            + mission
                            + "/node-credential."));
    SignedTreeHead head = new SignedTreeHead(mission, tree.size(), tree.root(), Instant.now());
    byte[] der = credential.sign(head.content());
    SignedTreeHeadEntity e =
        new SignedTreeHeadEntity(
            mission,
            head.size(),
            head.rootHex(),
            head.time().toEpochMilli(),
            credential.spki(),
            credential.certificate().getSubjectX500Principal().getName(),
            der);
    em.persist(e);
    return view(e);
  }

  /**
   * The latest signed tree head; when the log grew since, a new one is signed first, so the answer
   * always covers the current size.
   *
   * @param mission the mission
   * @return the head at the current size
   * @throws UnknownLogException when the mission is unknown
   * @throws NoNodeCredentialException when no node credential is installed for it
   */
  public LogViews.SthView latest(String mission)
      throws UnknownLogException, NoNodeCredentialException {
    long size = tree(mission).size();
    List<SignedTreeHeadEntity> last = heads(mission, 1);
    if (!last.isEmpty() && last.get(0).treeSize() == size) {
      if (credentials.credential(mission).isEmpty()) {
        throw new NoNodeCredentialException(
            "No node credential is installed for mission " + mission + ".");
      }
      return view(last.get(0));
    }
    return sign(mission);
  }

  /**
   * @param mission the mission
   * @return its signed tree heads, newest first (at most {@link #MAX_ROWS})
   */
  public List<LogViews.SthView> history(String mission) {
    return heads(mission, MAX_ROWS).stream().map(NodeLogService::view).toList();
  }

  /**
   * Signs a head for the timer when the log grew since the last one; in its own transaction.
   *
   * @param mission the mission
   * @return whether a head was signed
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public boolean signIfChanged(String mission) {
    LogStateEntity state = em.find(LogStateEntity.class, mission);
    if (state == null) {
      return false;
    }
    Long signed =
        em.createQuery(
                "select max(h.treeSize) from SignedTreeHeadEntity h where h.log = :l", Long.class)
            .setParameter("l", mission)
            .getSingleResult();
    if (signed != null && signed == state.treeSize()) {
      return false;
    }
    try {
      sign(mission);
      return true;
    } catch (UnknownLogException | NoNodeCredentialException e) {
      return false;
    }
  }

  /**
   * @return the logs that have a node credential (candidates for periodic tree heads)
   */
  public List<String> signableLogs() {
    return em.createQuery(
            "select s.name from LogStateEntity s, NodeCredentialEntity c where c.mission = s.name",
            String.class)
        .getResultList();
  }

  /**
   * An inclusion proof of entry {@code index} in the tree of {@code size} entries.
   *
   * @param log the log name
   * @param index leaf index, {@code 0 <= index < size}
   * @param size tree size, at most the current size
   * @return the proof with the entry
   * @throws UnknownLogException when there is no such log
   * @throws LogRangeException when the index or size is out of range
   */
  public LogViews.InclusionView inclusion(String log, long index, long size)
      throws UnknownLogException, LogRangeException {
    MerkleLog tree = tree(log);
    List<byte[]> proof = tree.inclusionProof(index, size);
    LogEntryEntity entry = entryAt(log, index);
    return new LogViews.InclusionView(
        log,
        index,
        size,
        entry.entry(),
        HEX.formatHex(tree.leafHash(index)),
        proof.stream().map(HEX::formatHex).toList(),
        HEX.formatHex(tree.root(size)));
  }

  /**
   * Inclusion proofs of many records in the tree of {@code size} entries, each the same as {@link
   * #inclusion} answers for the record's index, from one read of the log (issue 12: an audit bundle
   * proves about one record per event): the nodes every proof, leaf and the root need are read
   * level by level in bounded {@code in} lists, then the proofs are assembled from them. The entry
   * of each proof is the record's own (read from the same row).
   *
   * @param log the log name
   * @param records records of that log ({@link #entries}, {@link #entriesOfInputs}), each with
   *     {@code 0 <= index < size} (repeats allowed)
   * @param size tree size, at most the current size
   * @return one proof per record, in the order of {@code records}
   * @throws UnknownLogException when there is no such log
   * @throws LogRangeException when an index or the size is out of range
   */
  public List<LogViews.InclusionView> inclusions(
      String log, List<LogViews.EntryView> records, long size)
      throws UnknownLogException, LogRangeException {
    JpaNodeStore store = store(log);
    MerkleLog tree = new MerkleLog(store);
    if (records.isEmpty()) {
      return List.of();
    }
    if (size < 1 || size > tree.size()) {
      throw new LogRangeException("tree size " + size + " exceeds the log size " + tree.size());
    }
    Map<Integer, Set<Long>> wanted = new TreeMap<>();
    nodesOf(0, size, wanted);
    for (LogViews.EntryView r : records) {
      long index = r.index();
      if (!log.equals(r.mission()) || index < 0 || index >= size) {
        throw new LogRangeException(
            "record "
                + r.mission()
                + "/"
                + index
                + " is not below tree size "
                + size
                + " of "
                + log);
      }
      wanted.computeIfAbsent(0, k -> new LinkedHashSet<>()).add(index);
      for (SubtreeRange n : InclusionProofs.nodes(index, size)) {
        nodesOf(n.begin(), n.end(), wanted);
      }
    }
    wanted.forEach(store::prefetch);
    String root = HEX.formatHex(tree.root(size));
    List<LogViews.InclusionView> out = new ArrayList<>(records.size());
    for (LogViews.EntryView r : records) {
      out.add(
          new LogViews.InclusionView(
              log,
              r.index(),
              size,
              r.entry(),
              HEX.formatHex(tree.leafHash(r.index())),
              tree.inclusionProof(r.index(), size).stream().map(HEX::formatHex).toList(),
              root));
    }
    return out;
  }

  /**
   * Adds the stored nodes the hash of the subtree {@code [begin, end)} folds (as {@link MerkleLog}
   * computes it: the perfect subtrees the range splits into, largest first) to {@code out}, by
   * level.
   */
  private static void nodesOf(long begin, long end, Map<Integer, Set<Long>> out) {
    long position = begin;
    while (position < end) {
      int level = Long.SIZE - 1 - Long.numberOfLeadingZeros(end - position);
      out.computeIfAbsent(level, k -> new LinkedHashSet<>()).add(position >>> level);
      position += 1L << level;
    }
  }

  /**
   * A consistency proof between two tree sizes.
   *
   * @param log the log name
   * @param from the earlier size, {@code 0 < from <= to}
   * @param to the later size, at most the current size
   * @return the proof and both roots
   * @throws UnknownLogException when there is no such log
   * @throws LogRangeException when a size is out of range
   */
  public LogViews.ConsistencyView consistency(String log, long from, long to)
      throws UnknownLogException, LogRangeException {
    MerkleLog tree = tree(log);
    List<byte[]> proof = tree.consistencyProof(from, to);
    return new LogViews.ConsistencyView(
        log,
        from,
        to,
        proof.stream().map(HEX::formatHex).toList(),
        HEX.formatHex(tree.root(from)),
        HEX.formatHex(tree.root(to)));
  }

  /**
   * The records of an event in a log (a held event later released has two, a replay adds one).
   *
   * @param log the log name
   * @param eventId {@code sha256:} + 64 hex digits
   * @return its records by index (at most {@link #MAX_ROWS}); empty for an id of another shape
   */
  public List<LogViews.EntryView> entries(String log, String eventId) {
    if (eventId == null || !ID.matcher(eventId).matches()) {
      return List.of();
    }
    // Through the input records' event index: every entry of an event names an input recorded
    // with that event id, and Q_LOG_ENTRY keeps no event index of its own (one random-key index
    // less on the ingest path).
    List<String> inputs =
        em.createQuery("select r.inputId from InputRecord r where r.eventId = :e", String.class)
            .setParameter("e", eventId)
            .setMaxResults(MAX_ROWS)
            .getResultList();
    if (inputs.isEmpty()) {
      return List.of();
    }
    return em
        .createQuery(
            "select e from LogEntryEntity e where e.log = :l and e.inputId in :i"
                + " order by e.logIndex",
            LogEntryEntity.class)
        .setParameter("l", log)
        .setParameter("i", inputs)
        .setMaxResults(MAX_ROWS)
        .getResultList()
        .stream()
        .map(NodeLogService::view)
        .toList();
  }

  /**
   * The records of many inputs in one log, in bounded {@code in} lists (issue 12: an audit reads
   * those of about a thousand inputs). For an input of event {@code E}, its list is what {@link
   * #entries(String, String)} answers for {@code E} restricted to that input.
   *
   * @param log the log name
   * @param inputIds input ids
   * @return each input's records by index; an input without records is absent
   */
  public Map<String, List<LogViews.EntryView>> entriesOfInputs(
      String log, Collection<String> inputIds) {
    Map<String, List<LogViews.EntryView>> out = new HashMap<>();
    for (List<String> chunk : InLists.chunks(inputIds)) {
      for (LogEntryEntity e :
          // by the input id index alone (with the log too, a database may scan the log's
          // position index instead); another log's records of an input are dropped here
          em.createQuery(
                  "select e from LogEntryEntity e where e.inputId in :i order by e.logIndex",
                  LogEntryEntity.class)
              .setParameter("i", chunk)
              .setFlushMode(FlushModeType.COMMIT)
              .getResultList()) {
        if (log.equals(e.log())) {
          out.computeIfAbsent(e.inputId(), k -> new ArrayList<>()).add(view(e));
        }
      }
    }
    return out;
  }

  /**
   * The records of some inputs in every log (the portal's event page).
   *
   * @param inputIds input ids
   * @return their records by log and index (at most {@link #MAX_ROWS})
   */
  public List<LogViews.EntryView> entriesOfInputs(List<String> inputIds) {
    if (inputIds.isEmpty()) {
      return List.of();
    }
    return em
        .createQuery(
            "select e from LogEntryEntity e where e.inputId in :i order by e.log, e.logIndex",
            LogEntryEntity.class)
        .setParameter("i", inputIds)
        .setMaxResults(MAX_ROWS)
        .getResultList()
        .stream()
        .map(NodeLogService::view)
        .toList();
  }

  /**
   * The records of a log from an index on.
   *
   * @param log the log name
   * @param from first index
   * @param max most rows, capped at {@link #MAX_ROWS}
   * @return the records by index
   */
  public List<LogViews.EntryView> entries(String log, long from, int max) {
    return em
        .createQuery(
            "select e from LogEntryEntity e where e.log = :l and e.logIndex >= :f order by e.logIndex",
            LogEntryEntity.class)
        .setParameter("l", log)
        .setParameter("f", from)
        .setMaxResults(Math.max(0, Math.min(max, MAX_ROWS)))
        .getResultList()
        .stream()
        .map(NodeLogService::view)
        .toList();
  }

  /**
   * The state digest of SPEC §5: the RFC 9162 root over the sorted ids of the mission's authentic
   * events held and not waiting (outcome admitted, evidence or void).
   *
   * @param mission the mission
   * @return the digest and how many event ids it covers
   * @throws UnknownLogException when the mission is unknown
   */
  public LogViews.StateDigestView stateDigest(String mission) throws UnknownLogException {
    if (em.find(MissionEntity.class, mission) == null) {
      throw new UnknownLogException("No mission " + mission + ".");
    }
    List<String> ids =
        em.createQuery(
                "select r.eventId from InputRecord r where r.mission = :m and r.outcome in :o"
                    + " and r.eventId is not null",
                String.class)
            .setParameter("m", mission)
            .setParameter("o", AUTHENTIC_HELD)
            .getResultList();
    Set<String> distinct = new LinkedHashSet<>(ids);
    List<byte[]> bytes = new ArrayList<>(distinct.size());
    for (String id : distinct) {
      if (ID.matcher(id).matches()) {
        bytes.add(HEX.parseHex(id, "sha256:".length(), id.length()));
      }
    }
    return new LogViews.StateDigestView(
        mission, bytes.size(), HEX.formatHex(StateDigest.of(bytes)));
  }

  /** The log's tree at its committed size. */
  private MerkleLog tree(String log) throws UnknownLogException {
    return new MerkleLog(store(log));
  }

  /** The log's node store at its committed size. */
  private JpaNodeStore store(String log) throws UnknownLogException {
    LogStateEntity state = log == null ? null : em.find(LogStateEntity.class, log);
    if (state == null
        && !NodeLogRecorder.QUARANTINE.equals(log)
        && (log == null || em.find(MissionEntity.class, log) == null)) {
      throw new UnknownLogException("No mission " + log + ".");
    }
    return new JpaNodeStore(em, log, state == null ? 0 : state.treeSize());
  }

  private LogEntryEntity entryAt(String log, long index) throws LogRangeException {
    return em
        .createQuery(
            "select e from LogEntryEntity e where e.log = :l and e.logIndex = :i",
            LogEntryEntity.class)
        .setParameter("l", log)
        .setParameter("i", index)
        .getResultList()
        .stream()
        .findFirst()
        .orElseThrow(() -> new LogRangeException("no entry " + index + " in log " + log));
  }

  private List<SignedTreeHeadEntity> heads(String log, int max) {
    return em.createQuery(
            "select h from SignedTreeHeadEntity h where h.log = :l order by h.treeSize desc, h.id"
                + " desc",
            SignedTreeHeadEntity.class)
        .setParameter("l", log)
        .setMaxResults(max)
        .getResultList();
  }

  private static LogViews.SthView view(SignedTreeHeadEntity e) {
    return new LogViews.SthView(
        e.log(),
        e.treeSize(),
        e.root(),
        DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(e.timeMillis())),
        Base64.getEncoder().encodeToString(e.der()),
        e.signer(),
        e.signerSubject());
  }

  private static LogViews.EntryView view(LogEntryEntity e) {
    byte[] entry = HEX.parseHex(e.entry());
    return new LogViews.EntryView(
        e.log(),
        e.logIndex(),
        e.inputId(),
        e.eventId(),
        e.outcome(),
        entry[entry.length - 1] & 0xff,
        e.entry(),
        HEX.formatHex(Rfc9162Hasher.hashLeaf(entry)),
        DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(e.recordedMillis())));
  }

  /**
   * @param sth a head's base64 DER
   * @return the DER
   */
  static byte[] der(LogViews.SthView sth) {
    return Base64.getDecoder().decode(sth.sth());
  }
}
