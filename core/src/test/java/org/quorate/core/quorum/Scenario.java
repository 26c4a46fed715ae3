package org.quorate.core.quorum;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A scenario file of {@code src/test/resources/quorum/}: policy, roster, proposal, events and
 * checks. Each check selects events ({@code only} or {@code exclude} by id, default all), sets
 * {@code now} and names the expected state fields it cares about.
 */
final class Scenario {
  static final ObjectMapper MAPPER = new ObjectMapper();

  final String name;
  final String desc;
  final QuorumPolicy policy;
  final RosterSnapshot roster;
  final ProposalRecord proposal;
  final Set<String> byzantine;
  final JsonNode events;
  final JsonNode checks;

  Scenario(String name, JsonNode root) throws PolicyException {
    this.name = name;
    this.desc = root.path("desc").asText();
    JsonNode p = root.get("policy");
    this.policy =
        p.isTextual() && p.asText().equals("governance")
            ? QuorumPolicy.governance()
            : QuorumPolicy.fromJson(p);
    List<RosterSnapshot.Member> members = new ArrayList<>();
    for (JsonNode m : root.get("roster")) {
      members.add(
          new RosterSnapshot.Member(
              m.get("id").asText(),
              m.path("weight").asLong(1),
              m.path("suspended").asBoolean(false),
              strings(m.get("roles"))));
    }
    this.roster = RosterSnapshot.of(root.path("epoch").asLong(0), members);
    JsonNode pr = root.get("proposal");
    this.proposal =
        new ProposalRecord(
            pr.get("id").asText(),
            policy.name(),
            roster.epoch(),
            Instant.parse(pr.get("issued").asText()),
            pr.hasNonNull("actionSubject") ? pr.get("actionSubject").asText() : null,
            ProposalRecord.SubjectRule.valueOf(
                pr.path("subjectRule").asText("counted").toUpperCase(java.util.Locale.ROOT)));
    this.byzantine = strings(root.get("byzantine"));
    this.events = root.get("events");
    this.checks = root.get("checks");
  }

  static Scenario load(Path file) throws IOException, PolicyException {
    return new Scenario(file.getFileName().toString(), MAPPER.readTree(Files.readAllBytes(file)));
  }

  static Set<String> strings(JsonNode arr) {
    Set<String> out = new LinkedHashSet<>();
    if (arr != null) {
      for (JsonNode s : arr) {
        out.add(s.asText());
      }
    }
    return out;
  }

  static String textOrNull(JsonNode n, String field) {
    return n.hasNonNull(field) ? n.get(field).asText() : null;
  }

  /** Builds the inputs a check selects. */
  QuorumInputs inputs(JsonNode check) {
    Set<String> only = check.has("only") ? strings(check.get("only")) : null;
    Set<String> exclude = new HashSet<>(strings(check.get("exclude")));
    List<AttestationRecord> atts = new ArrayList<>();
    List<RetractionRecord> rets = new ArrayList<>();
    List<QuorumDeclarationRecord> decls = new ArrayList<>();
    List<DecisionRecord> decisions = new ArrayList<>();
    for (JsonNode e : events) {
      String id = e.get("id").asText();
      if ((only != null && !only.contains(id)) || exclude.contains(id)) {
        continue;
      }
      Instant issued = Instant.parse(e.get("issued").asText());
      switch (e.get("type").asText()) {
        case "attestation":
          atts.add(
              new AttestationRecord(
                  id,
                  proposal.id(),
                  e.get("member").asText(),
                  e.path("signer").asText(e.get("member").asText() + "-cred"),
                  e.get("role").asText(),
                  Verdict.fromWire(e.get("verdict").asText()),
                  textOrNull(e, "rationale"),
                  textOrNull(e, "supersedes"),
                  issued,
                  e.path("epoch").asLong(roster.epoch())));
          break;
        case "retraction":
          rets.add(
              new RetractionRecord(id, e.get("member").asText(), e.get("event").asText(), issued));
          break;
        case "quorum-declaration":
          decls.add(
              new QuorumDeclarationRecord(
                  id,
                  proposal.id(),
                  strings(e.get("reachable")),
                  strings(e.get("unreachable")),
                  issued));
          break;
        case "decision":
          decisions.add(
              new DecisionRecord(
                  id,
                  proposal.id(),
                  e.get("outcome").asText(),
                  new ArrayList<>(strings(e.get("counted"))),
                  textOrNull(e, "declaration"),
                  issued));
          break;
        default:
          throw new IllegalArgumentException("unknown event type in " + name + ": " + e);
      }
    }
    return new QuorumInputs(
        proposal,
        policy,
        roster,
        atts,
        rets,
        decls,
        decisions,
        byzantine,
        Instant.parse(check.get("now").asText()));
  }
}
