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

/** Backing bean of one mission's page: its contributions, admitted or not, with reasons. */
@Named("missionPage")
@RequestScoped
public class MissionPage {
  @EJB private ContributionQueries queries;

  private String name;
  private List<ContributionView> cached;

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
      cached = name == null ? List.of() : queries.byMission(name, null, null);
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
}
