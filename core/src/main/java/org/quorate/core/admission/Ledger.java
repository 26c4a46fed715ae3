package org.quorate.core.admission;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.quorate.core.coordination.EpochChain;
import org.quorate.core.coordination.ProposalScope;
import org.quorate.core.event.Event;
import org.quorate.core.event.EventType;
import org.quorate.core.mission.Genesis;
import org.quorate.core.mission.GenesisException;
import org.quorate.core.mission.GenesisParser;
import org.quorate.core.reason.AdmissionException;
import org.quorate.core.reason.ReasonCode;

/**
 * A node's admission ledger: runs the pipeline of SPEC §2 on every input and records exactly one
 * current outcome per input id in a {@link LedgerStore}, keeping the bytes. It holds what could
 * become valid later and releases it, in order, when what it waits for arrives; it turns two events
 * at one chain position into evidence; it voids events issued after their credential's revocation
 * whichever of the event and the CRL arrived first. Copies of one event (the same content in other
 * SignedData) are judged together: the event holds the best outcome any copy earns, the others are
 * {@code duplicate} (SPEC §2.8); the very same bytes again are a replay, counted and answered
 * {@code duplicate} when authentic, with nothing recorded but one log entry. Every outcome is a
 * function of the set of authentic events held, not of arrival order, except the local, non-final
 * {@code held-limit} rejections.
 *
 * <p>Roster epochs (SPEC §1, §3 "Governance") are derived from the admitted events by {@link
 * EpochChain}; when an admitted (or no longer admitted) event changes them, inputs held on {@code
 * unknown-epoch} are released, and the mission's records naming the changed epochs (and those of
 * the closed epoch issued after its closing decision, now {@code stale-epoch}) are judged again, so
 * that outcomes stay a function of the events held. A record judged again that changes from
 * admitted to rejected does not pull its chain successors with it. The derived epochs are cached
 * per mission and kept across sweeps: {@link #forgetDerived} drops them once a transaction that
 * changed them completed or one that recorded outcomes rolled back.
 *
 * <p>Thread-safety: {@link #submit} may be called concurrently; the stateless stages run in
 * parallel and the stateful ones under {@link LedgerStore#lockMission}. Backdating by a compromised
 * key is bounded only by the revocation time a CRL states (SPEC §2.5).
 *
 * <p>This class judges, records and settles copies; the care of held inputs is {@link HeldInputs},
 * CRL re-judging {@link LedgerRevocations}, roster epoch tracking {@link LedgerEpochs}, the facts a
 * stage asks of the store {@link StoreFacts}.
 */
public final class Ledger {
  final Admission admission;
  final LedgerStore store;
  final Clock clock;
  final HeldLimits limits;
  final OutcomeListener listener;
  final GenesisParser genesisParser = new GenesisParser();
  private final HeldInputs heldInputs = new HeldInputs(this);
  final LedgerRevocations revocations = new LedgerRevocations(this);
  private final LedgerEpochs epochTracking = new LedgerEpochs(this);
  private final ConcurrentMap<String, Genesis> genesisById = new ConcurrentHashMap<>();

  /** Reason codes of stages 4–7 whose rejection depends on the roster epoch. */
  private static final java.util.Set<String> EPOCH_DEPENDENT =
      java.util.Set.of(
          ReasonCode.STALE_EPOCH.code(),
          ReasonCode.ANCHOR_NOT_MEMBER.code(),
          ReasonCode.ROLE_NOT_GRANTED.code(),
          ReasonCode.PATH_INVALID.code(),
          ReasonCode.ABOVE_POSTURE.code(),
          ReasonCode.NOT_RELEASABLE.code(),
          ReasonCode.REFERENCE_NOT_ADMISSIBLE.code());

  /**
   * @param admission the pipeline
   * @param store where records live
   * @param clock the node's clock
   * @param limits bounds on held inputs
   */
  public Ledger(Admission admission, LedgerStore store, Clock clock, HeldLimits limits) {
    this(admission, store, clock, limits, OutcomeListener.NONE);
  }

