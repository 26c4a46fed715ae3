package org.quorate.ejb.coordination;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceProperty;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.quorate.ejb.store.QuoratePersistence;
import org.quorate.ejb.view.EpochView;

/**
 * Keeps a mission's {@link EpochEntity} rows equal to the roster epochs the events held make (SPEC
 * §3 "Governance"), and announces every epoch opened or changed on the decisions topic. Runs in the
 * caller's transaction.
 */
@Dependent
class EpochSync {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @PersistenceContext(
      unitName = QuoratePersistence.NAME,
      properties = {
        @PersistenceProperty(name = QuoratePersistence.SKIP_MIXED_SYNC_CHECK, value = "false"),
        @PersistenceProperty(name = QuoratePersistence.ALLOW_JOINED_UNSYNC, value = "false")
      })
  private EntityManager em;

  @Inject private MissionRosters rosters;
  @Inject private ProjectionPublisher publisher;

  /**
   * Writes the epoch rows that differ from the epochs the events held make now; removes rows of
   * epochs that no longer exist.
   *
   * @param mission the mission
   */
  void sync(String mission) {
    Optional<EpochView.Epochs> views = rosters.epochViews(mission);
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
          publisher.epoch(mission, v);
        }
      } else if (!json.equals(held.roster())) {
        held.replaceWith(row);
        publisher.epoch(mission, v);
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
}
