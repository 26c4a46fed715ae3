package org.quorate.ejb.audit;

import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.quorate.core.audit.AuditCheck;
import org.quorate.core.audit.ReconstructedEvent;
import org.quorate.core.audit.Reconstruction;
import org.quorate.core.coordination.CoordinationException;
import org.quorate.core.coordination.CoordinationMapping;
import org.quorate.core.coordination.ProposalScope;
import org.quorate.core.event.Event;
import org.quorate.core.quorum.AttestationRecord;
import org.quorate.core.quorum.DecisionRecord;
import org.quorate.core.quorum.QuorumDeclarationRecord;
import org.quorate.core.quorum.QuorumState;
import org.quorate.core.quorum.RetractionRecord;
import org.quorate.ejb.coordination.AttestationEntity;
import org.quorate.ejb.coordination.DecisionEntity;
import org.quorate.ejb.coordination.DeclarationEntity;
import org.quorate.ejb.coordination.DisputeEntity;
import org.quorate.ejb.coordination.ProjectedEvent;
import org.quorate.ejb.coordination.ProposalEntity;
import org.quorate.ejb.coordination.QuorumStateEntity;
import org.quorate.ejb.coordination.RetractionEntity;
import org.quorate.ejb.store.InLists;

/**
 * The database half of an audit (SPEC §5, audit contract "database checks"): the projection the
 * node stored and shows ({@code Q_INPUT_RECORD} outcomes, {@code Q_PROPOSAL}, {@code Q_ATTESTATION}
 * verdict, rationale and role, {@code Q_DECISION}, {@code Q_QUORUM_STATE}) compared with what the
 * signed bytes and the node log say. Each difference is one failed {@link AuditCheck} with check
 * {@code database}, subject {@code TABLE id} and a detail naming the field, the stored value and
 * the signed one; each row that matches is one passed check.
 *
 * <p>Rows are read afresh in the caller's transaction (the persistence unit has no shared cache).
 */
final class DatabaseChecks {
  /** The check name of every database check. */
  static final String CHECK = org.quorate.core.reason.VerificationCheck.DATABASE.wire();

  /** A stored field differs from the signed content or the log. */
  static final String MISMATCH = "database-mismatch";

  /** A row the signed bytes imply is missing. */
  static final String MISSING = "database-missing-row";

  private final EntityManager em;
  private final List<AuditCheck> out = new ArrayList<>();

  DatabaseChecks(EntityManager em) {
    this.em = em;
  }

  /**
   * @param proposal the proposal id
   * @param events the bundle's inputs with their stored rows
   * @param r the reconstruction from the signed bytes (may be null when the bundle could not be
   *     reconstructed; the state comparisons are then skipped)
   * @return one check per row compared and one per difference
   */
  List<AuditCheck> compare(String proposal, List<GatheredEvent> events, Reconstruction r) {
    Map<String, ReconstructedEvent> reconstructed = new HashMap<>();
    if (r != null && r.events() != null) {
      for (ReconstructedEvent e : r.events()) {
        reconstructed.put(e.eventId(), e);
      }
    }
    readAhead(events);
    for (GatheredEvent g : events) {
      inputOutcome(g);
      Event e = g.event();
      String logged = g.loggedOutcome();
      try {
        switch (e.type()) {
          // A governance proposal in the bundle (its decision opened an epoch): its row is
          // compared with its signed content; the reconstruction is the audited proposal's.
          case PROPOSAL -> proposal(e, logged, e.eventId().equals(proposal) ? r : null);
          case ATTESTATION -> attestation(e, logged);
          case DECISION -> decision(e, logged);
          case QUORUM_DECLARATION -> declaration(e, logged);
          case RETRACTION -> retraction(e, logged);
          case DISPUTE -> dispute(e, logged);
          default -> {
            // genesis endorsements, CRLs, evidence: compared by their input outcome only
          }
        }
      } catch (CoordinationException ex) {
        fail(
            "Q_INPUT " + g.record().inputId(),
            MISMATCH,
            "the signed content of " + e.eventId() + " cannot be read: " + ex.getMessage());
      }
    }
    if (r != null) {
      quorumStates(proposal, reconstructed);
    }
    return out;
  }