  /**
   * @param admission the pipeline
   * @param store where records live
   * @param clock the node's clock
   * @param limits bounds on held inputs
   * @param listener told of every outcome recorded (the node log)
   */
  public Ledger(
      Admission admission,
      LedgerStore store,
      Clock clock,
      HeldLimits limits,
      OutcomeListener listener) {
    this.admission = admission;
    this.store = store;
    this.clock = clock;
    this.limits = limits;
    this.listener = listener;
  }

  /**
   * Admits one input.
   *
   * @param der the bytes received (anything)
   * @param transport how it arrived
   * @return its record as it stands after this input; for the very same bytes seen before, the
   *     existing record (its replay count raised, logged once more as {@link Submission#answered},
   *     nothing else recorded), unless that was a local held-limit or unknown-mission rejection,
   *     which is evaluated afresh
   */
  public Submission submit(byte[] der, String transport) {
    return submit(prepare(der), transport);
  }

  /**
   * Runs the stateless stages of SPEC §2 (size, CMS profile, signature, content: stages 1–3) on one
   * input, touching no store and taking no lock, so that callers may run it in parallel before
   * handing the result to {@link #submit(Prepared, String)}.
   *
   * @param der the bytes received (anything)
   * @return the decoded contribution, or the reason it does not decode
   */
  public Prepared prepare(byte[] der) {
    String inputId = org.quorate.core.cms.Ids.sha256Id(der);
    try {
      return new Prepared(der, inputId, admission.decode(der), null);
    } catch (AdmissionException e) {
      return new Prepared(der, inputId, null, e);
    }
  }

  /**
   * Admits one input whose stateless stages already ran ({@link #prepare}): the stateful stages
   * under the mission's lock, in the caller's transaction.
   *
   * @param prepared the prepared input
   * @param transport how it arrived
   * @return as {@link #submit(byte[], String)}
   */
  public Submission submit(Prepared prepared, String transport) {
    byte[] der = prepared.der();
    String inputId = prepared.inputId();
    Optional<InputRecord> seen = store.byInputId(inputId);
    if (seen.isPresent() && !retryable(seen.get())) {
      Submission replay = new Submission(seen.get(), true);
      store.countReplay(replay.record());
      listener.recorded(replay.record(), replay.answered());
      return replay;
    }
    Instant now = clock.instant();
    InputRecord record = seen.orElseGet(() -> new InputRecord(inputId, transport, now));
    DecodedContribution decoded = prepared.decoded();
    if (decoded == null) {
      AdmissionException e = prepared.failure();
      record.describe(
          e.reasonCode() == ReasonCode.TOO_LARGE
              ? ContentPeek.of(new byte[0])
              : ContentPeek.of(der));
      record.decide(Outcome.REJECTED, e.reasonCode(), e.getMessage(), null, null, now);
      save(record, der, seen.isPresent());
      return new Submission(record, false);
    }
    record.describe(decoded);
    String mission = decoded.event().mission();
    store.lockMission(mission);
    judge(record, decoded, now);
    if (record.outcome() == Outcome.HELD) {
      String signer = decoded.event().signer();
      String full =
          store.heldAtLeast(mission, limits.maxPerMission())
              ? limits.maxPerMission() + " inputs for mission " + mission
              : signer != null && store.heldCount(mission, signer) >= limits.maxPerSigner()
                  ? limits.maxPerSigner() + " inputs of signer " + signer + " in mission " + mission
                  : null;
      if (full != null) {
        record.decide(
            Outcome.REJECTED,
            ReasonCode.HELD_LIMIT,
            "This node already holds "
                + full
                + "; this one ("
                + record.reason()
                + ") is refused for now and evaluated afresh if it arrives again.",
            null,
            null,
            now);
      }
    }
    save(record, der, seen.isPresent());
    if (record.outcome() == Outcome.HELD) {
      heldInputs.keep(inputId, decoded);
    }
    afterDecision(record, decoded, now);
    return new Submission(record, false);
  }

