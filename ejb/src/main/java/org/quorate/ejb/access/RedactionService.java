package org.quorate.ejb.access;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceProperty;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.quorate.core.access.EventLabelClaim;
import org.quorate.core.access.Redaction;
import org.quorate.core.admission.InputRecord;
import org.quorate.core.coordination.EpochChain;
import org.quorate.core.label.Clearance;
import org.quorate.core.label.LabelPolicy;
import org.quorate.core.label.PostureDecision;
import org.quorate.core.mission.Genesis;
import org.quorate.core.mission.Roster;
import org.quorate.ejb.admission.AdmissionEngine;
import org.quorate.ejb.store.InLists;
import org.quorate.ejb.store.InputBytes;
import org.quorate.ejb.store.MissionEntity;
import org.quorate.ejb.store.QuoratePersistence;
import org.quorate.ejb.view.EpochView;
import org.quorate.ejb.view.ProposalDetail;
import org.quorate.ejb.view.ProposalSummary;

/**
 * Applies the redaction rule of SPEC §6 ({@link Redaction}) to the view records every REST resource
 * and portal page is built from, for the user calling. It is the one place that does so: {@code
 * coordination.CoordinationQueries} calls it before returning any view, and a new read path calls
 * {@link #viewer(String)} (per event) or one of the {@code apply} methods before its records leave
 * the ejb module. The caller's clearance is read on every call, so an operator's change applies
 * from the user's next request.
 */
@Stateless
public class RedactionService {
  @PersistenceContext(
      unitName = QuoratePersistence.NAME,
      properties = {
        @PersistenceProperty(name = QuoratePersistence.SKIP_MIXED_SYNC_CHECK, value = "false"),
        @PersistenceProperty(name = QuoratePersistence.ALLOW_JOINED_UNSYNC, value = "false")
      })
  private EntityManager em;

  @Inject private AdmissionEngine engine;

  @EJB private ClearanceService clearances;

  /** Label policies by genesis id (a genesis fixes its policy for good). */
  private static final Map<String, LabelPolicy> POLICIES =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** What the calling user may read of one mission. Not thread-safe; make one per request. */
  public final class Viewer {
    private final Clearance clearance;
    private final LabelPolicy policy;
    private final Genesis genesis;
    private final EpochChain chain;
    private final Map<String, PostureDecision> decided = new HashMap<>();

    /** Label claims read ahead ({@link #readClaims}), by event id. */
    private final Map<String, Optional<EventLabelClaim>> claims = new HashMap<>();

    private Viewer(Clearance clearance, LabelPolicy policy, Genesis genesis, EpochChain chain) {
      this.clearance = clearance;
      this.policy = policy;
      this.genesis = genesis;
      this.chain = chain;
    }

    /**
     * @param eventId an event id of the mission
     * @return whether its labelled fields are withheld from the caller (fail closed: an event that
     *     cannot be read, or a mission that is not loaded, is withheld)
     */
    public boolean withheld(String eventId) {
      return eventId != null && !decide(eventId).admitted();
    }

    /**
     * @param eventId an event id of the mission
     * @return the decision: admitted, or refused naming what failed
     */
    public PostureDecision decide(String eventId) {
      return decided.computeIfAbsent(eventId, this::judge);
    }

    /**
     * Reads the label claims of many events at once, each as {@link #decide} would read it alone
     * (the first of its first 8 records, by arrival, whose bytes hold a readable claim), in bounded
     * {@code in} lists: an audit bundle judges about a thousand (issue 12).
     */
    private void readClaims(Collection<String> eventIds) {
      Map<String, List<String>> inputs = new LinkedHashMap<>();
      for (List<String> chunk : InLists.chunks(eventIds)) {
        for (Object[] row :
            em.createQuery(
                    "select r.eventId, r.inputId from InputRecord r where r.eventId in :e"
                        + " order by r.id",
                    Object[].class)
                .setParameter("e", chunk)
                .getResultList()) {
          List<String> of = inputs.computeIfAbsent((String) row[0], k -> new ArrayList<>());
          if (of.size() < 8) {
            of.add((String) row[1]);
          }
        }
      }
      Map<String, byte[]> bytes =
          InputBytes.read(em, inputs.values().stream().flatMap(List::stream).toList());
      for (String id : eventIds) {
        Optional<EventLabelClaim> found = Optional.empty();
        for (String input : inputs.getOrDefault(id, List.of())) {
          byte[] der = bytes.get(input);
          if (der != null) {
            found = EventLabelClaim.of(der);
            if (found.isPresent()) {
              break;
            }
          }
        }
        claims.put(id, found);
      }
    }

