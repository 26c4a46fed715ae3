package org.quorate.ejb.mission;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceProperty;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.quorate.core.admission.LoadedMission;
import org.quorate.core.mission.Genesis;
import org.quorate.core.mission.GenesisException;
import org.quorate.core.mission.Member;
import org.quorate.ejb.admission.AdmissionEngine;
import org.quorate.ejb.admission.AdmissionService;
import org.quorate.ejb.store.MissionEntity;
import org.quorate.ejb.store.QuoratePersistence;

/**
 * Loads missions from their genesis (SPEC §1) and reads them back. Loading the same genesis twice
 * is harmless; a different genesis under a taken name is refused.
 */
@Stateless
public class MissionService {
  @PersistenceContext(
      unitName = QuoratePersistence.NAME,
      properties = {
        @PersistenceProperty(name = QuoratePersistence.SKIP_MIXED_SYNC_CHECK, value = "false"),
        @PersistenceProperty(name = QuoratePersistence.ALLOW_JOINED_UNSYNC, value = "false")
      })
  private EntityManager em;

  @Inject private AdmissionEngine engine;
  @Inject private AdmissionService admission;

  /** The result of loading a genesis. */
  public record Created(MissionView mission, boolean created) {}

  /**
   * Loads a genesis. The mission is {@code pending} until every founding member has signed a {@code
   * genesis-endorsement} of its exact genesis id (SPEC §2.4); events held for the unknown mission
   * are then judged afresh (endorsements admitted, the rest held until active).
   *
   * @param bytes the exact genesis bytes
   * @return the mission and whether it was created now (false: the same genesis was loaded before)
   * @throws GenesisException when the genesis is malformed (reason in the message)
   * @throws GenesisConflictException when another genesis holds the name
   */
  public Created create(byte[] bytes) throws GenesisException, GenesisConflictException {
    Genesis g = engine.genesisParser().parse(bytes);
    try {
      org.quorate.core.label.LabelPolicy.fromGenesis(g.labelPolicy(), engine.spifs());
    } catch (org.quorate.core.label.LabelFormatException e) {
      throw new GenesisException("labelPolicy (SPEC §6): " + e.getMessage() + ".");
    }
    MissionEntity existing =
        em.find(MissionEntity.class, g.mission(), LockModeType.PESSIMISTIC_WRITE);
    if (existing != null) {
      if (existing.genesisId().equals(g.genesisId())) {
        return new Created(view(existing), false);
      }
      throw new GenesisConflictException(
          "Mission "
              + g.mission()
              + " is bound to genesis "
              + existing.genesisId()
              + "; this genesis is "
              + g.genesisId()
              + ".");
    }
    MissionEntity m =
        new MissionEntity(
            g.mission(), g.genesisId(), g.name(), bytes, MissionEntity.PENDING, Instant.now());
    em.persist(m);
    em.flush();
    admission.missionLoaded(m.name());
    return new Created(view(m), true);
  }

  /**
   * @return every mission, by name
   */
  public List<MissionView> list() {
    return em
        .createQuery("select m from MissionEntity m order by m.name", MissionEntity.class)
        .getResultList()
        .stream()
        .map(this::view)
        .toList();
  }

  /**
   * @param name a mission name
   * @return the mission
   */
  public Optional<MissionView> find(String name) {
    return Optional.ofNullable(em.find(MissionEntity.class, name)).map(this::view);
  }

  private Genesis genesisOf(MissionEntity m) {
    return engine
        .ledger()
        .genesisOf(
            new LoadedMission(
                m.name(), m.genesisId(), m.genesis(), MissionEntity.PENDING.equals(m.status())));
  }

  private MissionView view(MissionEntity m) {
    Genesis g = genesisOf(m);
    return new MissionView(
        m.name(),
        m.genesisId(),
        m.displayName(),
        m.status(),
        g.members().stream().map(Member::id).collect(Collectors.joining(",")),
        m.created());
  }
}
