package org.quorate.web.coordination;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.quorate.ejb.coordination.CoordinationQueries;
import org.quorate.ejb.coordination.ProposalDetail;
import org.quorate.ejb.coordination.TimelineEntry;

/**
 * Backing bean of {@code proposal.xhtml?m=…&p=…} (SPEC §7 decision view): the quorum state now, the
 * rule that decided it, the decision certificate and its counted attestations, dissents with
 * rationale and role, the timeline of states after each event and a chart of concurs and dissents
 * over it.
 */
@Named("proposalPage")
@RequestScoped
public class ProposalPage {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @EJB private CoordinationQueries queries;

  private String mission;
  private String proposal;
  private ProposalDetail detail;
  private List<TimelineEntry> timeline;

  /**
   * @return the mission (view parameter {@code m})
   */
  public String getMission() {
    return mission;
  }

  /**
   * @param mission mission name
   */
  public void setMission(String mission) {
    this.mission = mission;
  }

  /**
   * @return the proposal id (view parameter {@code p})
   */
  public String getProposal() {
    return proposal;
  }

  /**
   * @param proposal proposal id
   */
  public void setProposal(String proposal) {
    this.proposal = proposal;
  }

  /**
   * @return the state now, or null when the mission holds no such proposal
   */
  public ProposalDetail getDetail() {
    if (detail == null && mission != null && proposal != null) {
      detail = queries.detail(mission, proposal).orElse(null);
    }
    return detail;
  }

  /**
   * @return the state after each event
   */
  public List<TimelineEntry> getTimeline() {
    if (timeline == null) {
      timeline =
          mission == null || proposal == null
              ? List.of()
              : queries.timeline(mission, proposal).orElse(List.of());
    }
    return timeline;
  }

  /**
   * @param missing role to members
   * @return e.g. {@code legal-advisor: POL; voters: DEU}
   */
  public String missing(Map<String, List<String>> missing) {
    return missing.entrySet().stream()
        .filter(e -> !e.getValue().isEmpty())
        .map(e -> e.getKey() + ": " + String.join(", ", e.getValue()))
        .collect(Collectors.joining("; "));
  }

  /**
   * @return a Chart.js line chart configuration (JSON) of concurs, dissents and T after each event,
   *     for {@code p:chart}
   */
  public String getChartJson() {
    List<String> labels = new ArrayList<>();
    List<Integer> concurs = new ArrayList<>();
    List<Integer> dissents = new ArrayList<>();
    List<Long> threshold = new ArrayList<>();
    for (TimelineEntry t : getTimeline()) {
      labels.add(t.index() + " " + (t.type() == null ? t.trigger() : t.type() + " " + t.member()));
      concurs.add(t.concurs());
      dissents.add(t.dissents());
      threshold.add(t.threshold());
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("labels", labels);
    data.put(
        "datasets",
        List.of(
            dataset("concurs", concurs, "#2e7d32"),
            dataset("dissents", dissents, "#c62828"),
            dataset("threshold T", threshold, "#607d8b")));
    Map<String, Object> chart = new LinkedHashMap<>();
    chart.put("type", "line");
    chart.put("data", data);
    chart.put("options", Map.of("scales", Map.of("y", Map.of("beginAtZero", true))));
    try {
      return MAPPER.writeValueAsString(chart);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Rendering the chart failed", e);
    }
  }

  private static Map<String, Object> dataset(String label, List<?> values, String colour) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("label", label);
    d.put("data", values);
    d.put("borderColor", colour);
    d.put("fill", false);
    d.put("stepped", true);
    return d;
  }
}
