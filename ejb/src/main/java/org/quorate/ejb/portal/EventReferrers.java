package org.quorate.ejb.portal;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The events that point at one event (the event page's "What points at it", SPEC §7): the
 * attestations, quorum declarations, decision certificates, retractions and disputes on a proposal
 * or targeting an event, the attestations that supersede an attestation and the decisions that rest
 * on a declaration, from the coordination projection. Only unlabelled facts are given (type,
 * member, verdict or outcome, time); the event page of each shows the rest under the caller's
 * clearance.
 */
final class EventReferrers {
  /** Most events read per kind of reference. */
  static final int MAX_PER_KIND = 500;

  private final EntityManager em;

  EventReferrers(EntityManager em) {
    this.em = em;
  }

  /**
   * @param eventId the event pointed at
   * @return what points at it, oldest first
   */
  List<EventView.Referrer> of(String eventId) {
    List<EventView.Referrer> out = new ArrayList<>();
    rows(
        "select a.eventId, a.member, a.issuedMillis, a.verdict, a.role, a.admission"
            + " from AttestationEntity a where a.proposal = :i",
        eventId,
        r -> out.add(referrer("attestation on it", r, r[3] + " as " + r[4] + " (" + r[5] + ")")));
    rows(
        "select a.eventId, a.member, a.issuedMillis, a.verdict, a.role, a.admission"
            + " from AttestationEntity a where a.supersedes = :i",
        eventId,
        r -> out.add(referrer("attestation replacing it", r, r[3] + " as " + r[4])));
    rows(
        "select d.eventId, d.member, d.issuedMillis, d.admission from DeclarationEntity d"
            + " where d.proposal = :i",
        eventId,
        r -> out.add(referrer("quorum declaration on it", r, String.valueOf(r[3]))));
    rows(
        "select d.eventId, d.member, d.issuedMillis, d.outcome, d.validity from DecisionEntity d"
            + " where d.proposal = :i or d.declaration = :i",
        eventId,
        r -> out.add(referrer("decision certificate", r, r[3] + " (" + r[4] + ")")));
    rows(
        "select x.eventId, x.member, x.issuedMillis, x.admission from RetractionEntity x"
            + " where x.target = :i",
        eventId,
        r -> out.add(referrer("retraction of it", r, String.valueOf(r[3]))));
    rows(
        "select x.eventId, x.member, x.issuedMillis, x.admission from DisputeEntity x"
            + " where x.target = :i",
        eventId,
        r -> out.add(referrer("dispute of it", r, String.valueOf(r[3]))));
    out.sort(
        Comparator.comparing(EventView.Referrer::issued).thenComparing(EventView.Referrer::id));
    return out;
  }

  private void rows(String jpql, String id, java.util.function.Consumer<Object[]> each) {
    em.createQuery(jpql, Object[].class)
        .setParameter("i", id)
        .setMaxResults(MAX_PER_KIND)
        .getResultList()
        .forEach(each);
  }

  private static EventView.Referrer referrer(String relation, Object[] r, String detail) {
    return new EventView.Referrer(
        relation,
        (String) r[0],
        (String) r[1],
        Instant.ofEpochMilli(((Number) r[2]).longValue()).toString(),
        detail);
  }
}