  /**
   * Reads the projected rows of the events into the persistence context, a few queries per type in
   * bounded {@code in} lists, so that each comparison's {@code find} finds its row there instead of
   * querying it (issue 12: a decision of 1,000 attestations).
   */
  private void readAhead(List<GatheredEvent> events) {
    Map<Class<? extends ProjectedEvent>, List<String>> ids = new LinkedHashMap<>();
    for (GatheredEvent g : events) {
      Class<? extends ProjectedEvent> row =
          switch (g.event().type()) {
            case PROPOSAL -> ProposalEntity.class;
            case ATTESTATION -> AttestationEntity.class;
            case DECISION -> DecisionEntity.class;
            case QUORUM_DECLARATION -> DeclarationEntity.class;
            case RETRACTION -> RetractionEntity.class;
            case DISPUTE -> DisputeEntity.class;
            default -> null;
          };
      if (row != null) {
        ids.computeIfAbsent(row, k -> new ArrayList<>()).add(g.event().eventId());
      }
    }
    ids.forEach(
        (type, of) -> {
          for (List<String> chunk : InLists.chunks(of)) {
            em.createQuery(
                    "select x from " + type.getSimpleName() + " x where x.eventId in :ids", type)
                .setParameter("ids", chunk)
                .getResultList();
          }
        });
  }

  /** Q_INPUT_RECORD.OUTCOME against the outcome the node log proves. */
  private void inputOutcome(GatheredEvent g) {
    String subject = "Q_INPUT_RECORD " + g.record().inputId();
    String stored;
    try {
      stored = g.record().outcome().code();
    } catch (RuntimeException e) {
      stored = "unreadable (" + e.getMessage() + ")";
    }
    String logged = g.loggedOutcome();
    int before = out.size();
    field(subject, "outcome", stored, logged, "the node log's record of input");
    pass(subject, before, "outcome " + stored + " as logged");
  }

  private void proposal(Event e, String logged, Reconstruction r) {
    String subject = "Q_PROPOSAL " + e.eventId();
    ProposalEntity p = em.find(ProposalEntity.class, e.eventId());
    if (p == null) {
      missing(subject, "proposal", logged);
      return;
    }
    int before = out.size();
    common(subject, p, e, logged);
    field(
        subject, "policy", p.policy(), e.body().path("policy").asText(null), "the signed content");
    field(subject, "epoch", p.epoch(), e.epoch(), "the signed content");
    field(
        subject,
        "title",
        p.title(),
        clip(e.body().path("title").asText(""), 1000),
        "the signed content");
    if (r != null && r.finalState() != null) {
      QuorumState s = r.finalState();
      field(subject, "status", p.status(), s.status().wire(), "the reconstructed quorum state");
      field(subject, "final", p.isFinal(), s.isFinal(), "the reconstructed quorum state");
      field(subject, "decision", p.decision(), s.decision(), "the reconstructed quorum state");
    }
    pass(subject, before, "proposal row matches its signed content and the reconstruction");
  }

  private void attestation(Event e, String logged) throws CoordinationException {
    AttestationRecord a = CoordinationMapping.attestation(e);
    String subject = "Q_ATTESTATION " + e.eventId();
    AttestationEntity row = em.find(AttestationEntity.class, e.eventId());
    if (row == null) {
      missing(subject, "attestation", logged);
      return;
    }
    int before = out.size();
    common(subject, row, e, logged);
    field(subject, "verdict", row.verdict(), a.verdict().wire(), "the signed content");
    field(subject, "rationale", row.rationale(), a.rationale(), "the signed content");
    field(subject, "role", row.role(), clip(a.role(), 128), "the signed content");
    field(subject, "proposal", row.proposal(), a.proposal(), "the signed content");
    field(subject, "supersedes", row.supersedes(), a.supersedes(), "the signed content");
    pass(subject, before, "attestation row matches its signed content");
  }

  private void decision(Event e, String logged) throws CoordinationException {
    DecisionRecord d = CoordinationMapping.decision(e);
    String subject = "Q_DECISION " + e.eventId();
    DecisionEntity row = em.find(DecisionEntity.class, e.eventId());
    if (row == null) {
      missing(subject, "decision", logged);
      return;
    }
    int before = out.size();
    common(subject, row, e, logged);
    field(subject, "outcome", row.outcome(), clip(d.outcome(), 32), "the signed content");
    field(subject, "proposal", row.proposal(), d.proposal(), "the signed content");
    field(
        subject,
        "counted",
        new TreeSet<>(row.counted()).toString(),
        new TreeSet<>(d.counted()).toString(),
        "the signed content");
    field(subject, "declaration", row.declaration(), d.declaration(), "the signed content");
    pass(subject, before, "decision row matches its signed content");
  }

