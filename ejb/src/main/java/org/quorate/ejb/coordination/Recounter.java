package org.quorate.ejb.coordination;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceProperty;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.quorate.core.admission.Outcome;
import org.quorate.core.coordination.ProposalEvaluation;
import org.quorate.core.coordination.ProposalScope;
import org.quorate.core.mission.Genesis;
import org.quorate.core.mission.Roster;
import org.quorate.core.quorum.AttestationRecord;
import org.quorate.core.quorum.DecisionRecord;
import org.quorate.core.quorum.QuorumDeclarationRecord;
import org.quorate.core.quorum.QuorumState;
import org.quorate.core.quorum.RetractionRecord;
import org.quorate.core.reason.ReasonCode;
import org.quorate.ejb.node.NodeCredentialEntity;
import org.quorate.ejb.store.MissionEntity;
import org.quorate.ejb.store.QuoratePersistence;

/**
 * Counts a proposal again (SPEC §3) from the projected rows held: runs {@code QuorumEvaluator} over
 * the roster of the proposal's epoch, sets the proposal's status, records the state after the
 * trigger ({@link QuorumStateEntity}), publishes a changed status and asks for a node decision
 * ({@link DecisionDue}) when the evaluator advises one and the node holds a credential. Runs in the
 * caller's transaction; an evaluation that fails on the events held is logged and skipped.
 */
@Dependent
class Recounter {
  private static final Logger LOG = Logger.getLogger(Recounter.class.getName());

  /** The wire names of {@link #byzantineOutcomes}: what {@link #byzantine} selects by. */
  private static final List<String> BYZANTINE_OUTCOMES =
      byzantineOutcomes().stream().map(Outcome::code).toList();

  @PersistenceContext(
      unitName = QuoratePersistence.NAME,
      properties = {
        @PersistenceProperty(name = QuoratePersistence.SKIP_MIXED_SYNC_CHECK, value = "false"),
        @PersistenceProperty(name = QuoratePersistence.ALLOW_JOINED_UNSYNC, value = "false")
      })
  private EntityManager em;

  @Inject private MissionRosters rosters;
  @Inject private ProjectionPublisher publisher;
  @Inject private Event<DecisionDue> due;

  /**
   * Counts one proposal again after a trigger.
   *
   * @param p the proposal
   * @param trigger what caused the recount
   * @param now the evaluation time
   * @param onlyIfChanged record a state row only when the status changed (clock ticks)
   */
  void recompute(ProposalEntity p, Trigger trigger, Instant now, boolean onlyIfChanged) {
    String before = p.status();
    boolean finalBefore = p.isFinal();
    QuorumStateEntity row;
    ProposalEvaluation ev = null;
    if (!p.counts()) {
      String why =
          "the proposal's admission outcome is "
              + p.admission()
              + ": it counts for nobody (SPEC §2)";
      p.status(p.admission(), false, null, why, null, now);
      p.clockDue(Long.MAX_VALUE, false, now);
      row = QuorumStateEntity.of(p, trigger, now, p.admission(), why, 0, null);
    } else {
      Optional<Genesis> g = rosters.genesis(p.mission());
      if (g.isEmpty()) {
        return;
      }
      try {
        ev = evaluate(g.get(), p, now);
      } catch (IllegalArgumentException | IllegalStateException e) {
        LOG.log(
            Level.WARNING,
            "Quorum evaluation of {0} failed on the events held: {1}",
            new Object[] {p.eventId(), e.getMessage()});
        return;
      }
      p.clockDue(ev.clockDueMillis(), ev.advice().isPresent(), now);
      QuorumState s = ev.state();
      if (s == null) {
        p.status(ev.status(), false, null, ev.reason(), null, now);
        row =
            QuorumStateEntity.of(
                p, trigger, now, ev.status(), ev.reason(), ev.roster().active().size(), null);
      } else {
        p.status(ev.status(), s.isFinal(), s.rule().wire(), s.explanation(), s.decision(), now);
        row = QuorumStateEntity.of(p, trigger, now, ev.status(), s.explanation(), s.n(), s);
        for (DecisionEntity d : byProposal(DecisionEntity.class, p.eventId())) {
          d.validity(s.invalidDecisions().getOrDefault(d.eventId(), "valid"));
        }
      }
    }
    boolean changed = !p.status().equals(before) || p.isFinal() != finalBefore;
    if (changed || !onlyIfChanged) {
      em.persist(row);
    }
    if (changed) {
      publisher.status(p, before, trigger, now);
    }
    if (ev != null
        && ev.advice().isPresent()
        && em.find(NodeCredentialEntity.class, p.mission()) != null) {
      due.fire(new DecisionDue(p.mission(), p.eventId()));
    }
  }

