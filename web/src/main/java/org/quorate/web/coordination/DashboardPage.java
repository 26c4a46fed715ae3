package org.quorate.web.coordination;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.util.List;
import java.util.stream.Collectors;
import org.quorate.ejb.coordination.CoordinationQueries;
import org.quorate.ejb.coordination.ProposalDetail;
import org.quorate.ejb.coordination.ProposalSummary;
import org.quorate.ejb.coordination.RosterEntry;

/**
 * Backing bean of {@code dashboard.xhtml?m=…} (SPEC §7 mission dashboard): roster of epoch 0 with
 * roles, open proposals with quorum progress and who is still missing per role, recent dissents.
 */
@Named("dashboardPage")
@RequestScoped
public class DashboardPage {
  /** Dissents shown. */
  static final int RECENT_DISSENTS = 20;

  @EJB private CoordinationQueries queries;

  private String mission;
  private List<ProposalSummary> proposals;

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
   * @return roster epoch 0, empty when the mission is unknown
   */
  public List<RosterEntry> getRoster() {
    return mission == null ? List.of() : queries.roster(mission).orElse(List.of());
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
    return getProposals().stream().filter(p -> !p.isFinal()).toList();
  }

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
