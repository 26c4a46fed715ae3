package org.quorate.ejb.admission;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.quorate.core.admission.InputRecord;
import org.quorate.core.admission.LedgerStore;
import org.quorate.core.admission.LoadedMission;
import org.quorate.core.admission.Outcome;
import org.quorate.ejb.store.InputBytes;
import org.quorate.ejb.store.MissionEntity;

/**
 * {@link LedgerStore} over JPA (EclipseLink), inside the caller's JTA transaction. The entity
 * manager is the container's transaction-scoped proxy, so one instance serves every thread. The
 * mission lock is a {@code PESSIMISTIC_WRITE} lock on the mission row (H2 and PostgreSQL alike).
 */
final class JpaLedgerStore implements LedgerStore {
  private static final List<String> AUTHENTIC_CHAIN =
      List.of(Outcome.ADMITTED.code(), Outcome.EVIDENCE.code());

  private final EntityManager em;

  JpaLedgerStore(EntityManager em) {
    this.em = em;
  }

  @Override
  public void lockMission(String mission) {
    if (mission != null) {
      em.find(MissionEntity.class, mission, LockModeType.PESSIMISTIC_WRITE);
    }
  }

  @Override
  public void activate(String mission) {
    MissionEntity m = em.find(MissionEntity.class, mission);
    if (m != null) {
      m.activate();
    }
  }

  @Override
  public Optional<LoadedMission> mission(String name) {
    return Optional.ofNullable(em.find(MissionEntity.class, name))
        .map(
            m ->
                new LoadedMission(
                    m.name(),
                    m.genesisId(),
                    m.genesis(),
                    MissionEntity.PENDING.equals(m.status())));
  }

  @Override
  public Optional<InputRecord> byInputId(String inputId) {
    return em
        .createQuery("select r from InputRecord r where r.inputId = :i", InputRecord.class)
        .setParameter("i", inputId)
        .getResultList()
        .stream()
        .findFirst();
  }

  @Override
  public byte[] bytes(String inputId) {
    return em.find(InputBytes.class, inputId).der();
  }

  @Override
  public void insert(InputRecord record, byte[] der) {
    em.persist(new InputBytes(record.inputId(), der));
    em.persist(record);
  }

  @Override
  public void countReplay(InputRecord record) {
    // One UPDATE in the database: concurrent replays of the same bytes all count.
    em.createQuery("update InputRecord r set r.replays = r.replays + 1 where r.inputId = :i")
        .setParameter("i", record.inputId())
        .executeUpdate();
  }

  @Override
  public void update(InputRecord record) {
    // Managed: changes are flushed with the transaction (and before queries).
  }

  @Override
  public List<InputRecord> waitingOn(String key) {
    return em.createQuery(
            "select r from InputRecord r where r.waitingOn = :k and r.outcome = :o order by r.id",
            InputRecord.class)
        .setParameter("k", key)
        .setParameter("o", Outcome.HELD.code())
        .getResultList();
  }

  @Override
  public List<InputRecord> held() {
    return em.createQuery(
            "select r from InputRecord r where r.outcome = :o order by r.id", InputRecord.class)
        .setParameter("o", Outcome.HELD.code())
        .getResultList();
  }

  @Override
  public long heldCount(String mission) {
    return em.createQuery(
            "select count(r) from InputRecord r where r.mission = :m and r.outcome = :o",
            Long.class)
        .setParameter("m", mission)
        .setParameter("o", Outcome.HELD.code())
        .getSingleResult();
  }

  @Override
  public long heldCount(String mission, String signer) {
    return em.createQuery(
            "select count(r) from InputRecord r where r.mission = :m and r.signer = :s"
                + " and r.outcome = :o",
            Long.class)
        .setParameter("m", mission)
        .setParameter("s", signer)
        .setParameter("o", Outcome.HELD.code())
        .getSingleResult();
  }

  @Override
  public List<InputRecord> byEventId(String eventId) {
    return em.createQuery(
            "select r from InputRecord r where r.eventId = :e order by r.id", InputRecord.class)
        .setParameter("e", eventId)
        .getResultList();
  }

  @Override
  public List<InputRecord> chainAt(String mission, String signer, long seq) {
    return em.createQuery(
            "select r from InputRecord r where r.mission = :m and r.signer = :s and r.seq = :q"
                + " and r.outcome in :o order by r.id",
            InputRecord.class)
        .setParameter("m", mission)
        .setParameter("s", signer)
        .setParameter("q", seq)
        .setParameter("o", AUTHENTIC_CHAIN)
        .getResultList();
  }

  @Override
  public List<InputRecord> chainWaiting(String mission, String signer, long seq) {
    return em.createQuery(
            "select r from InputRecord r where r.mission = :m and r.signer = :s and r.seq = :q"
                + " and r.outcome = :o order by r.id",
            InputRecord.class)
        .setParameter("m", mission)
        .setParameter("s", signer)
        .setParameter("q", seq)
        .setParameter("o", Outcome.HELD.code())
        .getResultList();
  }

  @Override
  public List<InputRecord> admitted(String mission, String type) {
    return em.createQuery(
            "select r from InputRecord r where r.mission = :m and r.type = :t and r.outcome = :o"
                + " order by r.id",
            InputRecord.class)
        .setParameter("m", mission)
        .setParameter("t", type)
        .setParameter("o", Outcome.ADMITTED.code())
        .getResultList();
  }

  @Override
  public List<InputRecord> admittedBy(String mission, String credential) {
    return em.createQuery(
            "select r from InputRecord r where r.mission = :m and r.credential = :c"
                + " and r.outcome = :o order by r.id",
            InputRecord.class)
        .setParameter("m", mission)
        .setParameter("c", credential)
        .setParameter("o", Outcome.ADMITTED.code())
        .getResultList();
  }

  @Override
  public List<InputRecord> withOutcome(String mission, Outcome outcome) {
    return em.createQuery(
            "select r from InputRecord r where r.mission = :m and r.outcome = :o order by r.id",
            InputRecord.class)
        .setParameter("m", mission)
        .setParameter("o", outcome.code())
        .getResultList();
  }

  @Override
  public List<InputRecord> judgedSince(String mission, long epoch, long issuedMillis) {
    return em.createQuery(
            "select r from InputRecord r where r.mission = :m and r.outcome <> :h"
                + " and (r.epoch > :e or (r.epoch = :e and r.issuedMillis >= :t)) order by r.id",
            InputRecord.class)
        .setParameter("m", mission)
        .setParameter("h", Outcome.HELD.code())
        .setParameter("e", epoch)
        .setParameter("t", issuedMillis)
        .getResultList();
  }
}