  /**
   * Counts every open proposal of a mission again except one (a member became byzantine: SPEC §2
   * step 9).
   *
   * @param mission the mission
   * @param except a proposal already counted, or null
   * @param trigger what caused the recount
   * @param now the evaluation time
   */
  void recomputeOpen(String mission, String except, Trigger trigger, Instant now) {
    for (ProposalEntity p :
        em.createQuery(
                "select p from ProposalEntity p where p.mission = :m order by p.issuedMillis",
                ProposalEntity.class)
            .setParameter("m", mission)
            .getResultList()) {
      if (!p.isFinal() && !p.eventId().equals(except)) {
        recompute(p, trigger, now, false);
      }
    }
  }

  /**
   * The proposals the clock must count again at {@code now} (SPEC §3 time outcomes, issue 12): not
   * final, admitted, and either a time boundary reached ({@link ProposalEntity#clockDueAt}: a
   * deadline, a window's close, an event held issued ahead of the clock; or never counted) or a
   * decision advised in a mission whose node holds a credential (a signing that failed is retried).
   * One read, no lock; ordered by mission, then issued.
   *
   * @param now the clock's time
   * @param max at most this many
   * @return (mission, proposal id) pairs
   */
  List<Due> due(Instant now, int max) {
    // Two plain queries, not one with an EXISTS subquery: EclipseLink writes the literals of such a
    // query into its SQL, a boolean as 0, which H2 does not compare with a BOOLEAN column.
    List<Object[]> rows =
        new ArrayList<>(
            em.createQuery(
                    "select p.mission, p.eventId, p.issuedMillis from ProposalEntity p"
                        + " where p.isFinal = false and p.admission = :a"
                        + " and (p.clockDueMillis is null or p.clockDueMillis <= :now)"
                        + " order by p.mission, p.issuedMillis",
                    Object[].class)
                .setParameter("a", Outcome.ADMITTED.code())
                .setParameter("now", now.toEpochMilli())
                .setMaxResults(max)
                .getResultList());
    List<String> credentialed =
        em.createQuery("select c.mission from NodeCredentialEntity c", String.class)
            .getResultList();
    if (!credentialed.isEmpty()) {
      rows.addAll(
          em.createQuery(
                  "select p.mission, p.eventId, p.issuedMillis from ProposalEntity p"
                      + " where p.isFinal = false and p.admission = :a"
                      + " and p.decisionAdvisedMillis is not null and p.mission in :m",
                  Object[].class)
              .setParameter("a", Outcome.ADMITTED.code())
              .setParameter("m", credentialed)
              .setMaxResults(max)
              .getResultList());
    }
    return dueOf(rows, max);
  }

