package org.quorate.core.quorum;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every scenario file of {@code src/test/resources/quorum/}: each check evaluates the selected
 * events at {@code now} and compares the fields named in {@code expect}. Each check is also
 * evaluated with the events reversed, which must not change anything.
 */
class QuorumScenarioTest {

  static List<Path> files() throws IOException, URISyntaxException {
    Path dir = Path.of(QuorumScenarioTest.class.getResource("/quorum").toURI());
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }

  @Test
  void theScenarioSetIsComplete() throws Exception {
    assertThat(files()).hasSizeGreaterThanOrEqualTo(11);
  }

  @TestFactory
  Stream<DynamicNode> scenarios() throws Exception {
    List<DynamicNode> nodes = new ArrayList<>();
    for (Path f : files()) {
      Scenario s = Scenario.load(f);
      List<DynamicNode> checks = new ArrayList<>();
      int i = 0;
      for (JsonNode check : s.checks) {
        i++;
        String label = i + ": " + check.path("desc").asText();
        checks.add(DynamicTest.dynamicTest(label, () -> run(s, check)));
      }
      assertThat(checks).as(f + " has checks").isNotEmpty();
      nodes.add(DynamicContainer.dynamicContainer(s.name + " — " + s.desc, checks));
    }
    return nodes.stream();
  }

  private static void run(Scenario s, JsonNode check) {
    QuorumInputs in = s.inputs(check);
    QuorumState st = QuorumEvaluator.evaluate(in);
    QuorumState reversed = QuorumEvaluator.evaluate(reversed(in));
    assertThat(reversed).as("state independent of input order").isEqualTo(st);
    String ctx = s.name + " / " + check.path("desc").asText() + " → " + st;
    JsonNode ex = check.get("expect");
    for (Iterator<Map.Entry<String, JsonNode>> it = ex.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      switch (e.getKey()) {
        case "status" -> assertThat(st.status().wire()).as(ctx).isEqualTo(v.asText());
        case "final" -> assertThat(st.isFinal()).as(ctx).isEqualTo(v.asBoolean());
        case "rule" -> assertThat(st.rule().wire()).as(ctx).isEqualTo(v.asText());
        case "threshold" -> assertThat(st.threshold()).as(ctx).isEqualTo(v.asLong());
        case "n" -> assertThat(st.n()).as(ctx).isEqualTo(v.asInt());
        case "concur" -> assertThat(st.counts().concur()).as(ctx).isEqualTo(v.asInt());
        case "dissent" -> assertThat(st.counts().dissent()).as(ctx).isEqualTo(v.asInt());
        case "abstain" -> assertThat(st.counts().abstain()).as(ctx).isEqualTo(v.asInt());
        case "concurWeight" -> assertThat(st.counts().concurWeight()).as(ctx).isEqualTo(v.asLong());
        case "missingVoters" ->
            assertThat(st.missingVoters()).as(ctx).containsExactlyElementsOf(Scenario.strings(v));
        case "missingPerRole" -> {
          Map<String, List<String>> want = new TreeMap<>();
          v.fields()
              .forEachRemaining(
                  r -> want.put(r.getKey(), new ArrayList<>(Scenario.strings(r.getValue()))));
          assertThat(new TreeMap<>(st.missingPerRole())).as(ctx).isEqualTo(want);
        }
        case "equivocators" ->
            assertThat(st.equivocations().stream().map(Equivocation::member).sorted().toList())
                .as(ctx)
                .containsExactlyElementsOf(Scenario.strings(v));
        case "byzantineBoundExceeded" ->
            assertThat(st.byzantineBoundExceeded()).as(ctx).isEqualTo(v.asBoolean());
        case "late" -> assertThat(st.late()).as(ctx).containsExactlyElementsOf(Scenario.strings(v));
        case "ineligible" ->
            assertThat(st.ineligible()).as(ctx).containsExactlyElementsOf(Scenario.strings(v));
        case "declaration" ->
            assertThat(st.declaration()).as(ctx).isEqualTo(v.isNull() ? null : v.asText());
        case "decision" ->
            assertThat(st.decision()).as(ctx).isEqualTo(v.isNull() ? null : v.asText());
        case "validFinalDecisions" ->
            assertThat(st.validFinalDecisions())
                .as(ctx)
                .containsExactlyElementsOf(Scenario.strings(v));
        case "invalidDecisions" ->
            assertThat(st.invalidDecisions().keySet())
                .as(ctx)
                .containsExactlyElementsOf(Scenario.strings(v));
        case "dissents" -> {
          List<String> got = new ArrayList<>();
          for (Dissent d : st.dissents()) {
            got.add(
                d.eventId()
                    + " "
                    + d.member()
                    + (d.current() ? " current" : "")
                    + (d.late() ? " late" : "")
                    + (d.changedOutcome() ? " changed-outcome" : ""));
          }
          assertThat(got).as(ctx).containsExactlyElementsOf(Scenario.strings(v));
        }
        case "trigger" -> {
          Optional<DecisionAdvice> a = DecisionTrigger.advise(in);
          if (v.isNull()) {
            assertThat(a).as(ctx).isEmpty();
          } else {
            assertThat(a).as(ctx).isPresent();
            assertThat(a.get().outcome().wire()).as(ctx).isEqualTo(v.asText());
            DecisionRecord signed =
                new DecisionRecord(
                    "sha256:ffff-trigger",
                    a.get().proposal(),
                    a.get().outcome().wire(),
                    a.get().counted(),
                    a.get().declaration(),
                    a.get().issued());
            assertThat(DecisionValidator.validate(in, signed).valid())
                .as("the advised decision validates: " + DecisionValidator.validate(in, signed))
                .isTrue();
          }
        }
        default -> throw new AssertionError("unknown expectation " + e.getKey() + " in " + s.name);
      }
    }
  }

  static QuorumInputs reversed(QuorumInputs in) {
    return new QuorumInputs(
        in.proposal(),
        in.policy(),
        in.roster(),
        rev(in.attestations()),
        rev(in.retractions()),
        rev(in.declarations()),
        rev(in.decisions()),
        in.byzantineMembers(),
        in.now());
  }

  private static <T> List<T> rev(List<T> l) {
    List<T> out = new ArrayList<>(l);
    java.util.Collections.reverse(out);
    return out;
  }
}
