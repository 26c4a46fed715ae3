package org.quorate.ejb.coordination;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceProperty;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.quorate.core.coordination.ProposalEvaluation;
import org.quorate.core.mission.Genesis;
import org.quorate.core.mission.Grant;
import org.quorate.core.mission.Member;
import org.quorate.core.quorum.Dissent;
import org.quorate.core.quorum.Equivocation;
import org.quorate.core.quorum.QuorumState;
import org.quorate.ejb.store.QuoratePersistence;
import org.quorate.ejb.view.EpochView;
import org.quorate.ejb.view.ProposalDetail;
import org.quorate.ejb.view.ProposalSummary;

/**
 * Read side of the coordination projection for REST and the portal (DTOs only): proposals of a
 * mission with their status, the quorum state of one proposal now, its timeline (the state after
 * each event), the roster of epoch 0 and recent dissents.
 */
@Stateless
public class CoordinationQueries {
  /** Most rows one listing returns. */
  public static final int MAX_ROWS = 2000;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @PersistenceContext(
      unitName = QuoratePersistence.NAME,
      properties = {
        @PersistenceProperty(name = QuoratePersistence.SKIP_MIXED_SYNC_CHECK, value = "false"),
        @PersistenceProperty(name = QuoratePersistence.ALLOW_JOINED_UNSYNC, value = "false")
      })
  private EntityManager em;

  @Inject private CoordinationService coordination;

  /** Every view leaving this class goes through it (SPEC §6 redaction, for the caller). */
  @jakarta.ejb.EJB private org.quorate.ejb.access.RedactionService redaction;

  /**
   * @param mission mission name
   * @return its proposals, oldest first, with the last recorded state
   */
  public List<ProposalSummary> proposals(String mission) {
    List<ProposalEntity> ps =
        em.createQuery(
                "select p from ProposalEntity p where p.mission = :m order by p.issuedMillis",
                ProposalEntity.class)
            .setParameter("m", mission)
            .setMaxResults(MAX_ROWS)
            .getResultList();
    List<ProposalSummary> out = new ArrayList<>();
    for (ProposalEntity p : ps) {
      out.add(summary(p, lastState(p.eventId())));
    }
    return redaction.proposals(mission, out);
  }

  /** Columns the decided-proposals table sorts by: the view's name to the entity's field. */
  private static final Map<String, String> DECIDED_SORT =
      Map.of("issued", "p.issuedMillis", "status", "s.status", "member", "p.member");

  private static final String LATEST =
      " from ProposalEntity p, QuorumStateEntity s where p.mission = :m and s.proposal = p.eventId"
          + " and s.id = (select max(s2.id) from QuorumStateEntity s2 where s2.proposal = p.eventId)";
  private static final String DECIDED = LATEST + " and s.isFinal = true";

  /**
   * @param mission mission name
   * @return its proposals that are not final (at most {@link #MAX_ROWS}), oldest first, redacted
   *     for the caller (SPEC §6)
   */
  public List<ProposalSummary> open(String mission) {
    List<ProposalSummary> out = new ArrayList<>();
    for (Object[] row :
        em.createQuery(
                "select p, s" + LATEST + " and s.isFinal = false order by p.issuedMillis",
                Object[].class)
            .setParameter("m", mission)
            .setMaxResults(MAX_ROWS)
            .getResultList()) {
      out.add(summary((ProposalEntity) row[0], (QuorumStateEntity) row[1]));
    }
    return redaction.proposals(mission, out);
  }

  /**
   * One page of a mission's decided (final) proposals, for the dashboard's lazy table: the database
   * pages, sorts and filters.
   *
   * @param mission mission name
   * @param status only this final status ({@code adopted}, {@code rejected}, {@code lapsed}, …), or
   *     null
   * @param member only proposals by this member, or null
   * @param sort {@code issued}, {@code status} or {@code member} (else issued)
   * @param ascending direction
   * @param first offset
   * @param max page size (at most {@link #MAX_ROWS})
   * @return the page, redacted for the caller (SPEC §6)
   */
  public List<ProposalSummary> decided(
      String mission,
      String status,
      String member,
      String sort,
      boolean ascending,
      int first,
      int max) {
    String order = DECIDED_SORT.getOrDefault(sort == null ? "" : sort, "p.issuedMillis");
    String dir = ascending ? " asc" : " desc";
    var q =
        em.createQuery(
            "select p, s"
                + DECIDED
                + decidedWhere(status, member)
                + " order by "
                + order
                + dir
                + ", p.eventId"
                + dir,
            Object[].class);
    bindDecided(q, mission, status, member);
    List<ProposalSummary> out = new ArrayList<>();
    for (Object[] row :
        q.setFirstResult(Math.max(0, first))
            .setMaxResults(Math.max(1, Math.min(max, MAX_ROWS)))
            .getResultList()) {
      out.add(summary((ProposalEntity) row[0], (QuorumStateEntity) row[1]));
    }
    return redaction.proposals(mission, out);
  }