  /**
   * The due proposals of query rows: each once, ordered by mission, then issued, then id.
   *
   * @param rows (mission, proposal id, issued epoch millis) rows, possibly repeated
   * @param max at most this many
   * @return (mission, proposal id) pairs
   */
  static List<Due> dueOf(List<Object[]> rows, int max) {
    java.util.TreeMap<String, java.util.TreeMap<String, Due>> byMission = new java.util.TreeMap<>();
    for (Object[] row : rows) {
      String mission = (String) row[0];
      String id = (String) row[1];
      long issued = ((Number) row[2]).longValue();
      byMission
          .computeIfAbsent(mission, k -> new java.util.TreeMap<>())
          .putIfAbsent(String.format(Locale.ROOT, "%020d %s", issued, id), new Due(mission, id));
    }
    List<Due> out = new ArrayList<>();
    for (java.util.TreeMap<String, Due> proposals : byMission.values()) {
      for (Due d : proposals.values()) {
        if (out.size() == max) {
          return out;
        }
        out.add(d);
      }
    }
    return out;
  }

  /**
   * Counts again, under the mission's lock (taken here, held until the caller's transaction ends),
   * the given proposals of one mission that are still due at {@code now} (a count by an event in
   * the meantime may have made one not due); records a state row and publishes only when the status
   * changed.
   *
   * @param mission the mission
   * @param proposals proposal ids of that mission
   * @param now the clock's time
   * @return how many were counted
   */
  int recountDue(String mission, List<String> proposals, Instant now) {
    if (em.find(MissionEntity.class, mission, LockModeType.PESSIMISTIC_WRITE) == null) {
      return 0;
    }
    boolean credential = em.find(NodeCredentialEntity.class, mission) != null;
    int counted = 0;
    for (String id : proposals) {
      ProposalEntity p = em.find(ProposalEntity.class, id);
      if (p == null
          || !p.mission().equals(mission)
          || p.isFinal()
          || !p.counts()
          || !(p.clockDueAt(now) || (credential && p.decisionAdvised()))) {
        continue;
      }
      recompute(p, Trigger.clock(), now, true);
      counted++;
    }
    return counted;
  }

  /**
   * The roster epochs of a mission changed: every proposal of it that is not final is due at the
   * next tick (its epoch's roster, or whether its epoch is known, may have changed). One update.
   *
   * @param mission the mission
   */
  void epochsChanged(String mission) {
    // Final ones too (the due query leaves them out): no boolean in an update's SQL.
    em.createQuery("update ProposalEntity p set p.clockDueMillis = 0 where p.mission = :m")
        .setParameter("m", mission)
        .executeUpdate();
  }

  /**
   * Splits due proposals into the batches the clock counts, one transaction each: one mission per
   * batch, at most {@code size} proposals, in the order given.
   *
   * @param due (mission, proposal) pairs, grouped by mission
   * @param size the largest batch, at least 1
   * @return the batches
   * @throws IllegalArgumentException when {@code size} is below 1
   */
  static List<List<Due>> batches(List<Due> due, int size) {
    if (size < 1) {
      throw new IllegalArgumentException("batch size " + size + " is below 1");
    }
    List<List<Due>> out = new ArrayList<>();
    List<Due> current = new ArrayList<>();
    for (Due d : due) {
      if (!current.isEmpty()
          && (current.size() == size || !current.get(0).mission().equals(d.mission()))) {
        out.add(current);
        current = new ArrayList<>();
      }
      current.add(d);
    }
    if (!current.isEmpty()) {
      out.add(current);
    }
    return out;
  }

  /**
   * A proposal the clock must count again.
   *
   * @param mission its mission
   * @param proposal its event id
   */
  record Due(String mission, String proposal) {}

