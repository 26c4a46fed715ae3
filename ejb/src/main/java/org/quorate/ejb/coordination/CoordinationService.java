package org.quorate.ejb.coordination;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.quorate.core.admission.AdmissionException;
import org.quorate.core.admission.InputRecord;
import org.quorate.core.admission.LoadedMission;
import org.quorate.core.admission.Outcome;
import org.quorate.core.admission.ReasonCode;
import org.quorate.core.cms.SignedDataVerifier;
import org.quorate.core.coordination.CoordinationException;
import org.quorate.core.coordination.CoordinationMapping;
import org.quorate.core.coordination.EpochChain;
import org.quorate.core.coordination.ProposalEvaluation;
import org.quorate.core.event.EventParser;
import org.quorate.core.event.EventType;
import org.quorate.core.mission.Genesis;
import org.quorate.core.mission.Roster;
import org.quorate.core.quorum.AttestationRecord;
import org.quorate.core.quorum.DecisionRecord;
import org.quorate.core.quorum.ProposalRecord;
import org.quorate.core.quorum.QuorumDeclarationRecord;
import org.quorate.core.quorum.QuorumState;
import org.quorate.core.quorum.RetractionRecord;
import org.quorate.ejb.admission.AdmissionEngine;
import org.quorate.ejb.contribution.ContributionQueries;
import org.quorate.ejb.mission.MissionEntity;
import org.quorate.ejb.node.NodeCredentialEntity;

/**
 * The coordination projection (SPEC §3): keeps the proposals, attestations, retractions, quorum
 * declarations, decisions and disputes a node holds (admitted ones count; {@code void} and {@code
 * evidence} ones are kept visible and count for nobody), re-evaluates the affected proposal with
 * {@code QuorumEvaluator} after every event and records the state after it ({@link
 * QuorumStateEntity}), publishes every new status and every evidence record on the decisions topic,
 * and asks for a node decision when the evaluator advises one. Each proposal is counted over the
 * roster of its own epoch (SPEC §3 "Governance"); the epochs come from the admission ledger ({@code
 * EpochChain}) and are kept as {@link EpochEntity} rows when the ledger reports a change ({@link
 * #epochsChanged}).
 *
 * <p>Runs inside the caller's transaction (the admitting one); bad data never throws: an event that
 * cannot be read or mapped is logged and skipped.
 */
@Stateless
public class CoordinationService {
  private static final Logger LOG = Logger.getLogger(CoordinationService.class.getName());
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int MAX_PROPOSAL_TEXT = 100_000;

  @PersistenceContext(unitName = "quorate")
  private EntityManager em;

  @Inject private AdmissionEngine engine;
  @Inject private ContributionQueries contributions;
  @Inject private DecisionPublisher publisher;
  @Inject private Event<DecisionDue> due;

