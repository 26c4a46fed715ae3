package org.quorate.ejb.coordination;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceProperty;
import java.util.List;
import org.quorate.core.admission.InputRecord;
import org.quorate.core.admission.Outcome;
import org.quorate.core.cms.SignedDataVerifier;
import org.quorate.core.coordination.CoordinationException;
import org.quorate.core.coordination.CoordinationMapping;
import org.quorate.core.coordination.ProposalScope;
import org.quorate.core.event.EventParser;
import org.quorate.core.quorum.AttestationRecord;
import org.quorate.core.quorum.DecisionRecord;
import org.quorate.core.quorum.ProposalRecord;
import org.quorate.core.quorum.QuorumDeclarationRecord;
import org.quorate.core.quorum.RetractionRecord;
import org.quorate.core.reason.AdmissionException;
import org.quorate.ejb.contribution.ContributionQueries;
import org.quorate.ejb.store.QuoratePersistence;

/**
 * Writes the coordination projection's rows (SPEC §3): one {@link ProjectedEvent} per proposal,
 * attestation, quorum declaration, decision, retraction or dispute held, read again from the
 * input's exact bytes, with its admission outcome kept current. Runs in the caller's transaction.
 */
@Dependent
class ProjectionWriter {
  /** One verifier (thread-safe): each one made builds a Bouncy Castle provider. */
  private static final SignedDataVerifier VERIFIER = new SignedDataVerifier();

  /** Longest proposal text kept (characters); the bytes keep the whole. */
  private static final int MAX_PROPOSAL_TEXT = 100_000;

  @PersistenceContext(
      unitName = QuoratePersistence.NAME,
      properties = {
        @PersistenceProperty(name = QuoratePersistence.SKIP_MIXED_SYNC_CHECK, value = "false"),
        @PersistenceProperty(name = QuoratePersistence.ALLOW_JOINED_UNSYNC, value = "false")
      })
  private EntityManager em;

  @Inject private ContributionQueries contributions;

  /**
   * Stores or updates the projected row of an input.
   *
   * @param r the input's record
   * @param outcome its admission outcome
   * @return the proposal it bears on, or null
   * @throws AdmissionException when its bytes no longer verify or parse
   * @throws CoordinationException when its bytes are missing or its body does not map (SPEC §3)
   */
  String store(InputRecord r, Outcome outcome) throws AdmissionException, CoordinationException {
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
    org.quorate.core.event.Event e = new EventParser().parse(VERIFIER.verify(der).content());
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
        String target = ProposalScope.target(e);
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

  /**
   * @param eventId an event id
   * @return its projected row, or null when none is held
   */
  ProjectedEvent existing(String eventId) {
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

  /**
   * @param x a projected row
   * @return the proposal it bears on (a proposal bears on itself), or null
   */
  static String proposalOf(ProjectedEvent x) {
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
}
