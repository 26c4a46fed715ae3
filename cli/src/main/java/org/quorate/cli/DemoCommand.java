package org.quorate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code quorate demo}: the Quick start scenario. Generates the demo PKI and genesis if absent
 * ({@link DemoPki}), loads the mission (reusing it when the same genesis is loaded), then signs and
 * submits, alternating REST and AMQP: five genesis endorsements, a proposal, attestations (concur,
 * one dissent with rationale, one legal-advisor concur), a contribution, and six invalid inputs
 * each expected rejected with its own reason code (bad-signature, anchor-not-member/path-invalid,
 * signer-mismatch, unknown-field, role-not-granted) or answered duplicate (an exact replay). It
 * then polls the mission's contributions until every input has a final outcome and prints expected
 * against actual.
 *
 * <p>Exit codes: 0 all as expected; 1 error (server unreachable, mission refused, …); 3 some
 * outcome differs from the expectation or stayed open at the timeout.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run the Quick start scenario against a server.",
      "",
      "Generates the demo PKI and genesis (if absent in DIR), creates the mission, signs and"
          + " submits valid and invalid contributions over REST and AMQP, waits for their"
          + " outcomes and prints expected against actual. Safe to run again: the PKI, genesis"
          + " and mission are reused and the signers' chains continue (DIR/chains).",
      "Exit codes: 0 all as expected, 1 error (e.g. server unreachable), 3 outcomes differ."
    })
final class DemoCommand implements Callable<Integer> {
  /** Exit code when an outcome differs from the expectation. */
  static final int MISMATCH = 3;

  @Spec CommandSpec spec;

  @Option(
      names = "--url",
      defaultValue = "http://localhost:8080/quorate",
      description = "Quorate base URL (default: ${DEFAULT-VALUE}).")
  String url;

  @Option(
      names = "--amqp",
      paramLabel = "URL",
      description = "AMQP 1.0 acceptor, e.g. amqp://localhost:5673; without it all goes by REST.")
  String amqp;

  @Option(
      names = "--dir",
      defaultValue = ".quorate/demo",
      description = "Demo PKI directory (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Option(
      names = "--mission",
      description = "Mission name for a new demo PKI (default BALTIC-SHIELD).")
  String mission;

  @Option(names = "--no-posture", description = "New demo PKI: genesis without posture.")
  boolean noPosture;

  @Option(names = "--user", defaultValue = "operator", description = "(default: ${DEFAULT-VALUE})")
  String user;

  @Option(
      names = "--password-env",
      defaultValue = "QUORATE_OPERATOR_PASSWORD",
      description = "Variable with the operator's password (default: ${DEFAULT-VALUE}).")
  String passwordEnv;

  @Option(
      names = "--amqp-user",
      defaultValue = "submitter",
      description = "(default: ${DEFAULT-VALUE})")
  String amqpUser;

  @Option(
      names = "--amqp-password-env",
      defaultValue = "QUORATE_SUBMITTER_PASSWORD",
      description = "Variable with the AMQP user's password (default: ${DEFAULT-VALUE}).")
  String amqpPasswordEnv;

  @Option(
      names = "--address",
      defaultValue = AmqpSender.DEFAULT_ADDRESS,
      description = "AMQP queue address (default: ${DEFAULT-VALUE}).")
  String address;

  @Option(
      names = "--no-node-credential",
      description =
          "Do not install POL's demo node credential on the server"
              + " (PUT …/missions/{m}/node-credential), which lets it sign decisions.")
  boolean noNodeCredential;

