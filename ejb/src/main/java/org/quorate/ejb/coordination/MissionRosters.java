package org.quorate.ejb.coordination;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceProperty;
import java.util.Optional;
import org.quorate.core.coordination.EpochChain;
import org.quorate.core.mission.Genesis;
import org.quorate.ejb.admission.AdmissionEngine;
import org.quorate.ejb.store.MissionEntity;
import org.quorate.ejb.store.QuoratePersistence;
import org.quorate.ejb.view.EpochView;

/**
 * What a mission's proposals are counted over (SPEC §1, §3 "Governance"): its parsed genesis and
 * the roster epochs the events held make, read from the admission ledger. Call inside a
 * transaction.
 */
@Dependent
class MissionRosters {
  @PersistenceContext(
      unitName = QuoratePersistence.NAME,
      properties = {
        @PersistenceProperty(name = QuoratePersistence.SKIP_MIXED_SYNC_CHECK, value = "false"),
        @PersistenceProperty(name = QuoratePersistence.ALLOW_JOINED_UNSYNC, value = "false")
      })
  private EntityManager em;

  @Inject private AdmissionEngine engine;

  /**
   * @param mission mission name
   * @return its parsed genesis, when loaded
   */
  Optional<Genesis> genesis(String mission) {
    MissionEntity m = em.find(MissionEntity.class, mission);
    return m == null ? Optional.empty() : Optional.of(engine.ledger().genesisOf(m.loaded()));
  }

  /**
   * @param mission mission name
   * @return its roster epochs as the events held make them, when the mission is loaded
   */
  Optional<EpochChain> epochs(String mission) {
    return engine.ledger().epochsOf(mission);
  }

  /**
   * @param mission mission name
   * @return the epochs rendered for REST and the portal, when the mission is loaded
   */
  Optional<EpochView.Epochs> epochViews(String mission) {
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
}
