package org.quorate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One check of the demo scenario made after its steps settle: a proposal's status, its
 * equivocators, a status after an earlier decision, or the epoch a proposal opens, read over REST
 * ({@code GET …/missions/{m}/proposals/{id}}, {@code GET …/missions/{m}/epochs}) and compared as
 * text with the expectation.
 */
final class DemoCheck {
  final String mission;
  final String what;
  final String expected;
  private final Function<QuorateRest, Optional<String>> probe;
  String actual;
  boolean ok;

  private DemoCheck(
      String mission, String what, String expected, Function<QuorateRest, Optional<String>> probe) {
    this.mission = mission;
    this.what = what;
    this.expected = expected;
    this.probe = probe;
  }

  /** Reads the actual value again unless the check already holds. */
  void refresh(QuorateRest rest) {
    if (ok) {
      return;
    }
    probe.apply(rest).ifPresent(a -> actual = a);
    ok = expected.equals(actual);
  }

  /**
   * @return a check that the proposal's status is {@code status}
   */
  static DemoCheck status(String mission, String what, String proposal, String status) {
    return new DemoCheck(
        mission,
        what,
        status,
        r -> detail(r, mission, proposal).map(d -> d.path("status").asText()));
  }

  /**
   * @return a check that the proposal's status is {@code status} and an earlier decision on it had
   *     the outcome {@code after}
   */
  static DemoCheck statusAfter(
      String mission, String what, String proposal, String status, String after) {
    return new DemoCheck(
        mission,
        what,
        status + " after " + after,
        r ->
            detail(r, mission, proposal)
                .map(
                    d -> {
                      boolean earlier = false;
                      for (JsonNode dec : d.path("decisions")) {
                        earlier |= after.equals(dec.path("outcome").asText());
                      }
                      return d.path("status").asText() + (earlier ? " after " + after : "");
                    }));
  }

  /**
   * @return a check that the proposal's equivocators are exactly {@code members}
   */
  static DemoCheck equivocators(
      String mission, String what, String proposal, List<String> members) {
    return new DemoCheck(
        mission,
        what,
        "equivocators " + members,
        r ->
            detail(r, mission, proposal).map(d -> "equivocators " + names(d.path("equivocators"))));
  }

  /**
   * @param name the opening proposal's name in the report (its step id)
   * @return a check that epoch {@code epoch} is opened by {@code proposal} with {@code members}
   */
  static DemoCheck epochOpened(
      String mission, String what, long epoch, String proposal, String name, List<String> members) {
    return new DemoCheck(
        mission,
        what,
        "epoch " + epoch + " opened on the " + name + " proposal: " + members,
        r ->
            epochs(r, mission)
                .map(
                    e -> {
                      for (JsonNode ep : e.path("epochs")) {
                        if (ep.path("epoch").asLong() == epoch) {
                          return "epoch "
                              + epoch
                              + (proposal.equals(ep.path("proposal").asText())
                                  ? " opened on the " + name + " proposal: "
                                  : " opened on another proposal: ")
                              + names(ep.path("members"));
                        }
                      }
                      return "epoch " + e.path("current").asLong() + " in force";
                    }));
  }

  /** GET …/missions/{m}/proposals/{id}, when it answers. */
  static Optional<JsonNode> detail(QuorateRest rest, String mission, String proposal) {
    QuorateRest.Answer a =
        rest.get(
            "/missions/"
                + QuorateRest.encode(mission)
                + "/proposals/"
                + QuorateRest.encode(proposal));
    return a.ok() ? Optional.of(EventJson.parseValue(a.body(), "the proposal")) : Optional.empty();
  }

  /** GET …/missions/{m}/epochs, when it answers. */
  static Optional<JsonNode> epochs(QuorateRest rest, String mission) {
    QuorateRest.Answer a = rest.get("/missions/" + QuorateRest.encode(mission) + "/epochs");
    return a.ok() ? Optional.of(EventJson.parseValue(a.body(), "the epochs")) : Optional.empty();
  }

  private static String names(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(n -> out.add(n.isTextual() ? n.asText() : n.path("member").asText()));
    return out.toString();
  }
}
