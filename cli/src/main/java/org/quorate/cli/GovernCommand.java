package org.quorate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code quorate govern}: builds a SPEC §1 governance {@code proposal} ({@code
 * {"policy":"governance","title","text","action":{…}}}) with exactly one action, signs it and
 * writes and/or submits it as {@code quorate propose} does (same signing options). When the members
 * adopt it under the governance policy and the node decides, the decision opens the next roster
 * epoch (SPEC §3 "Governance").
 */
@Command(
    name = "govern",
    mixinStandardHelpOptions = true,
    description = {
      "Sign a governance proposal with one action (SPEC §1) and submit it.",
      "",
      "Once adopted (the built-in governance policy: unanimity of the epoch's members, the",
      "member a suspend or withdraw names excepted) the node's decision opens the next roster",
      "epoch. Rotating a member's anchors or granting or revoking its roles also needs that",
      "member's own concur, whatever the policy. A withdrawn member's id is never admitted",
      "again.",
      "Members then sign naming that epoch (--epoch). Prints the proposal's event id."
    })
final class GovernCommand implements Callable<Integer> {
  private static final Pattern SHA256 = Pattern.compile("(sha256:)?[0-9a-fA-F]{64}");

  @Spec CommandSpec spec;

  @Mixin ProposeCommand.Signing signing;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Action action;

  @Option(
      names = "--policy",
      defaultValue = "governance",
      description = "The mission's governance policy name (default: ${DEFAULT-VALUE}).")
  String policy;

  @Option(names = "--title", description = "Title (default: the action in words).")
  String title;

  @Option(names = "--text", description = "Text of the proposal (default: the title).")
  String text;

  @Option(
      names = "--add-anchor",
      paramLabel = "PEM",
      description = "With --rotate-trust-anchor: a trust anchor certificate (PEM file) to add.")
  List<Path> addAnchors = new ArrayList<>();

  @Option(
      names = "--remove-anchor",
      paramLabel = "SHA256",
      description = "With --rotate-trust-anchor: SHA-256 (hex) of a trust anchor's DER to remove.")
  List<String> removeAnchors = new ArrayList<>();

  /** Exactly one of the SPEC §1 governance actions. */
  static final class Action {
    @Option(
        names = "--admit-member",
        paramLabel = "FILE.json",
        description = "Admit a member: a JSON member object as in the genesis.")
    Path admitMember;

    @Option(names = "--suspend-member", paramLabel = "MEMBER", description = "Suspend a member.")
    String suspendMember;

    @Option(
        names = "--reinstate-member",
        paramLabel = "MEMBER",
        description = "Reinstate a suspended member (it counts in n again).")
    String reinstateMember;

    @Option(
        names = "--withdraw-member",
        paramLabel = "MEMBER",
        description = "Withdraw a member for good (its id is never admitted again).")
    String withdrawMember;

    @Option(
        names = "--grant-role",
        paramLabel = "MEMBER:ROLES:SUBJECT",
        description =
            "Grant roles (comma separated) to a credential named by subject DN or sha256:SPKI.")
    String grantRole;

    @Option(
        names = "--revoke-role",
        paramLabel = "MEMBER:ROLES:SUBJECT",
        description = "Revoke roles from the grants naming that subject DN or sha256:SPKI.")
    String revokeRole;

    @Option(
        names = "--change-posture",
        paramLabel = "LABEL.json",
        description = "Change the mission posture to this label (SPEC §6 JSON), or 'none'.")
    String changePosture;

    @Option(
        names = "--declare-policy",
        paramLabel = "POLICY.json",
        description = "Declare (or replace) a quorum policy (SPEC §3 JSON).")
    Path declarePolicy;

    @Option(
        names = "--rotate-trust-anchor",
        paramLabel = "MEMBER",
        description = "Rotate a member's trust anchors (with --add-anchor, --remove-anchor).")
    String rotateTrustAnchor;
  }

  @Override
  public Integer call() throws IOException {
    ObjectNode a = action();
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("policy", policy);
    String t = title == null || title.isBlank() ? describe(a) : title;
    body.put("title", t);
    body.put("text", text == null || text.isBlank() ? t : text);
    body.set("action", a);
    return signing.emit(spec, "proposal", body);
  }