  /**
   * Records an input that carried nothing to decode (a JMS message that is not a BytesMessage).
   *
   * @param body its body as bytes (empty when none)
   * @param transport how it arrived
   * @param kind what it was, e.g. {@code TextMessage}
   * @return its record
   */
  public Submission unsupported(byte[] body, String transport, String kind) {
    String inputId = org.quorate.core.cms.Ids.sha256Id(body);
    Optional<InputRecord> seen = store.byInputId(inputId);
    if (seen.isPresent()) {
      store.countReplay(seen.get());
      listener.recorded(seen.get(), seen.get().outcome());
      return new Submission(seen.get(), true);
    }
    Instant now = clock.instant();
    InputRecord record = new InputRecord(inputId, transport, now);
    record.decide(
        Outcome.REJECTED,
        ReasonCode.UNSUPPORTED_MESSAGE,
        "A " + kind + " arrived; contributions travel as a JMS BytesMessage holding the DER.",
        null,
        null,
        now);
    store.insert(record, body);
    listener.recorded(record, record.outcome());
    return new Submission(record, false);
  }

  /**
   * Judges afresh what waited for a mission that is now loaded.
   *
   * @param mission the mission name (the caller holds its lock)
   */
  public void missionLoaded(String mission) {
    heldInputs.release("mission:" + mission, clock.instant());
  }

  /**
   * Periodic care of held inputs: releases those waiting for a time now reached or for something
   * this node now holds (a release a concurrent transaction could not see), and rejects those held
   * longer than {@link HeldLimits#maxAge()} ({@code unknown-mission} for those waiting for their
   * mission, else {@code held-limit}).
   *
   * @return how many records changed
   */
  public int sweep() {
    return heldInputs.sweep();
  }

  /** The mission's roster epochs ({@link LedgerEpochs}, cached). */
  EpochChain epochs(String mission) {
    return epochTracking.epochs(mission);
  }

  /**
   * Derives the mission's epochs afresh; when they changed, releases what waited for new epochs and
   * judges again the records the change may judge differently ({@link LedgerEpochs}).
   */
  void epochsMayHaveChanged(String mission, Instant now, Deque<String> keys, int depth) {
    epochTracking.epochsMayHaveChanged(mission, now, keys, depth);
  }

  private static boolean retryable(InputRecord r) {
    return r.outcome() == Outcome.REJECTED
        && (ReasonCode.HELD_LIMIT.code().equals(r.reasonCode())
            || ReasonCode.UNKNOWN_MISSION.code().equals(r.reasonCode()));
  }

  void save(InputRecord record, byte[] der, boolean stored) {
    if (stored) {
      store.update(record);
    } else {
      store.insert(record, der);
    }
    listener.recorded(record, record.outcome());
  }

  void update(InputRecord record) {
    store.update(record);
    listener.recorded(record, record.outcome());
  }

  void judge(InputRecord record, DecodedContribution decoded, Instant now) {
    StoreFacts facts = new StoreFacts(this, decoded.event().mission(), record.inputId());
    Judgement j = admission.judge(decoded, facts, now);
    record.decide(j, now);
    record.mark(admission.marking(decoded, facts).orElse(null));
  }

  /** Consequences of a new outcome: forks marked on both sides, CRLs applied, chains released. */
  private void afterDecision(InputRecord record, DecodedContribution decoded, Instant now) {
    Deque<String> keys = new ArrayDeque<>();
    settleCopies(record, null, now, keys);
    consequences(record, decoded, now, keys);
    heldInputs.release(keys, now);
  }