  /**
   * @param mission mission name
   * @param status only this final status, or null
   * @param member only this member's proposals, or null
   * @return how many decided proposals match
   */
  public long decidedCount(String mission, String status, String member) {
    var q = em.createQuery("select count(p)" + DECIDED + decidedWhere(status, member), Long.class);
    bindDecided(q, mission, status, member);
    return q.getSingleResult();
  }

  private static String decidedWhere(String status, String member) {
    return (status == null ? "" : " and s.status = :st")
        + (member == null ? "" : " and p.member = :mb");
  }

  private static void bindDecided(
      jakarta.persistence.Query q, String mission, String status, String member) {
    q.setParameter("m", mission);
    if (status != null) {
      q.setParameter("st", status);
    }
    if (member != null) {
      q.setParameter("mb", member);
    }
  }

  private QuorumStateEntity lastState(String proposal) {
    List<QuorumStateEntity> s =
        em.createQuery(
                // Both columns of Q_QUORUM_STATE_PROPOSAL: H2 then reads the index backwards
                // (QuoratePersistence.CHAIN_HEAD_ORDER) instead of sorting every state row.
                "select s from QuorumStateEntity s where s.proposal = :p"
                    + " order by s.proposal desc, s.id desc",
                QuorumStateEntity.class)
            .setParameter("p", proposal)
            .setMaxResults(1)
            .getResultList();
    return s.isEmpty() ? null : s.get(0);
  }

  private static ProposalSummary summary(ProposalEntity p, QuorumStateEntity s) {
    return new ProposalSummary(
        p.eventId(),
        p.mission(),
        p.title(),
        p.policy(),
        p.member(),
        p.issued().toString(),
        p.admission(),
        p.status() == null ? "open" : p.status(),
        p.isFinal(),
        p.rule(),
        p.reason(),
        p.decision(),
        s == null ? 0 : s.threshold(),
        s == null ? 0 : s.n(),
        s == null ? 0 : s.concurs(),
        s == null ? 0 : s.dissents(),
        s == null ? 0 : s.abstains(),
        s == null ? Map.of() : missing(s.missingJson()),
        p.updated().toString(),
        List.of());
  }