  @Option(
      names = "--timeout",
      defaultValue = "60",
      description = "Seconds to wait for outcomes (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  /** One scenario step: what was sent, how, what is expected and what came back. */
  static final class Step {
    final String what;
    final String signer;
    final boolean viaAmqp;
    final byte[] der;
    final String inputId;
    final String expectedOutcome;
    final List<String> expectedReasons;
    final boolean replay;
    String outcome;
    String reasonCode;
    String reason;

    Step(
        String what,
        String signer,
        boolean viaAmqp,
        byte[] der,
        String expectedOutcome,
        List<String> expectedReasons,
        boolean replay) {
      this.what = what;
      this.signer = signer;
      this.viaAmqp = viaAmqp;
      this.der = der;
      this.inputId = Pem.sha256Id(der);
      this.expectedOutcome = expectedOutcome;
      this.expectedReasons = expectedReasons;
      this.replay = replay;
    }

    boolean settled() {
      return outcome != null && !outcome.equals("held");
    }

    boolean asExpected() {
      return expectedOutcome.equals(outcome)
          && (expectedReasons.isEmpty() || expectedReasons.contains(reasonCode));
    }

    String expected() {
      return expectedReasons.isEmpty()
          ? expectedOutcome
          : expectedOutcome + " (" + String.join(" | ", expectedReasons) + ")";
    }
  }

  String missionName;
  ChainState chains;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    QuorateRest anonymous = new QuorateRest(url, null, null);

    QuorateRest.Answer health = anonymous.get("/health");
    if (!health.ok()) {
      throw new CliException(
          "the Quorate server at "
              + anonymous.api()
              + " answered HTTP "
              + health.status()
              + " on /health; is the application deployed?");
    }
    out.println("server   " + anonymous.api() + " is up");
    QuorateRest operator =
        new QuorateRest(url, user, QuorateCli.passwordFromEnv(passwordEnv, user));
    String amqpPassword =
        amqp == null ? null : QuorateCli.passwordFromEnv(amqpPasswordEnv, amqpUser);

    Path genesisFile = dir.resolve("genesis.json");
    if (!Files.isRegularFile(genesisFile)) {
      out.println("pki      generating the demo PKI in " + dir);
      new DemoPki().generate(dir, mission == null ? "BALTIC-SHIELD" : mission, !noPosture);
    } else {
      out.println("pki      reusing the demo PKI in " + dir);
    }
    byte[] genesis = Pem.readSmallFile(genesisFile);
    missionName = EventJson.parse(genesis, genesisFile.toString()).path("mission").asText();
    if (mission != null && !mission.equals(missionName)) {
      out.println(
          "note     "
              + genesisFile
              + " is for mission "
              + missionName
              + ", not "
              + mission
              + "; using "
              + missionName
              + " (or use another --dir)");
    }
    String genesisId = Pem.sha256Id(genesis);
    MissionCommand.Loaded loaded = MissionCommand.load(operator, genesis);
    out.println(
        "mission  "
            + missionName
            + (loaded.status() == 201 ? " created" : " already loaded (same genesis)")
            + ", status "
            + loaded.missionStatus()
            + ", genesis id "
            + genesisId);
    chains = new ChainState(dir);
    if (!noNodeCredential) {
      installNodeCredential(operator, out);
    }

    List<Step> steps = scenario(genesisId, amqp != null);
    AmqpSender sender = amqp == null ? null : new AmqpSender(amqp, amqpUser, amqpPassword, address);
    if (sender == null) {
      out.println("note     no --amqp given: every input goes by REST");
    }
    try {
      for (Step s : steps) {
        if (s.viaAmqp) {
          sender.send(s.der);
        } else {
          QuorateRest.Answer a = anonymous.post("/contributions", "application/pkcs7-mime", s.der);
          if (!a.ok()) {
            throw new CliException(
                "submitting '" + s.what + "' failed: HTTP " + a.status() + " " + a.body());
          }
          take(s, EventJson.parseValue(a.body(), "the server's answer"));
        }
        out.println(
            String.format(
                java.util.Locale.ROOT,
                "sent     %-4s %-44s %s",
                s.viaAmqp ? "AMQP" : "REST",
                s.what,
                s.inputId));
        out.flush();
      }
    } finally {
      if (sender != null) {
        sender.close();
      }
    }

    boolean settled = poll(operator, steps, out);
    Table t = new Table("#", "step", "signer", "via", "expected", "actual", "reason", "");
    int good = 0;
    int i = 1;
    for (Step s : steps) {
      boolean ok = s.asExpected();
      good += ok ? 1 : 0;
      t.row(
          Integer.toString(i++),
          s.what,
          s.signer,
          s.viaAmqp ? "AMQP" : "REST",
          s.expected(),
          s.outcome == null ? "(no outcome)" : s.outcome,
          s.reasonCode == null ? "-" : s.reasonCode,
          ok ? "ok" : "DIFFERS");
    }
    out.println();
    t.print(out);
    out.println();
    out.println(
        good
            + " of "
            + steps.size()
            + " steps as expected"
            + (settled ? "" : "; some outcomes still open after " + timeoutSeconds + " s"));
    out.println(
        "portal   " + operator.portal() + "missions.xhtml  (log in as auditor or operator)");
    out.println(
        "list     quorate contributions --url "
            + url
            + " --mission "
            + missionName
            + " --user "
            + user
            + " --password-env "
            + passwordEnv);
    out.flush();
    return good == steps.size() ? 0 : MISMATCH;
  }

