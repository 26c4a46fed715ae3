package org.quorate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code quorate contributions}: the inputs of a mission and their admission outcomes. */
@Command(
    name = "contributions",
    mixinStandardHelpOptions = true,
    description = "List a mission's contributions: member, signer, type, outcome, reason.")
final class ContributionsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--url",
      required = true,
      description = "Quorate base URL, e.g. http://localhost:8080/quorate")
  String url;

  @Option(names = "--mission", required = true, description = "Mission name.")
  String mission;

  @Option(
      names = "--outcome",
      description = "Only this outcome: admitted, held, rejected, evidence, void, duplicate.")
  String outcome;

  @Option(names = "--reason-code", description = "Only this reason code, e.g. bad-signature.")
  String reasonCode;

  @Option(names = "--user", description = "Optional HTTP Basic user (e.g. auditor).")
  String user;

  @Option(
      names = "--password-env",
      defaultValue = "QUORATE_AUDITOR_PASSWORD",
      description = "Environment variable holding the password (default: ${DEFAULT-VALUE}).")
  String passwordEnv;

  @Option(names = "--json", description = "Print the server's JSON instead of a table.")
  boolean json;

  @Override
  public Integer call() {
    QuorateRest rest =
        new QuorateRest(
            url, user, user == null ? null : QuorateCli.passwordFromEnv(passwordEnv, user));
    JsonNode list = fetch(rest, mission, outcome, reasonCode);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(list.toPrettyString());
      out.flush();
      return 0;
    }
    Table t =
        new Table(
            "member", "signer subject", "type", "marking", "outcome", "reason code", "reason");
    for (JsonNode c : list) {
      t.row(
          Table.text(c, "member"),
          Table.text(c, "signerSubject"),
          Table.text(c, "type"),
          Table.text(c, "marking"),
          Table.text(c, "outcome"),
          Table.text(c, "reasonCode"),
          Table.text(c, "reason"));
    }
    t.print(out);
    out.println(t.size() + " contribution(s) in " + mission);
    out.flush();
    return 0;
  }

  /**
   * {@code GET …/api/missions/{m}/contributions[?outcome=…&reasonCode=…]}.
   *
   * @return the JSON array
   * @throws CliException on a non-2xx answer or a non-array body
   */
  static JsonNode fetch(QuorateRest rest, String mission, String outcome, String reasonCode) {
    StringBuilder path =
        new StringBuilder("/missions/")
            .append(QuorateRest.encode(mission))
            .append("/contributions");
    String sep = "?";
    if (outcome != null) {
      path.append(sep).append("outcome=").append(QuorateRest.encode(outcome));
      sep = "&";
    }
    if (reasonCode != null) {
      path.append(sep).append("reasonCode=").append(QuorateRest.encode(reasonCode));
    }
    QuorateRest.Answer a = rest.get(path.toString());
    if (a.status() == 404) {
      throw new CliException("mission " + mission + " is not known to the server");
    }
    if (!a.ok()) {
      throw new CliException("listing contributions failed: HTTP " + a.status() + " " + a.body());
    }
    JsonNode list = EventJson.parseValue(a.body(), "the server's answer");
    if (!list.isArray()) {
      throw new CliException("the server's answer is not a JSON array");
    }
    return list;
  }
}
