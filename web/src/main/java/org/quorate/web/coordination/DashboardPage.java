package org.quorate.web.coordination;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.quorate.ejb.coordination.CoordinationQueries;
import org.quorate.ejb.coordination.RosterEntry;
import org.quorate.ejb.view.EpochView;
import org.quorate.ejb.view.ProposalDetail;
import org.quorate.ejb.view.ProposalSummary;

/**
 * Backing bean of {@code dashboard.xhtml?m=…} (SPEC §7 mission dashboard): the roster by epoch
 * (members, anchors, grants, suspended, the governance decision that opened each), governance
 * decisions not applied, open proposals with quorum progress and who is still missing per role,
 * recent dissents.
 */
@Named("dashboardPage")
@RequestScoped
public class DashboardPage {
  /** Dissents shown. */
  static final int RECENT_DISSENTS = 20;

  @EJB private CoordinationQueries queries;
  @EJB private org.quorate.ejb.portal.InputQueries inputs;
  @EJB private org.quorate.ejb.mission.MissionService missions;

  private java.util.Map<String, Long> outcomeCounts;
  private java.util.Map<String, Long> dissentsRecorded;
  private Optional<org.quorate.ejb.mission.MissionView> loaded;

  private String mission;
  private List<ProposalSummary> proposals;
  private Optional<EpochView.Epochs> epochs;

  /**
   * @return the mission (view parameter {@code m})
   */
  public String getMission() {
    return mission;
  }

  /**
   * @param mission the mission name
   */
  public void setMission(String mission) {
    this.mission = mission;
  }

  /**
   * @return the mission as loaded on this node, or null
   */
  public org.quorate.ejb.mission.MissionView getLoaded() {
    if (loaded == null) {
      loaded = mission == null ? Optional.empty() : missions.find(mission);
    }
    return loaded.orElse(null);
  }

  /**
   * @param outcome an outcome wire name
   * @return how many of the mission's inputs stand at it
   */
  public long inputs(String outcome) {
    if (outcomeCounts == null) {
      outcomeCounts = mission == null ? java.util.Map.of() : inputs.outcomes(mission);
    }
    return outcomeCounts.getOrDefault(outcome, 0L);
  }

  /**
   * @return how many members gave two verdicts on one proposal (equivocation evidence, SPEC §3),
   *     counted once per proposal
   */
  public long getEquivocations() {
    if (equivocations == null) {
      equivocations =
          mission == null
              ? 0L
              : inputs.equivocations(mission).values().stream()
                  .mapToLong(java.util.Set::size)
                  .sum();
    }
    return equivocations;
  }

  private Long equivocations;

  /**
   * @param proposal a proposal id
   * @return how many dissents on it are on record (counted or not)
   */
  public long dissentsRecorded(String proposal) {
    if (dissentsRecorded == null) {
      dissentsRecorded = mission == null ? java.util.Map.of() : inputs.dissentsRecorded(mission);
    }
    return dissentsRecorded.getOrDefault(proposal, 0L);
  }

  /**
   * @return roster epoch 0, empty when the mission is unknown
   */
  public List<RosterEntry> getRoster() {
    return mission == null ? List.of() : queries.roster(mission).orElse(List.of());
  }

  /**
   * @return the mission's roster epochs, newest first (empty when the mission is unknown)
   */
  public List<EpochView> getEpochs() {
    if (epochs == null) {
      epochs = mission == null ? Optional.empty() : queries.epochs(mission);
    }
    List<EpochView> out = new ArrayList<>(epochs.map(EpochView.Epochs::epochs).orElse(List.of()));
    Collections.reverse(out);
    return out;
  }

  /**
   * @return every governance decision held, applied or not
   */
  public List<EpochView.GovernanceView> getGovernanceDecisions() {
    getEpochs();
    return epochs.map(EpochView.Epochs::governanceDecisions).orElse(List.of());
  }

  /**
   * @param values a list of strings
   * @return them joined, one per line
   */
  public String lines(List<String> values) {
    return String.join("\n", values);
  }

  /**
   * @return every proposal of the mission with its last status
   */
  public List<ProposalSummary> getProposals() {
    if (proposals == null) {
      proposals = mission == null ? List.of() : queries.proposals(mission);
    }
    return proposals;
  }

  /**
   * @return proposals that are not final
   */
  public List<ProposalSummary> getOpenProposals() {
    if (open == null) {
      open = mission == null ? List.of() : queries.open(mission);
    }
    return open;
  }

  private List<ProposalSummary> open;

  /**
   * @return proposals that are final
   */
  public List<ProposalSummary> getDecidedProposals() {
    return getProposals().stream().filter(ProposalSummary::isFinal).toList();
  }

  /**
   * @param p a proposal
   * @return e.g. {@code legal-advisor: POL; voters: DEU, FRA}
   */
  public String missing(ProposalSummary p) {
    return p.missing().entrySet().stream()
        .filter(e -> !e.getValue().isEmpty())
        .map(e -> e.getKey() + ": " + String.join(", ", e.getValue()))
        .collect(Collectors.joining("; "));
  }

  /**
   * @param r a roster entry
   * @return its roles, comma separated
   */
  public String roles(RosterEntry r) {
    return String.join(", ", r.roles());
  }

  /**
   * @return the latest dissents on the mission's proposals
   */
  public List<ProposalDetail.DissentView> getDissents() {
    return mission == null ? List.of() : queries.recentDissents(mission, RECENT_DISSENTS);
  }
}
