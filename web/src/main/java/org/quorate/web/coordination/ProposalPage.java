package org.quorate.web.coordination;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.quorate.ejb.coordination.CoordinationQueries;
import org.quorate.ejb.coordination.TimelineEntry;
import org.quorate.ejb.view.ProposalDetail;

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
   * @return the attestations ordered by member, then issued: each member's position
   */
  public List<ProposalDetail.AttestationView> getPositions() {
    ProposalDetail d = getDetail();
    if (d == null) {
      return List.of();
    }
    List<ProposalDetail.AttestationView> out = new ArrayList<>(d.attestations());
    out.sort(
        java.util.Comparator.comparing(ProposalDetail.AttestationView::member)
            .thenComparing(ProposalDetail.AttestationView::issued));
    return out;
  }

  /**
   * @return concurs counted now (0 without a state)
   */
  public long getConcurs() {
    ProposalDetail d = getDetail();
    Object c = d == null ? null : d.counts().get("concur");
    return c instanceof Number n ? n.longValue() : 0;
  }

  /**
   * @return the entries at which the status changed (the first state included)
   */
  public List<TimelineEntry> getStatusChanges() {
    List<TimelineEntry> out = new ArrayList<>();
    String last = null;
    boolean lastFinal = false;
    for (TimelineEntry t : getTimeline()) {
      if (!t.status().equals(last) || t.isFinal() != lastFinal) {
        out.add(t);
      }
      last = t.status();
      lastFinal = t.isFinal();
    }
    return out;
  }

  /**
   * @param t a timeline entry
   * @return when its trigger happened: the event's issued time, or when the clock changed it
   */
  public String when(TimelineEntry t) {
    return t.issued() != null ? t.issued() : t.recorded();
  }

  /**
   * @return a Chart.js configuration (JSON) for {@code p:chart}: concurs, dissents and the
   *     threshold T over time (x: UTC time in epoch milliseconds, shown as times by {@code
   *     quorateTimeAxis} in {@code resources/quorate/chart.js}); the threshold drawn on top,
   *     dashed, so that it stays visible where the concurs reach it; each status change
   *     (provisional adoption, ratification, …) marked with a triangle and each decision
   *     certificate with a square, labelled with its time
   */
  public String getChartJson() {
    ProposalDetail d = getDetail();
    List<Map<String, Object>> concurs = new ArrayList<>();
    List<Map<String, Object>> dissents = new ArrayList<>();
    List<Map<String, Object>> threshold = new ArrayList<>();
    List<Object> datasets = new ArrayList<>();
    String last = null;
    boolean lastFinal = false;
    long top = 1;
    Instant issued = d == null ? null : parse(d.issued());
    if (issued != null && !getTimeline().isEmpty()) {
      TimelineEntry first = getTimeline().get(0);
      concurs.add(point(issued.toEpochMilli(), 0));
      dissents.add(point(issued.toEpochMilli(), 0));
      threshold.add(point(issued.toEpochMilli(), first.threshold()));
    }
    for (TimelineEntry t : getTimeline()) {
      Instant at = parse(when(t));
      double x = at == null ? t.index() : at.toEpochMilli();
      concurs.add(point(x, t.concurs()));
      dissents.add(point(x, t.dissents()));
      threshold.add(point(x, t.threshold()));
      top = Math.max(top, Math.max(t.threshold(), Math.max(t.concurs(), t.dissents())));
      if (!t.status().equals(last) || t.isFinal() != lastFinal) {
        datasets.add(
            mark(
                t.status().replace('-', ' ') + (t.isFinal() ? " (final)" : "") + " at " + utc(at),
                point(x, t.concurs()),
                "triangle",
                colour(t.status())));
      }
      last = t.status();
      lastFinal = t.isFinal();
    }
    if (d != null) {
      long tNow = d.threshold();
      for (ProposalDetail.DecisionView c : d.decisions()) {
        Instant at = parse(c.issued());
        if (at != null) {
          datasets.add(
              mark(
                  "decision certificate: " + c.outcome().replace('-', ' ') + " at " + utc(at),
                  point(at.toEpochMilli(), tNow),
                  "rectRot",
                  "#4a148c"));
        }
      }
    }
    Map<String, Object> th = dataset("threshold T", threshold, "#1565c0");
    th.put("borderDash", List.of(10, 6));
    th.put("borderWidth", 3);
    th.put("order", 1);
    Map<String, Object> co = dataset("concurs counted", concurs, "#2e7d32");
    co.put("borderWidth", 5);
    co.put("order", 3);
    Map<String, Object> di = dataset("dissents counted", dissents, "#c62828");
    di.put("order", 4);
    datasets.add(0, di);
    datasets.add(0, co);
    datasets.add(0, th);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("datasets", datasets);
    Map<String, Object> chart = new LinkedHashMap<>();
    chart.put("type", "line");
    chart.put("data", data);
    chart.put(
        "options",
        Map.of(
            "animation",
            false,
            "scales",
            Map.of(
                "x",
                Map.of(
                    "type",
                    "linear",
                    "title",
                    Map.of(
                        "display",
                        true,
                        "text",
                        "time (UTC)" + (issued == null ? "" : "; proposal issued " + utc(issued)))),
                "y",
                Map.of(
                    "beginAtZero",
                    true,
                    "suggestedMax",
                    top + 1,
                    "ticks",
                    Map.of("stepSize", 1),
                    "title",
                    Map.of("display", true, "text", "votes")))));
    try {
      return MAPPER.writeValueAsString(chart);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Rendering the chart failed", e);
    }
  }

  private static Map<String, Object> mark(
      String label, Map<String, Object> at, String style, String colour) {
    Map<String, Object> mark = new LinkedHashMap<>();
    mark.put("type", "scatter");
    mark.put("label", label);
    mark.put("data", List.of(at));
    mark.put("pointStyle", style);
    mark.put("pointRadius", 9);
    mark.put("backgroundColor", colour);
    mark.put("borderColor", colour);
    mark.put("order", 0);
    return mark;
  }

  private static String utc(Instant at) {
    return at == null ? "?" : at.toString().replace('T', ' ').replace("Z", " UTC");
  }

  private static String colour(String status) {
    return switch (status) {
      case "adopted", "ratified" -> "#2e7d32";
      case "provisionally-adopted" -> "#f9a825";
      case "rejected", "overturned", "contested", "lapsed" -> "#c62828";
      default -> "#607d8b";
    };
  }

  private static Map<String, Object> point(double x, long y) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("x", x);
    p.put("y", y);
    return p;
  }

  private static Instant parse(String s) {
    try {
      return s == null ? null : Instant.parse(s);
    } catch (java.time.format.DateTimeParseException e) {
      return null;
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