  /**
   * Evaluates a proposal from the rows held, over the roster of its epoch.
   *
   * @param genesis the mission's genesis
   * @param p the proposal
   * @param now the evaluation time
   * @return the evaluation
   * @throws IllegalArgumentException or IllegalStateException when the events held do not evaluate
   */
  ProposalEvaluation evaluate(Genesis genesis, ProposalEntity p, Instant now) {
    String id = p.eventId();
    // One flush, so that the reads below see the rows this transaction wrote, instead of one per
    // query: each flush compares every entity the transaction holds (the proposal's attestations,
    // once the first query loaded them) with its backup copy. Nothing is written between them.
    if (em.isJoinedToTransaction()) {
      em.flush();
    }
    List<AttestationRecord> atts = new ArrayList<>();
    for (AttestationEntity a : byProposal(AttestationEntity.class, id)) {
      atts.add(a.record());
    }
    List<RetractionRecord> rets = new ArrayList<>();
    for (RetractionEntity r : byProposal(RetractionEntity.class, id)) {
      rets.add(r.record());
    }
    List<QuorumDeclarationRecord> decls = new ArrayList<>();
    for (DeclarationEntity d : byProposal(DeclarationEntity.class, id)) {
      decls.add(d.record());
    }
    List<DecisionRecord> decs = new ArrayList<>();
    for (DecisionEntity d : byProposal(DecisionEntity.class, id)) {
      decs.add(d.record());
    }
    Roster epoch = rosters.epochs(p.mission()).flatMap(c -> c.epoch(p.epoch())).orElse(null);
    return ProposalEvaluation.evaluate(
        genesis,
        epoch,
        p.record(),
        atts,
        rets,
        decls,
        decs,
        byzantine(p.mission(), FlushModeType.COMMIT),
        now);
  }

  /**
   * Counted rows (admitted) of one kind on a proposal, as last flushed (the caller flushed what its
   * transaction wrote).
   */
  private <T extends ProjectedEvent> List<T> byProposal(Class<T> kind, String proposal) {
    return em.createQuery(
            "select x from "
                + kind.getSimpleName()
                + " x where x.proposal = :p and x.admission = :a order by x.issuedMillis",
            kind)
        .setParameter("p", proposal)
        .setParameter("a", Outcome.ADMITTED.code())
        .setFlushMode(FlushModeType.COMMIT)
        .getResultList();
  }

  /**
   * The byzantine members of a mission by the one rule, {@link ProposalScope#makesByzantine}: the
   * database only narrows the records to the outcomes that rule can accept ({@link
   * #byzantineOutcomes}), and the rule itself judges each (member, outcome, reason code) found.
   *
   * @param mission mission name
   * @return members with chain-fork evidence in the mission (SPEC §2 step 9)
   */
  public Set<String> byzantine(String mission) {
    return byzantine(mission, FlushModeType.AUTO);
  }

  private Set<String> byzantine(String mission, FlushModeType flush) {
    return byzantineAmong(
        em.createQuery(
                "select distinct r.member, r.outcome, r.reasonCode from InputRecord r"
                    + " where r.mission = :m and r.outcome in :o",
                Object[].class)
            .setParameter("m", mission)
            .setParameter("o", BYZANTINE_OUTCOMES)
            .setFlushMode(flush)
            .getResultList());
  }

  /**
   * @return the outcomes for which {@link ProposalScope#makesByzantine} holds with some reason code
   *     (any of {@link ReasonCode}, or none), derived from the rule, never written again
   */
  static Set<Outcome> byzantineOutcomes() {
    Set<Outcome> out = EnumSet.noneOf(Outcome.class);
    for (Outcome o : Outcome.values()) {
      if (ProposalScope.makesByzantine(o.log(), null)) {
        out.add(o);
      }
      for (ReasonCode c : ReasonCode.values()) {
        if (ProposalScope.makesByzantine(o.log(), c.code())) {
          out.add(o);
        }
      }
    }
    return out;
  }

  /**
   * @param rows (member, outcome wire name, reason code or null) of input records
   * @return the members of the rows the rule ({@link ProposalScope#makesByzantine}) makes byzantine
   */
  static Set<String> byzantineAmong(List<Object[]> rows) {
    Set<String> out = new TreeSet<>();
    for (Object[] row : rows) {
      String member = (String) row[0];
      Outcome outcome = Outcome.valueOf(((String) row[1]).toUpperCase(Locale.ROOT));
      if (member != null && ProposalScope.makesByzantine(outcome.log(), (String) row[2])) {
        out.add(member);
      }
    }
    return out;
  }
}
