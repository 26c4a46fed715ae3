package org.quorate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quorate.core.admission.Outcome;
import org.quorate.core.reason.ReasonCode;

/** The shipped demo scenario file is well formed against the demo PKI and SPEC's codes. */
class ScenarioRunnerTest {
  @TempDir Path tmp;

  @Test
  void everyStepNamesAnOutcomeReasonCodesCredentialsAndPoliciesThatExist() throws Exception {
    Path dir = tmp.resolve("demo");
    new DemoPki().generate(dir, "BALTIC-SHIELD", true);
    String genesis = Files.readString(dir.resolve("genesis.json"));
    Set<String> outcomes = new HashSet<>();
    Arrays.stream(Outcome.values()).forEach(o -> outcomes.add(o.code()));
    Set<String> ids = new HashSet<>();
    List<String> problems = new ArrayList<>();
    Pattern idRef = Pattern.compile("\\$\\{id:([^}]+)}");
    for (JsonNode entry : ScenarioRunner.load().path("steps")) {
      String text = entry.toString();
      Matcher m = idRef.matcher(text);
      while (m.find()) {
        if (!ids.contains(m.group(1))) {
          problems.add("names ${id:" + m.group(1) + "} before a step defines it: " + text);
        }
      }
      if (entry.has("openedBy") && !ids.contains(entry.get("openedBy").asText())) {
        problems.add("openedBy names no earlier step: " + text);
      }
      if (entry.has("type") || entry.has("replay")) {
        if (!outcomes.contains(entry.path("expect").asText())) {
          problems.add("expects no SPEC outcome: " + text);
        }
        for (JsonNode r : entry.path("reasons")) {
          assertThatCode(() -> ReasonCode.fromCode(r.asText())).as(text).doesNotThrowAnyException();
        }
      }
      if (entry.has("signer")) {
        List<String> each = new ArrayList<>();
        entry.path("each").forEach(v -> each.add(v.asText()));
        for (String v : each.isEmpty() ? List.of("") : each) {
          String[] c = entry.get("signer").asText().replace("${each}", v).split(" ", 2);
          if (!Files.isRegularFile(dir.resolve(c[0]).resolve(c[1] + ".pem"))) {
            problems.add("signer " + c[0] + " " + c[1] + " is no demo credential: " + text);
          }
        }
      }
      if ("proposal".equals(entry.path("type").asText())) {
        String policy = entry.path("body").path("policy").asText();
        if (!genesis.contains("\"" + policy + "\"")) {
          problems.add("policy " + policy + " is not in the demo genesis: " + text);
        }
      }
      if (entry.has("id")) {
        ids.add(entry.get("id").asText());
      }
    }
    assertThat(problems).isEmpty();
    assertThat(ids).contains("drill", "corridor", "partial", "fuel", "gov");
  }
}
