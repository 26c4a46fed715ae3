package org.quorate.ejb.coordination;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceProperty;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.quorate.core.admission.InputRecord;
import org.quorate.core.admission.Outcome;
import org.quorate.core.coordination.CoordinationException;
import org.quorate.core.coordination.CoordinationMapping;
import org.quorate.core.coordination.EpochChain;
import org.quorate.core.coordination.ProposalEvaluation;
import org.quorate.core.coordination.ProposalScope;
import org.quorate.core.event.EventType;
import org.quorate.core.mission.Genesis;
import org.quorate.core.reason.AdmissionException;
import org.quorate.ejb.store.QuoratePersistence;
import org.quorate.ejb.store.TransactionResources;
import org.quorate.ejb.view.EpochView;

/**
 * The coordination projection (SPEC §3): keeps the proposals, attestations, retractions, quorum
 * declarations, decisions and disputes a node holds (admitted ones count; {@code void} and {@code
 * evidence} ones are kept visible and count for nobody), re-evaluates the affected proposal with
 * {@code QuorumEvaluator} after every event (or, inside a group of admissions that asked for it,
 * once per group: {@link #deferRecounts}) and records the state after it ({@link
 * QuorumStateEntity}), publishes every new status and every evidence record on the decisions topic,
 * and asks for a node decision when the evaluator advises one. Each proposal is counted over the
 * roster of its own epoch (SPEC §3 "Governance"); the epochs come from the admission ledger ({@code
 * EpochChain}) and are kept as {@link EpochEntity} rows when the ledger reports a change ({@link
 * #epochsChanged}).
 *
 * <p>This façade routes each job to its own class: {@link ProjectionWriter} writes the projected
 * rows, {@link Recounter} counts proposals again, {@link EpochSync} keeps the epoch rows, {@link
 * ProjectionPublisher} sends the topic messages, {@link MissionRosters} reads genesis and epochs.
 *
 * <p>Runs inside the caller's transaction (the admitting one), except the clock's {@link #tick},
 * which counts the due proposals in short transactions of its own; bad data never throws: an event
 * that cannot be read or mapped is logged and skipped.
 */
@Stateless
public class CoordinationService {
  private static final Logger LOG = Logger.getLogger(CoordinationService.class.getName());

  @PersistenceContext(
      unitName = QuoratePersistence.NAME,
      properties = {
        @PersistenceProperty(name = QuoratePersistence.SKIP_MIXED_SYNC_CHECK, value = "false"),
        @PersistenceProperty(name = QuoratePersistence.ALLOW_JOINED_UNSYNC, value = "false")
      })
  private EntityManager em;

  @Inject private ProjectionWriter writer;
  @Inject private Recounter recounter;
  @Inject private EpochSync epochSync;
  @Inject private ProjectionPublisher publisher;
  @Inject private MissionRosters rosters;

  @Resource private SessionContext context;

  @Resource private jakarta.transaction.TransactionSynchronizationRegistry registry;

  /** The key of the caller's transaction's {@link DeferredRecounts}. */
  private static final Object DEFERRED = CoordinationService.class.getName() + ".deferred";

  /** Most proposals one tick counts (the rest wait for the next tick). */
  static final int TICK_MAX = 10_000;

  /**
   * Most proposals one transaction of the clock counts: the mission's lock is held for at most this
   * many counts, so that ingest (which takes that lock per group) waits for no more.
   */
  static final int TICK_BATCH = 8;