  private void declaration(Event e, String logged) throws CoordinationException {
    QuorumDeclarationRecord d = CoordinationMapping.declaration(e);
    String subject = "Q_DECLARATION " + e.eventId();
    DeclarationEntity row = em.find(DeclarationEntity.class, e.eventId());
    if (row == null) {
      missing(subject, "quorum declaration", logged);
      return;
    }
    int before = out.size();
    QuorumDeclarationRecord stored = row.record();
    common(subject, row, e, logged);
    field(subject, "proposal", row.proposal(), d.proposal(), "the signed content");
    field(
        subject,
        "reachable",
        new TreeSet<>(stored.reachable()).toString(),
        new TreeSet<>(d.reachable()).toString(),
        "the signed content");
    field(
        subject,
        "unreachable",
        new TreeSet<>(stored.unreachable()).toString(),
        new TreeSet<>(d.unreachable()).toString(),
        "the signed content");
    pass(subject, before, "quorum declaration row matches its signed content");
  }

  private void retraction(Event e, String logged) throws CoordinationException {
    RetractionRecord r = CoordinationMapping.retraction(e);
    String subject = "Q_RETRACTION " + e.eventId();
    RetractionEntity row = em.find(RetractionEntity.class, e.eventId());
    if (row == null) {
      missing(subject, "retraction", logged);
      return;
    }
    int before = out.size();
    common(subject, row, e, logged);
    field(subject, "target", row.target(), r.event(), "the signed content");
    pass(subject, before, "retraction row matches its signed content");
  }

  private void dispute(Event e, String logged) throws CoordinationException {
    String target = ProposalScope.target(e);
    String subject = "Q_DISPUTE " + e.eventId();
    DisputeEntity row = em.find(DisputeEntity.class, e.eventId());
    if (row == null) {
      missing(subject, "dispute", logged);
      return;
    }
    int before = out.size();
    common(subject, row, e, logged);
    field(subject, "target", row.target(), target, "the signed content");
    pass(subject, before, "dispute row matches its signed content");
  }

  /** Fields every projected row shares. */
  private void common(String subject, ProjectedEvent row, Event e, String logged) {
    field(subject, "member", row.member(), e.member(), "the signed content");
    field(subject, "signer", row.signer(), e.signer(), "the signed content");
    field(
        subject,
        "issued",
        row.issued().toEpochMilli(),
        e.issued().toEpochMilli(),
        "the signed content");
    field(subject, "admission", row.admission(), logged, "the node log's record of event");
  }

  /**
   * Q_QUORUM_STATE: each row triggered by an event of the bundle against the reconstructed state
   * after that event (status, final, counts, T, n, decision).
   */
  private void quorumStates(String proposal, Map<String, ReconstructedEvent> reconstructed) {
    List<QuorumStateEntity> rows =
        em.createQuery(
                "select s from QuorumStateEntity s where s.proposal = :p order by s.id",
                QuorumStateEntity.class)
            .setParameter("p", proposal)
            .getResultList();
    for (QuorumStateEntity row : rows) {
      ReconstructedEvent e = reconstructed.get(row.trigger());
      if (e == null || e.stateAfter() == null) {
        continue;
      }
      QuorumState s = e.stateAfter();
      String subject = "Q_QUORUM_STATE " + row.id() + " (after " + row.trigger() + ")";
      String source = "the reconstructed state after that event";
      int before = out.size();
      field(subject, "status", row.status(), s.status().wire(), source);
      field(subject, "final", row.isFinal(), s.isFinal(), source);
      field(subject, "concurs", row.concurs(), s.counts().concur(), source);
      field(subject, "dissents", row.dissents(), s.counts().dissent(), source);
      field(subject, "abstains", row.abstains(), s.counts().abstain(), source);
      field(subject, "threshold", row.threshold(), s.threshold(), source);
      field(subject, "n", row.n(), s.n(), source);
      field(subject, "decision", row.decision(), s.decision(), source);
      pass(subject, before, "state after the event matches the reconstruction");
    }
  }

  private void field(String subject, String field, Object stored, Object signed, String source) {
    if (Objects.equals(stored, signed)) {
      return;
    }
    fail(
        subject,
        MISMATCH,
        "stored "
            + field
            + " "
            + quote(stored)
            + " differs from "
            + source
            + " "
            + quote(signed)
            + " ("
            + subject
            + ", field "
            + field
            + ")");
  }

  private void missing(String subject, String type, String logged) {
    fail(
        subject,
        MISSING,
        "the node log records this "
            + type
            + " as "
            + logged
            + " but the projection holds no row "
            + subject);
  }

  private void fail(String subject, String reasonCode, String detail) {
    out.add(new AuditCheck(CHECK, subject, false, reasonCode, detail));
  }

  /** Adds a passed check when no difference was found since {@code before}. */
  private void pass(String subject, int before, String detail) {
    if (out.size() == before) {
      out.add(new AuditCheck(CHECK, subject, true, null, detail));
    }
  }

  private static String quote(Object o) {
    return o == null ? "null" : "'" + o + "'";
  }

  private static String clip(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max - 3) + "...";
  }
}