  /**
   * @return the action object of SPEC §1
   * @throws CliException when an option's value has the wrong form
   */
  ObjectNode action() {
    ObjectNode a = JsonNodeFactory.instance.objectNode();
    boolean rotation = action.rotateTrustAnchor != null;
    if (!rotation && (!addAnchors.isEmpty() || !removeAnchors.isEmpty())) {
      throw new CliException("--add-anchor and --remove-anchor go with --rotate-trust-anchor");
    }
    if (action.admitMember != null) {
      JsonNode m = json(action.admitMember, "--admit-member");
      if (!m.isObject() || !m.path("id").isTextual()) {
        throw new CliException("--admit-member: the file must hold a member object with an \"id\"");
      }
      a.put("action", "admit-member");
      a.set("member", m);
    } else if (action.suspendMember != null) {
      a.put("action", "suspend-member");
      a.put("member", action.suspendMember);
    } else if (action.reinstateMember != null) {
      a.put("action", "reinstate-member");
      a.put("member", action.reinstateMember);
    } else if (action.withdrawMember != null) {
      a.put("action", "withdraw-member");
      a.put("member", action.withdrawMember);
    } else if (action.grantRole != null || action.revokeRole != null) {
      boolean grant = action.grantRole != null;
      String v = grant ? action.grantRole : action.revokeRole;
      String option = grant ? "--grant-role" : "--revoke-role";
      String[] parts = v.split(":", 3);
      if (parts.length != 3 || parts[0].isBlank() || parts[1].isBlank() || parts[2].isBlank()) {
        throw new CliException(option + " takes MEMBER:ROLES:SUBJECT, e.g. POL:legal-advisor:CN=…");
      }
      a.put("action", grant ? "grant-role" : "revoke-role");
      a.put("member", parts[0]);
      ObjectNode g = a.putObject("grant");
      if (SHA256.matcher(parts[2]).matches()) {
        g.put("spki", "sha256:" + parts[2].replaceFirst("^sha256:", "").toLowerCase(Locale.ROOT));
      } else {
        g.put("subject", parts[2]);
      }
      ArrayNode roles = g.putArray("roles");
      for (String r : parts[1].split(",")) {
        if (!r.isBlank()) {
          roles.add(r.strip());
        }
      }
    } else if (action.changePosture != null) {
      a.put("action", "change-posture");
      if ("none".equals(action.changePosture)) {
        a.putNull("label");
      } else {
        JsonNode label = json(Path.of(action.changePosture), "--change-posture");
        if (!label.isObject()) {
          throw new CliException("--change-posture: the file must hold a label object");
        }
        a.set("label", label);
      }
    } else if (action.declarePolicy != null) {
      JsonNode p = json(action.declarePolicy, "--declare-policy");
      if (!p.isObject() || !p.path("name").isTextual()) {
        throw new CliException("--declare-policy: the file must hold a policy with a \"name\"");
      }
      a.put("action", "declare-policy");
      a.set("policy", p);
    } else {
      if (addAnchors.isEmpty() && removeAnchors.isEmpty()) {
        throw new CliException("--rotate-trust-anchor needs --add-anchor or --remove-anchor");
      }
      a.put("action", "rotate-trust-anchor");
      a.put("member", action.rotateTrustAnchor);
      ArrayNode add = a.putArray("add");
      for (Path p : addAnchors) {
        add.add(Pem.toPem(Pem.readCertificate(p)));
      }
      ArrayNode remove = a.putArray("remove");
      for (String h : removeAnchors) {
        if (!SHA256.matcher(h).matches()) {
          throw new CliException("--remove-anchor takes the SHA-256 (64 hex digits) of an anchor");
        }
        remove.add("sha256:" + h.replaceFirst("^sha256:", "").toLowerCase(Locale.ROOT));
      }
    }
    return a;
  }

  private static JsonNode json(Path file, String option) {
    return EventJson.parseValue(
        new String(Pem.readSmallFile(file), StandardCharsets.UTF_8), option + " " + file);
  }

  private static String describe(JsonNode a) {
    String kind = a.path("action").asText();
    JsonNode m = a.get("member");
    String who = m == null ? "" : " " + (m.isObject() ? m.path("id").asText() : m.asText());
    return kind + who;
  }
}