  /** What caused a state to be recorded. */
  record Trigger(String id, String type, String member, String admission, Instant issued) {
    static Trigger clock() {
      return new Trigger(QuorumStateEntity.CLOCK, null, null, null, null);
    }
  }

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
    if (outcome != Outcome.ADMITTED && outcome != Outcome.EVIDENCE && outcome != Outcome.VOID) {
      // Judged again after an epoch change (e.g. now stale-epoch): a projected row stops counting.
      // Only a projected type can have a row (six look-ups otherwise, per held input).
      boolean projectable =
          EventType.fromWire(r.type()).map(CoordinationMapping::projected).orElse(false);
      ProjectedEvent was =
          projectable && (outcome == Outcome.REJECTED || outcome == Outcome.HELD)
              ? existing(r.eventId())
              : null;
      if (was != null && !was.admission().equals(outcome.code())) {
        was.admission(outcome.code());
        String proposal = proposalOf(was);
        ProposalEntity p = proposal == null ? null : em.find(ProposalEntity.class, proposal);
        if (p != null && p.mission().equals(r.mission())) {
          recompute(
              p,
              new Trigger(r.eventId(), r.type(), r.member(), outcome.code(), null),
              Instant.now(),
              false);
        }
      }
      return;
    }
    boolean fork =
        outcome == Outcome.EVIDENCE && ReasonCode.CHAIN_FORK.code().equals(r.reasonCode());
    if (outcome == Outcome.EVIDENCE) {
      publishEvidence(r);
    }
    Optional<EventType> type = EventType.fromWire(r.type());
    Trigger trigger =
        new Trigger(
            r.eventId(),
            r.type(),
            r.member(),
            outcome.code(),
            r.issuedMillis() == null ? null : Instant.ofEpochMilli(r.issuedMillis()));
    Instant now = Instant.now();
    String proposal = null;
    if (type.isPresent() && CoordinationMapping.projected(type.get())) {
      try {
        proposal = store(r, outcome);
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
        recompute(p, trigger, now, false);
      }
    }
    if (fork) {
      // The forking member is byzantine from now on: every open proposal of the mission counts
      // anew.
      for (ProposalEntity p : proposals(r.mission())) {
        if (!p.isFinal() && !p.eventId().equals(proposal)) {
          recompute(p, trigger, now, false);
        }
      }
    }
  }

  /**
   * Re-evaluates every proposal that is not final at {@code now}; records a state row and publishes
   * only when the status changed, and asks for decisions that fell due (deadline, window close).
   *
   * @param now the time
   */
  public void tick(Instant now) {
    List<ProposalEntity> open =
        em.createQuery(
                "select p from ProposalEntity p where p.isFinal = false and p.admission = :a"
                    + " order by p.mission, p.issuedMillis",
                ProposalEntity.class)
            .setParameter("a", Outcome.ADMITTED.code())
            .setMaxResults(10_000)
            .getResultList();
    String locked = null;
    for (ProposalEntity p : open) {
      if (!p.mission().equals(locked)) {
        em.find(MissionEntity.class, p.mission(), LockModeType.PESSIMISTIC_WRITE);
        locked = p.mission();
      }
      em.refresh(p);
      if (!p.isFinal()) {
        recompute(p, Trigger.clock(), now, true);
      }
    }
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
    Optional<Genesis> g = genesis(mission);
    return g.map(genesis -> evaluate(genesis, p, now));
  }

  /**
   * @param mission mission name
   * @return its parsed genesis, when loaded
   */
  public Optional<Genesis> genesis(String mission) {
    MissionEntity m = em.find(MissionEntity.class, mission);
    if (m == null) {
      return Optional.empty();
    }
    return Optional.of(
        engine
            .ledger()
            .genesisOf(
                new LoadedMission(
                    m.name(),
                    m.genesisId(),
                    m.genesis(),
                    MissionEntity.PENDING.equals(m.status()))));
  }

  /**
   * @param mission mission name
   * @return its roster epochs as the events held make them, when the mission is loaded
   */
  public Optional<EpochChain> epochs(String mission) {
    return engine.ledger().epochsOf(mission);
  }

  /**
   * @param mission mission name
   * @return the epochs rendered for REST and the portal, when the mission is loaded
   */
  public Optional<EpochView.Epochs> epochViews(String mission) {
    Optional<Genesis> g = genesis(mission);
    Optional<EpochChain> chain = epochs(mission);
    if (g.isEmpty() || chain.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        EpochViews.of(mission, g.get(), chain.get(), engine.spifs(), this::proposalTitle));
  }

  private String proposalTitle(String proposal) {
    ProposalEntity p = proposal == null ? null : em.find(ProposalEntity.class, proposal);
    return p == null ? null : p.title();
  }

  /**
   * The roster epochs of a mission changed (SPEC §3 "Governance"): writes its epoch rows and
   * announces the new epochs on the decisions topic.
   *
   * @param mission the mission
   */
  public void epochsChanged(String mission) {
    syncEpochs(mission);
  }

  /** Writes the epoch rows that differ from the epochs the events held make now. */
  private void syncEpochs(String mission) {
    Optional<EpochView.Epochs> views = epochViews(mission);
    if (views.isEmpty()) {
      return;
    }
    Instant now = Instant.now();
    List<EpochView> epochs = views.get().epochs();
    for (EpochView v : epochs) {
      String json;
      try {
        json = MAPPER.writeValueAsString(v.durable());
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("Rendering an epoch failed", e);
      }
      EpochEntity row =
          new EpochEntity(
              mission, v.epoch(), v.openedBy(), v.proposal(), v.action(), v.opened(), json, now);
      EpochEntity held = em.find(EpochEntity.class, EpochEntity.id(mission, v.epoch()));
      if (held == null) {
        em.persist(row);
        if (v.epoch() > 0) {
          publishEpoch(mission, v);
        }
      } else if (!json.equals(held.roster())) {
        held.replaceWith(row);
        publishEpoch(mission, v);
      }
    }
    for (EpochEntity stale :
        em.createQuery(
                "select e from EpochEntity e where e.mission = :m and e.epoch >= :n",
                EpochEntity.class)
            .setParameter("m", mission)
            .setParameter("n", (long) epochs.size())
            .getResultList()) {
      em.remove(stale);
    }
  }

  private void publishEpoch(String mission, EpochView v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mission", mission);
    m.put("epoch", v.epoch());
    m.put("openedBy", v.openedBy());
    m.put("proposal", v.proposal());
    m.put("action", v.action());
    m.put("members", v.members().stream().map(EpochView.MemberView::member).toList());
    publisher.publish("epoch", mission, m);
  }

  private ProposalEvaluation evaluate(Genesis genesis, ProposalEntity p, Instant now) {
    String id = p.eventId();
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
    ProposalRecord pr = p.record();
    Roster epoch = epochs(p.mission()).flatMap(c -> c.epoch(p.epoch())).orElse(null);
    return ProposalEvaluation.evaluate(
        genesis, epoch, pr, atts, rets, decls, decs, byzantine(p.mission()), now);
  }

  /** Counted rows (admitted) of one kind on a proposal. */
  private <T extends ProjectedEvent> List<T> byProposal(Class<T> kind, String proposal) {
    return em.createQuery(
            "select x from "
                + kind.getSimpleName()
                + " x where x.proposal = :p and x.admission = :a order by x.issuedMillis",
            kind)
        .setParameter("p", proposal)
        .setParameter("a", Outcome.ADMITTED.code())
        .getResultList();
  }

  /**
   * @param mission mission name
   * @return members with chain-fork evidence in the mission (SPEC §2 step 9)
   */
  public Set<String> byzantine(String mission) {
    return new TreeSet<>(
        em.createQuery(
                "select distinct r.member from InputRecord r where r.mission = :m"
                    + " and r.outcome = :o and r.reasonCode = :c",
                String.class)
            .setParameter("m", mission)
            .setParameter("o", Outcome.EVIDENCE.code())
            .setParameter("c", ReasonCode.CHAIN_FORK.code())
            .getResultList());
  }

  private List<ProposalEntity> proposals(String mission) {
    return em.createQuery(
            "select p from ProposalEntity p where p.mission = :m order by p.issuedMillis",
            ProposalEntity.class)
        .setParameter("m", mission)
        .getResultList();
  }

  /** Stores or updates the projected row; answers the proposal it bears on, or null. */
  private String store(InputRecord r, Outcome outcome)
      throws AdmissionException, CoordinationException {
    String admission = outcome.code();
    ProjectedEvent existing = existing(r.eventId());
    if (existing != null) {
      existing.admission(admission);
      return proposalOf(existing);
    }
    byte[] der =
        contributions
            .bytes(r.inputId())
            .orElseThrow(() -> new CoordinationException("no bytes for " + r.inputId()));
    org.quorate.core.event.Event e =
        new EventParser().parse(new SignedDataVerifier().verify(der).content());
    String mission = e.mission();
    switch (e.type()) {
      case PROPOSAL -> {
        ProposalRecord p = CoordinationMapping.proposal(e);
        String text = e.body().path("text").asText("");
        em.persist(
            new ProposalEntity(
                e.eventId(),
                mission,
                e.member(),
                e.signer(),
                e.issued(),
                admission,
                e.epoch(),
                p.policy(),
                e.body().path("title").asText(""),
                text.length() > MAX_PROPOSAL_TEXT ? text.substring(0, MAX_PROPOSAL_TEXT) : text,
                p.actionSubject(),
                p.subjectRule()));
        return e.eventId();
      }
      case ATTESTATION -> {
        AttestationRecord a = CoordinationMapping.attestation(e);
        em.persist(new AttestationEntity(a, mission, admission));
        return a.proposal();
      }
      case QUORUM_DECLARATION -> {
        QuorumDeclarationRecord d = CoordinationMapping.declaration(e);
        em.persist(
            new DeclarationEntity(
                d, mission, e.member(), e.signer(), e.body().path("reason").asText(""), admission));
        return d.proposal();
      }
      case DECISION -> {
        DecisionRecord d = CoordinationMapping.decision(e);
        em.persist(new DecisionEntity(d, mission, e.member(), e.signer(), admission));
        return d.proposal();
      }
      case RETRACTION -> {
        RetractionRecord rr = CoordinationMapping.retraction(e);
        String proposal = proposalOfEvent(rr.event());
        em.persist(
            new RetractionEntity(
                rr, mission, e.signer(), proposal, e.body().path("reason").asText(""), admission));
        return proposal;
      }
      case DISPUTE -> {
        String target = CoordinationMapping.target(e);
        String proposal = proposalOfEvent(target);
        em.persist(
            new DisputeEntity(
                e.eventId(),
                mission,
                e.member(),
                e.signer(),
                e.issued(),
                admission,
                target,
                proposal,
                e.body().path("reason").asText("")));
        return proposal;
      }
      default -> {
        return null;
      }
    }
  }

  private ProjectedEvent existing(String eventId) {
    for (Class<? extends ProjectedEvent> k :
        List.of(
            ProposalEntity.class,
            AttestationEntity.class,
            DeclarationEntity.class,
            DecisionEntity.class,
            RetractionEntity.class,
            DisputeEntity.class)) {
      ProjectedEvent x = em.find(k, eventId);
      if (x != null) {
        return x;
      }
    }
    return null;
  }

  private static String proposalOf(ProjectedEvent x) {
    if (x instanceof ProposalEntity p) {
      return p.eventId();
    } else if (x instanceof AttestationEntity a) {
      return a.proposal();
    } else if (x instanceof DeclarationEntity d) {
      return d.proposal();
    } else if (x instanceof DecisionEntity d) {
      return d.proposal();
    } else if (x instanceof RetractionEntity r) {
      return r.proposal();
    } else if (x instanceof DisputeEntity d) {
      return d.proposal();
    }
    return null;
  }

  /** The proposal an event (the target of a retraction or dispute) bears on, or null. */
  private String proposalOfEvent(String eventId) {
    ProjectedEvent x = existing(eventId);
    return x == null ? null : proposalOf(x);
  }

  private void recompute(ProposalEntity p, Trigger trigger, Instant now, boolean onlyIfChanged) {
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
      row =
          new QuorumStateEntity(
              p.mission(),
              p.eventId(),
              trigger.id(),
              trigger.type(),
              trigger.member(),
              trigger.admission(),
              trigger.issued(),
              now,
              p.admission(),
              false,
              null,
              why,
              0,
              0,
              0,
              0,
              0,
              0,
              "{}",
              null);
    } else {
      Optional<Genesis> g = genesis(p.mission());
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
      QuorumState s = ev.state();
      if (s == null) {
        p.status(ev.status(), false, null, ev.reason(), null, now);
        row =
            new QuorumStateEntity(
                p.mission(),
                p.eventId(),
                trigger.id(),
                trigger.type(),
                trigger.member(),
                trigger.admission(),
                trigger.issued(),
                now,
                ev.status(),
                false,
                null,
                ev.reason(),
                0,
                ev.roster().active().size(),
                0,
                0,
                0,
                0,
                "{}",
                null);
      } else {
        p.status(ev.status(), s.isFinal(), s.rule().wire(), s.explanation(), s.decision(), now);
        row =
            new QuorumStateEntity(
                p.mission(),
                p.eventId(),
                trigger.id(),
                trigger.type(),
                trigger.member(),
                trigger.admission(),
                trigger.issued(),
                now,
                ev.status(),
                s.isFinal(),
                s.rule().wire(),
                s.explanation(),
                s.threshold(),
                s.n(),
                s.counts().concur(),
                s.counts().dissent(),
                s.counts().abstain(),
                s.dissents().size(),
                missingJson(s),
                s.decision());
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
      publishStatus(p, before, trigger, now);
    }
    if (ev != null
        && ev.advice().isPresent()
        && em.find(NodeCredentialEntity.class, p.mission()) != null) {
      due.fire(new DecisionDue(p.mission(), p.eventId()));
    }
  }

  private static String missingJson(QuorumState s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("roles", s.missingPerRole());
    m.put("voters", s.missingVoters());
    try {
      return MAPPER.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Rendering missing members failed", e);
    }
  }

  private void publishStatus(ProposalEntity p, String before, Trigger trigger, Instant now) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mission", p.mission());
    m.put("proposal", p.eventId());
    m.put("title", p.title());
    m.put("policy", p.policy());
    m.put("status", p.status());
    m.put("previous", before);
    m.put("final", p.isFinal());
    m.put("rule", p.rule());
    m.put("explanation", p.reason());
    m.put("decision", p.decision());
    m.put("trigger", trigger.id());
    m.put("at", now.toString());
    publisher.publish("status", p.mission(), m);
  }

  private void publishEvidence(InputRecord r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mission", r.mission());
    m.put("eventId", r.eventId());
    m.put("inputId", r.inputId());
    m.put("type", r.type());
    m.put("member", r.member());
    m.put("signer", r.signer());
    m.put("seq", r.seq());
    m.put("reasonCode", r.reasonCode());
    m.put("reason", r.reason());
    m.put("conflictsWith", r.conflictsWith());
    m.put("at", r.decided().toString());
    publisher.publish("evidence", r.mission(), m);
  }
}
