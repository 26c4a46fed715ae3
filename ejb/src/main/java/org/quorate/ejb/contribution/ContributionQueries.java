package org.quorate.ejb.contribution;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceProperty;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.Optional;
import org.quorate.core.admission.InputRecord;
import org.quorate.core.admission.Outcome;
import org.quorate.core.admission.Standing;
import org.quorate.ejb.admission.ContributionView;
import org.quorate.ejb.admission.CrlImportService;
import org.quorate.ejb.store.InputBytes;
import org.quorate.ejb.store.QuoratePersistence;
import org.quorate.ejb.tally.OutcomeCounts;

/** Read side of recorded inputs, for REST, CLI and the portal. */
@Stateless
public class ContributionQueries {
  /** Most rows one listing returns. */
  public static final int MAX_ROWS = ContributionView.MAX_ROWS;

  @PersistenceContext(
      unitName = QuoratePersistence.NAME,
      properties = {
        @PersistenceProperty(name = QuoratePersistence.SKIP_MIXED_SYNC_CHECK, value = "false"),
        @PersistenceProperty(name = QuoratePersistence.ALLOW_JOINED_UNSYNC, value = "false")
      })
  private EntityManager em;

  @jakarta.ejb.EJB private CrlImportService crls;

  @jakarta.inject.Inject private OutcomeCounts counters;

  /**
   * @param id an event id or an input id ({@code sha256:…})
   * @return the input's record as it stands now (with a revocation hint when an imported CRL gives
   *     one); for an event id, the copy holding the event's outcome (SPEC §2.8: the first input
   *     carrying it that is not {@code duplicate}), else the first input carrying it
   */
  public Optional<ContributionView> find(String id) {
    return em
        .createQuery(
            "select r from InputRecord r where (r.inputId = :i or r.eventId = :i)"
                + " and r.outcome <> :d order by r.id",
            InputRecord.class)
        .setParameter("i", id)
        .setParameter("d", Outcome.DUPLICATE.code())
        .setMaxResults(1)
        .getResultList()
        .stream()
        .findFirst()
        .or(
            () ->
                em
                    .createQuery(
                        "select r from InputRecord r where r.inputId = :i or r.eventId = :i"
                            + " order by r.id",
                        InputRecord.class)
                    .setParameter("i", id)
                    .setMaxResults(1)
                    .getResultList()
                    .stream()
                    .findFirst())
        .map(crls::view);
  }

  /**
   * @param mission mission name
   * @param outcome an outcome to filter by, or null
   * @param reasonCode a reason code to filter by, or null
   * @return the inputs naming the mission (admitted or not), in arrival order, at most {@link
   *     #MAX_ROWS}, with revocation hints from imported CRLs
   */
  public List<ContributionView> byMission(String mission, String outcome, String reasonCode) {
    StringBuilder q = new StringBuilder("select r from InputRecord r where r.mission = :m");
    if (outcome != null) {
      q.append(" and r.outcome = :o");
    }
    if (reasonCode != null) {
      q.append(" and r.reasonCode = :c");
    }
    q.append(" order by r.id");
    TypedQuery<InputRecord> tq =
        em.createQuery(q.toString(), InputRecord.class).setParameter("m", mission);
    if (outcome != null) {
      tq.setParameter("o", outcome);
    }
    if (reasonCode != null) {
      tq.setParameter("c", reasonCode);
    }
    return crls.views(mission, tq.setMaxResults(MAX_ROWS).getResultList());
  }

  /**
   * @return the newest {@link #MAX_ROWS} rejected inputs that name no mission (SPEC §2 quarantine),
   *     newest last
   */
  public List<ContributionView> quarantine() {
    List<ContributionView> newestFirst =
        em
            .createQuery(
                "select r from InputRecord r where r.mission is null order by r.id desc",
                InputRecord.class)
            .setMaxResults(MAX_ROWS)
            .getResultList()
            .stream()
            .map(ContributionView::of)
            .collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
    java.util.Collections.reverse(newestFirst);
    return newestFirst;
  }

  /**
   * @param inputId an input id
   * @return the exact bytes received
   */
  public Optional<byte[]> bytes(String inputId) {
    return Optional.ofNullable(em.find(InputBytes.class, inputId)).map(InputBytes::der);
  }

  /** One counter: inputs of a mission with an outcome and reason code. */
  public record OutcomeCount(String mission, String outcome, String reasonCode, long count) {}

  /**
   * @return how many inputs stand at each (mission, outcome, reason code), those with none left
   *     out, from the durable counters kept with the records ({@link OutcomeCounts}: a few rows,
   *     whatever the number of records; equal to grouping the records at every commit)
   */
  public List<OutcomeCount> outcomeCounts() {
    return counts(counters.all());
  }

  /**
   * The counters of one mission only (what a client polling one mission's progress, e.g. {@code
   * quorate load}, needs).
   *
   * @param mission a mission name
   * @return how many of its inputs stand at each (outcome, reason code), those with none left out
   */
  public List<OutcomeCount> outcomeCounts(String mission) {
    return counts(counters.ofMission(mission));
  }

  private static List<OutcomeCount> counts(java.util.Map<Standing, Long> counted) {
    return counted.entrySet().stream()
        .map(
            e ->
                new OutcomeCount(
                    e.getKey().mission(),
                    e.getKey().outcome(),
                    e.getKey().reasonCode(),
                    e.getValue()))
        .toList();
  }
}