    private PostureDecision judge(String eventId) {
      if (policy == null) {
        return PostureDecision.refuse(
            org.quorate.core.reason.ReasonCode.ABOVE_POSTURE,
            "mission",
            "the mission's label policy is unknown");
      }
      Optional<EventLabelClaim> claim =
          claims.containsKey(eventId) ? claims.get(eventId) : claim(eventId);
      if (claim.isEmpty()) {
        return PostureDecision.refuse(
            org.quorate.core.reason.ReasonCode.ABOVE_POSTURE,
            "label",
            "the label of " + eventId + " cannot be read");
      }
      JsonNode posture =
          (chain == null ? Optional.<Roster>empty() : chain.epoch(claim.get().epoch()))
              .map(Roster::posture)
              .orElse(genesis.posture());
      return Redaction.decide(
          clearance, policy, Redaction.effectiveLabel(claim.get().label(), posture));
    }
  }

  /**
   * @param mission a mission name
   * @return the calling user's view of it, with the clearance read now
   */
  public Viewer viewer(String mission) {
    return viewer(mission, clearances.caller().orElse(null));
  }

  /**
   * What a holder of the given clearance may read of one mission: the same rule as for the calling
   * user, for a subject that is not the caller (an FMN service, SPEC §4 "FMN services").
   *
   * @param mission a mission name
   * @param c the clearance, or null for none (every labelled field withheld)
   * @return that view
   */
  public Viewer viewer(String mission, Clearance c) {
    MissionEntity m = mission == null ? null : em.find(MissionEntity.class, mission);
    if (m == null) {
      return new Viewer(c, null, null, null);
    }
    try {
      Genesis g =
          engine
              .ledger()
              .genesisOf(
                  new org.quorate.core.admission.LoadedMission(
                      m.name(),
                      m.genesisId(),
                      m.genesis(),
                      MissionEntity.PENDING.equals(m.status())));
      LabelPolicy p = POLICIES.get(g.genesisId());
      if (p == null) {
        p = LabelPolicy.fromGenesis(g.labelPolicy(), engine.spifs());
        POLICIES.put(g.genesisId(), p);
      }
      EpochChain chain =
          engine.ledger().epochsOf(mission).orElseGet(() -> EpochChain.genesisOnly(g));
      return new Viewer(c, p, g, chain);
    } catch (Exception e) {
      return new Viewer(c, null, null, null);
    }
  }

  private Optional<EventLabelClaim> claim(String eventId) {
    List<InputRecord> rs =
        em.createQuery(
                "select r from InputRecord r where r.eventId = :e order by r.id", InputRecord.class)
            .setParameter("e", eventId)
            .setMaxResults(8)
            .getResultList();
    for (InputRecord r : rs) {
      InputBytes b = em.find(InputBytes.class, r.inputId());
      if (b != null) {
        Optional<EventLabelClaim> c = EventLabelClaim.of(b.der());
        if (c.isPresent()) {
          return c;
        }
      }
    }
    return Optional.empty();
  }

  /**
   * @param mission mission name
   * @param proposals proposal summaries of that mission
   * @return them with each withheld proposal's title null and named in {@code redacted}
   */
  public List<ProposalSummary> proposals(String mission, List<ProposalSummary> proposals) {
    Viewer v = viewer(mission);
    List<ProposalSummary> out = new ArrayList<>(proposals.size());
    for (ProposalSummary s : proposals) {
      out.add(v.withheld(s.proposal()) ? s.withheld() : s);
    }
    return out;
  }

  /**
   * @param d a proposal's detail
   * @return it with the proposal's title and text, each attestation's rationale, each dissent's
   *     rationale and proposal title, and each dispute's reason withheld where the caller's
   *     clearance does not admit the event they come from
   */
  public ProposalDetail detail(ProposalDetail d) {
    Viewer v = viewer(d.mission());
    return d.redact(v::withheld);
  }

  /**
   * @param mission mission name
   * @param dissents dissents of that mission
   * @return them with rationale and proposal title withheld as the caller's clearance requires
   */
  public List<ProposalDetail.DissentView> dissents(
      String mission, List<ProposalDetail.DissentView> dissents) {
    Viewer v = viewer(mission);
    return dissents.stream().map(x -> x.redact(v::withheld)).toList();
  }

  /**
   * @param e a mission's epochs
   * @return them with the titles of governance proposals withheld as the caller's clearance
   *     requires
   */
  public EpochView.Epochs epochs(EpochView.Epochs e) {
    Viewer v = viewer(e.mission());
    return e.redact(v::withheld);
  }

  /**
   * Refuses unless the caller's clearance admits every event (an audit bundle, SPEC §6: unlabelled
   * events carry the posture).
   *
   * @param mission mission name
   * @param eventIds the events the answer holds
   * @throws ClearanceInsufficientException naming the first event not admitted and why
   */
  public void requireAdmitsAll(String mission, Collection<String> eventIds)
      throws ClearanceInsufficientException {
    Viewer v = viewer(mission);
    if (v.policy != null) {
      v.readClaims(eventIds);
    }
    for (String id : eventIds) {
      PostureDecision d = v.decide(id);
      if (!d.admitted()) {
        throw new ClearanceInsufficientException(
            id, "Your clearance does not admit event " + id + ": " + d.sentence() + ".");
      }
    }
  }
}