  /**
   * Installs the first member's demo node credential (SPEC §3: {@code PUT
   * …/missions/{m}/node-credential}, {@code {"certificate":PEM,"privateKey":PKCS#8 PEM}}). A server
   * without that endpoint or refusing it is reported, not fatal: the demo's admissions do not
   * depend on it, only signed decisions do.
   */
  void installNodeCredential(QuorateRest operator, PrintWriter out) {
    String member = DemoPki.MEMBERS.get(0).id();
    Path memberDir = dir.resolve(member);
    ObjectNode body = obj();
    body.put(
        "certificate",
        new String(
            Pem.readSmallFile(memberDir.resolve(DemoPki.NODE + ".pem")),
            StandardCharsets.US_ASCII));
    body.put(
        "privateKey",
        new String(
            Pem.readSmallFile(memberDir.resolve(DemoPki.NODE + ".key")),
            StandardCharsets.US_ASCII));
    QuorateRest.Answer a =
        operator.put(
            "/missions/" + QuorateRest.encode(missionName) + "/node-credential",
            "application/json",
            EventJson.bytes(body));
    out.println(
        a.ok()
            ? "node     " + member + " node credential installed: the server signs decisions"
            : "note     node credential not installed (HTTP "
                + a.status()
                + " "
                + a.body()
                + "); decisions will not be signed");
  }