  /**
   * Projects one recorded admission outcome (called for every outcome, in the admitting
   * transaction).
   *
   * @param r the input's record as it stands
   * @param outcome the outcome recorded
   */
  public void project(InputRecord r, Outcome outcome) {
    if (r.mission() == null || r.eventId() == null) {
      return;
    }
    if (!outcome.authentic()) {
      // Judged again after an epoch change (e.g. now stale-epoch): a projected row stops counting.
      // Only a projected type can have a row (six look-ups otherwise, per held input).
      boolean projectable =
          EventType.fromWire(r.type()).map(CoordinationMapping::projected).orElse(false);
      ProjectedEvent was =
          projectable && (outcome == Outcome.REJECTED || outcome == Outcome.HELD)
              ? writer.existing(r.eventId())
              : null;
      if (was != null && !was.admission().equals(outcome.code())) {
        was.admission(outcome.code());
        String proposal = proposalOf(was);
        ProposalEntity p = proposal == null ? null : em.find(ProposalEntity.class, proposal);
        if (p != null && p.mission().equals(r.mission())) {
          recount(p, new Trigger(r.eventId(), r.type(), r.member(), outcome.code(), null));
        }
      }
      return;
    }
    boolean fork = ProposalScope.makesByzantine(outcome.log(), r.reasonCode());
    if (outcome == Outcome.EVIDENCE) {
      publisher.evidence(r);
    }
    Optional<EventType> type = EventType.fromWire(r.type());
    Trigger trigger =
        new Trigger(
            r.eventId(),
            r.type(),
            r.member(),
            outcome.code(),
            r.issuedMillis() == null ? null : Instant.ofEpochMilli(r.issuedMillis()));
    String proposal = null;
    if (type.isPresent() && CoordinationMapping.projected(type.get())) {
      try {
        proposal = writer.store(r, outcome);
      } catch (AdmissionException | CoordinationException | IllegalArgumentException e) {
        LOG.log(
            Level.WARNING,
            "Coordination projection skips {0}: {1}",
            new Object[] {r.eventId(), e.getMessage()});
      }
    }
    if (proposal != null) {
      ProposalEntity p = em.find(ProposalEntity.class, proposal);
      if (p != null && p.mission().equals(r.mission())) {
        recount(p, trigger);
      }
    }
    if (fork) {
      // The forking member is byzantine from now on: every open proposal of the mission counts
      // anew. Which are open depends on the counts before it: what the group deferred (this
      // event's proposal included) is counted first, as each input would have been.
      recountDeferredNow();
      recounter.recomputeOpen(r.mission(), proposal, trigger, Instant.now());
    }
  }

  /**
   * Makes the caller's transaction (a group of admissions, {@code GroupRecorder}) count each
   * proposal its events touch once, when it calls {@link #recountDeferred}, instead of once per
   * event (issue 12). The result is the same ({@link DeferredRecounts}): a count is a function of
   * the events held, and nothing the group records reads an intermediate count. A chain fork (the
   * byzantine recount of every open proposal) or a change of roster epochs in the group counts what
   * waits first, then goes on deferring.
   *
   * @throws IllegalStateException outside a transaction
   */
  public void deferRecounts() {
    if (!TransactionResources.active(registry)) {
      throw new IllegalStateException("deferring counts needs a transaction");
    }
    TransactionResources.resource(registry, DEFERRED, DeferredRecounts::new);
  }

  /**
   * Counts, once each, the proposals the caller's transaction touched since {@link #deferRecounts}
   * (in order of their last touch, each with the trigger of the event that touched it last), and
   * ends the deferral: later events of the transaction are counted at once. Call after the group's
   * last admission, before commit.
   *
   * @return how many proposals were counted (0 when nothing was deferred)
   */
  public int recountDeferred() {
    DeferredRecounts d = deferred();
    if (d == null) {
      return 0;
    }
    int n = recountDeferredNow();
    d.close();
    return n;
  }

  /** The caller's transaction's deferred counts while they are open, else null. */
  private DeferredRecounts deferred() {
    if (!TransactionResources.active(registry)) {
      return null;
    }
    DeferredRecounts d = (DeferredRecounts) registry.getResource(DEFERRED);
    return d != null && d.open() ? d : null;
  }

  /** Counts a proposal an event touched: now, or at the group's end when deferred. */
  private void recount(ProposalEntity p, Trigger trigger) {
    DeferredRecounts d = deferred();
    if (d != null) {
      d.touch(p.eventId(), trigger);
    } else {
      recounter.recompute(p, trigger, Instant.now(), false);
    }
  }

  /** Counts what waits (keeping the deferral open); answers how many proposals were counted. */
  private int recountDeferredNow() {
    DeferredRecounts d = deferred();
    if (d == null || d.size() == 0) {
      return 0;
    }
    Instant now = Instant.now();
    int n = 0;
    for (java.util.Map.Entry<String, Trigger> e : d.take()) {
      ProposalEntity p = em.find(ProposalEntity.class, e.getKey());
      if (p != null) {
        recounter.recompute(p, e.getValue(), now, false);
        n++;
      }
    }
    return n;
  }

