package org.quorate.web.portal;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.quorate.ejb.admission.ContributionView;
import org.quorate.ejb.contribution.ContributionQueries;
import org.quorate.ejb.federation.PeerRefusedException;
import org.quorate.ejb.federation.PeerService;
import org.quorate.ejb.federation.PeerView;

/** Backing bean of one mission's page: its contributions, admitted or not, with reasons. */
@Named("missionPage")
@RequestScoped
public class MissionPage {
  @EJB private ContributionQueries queries;

  @EJB private PeerService peerService;

  private String name;
  private String outcome;
  private List<ContributionView> cached;
  private List<PeerView> peers;

  /**
   * @return the outcome filter (view parameter {@code outcome}), or null for all
   */
  public String getOutcome() {
    return outcome;
  }

  /**
   * @param outcome an outcome wire name, or null/empty for all
   */
  public void setOutcome(String outcome) {
    this.outcome = outcome == null || outcome.isBlank() ? null : outcome;
  }

  /**
   * @return the outcomes one can filter by
   */
  public List<String> getOutcomes() {
    return java.util.Arrays.stream(org.quorate.core.admission.Outcome.values())
        .filter(o -> o != org.quorate.core.admission.Outcome.DUPLICATE)
        .map(org.quorate.core.admission.Outcome::code)
        .toList();
  }

  /**
   * @return the mission name (view parameter {@code m})
   */
  public String getName() {
    return name;
  }

  /**
   * @param name the mission name
   */
  public void setName(String name) {
    this.name = name;
  }

  /**
   * @return the inputs naming the mission, in arrival order
   */
  public List<ContributionView> getContributions() {
    if (cached == null) {
      cached = name == null ? List.of() : queries.byMission(name, outcome, null);
    }
    return cached;
  }

  /**
   * @return e.g. {@code 12 inputs: admitted 9, rejected 3}
   */
  public String getCounts() {
    Map<String, Long> by =
        getContributions().stream()
            .collect(
                Collectors.groupingBy(
                    ContributionView::outcome, TreeMap::new, Collectors.counting()));
    return getContributions().size()
        + " inputs: "
        + by.entrySet().stream()
            .map(e -> e.getKey() + " " + e.getValue())
            .collect(Collectors.joining(", "));
  }

  /**
   * @return the mission's peer nodes with their link status (SPEC §4), empty when it has none
   */
  public List<PeerView> getPeers() {
    if (peers == null) {
      try {
        peers = name == null ? List.of() : peerService.list(name);
      } catch (PeerRefusedException e) {
        peers = List.of();
      }
    }
    return peers;
  }
}