  /** The missing-members JSON flattened: each required role, then {@code voters}. */
  private static Map<String, List<String>> missing(String json) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (json == null || json.isEmpty()) {
      return out;
    }
    try {
      Map<String, Object> m = MAPPER.readValue(json, new TypeReference<Map<String, Object>>() {});
      Object roles = m.get("roles");
      if (roles instanceof Map<?, ?> r) {
        for (Map.Entry<?, ?> e : r.entrySet()) {
          out.put(String.valueOf(e.getKey()), strings(e.getValue()));
        }
      }
      if (m.containsKey("voters")) {
        out.put("voters", strings(m.get("voters")));
      }
    } catch (JsonProcessingException e) {
      out.put("unreadable", List.of(e.getOriginalMessage()));
    }
    return out;
  }

  private static List<String> strings(Object o) {
    List<String> out = new ArrayList<>();
    if (o instanceof List<?> l) {
      for (Object x : l) {
        out.add(String.valueOf(x));
      }
    }
    return out;
  }

  /**
   * @param mission mission name
   * @param proposal proposal id
   * @return the state of the proposal now (re-evaluated from the events held), empty when the
   *     mission holds no such proposal; redacted for the caller (SPEC §6)
   */
  public Optional<ProposalDetail> detail(String mission, String proposal) {
    // A read: it writes nothing. Redaction reads each attestation's label claim, one query each;
    // with the default flush mode each of those first compared every entity loaded so far (the
    // proposal's attestations among them): seconds per request for 1,000 attestations, which is
    // what a client polling for the decision waited (issue 12). As for the audit's gathering.
    em.setFlushMode(jakarta.persistence.FlushModeType.COMMIT);
    return unredactedDetail(mission, proposal).map(redaction::detail);
  }

  private Optional<ProposalDetail> unredactedDetail(String mission, String proposal) {
    ProposalEntity p = em.find(ProposalEntity.class, proposal);
    if (p == null || !p.mission().equals(mission)) {
      return Optional.empty();
    }
    Optional<ProposalEvaluation> ev = coordination.evaluate(mission, proposal, Instant.now());
    QuorumState s = ev.map(ProposalEvaluation::state).orElse(null);
    List<DecisionEntity> decisionRows = all(DecisionEntity.class, proposal);
    List<String> counted = new ArrayList<>();
    String decision = s == null ? p.decision() : s.decision();
    for (DecisionEntity d : decisionRows) {
      if (d.eventId().equals(decision)) {
        counted.addAll(d.counted());
      }
    }
    Set<String> late = s == null ? Set.of() : new TreeSet<>(s.late());
    List<ProposalDetail.AttestationView> atts = new ArrayList<>();
    for (AttestationEntity a : all(AttestationEntity.class, proposal)) {
      atts.add(
          new ProposalDetail.AttestationView(
              a.eventId(),
              a.member(),
              a.role(),
              a.verdict(),
              a.rationale(),
              a.supersedes(),
              a.issued().toString(),
              a.admission(),
              late.contains(a.eventId()),
              counted.contains(a.eventId()),
              List.of()));
    }
    List<ProposalDetail.DecisionView> decs = new ArrayList<>();
    for (DecisionEntity d : decisionRows) {
      decs.add(
          new ProposalDetail.DecisionView(
              d.eventId(),
              d.member(),
              d.signer(),
              d.outcome(),
              d.issued().toString(),
              d.admission(),
              d.validity(),
              d.counted(),
              d.declaration()));
    }
    List<ProposalDetail.DisputeView> disputes = new ArrayList<>();
    for (DisputeEntity d : all(DisputeEntity.class, proposal)) {
      disputes.add(
          new ProposalDetail.DisputeView(
              d.eventId(),
              d.member(),
              d.target(),
              d.reason(),
              d.issued().toString(),
              d.admission(),
              List.of()));
    }
    if (s == null) {
      String status = ev.map(ProposalEvaluation::status).orElse(p.status());
      String why = ev.map(ProposalEvaluation::reason).orElse(p.reason());
      return Optional.of(
          new ProposalDetail(
              p.eventId(),
              mission,
              p.title(),
              p.text(),
              p.policy(),
              p.member(),
              p.issued().toString(),
              p.epoch(),
              p.admission(),
              status,
              false,
              null,
              why,
              0,
              null,
              0,
              0,
              Map.of(),
              null,
              List.of(),
              List.of(),
              List.of(),
              List.of(),
              Map.of(),
              List.of(),
              List.of(),
              List.of(),
              null,
              null,
              null,
              p.decision(),
              counted,
              List.of(),
              Map.of(),
              atts,
              decs,
              disputes,
              List.of()));
    }
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("concur", s.counts().concur());
    counts.put("dissent", s.counts().dissent());
    counts.put("abstain", s.counts().abstain());
    counts.put("concurWeight", s.counts().concurWeight());
    counts.put("dissentWeight", s.counts().dissentWeight());
    counts.put("abstainWeight", s.counts().abstainWeight());
    Set<String> equivocators = new TreeSet<>();
    List<Map<String, String>> equivocations = new ArrayList<>();
    for (Equivocation e : s.equivocations()) {
      equivocators.add(e.member());
      Map<String, String> m = new LinkedHashMap<>();
      m.put("member", e.member());
      m.put("role", e.role());
      m.put("first", e.first());
      m.put("second", e.second());
      equivocations.add(m);
    }
    List<ProposalDetail.DissentView> dissents = new ArrayList<>();
    for (Dissent d : s.dissents()) {
      dissents.add(dissent(p, d));
    }
    return Optional.of(
        new ProposalDetail(
            p.eventId(),
            mission,
            p.title(),
            p.text(),
            p.policy(),
            p.member(),
            p.issued().toString(),
            p.epoch(),
            p.admission(),
            s.status().wire(),
            s.isFinal(),
            s.rule().wire(),
            s.explanation(),
            s.threshold(),
            s.basis().name(),
            s.n(),
            s.totalWeight(),
            counts,
            ev.get().policy().policy().votingRole(),
            dissents,
            List.copyOf(equivocators),
            equivocations,
            List.copyOf(s.byzantineMembers()),
            new TreeMap<>(s.missingPerRole()),
            s.missingVoters(),
            s.late(),
            s.ineligible(),
            s.declaration(),
            s.deadline() == null ? null : s.deadline().toString(),
            s.windowCloses() == null ? null : s.windowCloses().toString(),
            s.decision(),
            counted,
            s.validFinalDecisions(),
            s.invalidDecisions(),
            atts,
            decs,
            disputes,
            List.of()));
  }

  private static ProposalDetail.DissentView dissent(ProposalEntity p, Dissent d) {
    return new ProposalDetail.DissentView(
        p.eventId(),
        p.title(),
        d.eventId(),
        d.member(),
        d.role(),
        d.signer(),
        d.rationale(),
        d.issued().toString(),
        d.late(),
        d.current(),
        d.changedOutcome(),
        List.of());
  }

  private <T extends ProjectedEvent> List<T> all(Class<T> kind, String proposal) {
    return em.createQuery(
            "select x from "
                + kind.getSimpleName()
                + " x where x.proposal = :p order by x.issuedMillis",
            kind)
        .setParameter("p", proposal)
        .setMaxResults(MAX_ROWS)
        .getResultList();
  }

  /**
   * @param mission mission name
   * @param proposal proposal id
   * @return the state after each event, in the order recorded; empty when no such proposal
   */
  public Optional<List<TimelineEntry>> timeline(String mission, String proposal) {
    ProposalEntity p = em.find(ProposalEntity.class, proposal);
    if (p == null || !p.mission().equals(mission)) {
      return Optional.empty();
    }
    List<QuorumStateEntity> rows =
        em.createQuery(
                "select s from QuorumStateEntity s where s.proposal = :p order by s.id",
                QuorumStateEntity.class)
            .setParameter("p", proposal)
            .setMaxResults(MAX_ROWS)
            .getResultList();
    List<TimelineEntry> out = new ArrayList<>();
    int i = 0;
    for (QuorumStateEntity s : rows) {
      out.add(
          new TimelineEntry(
              i++,
              s.trigger(),
              s.triggerType(),
              s.triggerMember(),
              s.triggerAdmission(),
              s.triggerIssued() == null ? null : s.triggerIssued().toString(),
              s.recorded().toString(),
              s.status(),
              s.isFinal(),
              s.rule(),
              s.explanation(),
              s.threshold(),
              s.n(),
              s.concurs(),
              s.dissents(),
              s.abstains(),
              s.dissentRecords(),
              missing(s.missingJson()),
              s.decision()));
    }
    return Optional.of(out);
  }

  /**
   * @param mission mission name
   * @return roster epoch 0 (the genesis members, their weights and granted roles); empty when the
   *     mission is unknown
   */
  public Optional<List<RosterEntry>> roster(String mission) {
    Optional<Genesis> g = coordination.genesis(mission);
    if (g.isEmpty()) {
      return Optional.empty();
    }
    List<RosterEntry> out = new ArrayList<>();
    for (Member m : g.get().members()) {
      Set<String> roles = new TreeSet<>();
      for (Grant grant : m.grants()) {
        roles.addAll(grant.roles());
      }
      out.add(new RosterEntry(m.id(), m.name(), m.weight(), List.copyOf(roles)));
    }
    return Optional.of(out);
  }

  /**
   * @param mission mission name
   * @return its roster epochs (members, anchors, grants, suspended, posture, policies, the decision
   *     that opened each) and every governance decision held; empty when the mission is unknown
   */
  public Optional<EpochView.Epochs> epochs(String mission) {
    return coordination
        .epochViews(mission)
        .map(
            e -> {
              List<EpochView> withRows = new ArrayList<>();
              for (EpochView v : e.epochs()) {
                EpochEntity row = em.find(EpochEntity.class, EpochEntity.id(mission, v.epoch()));
                withRows.add(
                    row != null && java.util.Objects.equals(row.openedBy(), v.openedBy())
                        ? v.recordedAt(row.recorded().toString())
                        : v);
              }
              return redaction.epochs(
                  new EpochView.Epochs(
                      e.mission(), e.current(), withRows, e.governanceDecisions()));
            });
  }

  /**
   * @param mission mission name
   * @param limit most dissents returned
   * @return the latest dissents on the mission's proposals, newest first
   */
  public List<ProposalDetail.DissentView> recentDissents(String mission, int limit) {
    List<AttestationEntity> rows =
        em.createQuery(
                "select a from AttestationEntity a where a.mission = :m and a.verdict = :v"
                    + " order by a.issuedMillis desc",
                AttestationEntity.class)
            .setParameter("m", mission)
            .setParameter("v", "dissent")
            .setMaxResults(Math.max(1, Math.min(limit, MAX_ROWS)))
            .getResultList();
    List<ProposalDetail.DissentView> out = new ArrayList<>();
    for (AttestationEntity a : rows) {
      ProposalEntity p = em.find(ProposalEntity.class, a.proposal());
      out.add(
          new ProposalDetail.DissentView(
              a.proposal(),
              p == null ? null : p.title(),
              a.eventId(),
              a.member(),
              a.role(),
              a.signer(),
              a.rationale(),
              a.issued().toString(),
              false,
              a.counts(),
              false,
              List.of()));
    }
    return redaction.dissents(mission, out);
  }
}