  /** Builds and signs every step; valid events advance the signers' chains. */
  List<Step> scenario(String genesisId, boolean amqpAvailable) {
    Map<String, DemoCredential> aa = new HashMap<>();
    for (DemoPki.Member m : DemoPki.MEMBERS) {
      aa.put(m.id(), DemoCredential.load(dir, m.id(), "approving-authority"));
    }
    DemoCredential polLegal = DemoCredential.load(dir, "POL", "legal-advisor");
    DemoCredential estMission = DemoCredential.load(dir, "EST", "mission-authority");
    List<Step> steps = new ArrayList<>();
    boolean[] next = {false};
    // alternate REST / AMQP, starting with REST
    java.util.function.BooleanSupplier via =
        () -> {
          boolean v = amqpAvailable && next[0];
          next[0] = !next[0];
          return v;
        };

    for (DemoPki.Member m : DemoPki.MEMBERS) {
      ObjectNode body = obj();
      body.put("genesis", genesisId);
      steps.add(valid("genesis endorsement", aa.get(m.id()), "genesis-endorsement", body, via));
    }
    ObjectNode proposal = obj();
    proposal.put("policy", "operational");
    proposal.put("title", "Open maritime corridor B");
    proposal.put(
        "text",
        "Open maritime corridor B for coalition naval traffic from 06:00Z, escorted by the"
            + " standing mine countermeasures group.");
    proposal.putNull("action");
    Signed p = sign(aa.get("POL"), "proposal", proposal, true, null);
    steps.add(
        new Step(
            "proposal: Open maritime corridor B",
            aa.get("POL").label(),
            false,
            p.der,
            "admitted",
            List.of(),
            false));
    next[0] = true;
    String pid = p.eventId;
    Step replayed = null;
    for (String member : List.of("POL", "LTU", "LVA", "EST")) {
      Step s =
          valid(
              "attestation: concur",
              aa.get(member),
              "attestation",
              attestation(pid, "approving-authority", "concur", "Corridor B is required."),
              via);
      steps.add(s);
      if (!s.viaAmqp && replayed == null) {
        replayed = s;
      }
    }
    steps.add(
        valid(
            "attestation: dissent",
            aa.get("DEU"),
            "attestation",
            attestation(
                pid,
                "approving-authority",
                "dissent",
                "Escort capacity is insufficient before the next rotation."),
            via));
    steps.add(
        valid(
            "attestation: legal advisor concur",
            polLegal,
            "attestation",
            attestation(pid, "legal-advisor", "concur", "Consistent with UNCLOS transit rights."),
            via));
    ObjectNode contribution = obj();
    contribution.put("title", "Corridor B hydrographic survey");
    contribution.put(
        "digest",
        Pem.sha256Id("Corridor B hydrographic survey, demo data".getBytes(StandardCharsets.UTF_8)));
    contribution.putArray("references");
    steps.add(valid("contribution: survey", estMission, "contribution", contribution, via));

    // invalid inputs: never recorded in the chain state
    Signed bad = sign(aa.get("POL"), "contribution", contribution.deepCopy(), false, null);
    steps.add(
        invalid(
            "flipped signature byte",
            aa.get("POL"),
            flipSignatureByte(bad.der),
            via,
            List.of("bad-signature")));
    Signed foreign =
        sign(
            aa.get("LTU"),
            "contribution",
            contribution.deepCopy(),
            false,
            e -> e.put("member", "POL"));
    steps.add(
        invalid(
            "LTU credential claims member POL",
            aa.get("LTU"),
            foreign.der,
            via,
            List.of("anchor-not-member", "path-invalid")));
    String otherSigner = aa.get("LVA").spki();
    Signed mismatch =
        sign(
            aa.get("DEU"),
            "contribution",
            contribution.deepCopy(),
            false,
            e -> e.put("signer", otherSigner));
    steps.add(
        invalid(
            "signer is another key", aa.get("DEU"), mismatch.der, via, List.of("signer-mismatch")));
    Signed unknown =
        sign(
            aa.get("LVA"),
            "contribution",
            contribution.deepCopy(),
            false,
            e -> e.put("comment", "not a SPEC field"));
    steps.add(
        invalid(
            "unknown field \"comment\"",
            aa.get("LVA"),
            unknown.der,
            via,
            List.of("unknown-field")));
    Signed wrongRole =
        sign(
            polLegal,
            "attestation",
            attestation(pid, "approving-authority", "concur", "Not my role."),
            false,
            null);
    steps.add(
        invalid(
            "legal advisor votes as approving authority",
            polLegal,
            wrongRole.der,
            via,
            List.of("role-not-granted")));
    if (replayed != null) {
      steps.add(
          new Step(
              "replay of step " + (steps.indexOf(replayed) + 1),
              replayed.signer,
              false,
              replayed.der,
              "duplicate",
              List.of(),
              true));
    }
    return steps;
  }

  private record Signed(byte[] der, String eventId) {}

  private Step valid(
      String what,
      DemoCredential c,
      String type,
      ObjectNode body,
      java.util.function.BooleanSupplier via) {
    Signed s = sign(c, type, body, true, null);
    return new Step(what, c.label(), via.getAsBoolean(), s.der, "admitted", List.of(), false);
  }