  /**
   * The clock (SPEC §3 time outcomes): counts again only the proposals that are due at {@code now}
   * ({@link Recounter#due}: a deadline, a window's close or the issued time of an event held ahead
   * of the clock reached, a decision advised and not yet held), in transactions of at most {@link
   * #TICK_BATCH} proposals of one mission each, each under the mission's lock for that batch only,
   * each with a persistence context of its own. Records a state row and publishes only when a
   * status changed; asks for the decisions that fell due. A batch that fails (a lock timeout) is
   * logged and stays due for the next tick.
   *
   * @param now the time
   * @return how many proposals were counted
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public int tick(Instant now) {
    List<Recounter.Due> due = recounter.due(now, TICK_MAX);
    CoordinationService self = context.getBusinessObject(CoordinationService.class);
    int counted = 0;
    for (List<Recounter.Due> batch : Recounter.batches(due, TICK_BATCH)) {
      try {
        counted +=
            self.recountDue(
                batch.get(0).mission(), batch.stream().map(Recounter.Due::proposal).toList(), now);
      } catch (RuntimeException e) {
        LOG.log(
            Level.WARNING,
            "Clock recount of {0} proposals of {1} failed, retried at the next tick: {2}",
            new Object[] {batch.size(), batch.get(0).mission(), e.toString()});
      }
    }
    if (counted > 0) {
      LOG.log(
          Level.FINE, "Clock counted {0} of {1} due proposals", new Object[] {counted, due.size()});
    }
    return counted;
  }

  /**
   * Counts again, in a transaction of its own under the mission's lock, the given proposals of one
   * mission that are still due (one batch of {@link #tick}).
   *
   * @param mission the mission
   * @param proposals proposal ids of that mission
   * @param now the clock's time
   * @return how many were counted
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public int recountDue(String mission, List<String> proposals, Instant now) {
    return recounter.recountDue(mission, proposals, now);
  }

  /**
   * Evaluates a proposal now from the events held (for REST, the portal and the node's signer).
   *
   * @param mission the mission
   * @param proposal the proposal id
   * @param now the evaluation time
   * @return the evaluation, empty when no such proposal is held in the mission or it does not count
   */
  public Optional<ProposalEvaluation> evaluate(String mission, String proposal, Instant now) {
    ProposalEntity p = em.find(ProposalEntity.class, proposal);
    if (p == null || !p.mission().equals(mission) || !p.counts()) {
      return Optional.empty();
    }
    return rosters.genesis(mission).map(genesis -> recounter.evaluate(genesis, p, now));
  }

  /**
   * @param mission mission name
   * @return its parsed genesis, when loaded
   */
  public Optional<Genesis> genesis(String mission) {
    return rosters.genesis(mission);
  }

  /**
   * @param mission mission name
   * @return its roster epochs as the events held make them, when the mission is loaded
   */
  public Optional<EpochChain> epochs(String mission) {
    return rosters.epochs(mission);
  }

  /**
   * @param mission mission name
   * @return the epochs rendered for REST and the portal, when the mission is loaded
   */
  public Optional<EpochView.Epochs> epochViews(String mission) {
    return rosters.epochViews(mission);
  }

  /**
   * The roster epochs of a mission changed (SPEC §3 "Governance"): writes its epoch rows, announces
   * the new epochs on the decisions topic, and makes the mission's open proposals due for the clock
   * (their epoch's roster, or whether their epoch is known, may have changed).
   *
   * @param mission the mission
   */
  public void epochsChanged(String mission) {
    // What the group deferred is counted first, as each input's count would have been: its state
    // rows and status messages come before the epoch's, and the update below then makes those
    // proposals due for the clock as well.
    recountDeferredNow();
    epochSync.sync(mission);
    recounter.epochsChanged(mission);
  }

  /**
   * @param mission mission name
   * @return members with chain-fork evidence in the mission (SPEC §2 step 9)
   */
  public Set<String> byzantine(String mission) {
    return recounter.byzantine(mission);
  }

  /**
   * @param x a projected row
   * @return the proposal it bears on (a proposal bears on itself), or null
   */
  private static String proposalOf(ProjectedEvent x) {
    return ProjectionWriter.proposalOf(x);
  }
}