  /**
   * SPEC §2.8: the copies of one event (inputs carrying the same content, e.g. under other
   * certificates for the same key) are judged together, so the event ends with the best outcome any
   * copy earns ({@link Admission#earned}) whatever their arrival order, and the copy that earned it
   * is the one kept as its evidence. A record that now holds a better outcome than another copy
   * turns that copy {@code duplicate}; a record that now holds a worse outcome than before (voided
   * by a later CRL, released void or rejected, judged again after an epoch change) has the copies
   * stored as {@code duplicate} judged again, one of which may now earn more. One look-up by event
   * id; nothing more when the event has a single input.
   *
   * @param record a record whose outcome was just decided
   * @param before its outcome before (null for a new record)
   */
  void settleCopies(InputRecord record, Outcome before, Instant now, Deque<String> keys) {
    if (record.eventId() == null || record.outcome() == Outcome.DUPLICATE) {
      return;
    }
    List<InputRecord> copies = new ArrayList<>();
    for (InputRecord r : store.byEventId(record.eventId())) {
      if (!r.inputId().equals(record.inputId())) {
        copies.add(r);
      }
    }
    if (copies.isEmpty()) {
      return;
    }
    int earned = Admission.earned(record.outcome());
    for (InputRecord c : copies) {
      int held = Admission.earned(c.outcome());
      if (held > 0 && held < earned) {
        c.decide(
            Outcome.DUPLICATE,
            null,
            "Event "
                + record.eventId()
                + " is held "
                + record.outcome().code()
                + " by its copy "
                + record.inputId()
                + ", a better outcome than this copy's "
                + c.outcome().code()
                + "; this copy is stored once.",
            null,
            null,
            now);
        heldInputs.forget(c.inputId());
        update(c);
      }
    }
    if (before != null && earned < Admission.earned(before)) {
      for (InputRecord c : copies) {
        if (c.outcome() == Outcome.DUPLICATE) {
          judgeCopyAgain(c, now, keys);
        }
      }
    }
  }

  /** A copy stored as {@code duplicate} whose better copy lost its outcome: judged on its own. */
  private void judgeCopyAgain(InputRecord copy, Instant now, Deque<String> keys) {
    DecodedContribution decoded;
    try {
      decoded = admission.decode(store.bytes(copy.inputId()));
    } catch (AdmissionException e) {
      return;
    }
    StoreFacts facts = new StoreFacts(this, copy.mission(), copy.inputId());
    Judgement j = admission.judge(decoded, facts, now);
    if (j.outcome() == Outcome.DUPLICATE) {
      return;
    }
    copy.decide(j, now);
    copy.mark(admission.marking(decoded, facts).orElse(null));
    update(copy);
    settleCopies(copy, Outcome.DUPLICATE, now, keys);
    consequences(copy, decoded, now, keys);
  }

  void consequences(
      InputRecord record, DecodedContribution decoded, Instant now, Deque<String> keys) {
    markFork(record, now);
    if (record.outcome() == Outcome.ADMITTED && "crl".equals(record.type())) {
      revocations.crlAdmitted(record, decoded, now, keys);
    }
    if (record.outcome() == Outcome.ADMITTED && "gap-declaration".equals(record.type())) {
      // The successor of the declared position waits on its (missing) predecessor's id.
      JsonNode body = decoded.event().body();
      for (InputRecord held :
          store.chainWaiting(
              record.mission(), body.path("signer").asText(), body.path("seq").asLong() + 1)) {
        keys.add(held.waitingOn());
      }
    }
    if (record.outcome() == Outcome.ADMITTED && "genesis-endorsement".equals(record.type())) {
      activateWhenEndorsed(record.mission(), keys);
    }
    if (record.holdsChainPosition()) {
      // It counts in a chain (SPEC §2.9): successors waiting on it may go on.
      keys.add("event:" + record.eventId());
    }
    if (bearsOnEpochs(record, decoded.event())) {
      epochsMayHaveChanged(record.mission(), now, keys, 0);
    }
  }