  private static Step invalid(
      String what,
      DemoCredential c,
      byte[] der,
      java.util.function.BooleanSupplier via,
      List<String> reasons) {
    return new Step(what, c.label(), via.getAsBoolean(), der, "rejected", reasons, false);
  }

  private Signed sign(
      DemoCredential c, String type, ObjectNode body, boolean record, Consumer<ObjectNode> tamper) {
    ObjectNode e =
        EventJson.fill(
                EventJson.event(missionName, c.member(), 0, type, body),
                c.spki(),
                chains,
                Clock.systemUTC())
            .event();
    if (tamper != null) {
      tamper.accept(e);
    }
    byte[] content = EventJson.bytes(e);
    byte[] der = CmsSigning.sign(content, c.key(), c.cert(), List.of(), CmsSigning.RsaScheme.PKCS1);
    String eventId = Pem.sha256Id(content);
    if (record) {
      chains.record(c.spki(), missionName, e.get("seq").asLong(), eventId);
    }
    return new Signed(der, eventId);
  }

  private static ObjectNode attestation(String proposal, String role, String verdict, String why) {
    ObjectNode b = obj();
    b.put("proposal", proposal);
    b.put("role", role);
    b.put("verdict", verdict);
    b.put("rationale", why);
    b.putNull("supersedes");
    return b;
  }

  private static ObjectNode obj() {
    return JsonNodeFactory.instance.objectNode();
  }

  /**
   * Flips the last byte of the SignerInfo's signature value, which DER places at the very end of a
   * SignedData without unsigned attributes (checked, not assumed).
   */
  static byte[] flipSignatureByte(byte[] der) {
    byte[] sig = CmsSigning.signatureValue(der);
    if (sig.length == 0 || der.length < sig.length) {
      throw new IllegalStateException("empty signature");
    }
    for (int i = 0; i < sig.length; i++) {
      if (der[der.length - sig.length + i] != sig[i]) {
        throw new IllegalStateException("the signature is not at the end of the SignedData");
      }
    }
    byte[] out = der.clone();
    out[out.length - 1] ^= 0x01;
    return out;
  }

  /** Takes outcome, reason code and reason from a SPEC §1 answer, if it carries an outcome. */
  private static void take(Step s, JsonNode answer) {
    if (answer.path("outcome").isTextual()) {
      s.outcome = answer.get("outcome").asText();
      s.reasonCode = nullable(answer, "reasonCode");
      s.reason = nullable(answer, "reason");
    }
  }

  private static String nullable(JsonNode n, String field) {
    JsonNode v = n.path(field);
    return v.isTextual() ? v.asText() : null;
  }

  /** Polls until every step is settled or the timeout passes; returns whether all settled. */
  private boolean poll(QuorateRest rest, List<Step> steps, PrintWriter out)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    boolean listWorks = true;
    while (true) {
      List<Step> open = new ArrayList<>();
      for (Step s : steps) {
        if (!s.settled() && !s.replay) {
          open.add(s);
        }
      }
      if (open.isEmpty()) {
        return true;
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
      Map<String, JsonNode> byInput = new HashMap<>();
      if (listWorks) {
        try {
          for (JsonNode c : ContributionsCommand.fetch(rest, missionName, null, null)) {
            String id = c.path("inputId").asText();
            JsonNode prior = byInput.get(id);
            if (prior == null || "duplicate".equals(prior.path("outcome").asText())) {
              byInput.put(id, c);
            }
          }
        } catch (CliException e) {
          out.println(
              "note     listing contributions failed ("
                  + e.getMessage()
                  + "); asking per input instead");
          listWorks = false;
        }
      }
      for (Step s : open) {
        JsonNode c = byInput.get(s.inputId);
        if (c == null) {
          QuorateRest.Answer a = rest.get("/contributions/" + QuorateRest.encode(s.inputId));
          if (a.ok()) {
            c = EventJson.parseValue(a.body(), "the server's answer");
          }
        }
        if (c != null) {
          take(s, c);
        }
      }
      Thread.sleep(1000);
    }
  }
}
