package org.quorate.ejb.admission;

import jakarta.persistence.EntityManager;
import java.security.cert.X509CRL;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.quorate.core.admission.MissionFacts;
import org.quorate.core.admission.Outcome;
import org.quorate.core.mission.Roster;
import org.quorate.ejb.contribution.ContributionRecord;
import org.quorate.ejb.mission.MissionEntity;

/**
 * {@link MissionFacts} answered from the database, for one mission, inside the transaction that
 * holds the mission's lock.
 */
final class JpaMissionFacts implements MissionFacts {
  private static final List<String> AUTHENTIC =
      List.of(Outcome.ADMITTED.code(), Outcome.EVIDENCE.code(), Outcome.VOID.code());

  private final EntityManager em;
  private final AdmissionEngine engine;
  private final MissionEntity mission;

  JpaMissionFacts(EntityManager em, AdmissionEngine engine, MissionEntity mission) {
    this.em = em;
    this.engine = engine;
    this.mission = mission;
  }

  @Override
  public boolean missionKnown() {
    return mission != null;
  }

  @Override
  public boolean missionPending() {
    return mission != null && MissionEntity.PENDING.equals(mission.status());
  }

  @Override
  public Optional<Roster> roster(long epoch) {
    if (mission == null || epoch != 0) {
      return Optional.empty();
    }
    return Optional.of(Roster.genesis(engine.genesis(mission.genesisId(), mission.genesis())));
  }

  @Override
  public Collection<X509CRL> crls() {
    return List.of();
  }

  @Override
  public boolean authenticEventHeld(String eventId) {
    return !em.createQuery(
            "select r.id from ContributionRecord r where r.eventId = :e and r.outcome in :o",
            Long.class)
        .setParameter("e", eventId)
        .setParameter("o", AUTHENTIC)
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }

  @Override
  public Optional<String> chainEvent(String signer, long seq) {
    return em
        .createQuery(
            "select r from ContributionRecord r where r.mission = :m and r.signer = :s"
                + " and r.seq = :q and r.outcome in :o order by r.id",
            ContributionRecord.class)
        .setParameter("m", mission.name())
        .setParameter("s", signer)
        .setParameter("q", seq)
        .setParameter("o", List.of(Outcome.ADMITTED.code(), Outcome.EVIDENCE.code()))
        .setMaxResults(1)
        .getResultList()
        .stream()
        .map(ContributionRecord::eventId)
        .findFirst();
  }
}