  /**
   * Whether a record's new outcome may change the mission's roster epochs: a decision, or an event
   * bearing on a proposal some governance decision held decides (cheap for everything else).
   */
  private boolean bearsOnEpochs(InputRecord record, Event e) {
    if (record.mission() == null
        || record.outcome() == Outcome.HELD
        || record.outcome() == Outcome.DUPLICATE
        || store.mission(record.mission()).isEmpty()) {
      return false;
    }
    if (record.outcome() == Outcome.EVIDENCE
        && !ProposalScope.makesByzantine(record.outcome().log(), record.reasonCode())) {
      return false;
    }
    if (e.type() == EventType.DECISION) {
      // Only decisions on governance proposals open epochs; byzantine evidence changes the roster.
      return record.outcome() == Outcome.EVIDENCE
          || !decidesAnOrdinaryProposal(record.mission(), e);
    }
    if (e.type() == EventType.PROPOSAL
        && e.body().hasNonNull("action")
        && !store.admitted(record.mission(), "decision").isEmpty()) {
      return true;
    }
    List<EpochChain.GovernanceDecision> governed = epochs(record.mission()).decisions();
    if (governed.isEmpty()) {
      return false;
    }
    if (record.outcome() == Outcome.EVIDENCE || e.type() == EventType.RETRACTION) {
      return true;
    }
    Optional<String> proposal = ProposalScope.namedProposal(e);
    return proposal.isPresent()
        && governed.stream().anyMatch(g -> g.proposal().equals(proposal.get()));
  }

  /**
   * Whether a decision decides a proposal admitted in its mission that is no governance proposal
   * (no {@code action}, SPEC §3 "Governance"): such a decision cannot change the roster epochs, so
   * the mission's epochs are not derived again for it (a derivation reads and verifies every
   * admitted decision and proposal of the mission: issue 12, a mission of tens of thousands of
   * decisions). A decision whose proposal is not admitted (yet) is not known to be ordinary: when a
   * governance proposal is admitted after its decision, that admission derives the epochs again.
   */
  private boolean decidesAnOrdinaryProposal(String mission, Event decision) {
    String proposal = decision.body().path("proposal").asText("");
    for (InputRecord p : store.byEventId(proposal)) {
      if (p.outcome() == Outcome.ADMITTED
          && "proposal".equals(p.type())
          && mission.equals(p.mission())) {
        try {
          return !admission.decode(store.bytes(p.inputId())).event().body().hasNonNull("action");
        } catch (AdmissionException e) {
          return false;
        }
      }
    }
    return false;
  }

  /**
   * Judges a decided record again (its epoch changed); answers whether a record bearing on epochs
   * changed its outcome.
   */
  boolean rejudge(InputRecord r, Instant now, Deque<String> keys) {
    boolean eligible =
        r.outcome() == Outcome.ADMITTED
            || r.outcome() == Outcome.VOID
            || (r.outcome() == Outcome.REJECTED && EPOCH_DEPENDENT.contains(r.reasonCode()));
    if (!eligible) {
      return false;
    }
    DecodedContribution decoded;
    try {
      decoded = admission.decode(store.bytes(r.inputId()));
    } catch (AdmissionException e) {
      return false;
    }
    StoreFacts facts = new StoreFacts(this, r.mission(), r.inputId());
    Judgement j = admission.judge(decoded, facts, now);
    String code = j.reasonCode() == null ? null : j.reasonCode().code();
    if (j.outcome() == r.outcome() && java.util.Objects.equals(code, r.reasonCode())) {
      return false;
    }
    Outcome before = r.outcome();
    r.decide(j, now);
    r.mark(admission.marking(decoded, facts).orElse(null));
    update(r);
    settleCopies(r, before, now, keys);
    markFork(r, now);
    if (r.holdsChainPosition()) {
      keys.add("event:" + r.eventId());
    }
    return EpochChain.bearsOnEpochs(decoded.event().type());
  }

  /**
   * The roster epochs of a mission as the events held make them (SPEC §1, §3 "Governance").
   *
   * @param mission a mission name
   * @return its epoch chain (epoch 0 only when the mission is unknown to this node: then empty)
   */
  public Optional<EpochChain> epochsOf(String mission) {
    return store.mission(mission).map(m -> epochs(mission));
  }

  /** A pending mission becomes active once every founding member endorsed its genesis. */
  private void activateWhenEndorsed(String mission, Deque<String> keys) {
    Optional<LoadedMission> m = store.mission(mission);
    if (m.isEmpty() || !m.get().pending()) {
      return;
    }
    java.util.Set<String> endorsed = new java.util.HashSet<>();
    for (InputRecord r : store.admitted(mission, "genesis-endorsement")) {
      endorsed.add(r.member());
    }
    boolean all =
        genesis(m.get()).members().stream().allMatch(member -> endorsed.contains(member.id()));
    if (all) {
      store.activate(mission);
      keys.add("pending:" + mission);
    }
  }

  /** The other branch of a chain fork becomes evidence too, on every node. */
  private void markFork(InputRecord record, Instant now) {
    if (record.outcome() == Outcome.EVIDENCE && record.conflictsWith() != null) {
      for (InputRecord other : store.byEventId(record.conflictsWith())) {
        if (other.outcome() == Outcome.ADMITTED) {
          other.decide(
              Outcome.EVIDENCE,
              ReasonCode.CHAIN_FORK,
              record.reason(),
              null,
              record.eventId(),
              now);
          update(other);
        }
      }
    }
  }

  /**
   * The CRLs delivered to a mission (SPEC §2 step 5): those of its admitted {@code crl}
   * contributions, decoded with admission's CMS profile. The one delivered-CRL lookup: admission,
   * the CRL views and the node credential check read it.
   *
   * @param mission a mission name
   * @return event id to its CRL, in the store's order (empty for a mission without any)
   */
  public java.util.Map<String, X509CRL> deliveredCrls(String mission) {
    return revocations.deliveredCrls(mission);
  }

  Genesis genesis(LoadedMission m) {
    return genesisById.computeIfAbsent(
        m.genesisId(),
        id -> {
          try {
            return genesisParser.parse(m.genesis());
          } catch (GenesisException e) {
            throw new IllegalStateException("Stored genesis " + id + " no longer parses", e);
          }
        });
  }

  /**
   * @param mission a loaded mission
   * @return its parsed genesis (cached by genesis id)
   */
  public Genesis genesisOf(LoadedMission mission) {
    return genesis(mission);
  }

  /**
   * Forgets what the ledger derived from records (the roster epochs per mission); call after a
   * transaction that recorded outcomes rolled back, so that nothing derived from its records stays.
   */
  public void forgetDerived() {
    epochTracking.forget();
  }

  /**
   * Forgets what the ledger derived from one mission's records (its roster epochs); call once a
   * transaction that changed them completed (committed or rolled back), so that the next reader
   * derives them from what is committed.
   *
   * @param mission the mission
   */
  public void forgetDerived(String mission) {
    epochTracking.forget(mission);
  }

  /**
   * An input after the stateless stages ({@link #prepare}).
   *
   * @param der the bytes received
   * @param inputId their input id
   * @param decoded the decoded contribution, or null when it does not decode
   * @param failure why it does not decode, or null
   */
  public record Prepared(
      byte[] der, String inputId, DecodedContribution decoded, AdmissionException failure) {}

  /** The result of a submission. */
  public record Submission(InputRecord record, boolean replay) {
    /**
     * @return the SPEC §1 outcome to answer: a replay of an authentic input is {@code duplicate}
     *     whatever its outcome (admitted, evidence, void, held; SPEC §2.8), a replay of a rejected
     *     one is answered as recorded
     */
    public Outcome answered() {
      return replay && record.eventId() != null && record.outcome() != Outcome.REJECTED
          ? Outcome.DUPLICATE
          : record.outcome();
    }
  }
}
