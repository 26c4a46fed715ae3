package org.quorate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code quorate demo}: the Quick start scenario. Generates the demo PKI and both geneses if absent
 * ({@link DemoPki}), loads the two missions (reusing them when the same genesis is loaded), then
 * signs and submits, alternating REST and AMQP:
 *
 * <ul>
 *   <li>the founders' genesis endorsements of both missions (a mission is pending until all are
 *       admitted; what comes before is held and released on activation);
 *   <li>a proposal, attestations (concur, one dissent with rationale, one legal-advisor concur) and
 *       a contribution;
 *   <li>a chain fork (SPEC §2.9) in the second mission: JPN's clerk, with a fresh key each run,
 *       signs two different events at seq 1, both expected {@code evidence} ({@code chain-fork});
 *   <li>an out-of-order burst: LVA's mission authority's seq n+2, n+1, n sent in that order, all
 *       expected {@code admitted} once the gaps close;
 *   <li>a revocation (SPEC §2.5): POL's field officer (fresh key each run) signs an event, POL's
 *       national root CA revokes the credential in a CRL delivered as a {@code crl} contribution,
 *       and the field officer signs another event after the revocation time: the first stays {@code
 *       admitted}, the second is {@code void} ({@code revoked});
 *   <li>labels and the composite rule (SPEC §6): two contributions of the first mission labelled
 *       NATO RESTRICTED Releasable To NATO and Releasable To NATO, JPN, and two contributions of
 *       the second mission (members POL and JPN) referencing them: the first expected {@code
 *       rejected} ({@code reference-not-admissible}, naming JPN), the second {@code admitted};
 *   <li>six invalid inputs each expected rejected with its own reason code (bad-signature,
 *       anchor-not-member/path-invalid, signer-mismatch, unknown-field, role-not-granted) or
 *       answered duplicate (an exact replay);
 *   <li>coordination (SPEC §3): a proposal under policy {@code drill} left alone until its
 *       20-second deadline passes (the node's 30 s clock decides {@code lapsed}); a proposal under
 *       policy {@code partial} with a quorum declaration (EST and DEU unreachable) and the three
 *       reachable members concurring ({@code provisionally-adopted}, a node decision), then, once
 *       that decision is signed, EST and DEU concurring ({@code ratified}); an equivocation (LVA
 *       concurs and dissents on one proposal, neither superseding the other: both admitted, an
 *       evidence record);
 *   <li>governance (SPEC §1, §3): a governance proposal admitting JPN, adopted unanimously; JPN's
 *       contribution naming epoch 1, sent before the node's decision, is held and then admitted
 *       when the decision opens epoch 1.
 * </ul>
 *
 * It then polls the missions' contributions until every input has a final outcome, checks the
 * proposals' statuses and the epochs, and prints expected against actual.
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
      "Generates the demo PKI and the geneses of two missions (if absent in DIR), creates the"
          + " missions, signs and submits valid and invalid contributions over REST and AMQP (a"
          + " chain fork, an out-of-order burst, a revocation by CRL, labelled contributions and"
          + " cross-mission references among them), waits for their outcomes and prints expected"
          + " against actual. Safe to run again: the PKI, geneses and missions are reused, the"
          + " signers' chains continue (DIR/chains), and the fork and revocation use fresh"
          + " credentials of the same granted subjects.",
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

  @Option(
      names = "--second-mission",
      description = "Second mission's name for a new demo PKI (default NORDIC-GUARD).")
  String secondMission;

  @Option(names = "--no-posture", description = "New demo PKI: first genesis without posture.")
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
      defaultValue = "120",
      description =
          "Seconds to wait for outcomes, and again for the proposals' statuses (default:"
              + " ${DEFAULT-VALUE}; the lapse needs the deadline plus up to 30 s).")
  int timeoutSeconds;

  /** One scenario step: what was sent, how, what is expected and what came back. */
  static final class Step {
    final String mission;
    final String what;
    final String signer;
    final boolean viaAmqp;
    final byte[] der;
    final String inputId;
    final String expectedOutcome;
    final List<String> expectedReasons;
    final boolean replay;
    String expectedMention;
    String outcome;
    String reasonCode;
    String reason;

    Step(
        String mission,
        String what,
        String signer,
        boolean viaAmqp,
        byte[] der,
        String expectedOutcome,
        List<String> expectedReasons,
        boolean replay) {
      this.mission = mission;
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
          && (expectedReasons.isEmpty() || expectedReasons.contains(reasonCode))
          && (expectedMention == null || (reason != null && reason.contains(expectedMention)));
    }

    String expected() {
      String reasons = String.join(" | ", expectedReasons);
      if (expectedMention != null) {
        reasons += (reasons.isEmpty() ? "" : ", ") + "naming " + expectedMention;
      }
      return reasons.isEmpty() ? expectedOutcome : expectedOutcome + " (" + reasons + ")";
    }

    Step naming(String mention) {
      this.expectedMention = mention;
      return this;
    }
  }

  String missionName;
  String secondMissionName;
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
    clearances(operator, out);
    String amqpPassword =
        amqp == null ? null : QuorateCli.passwordFromEnv(amqpPasswordEnv, amqpUser);

    Path genesisFile = dir.resolve("genesis.json");
    if (!Files.isRegularFile(genesisFile)) {
      out.println("pki      generating the demo PKI in " + dir);
      new DemoPki()
          .generate(
              dir,
              mission == null ? "BALTIC-SHIELD" : mission,
              secondMission == null ? DemoPki.SECOND_MISSION : secondMission,
              !noPosture);
    } else {
      out.println("pki      reusing the demo PKI in " + dir);
      requireCurrentLayout(dir);
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
    Path secondFile = DemoPki.secondGenesis(dir);
    byte[] secondGenesis = Pem.readSmallFile(secondFile);
    secondMissionName =
        EventJson.parse(secondGenesis, secondFile.toString()).path("mission").asText();
    String genesisId = loadMission(operator, genesis, missionName, out);
    String secondGenesisId = loadMission(operator, secondGenesis, secondMissionName, out);
    chains = new ChainState(dir);
    if (!noNodeCredential) {
      installNodeCredential(operator, out);
    }

    List<Step> steps = scenario(genesisId, secondGenesisId, amqp != null);
    AmqpSender sender = amqp == null ? null : new AmqpSender(amqp, amqpUser, amqpPassword, address);
    if (sender == null) {
      out.println("note     no --amqp given: every input goes by REST");
    }
    try {
      send(steps, sender, anonymous, out);
      List<Step> later = secondPhase(operator, checks, amqp != null, out);
      send(later, sender, anonymous, out);
      steps.addAll(later);
    } finally {
      if (sender != null) {
        sender.close();
      }
    }

    boolean settled = poll(operator, steps, out);
    boolean checked = check(operator, checks, out);
    Table t =
        new Table("#", "mission", "step", "signer", "via", "expected", "actual", "reason", "");
    int good = 0;
    int i = 1;
    for (Step s : steps) {
      boolean ok = s.asExpected();
      good += ok ? 1 : 0;
      t.row(
          Integer.toString(i++),
          s.mission,
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
    Table ct = new Table("#", "mission", "check", "expected", "actual", "");
    int goodChecks = 0;
    i = 1;
    for (Check c : checks) {
      goodChecks += c.ok ? 1 : 0;
      ct.row(
          Integer.toString(i++),
          c.mission,
          c.what,
          c.expected,
          c.actual == null ? "(no answer)" : c.actual,
          c.ok ? "ok" : "DIFFERS");
    }
    out.println();
    ct.print(out);
    out.println();
    out.println(
        goodChecks
            + " of "
            + checks.size()
            + " proposal and epoch checks as expected"
            + (checked ? "" : "; some not reached after " + timeoutSeconds + " s"));
    out.println(
        "portal   " + operator.portal() + "missions.xhtml  (log in as auditor or operator)");
    for (String m : List.of(missionName, secondMissionName)) {
      out.println(
          "list     quorate contributions --url "
              + url
              + " --mission "
              + m
              + " --user "
              + user
              + " --password-env "
              + passwordEnv);
    }
    out.flush();
    return good == steps.size() && goodChecks == checks.size() ? 0 : MISMATCH;
  }

  private void send(List<Step> steps, AmqpSender sender, QuorateRest anonymous, PrintWriter out) {
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
              "sent     %-4s %-13s %-46s %s",
              s.viaAmqp ? "AMQP" : "REST",
              s.mission,
              s.what,
              s.inputId));
      out.flush();
    }
  }

  /** Loads one genesis and reports it; returns its genesis id. */
  private static String loadMission(
      QuorateRest operator, byte[] genesis, String name, PrintWriter out) {
    String genesisId = Pem.sha256Id(genesis);
    MissionCommand.Loaded loaded = MissionCommand.load(operator, genesis);
    out.println(
        "mission  "
            + name
            + (loaded.status() == 201 ? " created" : " already loaded (same genesis)")
            + ", status "
            + loaded.missionStatus()
            + ", genesis id "
            + genesisId);
    return genesisId;
  }

  /**
   * A demo PKI made before the fork, revocation and second-mission steps lacks their credentials
   * and genesis; such a directory cannot be patched (its genesis is bound on the server).
   */
  static void requireCurrentLayout(Path dir) {
    List<Path> needed = new ArrayList<>();
    for (List<String> extra : DemoPki.EXTRA_CREDENTIALS) {
      needed.add(dir.resolve(extra.get(0)).resolve(extra.get(1) + ".pem"));
    }
    needed.add(dir.resolve(DemoPki.PARTNER.id()).resolve("approving-authority.pem"));
    needed.add(dir.resolve(DemoPki.PARTNER.id()).resolve(DemoPki.CLERK + ".pem"));
    for (Path p : needed) {
      if (!Files.isRegularFile(p)) {
        throw new CliException(
            "the demo PKI in "
                + dir
                + " predates the fork, revocation and two-mission steps (it lacks "
                + p
                + "); make a new one with 'quorate demo --dir NEW-DIR --mission NEW-NAME'"
                + " (a server that loaded the old genesis refuses another under its name)");
      }
    }
    String genesis =
        new String(Pem.readSmallFile(dir.resolve("genesis.json")), StandardCharsets.UTF_8);
    if (!genesis.contains("\"" + DemoPki.DRILL_POLICY + "\"")
        || !genesis.contains("\"" + DemoPki.PARTIAL_POLICY + "\"")) {
      throw new CliException(
          "the demo PKI in "
              + dir
              + " predates the lapse and partial-quorum steps (its genesis lacks the policies "
              + DemoPki.DRILL_POLICY
              + " and "
              + DemoPki.PARTIAL_POLICY
              + "); make a new one with 'quorate demo --dir NEW-DIR --mission NEW-NAME'");
    }
    if (DemoPki.secondGenesis(dir) == null) {
      throw new CliException(
          "the demo PKI in "
              + dir
              + " has no second-mission genesis (genesis-<MISSION>.json); make a new one with"
              + " 'quorate demo --dir NEW-DIR --mission NEW-NAME'");
    }
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

  /** NATO RESTRICTED, Releasable To NATO: admissible in the first mission, not for JPN. */
  static final String LABEL_NATO =
      "{\"policy\":\"NATO\",\"classification\":\"RESTRICTED\",\"categories\":[{\"tagName\":"
          + "\"Releasable To\",\"type\":\"PERMISSIVE\",\"values\":[\"NATO\"]}]}";

  /** NATO RESTRICTED, Releasable To NATO and JPN: admissible in both missions. */
  static final String LABEL_NATO_JPN =
      "{\"policy\":\"NATO\",\"classification\":\"RESTRICTED\",\"categories\":[{\"tagName\":"
          + "\"Releasable To\",\"type\":\"PERMISSIVE\",\"values\":[\"NATO\",\"JPN\"]}]}";

  /** Alternates REST and AMQP (starting with REST) when AMQP is available. */
  private static final class Via implements BooleanSupplier {
    private final boolean amqpAvailable;
    boolean next;

    Via(boolean amqpAvailable) {
      this.amqpAvailable = amqpAvailable;
    }

    @Override
    public boolean getAsBoolean() {
      boolean v = amqpAvailable && next;
      next = !next;
      return v;
    }
  }

  /**
   * Builds and signs every step; valid events advance the signers' chains. Reissues the LTU clerk
   * and POL field officer credentials and issues POL's CRL in {@link #dir}; sleeps about two
   * seconds so that the field officer's events lie on either side of the revocation time with
   * honest {@code issued} times.
   *
   * @param genesisId the first mission's genesis id
   * @param secondGenesisId the second mission's genesis id
   * @param amqpAvailable whether steps may go by AMQP
   * @return the steps in sending order
   */
  List<Step> scenario(String genesisId, String secondGenesisId, boolean amqpAvailable) {
    Map<String, DemoCredential> aa = new HashMap<>();
    for (DemoPki.Member m : DemoPki.MEMBERS) {
      aa.put(m.id(), DemoCredential.load(dir, m.id(), "approving-authority"));
    }
    DemoCredential jpnAa = DemoCredential.load(dir, DemoPki.PARTNER.id(), "approving-authority");
    DemoCredential polLegal = DemoCredential.load(dir, "POL", "legal-advisor");
    DemoCredential polMission = DemoCredential.load(dir, "POL", "mission-authority");
    DemoCredential estMission = DemoCredential.load(dir, "EST", "mission-authority");
    DemoCredential lvaMission = DemoCredential.load(dir, "LVA", "mission-authority");
    List<Step> steps = new ArrayList<>();
    Via via = new Via(amqpAvailable);
    String a = missionName;
    String b = secondMissionName;

    // 1. founders' endorsements of both geneses
    for (DemoPki.Member m : DemoPki.MEMBERS) {
      ObjectNode body = obj();
      body.put("genesis", genesisId);
      steps.add(valid(a, "genesis endorsement", aa.get(m.id()), "genesis-endorsement", body, via));
    }
    for (DemoCredential c : List.of(aa.get("POL"), jpnAa)) {
      ObjectNode body = obj();
      body.put("genesis", secondGenesisId);
      steps.add(valid(b, "genesis endorsement", c, "genesis-endorsement", body, via));
    }

    // 2a. a proposal under policy drill, left alone: its 20 s deadline passes, the node's clock
    // decides lapsed (sent early so that the wait overlaps the rest)
    Signed drill =
        sign(
            aa.get("LTU"),
            a,
            "proposal",
            proposal(
                DemoPki.DRILL_POLICY,
                "Harbour drill at 14:00Z",
                "Hold the harbour evacuation drill at 14:00Z today."),
            null,
            true,
            null);
    steps.add(
        new Step(
            a,
            "proposal: Harbour drill (to lapse)",
            aa.get("LTU").label(),
            false,
            drill.der,
            "admitted",
            List.of(),
            false));
    checks.add(
        statusCheck(a, "drill lapses at its deadline (node clock)", drill.eventId, "lapsed"));

    // 2. a proposal and its attestations, a contribution
    ObjectNode proposal = obj();
    proposal.put("policy", "operational");
    proposal.put("title", "Open maritime corridor B");
    proposal.put(
        "text",
        "Open maritime corridor B for coalition naval traffic from 06:00Z, escorted by the"
            + " standing mine countermeasures group.");
    proposal.putNull("action");
    Signed p = sign(aa.get("POL"), a, "proposal", proposal, null, true, null);
    steps.add(
        new Step(
            a,
            "proposal: Open maritime corridor B",
            aa.get("POL").label(),
            false,
            p.der,
            "admitted",
            List.of(),
            false));
    via.next = true;
    String pid = p.eventId;
    Step replayed = null;
    for (String member : List.of("POL", "LTU", "LVA", "EST")) {
      Step s =
          valid(
              a,
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
            a,
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
            a,
            "attestation: legal advisor concur",
            polLegal,
            "attestation",
            attestation(pid, "legal-advisor", "concur", "Consistent with UNCLOS transit rights."),
            via));
    ObjectNode contribution = contribution("Corridor B hydrographic survey", List.of());
    steps.add(valid(a, "contribution: survey", estMission, "contribution", contribution, via));
    checks.add(statusCheck(a, "corridor B adopted with DEU's dissent", pid, "adopted"));

    // 2b. partial quorum: EST and DEU declared unreachable, the three reachable members concur
    // (provisionally adopted); EST and DEU concur once the provisional decision is signed
    Signed partial =
        sign(
            aa.get("POL"),
            a,
            "proposal",
            proposal(
                DemoPki.PARTIAL_POLICY,
                "Evacuation route E2",
                "Use route E2 for the non-combatant evacuation while the northern links are down."),
            null,
            true,
            null);
    partialProposal = partial.eventId;
    steps.add(
        new Step(
            a,
            "proposal: Evacuation route E2 (partial)",
            aa.get("POL").label(),
            false,
            partial.der,
            "admitted",
            List.of(),
            false));
    ObjectNode declaration = obj();
    declaration.put("proposal", partialProposal);
    declaration.putArray("reachable").add("POL").add("LTU").add("LVA");
    declaration.putArray("unreachable").add("EST").add("DEU");
    declaration.put("reason", "EST and DEU links down since 05:40Z");
    steps.add(
        valid(
            a,
            "quorum declaration: EST, DEU unreachable",
            polMission,
            "quorum-declaration",
            declaration,
            via));
    for (String member : List.of("POL", "LTU", "LVA")) {
      steps.add(
          valid(
              a,
              "attestation E2: concur (reachable)",
              aa.get(member),
              "attestation",
              attestation(partialProposal, "approving-authority", "concur", "Route E2 is clear."),
              via));
    }

    // 2c. an equivocation: LVA concurs and dissents on one proposal, neither superseding the other
    Signed fuel =
        sign(
            aa.get("EST"),
            a,
            "proposal",
            proposal("operational", "Fuel allocation for week 49", "Allocate 40% to the escort."),
            null,
            true,
            null);
    steps.add(
        new Step(
            a,
            "proposal: Fuel allocation",
            aa.get("EST").label(),
            false,
            fuel.der,
            "admitted",
            List.of(),
            false));
    steps.add(
        valid(
            a,
            "equivocation: LVA concurs",
            aa.get("LVA"),
            "attestation",
            attestation(fuel.eventId, "approving-authority", "concur", "Agreed."),
            via));
    steps.add(
        valid(
            a,
            "equivocation: LVA dissents",
            aa.get("LVA"),
            "attestation",
            attestation(fuel.eventId, "approving-authority", "dissent", "Escort needs 60%."),
            via));
    String fuelId = fuel.eventId;
    checks.add(
        new Check(
            a,
            "LVA's two verdicts are equivocation evidence",
            "equivocators [LVA]",
            r -> detail(r, a, fuelId).map(d -> "equivocators " + names(d.path("equivocators")))));

    // 3. a chain fork: a fresh clerk credential signs two different events at seq 1; neither is
    // recorded in the chain state (the key is never used again)
    // in the second mission: a forking member is byzantine in its mission from then on, and the
    // first mission's quorums (unanimity, partial quorum) must stay reachable
    new DemoPki().reissue(dir, DemoPki.PARTNER.id(), DemoPki.CLERK);
    DemoCredential clerk = DemoCredential.load(dir, DemoPki.PARTNER.id(), DemoPki.CLERK);
    for (String title : List.of("Harbour log, copy 1", "Harbour log, copy 2 (altered)")) {
      Signed fork =
          sign(clerk, b, "contribution", contribution(title, List.of()), null, false, null);
      steps.add(
          new Step(
              b,
              "fork: seq 1 \"" + title + "\"",
              clerk.label(),
              via.getAsBoolean(),
              fork.der,
              "evidence",
              List.of("chain-fork"),
              false));
    }

    // 4. an out-of-order burst: seq n, n+1, n+2 signed in order, sent n+2, n+1, n
    List<Signed> burst = new ArrayList<>();
    List<Long> seqs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Signed s =
          sign(
              lvaMission,
              a,
              "contribution",
              contribution("Patrol report " + (i + 1) + " of 3", List.of()),
              null,
              true,
              null);
      burst.add(s);
      seqs.add(EventJson.parse(CmsSigning.content(s.der), "event").get("seq").asLong());
    }
    for (int i = 2; i >= 0; i--) {
      steps.add(
          new Step(
              a,
              "burst: seq " + seqs.get(i) + (i == 2 ? " (sent first)" : ""),
              lvaMission.label(),
              amqpAvailable,
              burst.get(i).der,
              "admitted",
              List.of(),
              false));
    }

    // 5. a revocation: the field officer signs, POL's CA revokes it, the field officer signs again
    X509Certificate officerCert = new DemoPki().reissue(dir, "POL", DemoPki.FIELD_OFFICER);
    DemoCredential officer = DemoCredential.load(dir, "POL", DemoPki.FIELD_OFFICER);
    Signed before =
        sign(
            officer,
            a,
            "contribution",
            contribution("Checkpoint report before revocation", List.of()),
            null,
            true,
            null);
    Instant revocation = sleepPast(issued(before));
    byte[] crl = new DemoPki().revoke(dir, "POL", officerCert, revocation);
    ObjectNode crlBody = obj();
    crlBody.put("crl", Base64.getEncoder().encodeToString(crl));
    Signed crlEvent = sign(polMission, a, "crl", crlBody, null, true, null);
    sleepPast(revocation);
    Signed after =
        sign(
            officer,
            a,
            "contribution",
            contribution("Checkpoint report after revocation", List.of()),
            null,
            false,
            null);
    steps.add(
        new Step(
            a,
            "field officer, before revocation",
            officer.label(),
            via.getAsBoolean(),
            before.der,
            "admitted",
            List.of(),
            false));
    steps.add(
        new Step(
            a,
            "crl: POL CA revokes the field officer",
            polMission.label(),
            via.getAsBoolean(),
            crlEvent.der,
            "admitted",
            List.of(),
            false));
    steps.add(
        new Step(
            a,
            "field officer, after revocation",
            officer.label(),
            via.getAsBoolean(),
            after.der,
            "void",
            List.of("revoked"),
            false));

    // 6. labels, and references from the second mission (composite rule, SPEC §6)
    Signed natoOnly =
        sign(
            aa.get("POL"),
            a,
            "contribution",
            contribution("Mine threat assessment (NATO only)", List.of()),
            LABEL_NATO,
            true,
            null);
    Signed natoJpn =
        sign(
            aa.get("POL"),
            a,
            "contribution",
            contribution("Shipping advisory (NATO, JPN)", List.of()),
            LABEL_NATO_JPN,
            true,
            null);
    steps.add(
        new Step(
            a,
            "label: Releasable To NATO",
            aa.get("POL").label(),
            via.getAsBoolean(),
            natoOnly.der,
            "admitted",
            List.of(),
            false));
    steps.add(
        new Step(
            a,
            "label: Releasable To NATO, JPN",
            aa.get("POL").label(),
            via.getAsBoolean(),
            natoJpn.der,
            "admitted",
            List.of(),
            false));
    Signed refusedRef =
        sign(
            aa.get("POL"),
            b,
            "contribution",
            contribution("Threat summary", List.of(reference(a, natoOnly.eventId))),
            null,
            false,
            null);
    steps.add(
        new Step(
                b,
                "references the NATO-only event",
                aa.get("POL").label(),
                via.getAsBoolean(),
                refusedRef.der,
                "rejected",
                List.of("reference-not-admissible"),
                false)
            .naming(DemoPki.PARTNER.id()));
    Signed admittedRef =
        sign(
            jpnAa,
            b,
            "contribution",
            contribution("Shipping summary", List.of(reference(a, natoJpn.eventId))),
            null,
            true,
            null);
    steps.add(
        new Step(
            b,
            "references the NATO, JPN event",
            jpnAa.label(),
            via.getAsBoolean(),
            admittedRef.der,
            "admitted",
            List.of(),
            false));

    // 7. invalid inputs: never recorded in the chain state
    Signed bad = sign(aa.get("POL"), a, "contribution", contribution.deepCopy(), null, false, null);
    steps.add(
        invalid(
            a,
            "flipped signature byte",
            aa.get("POL"),
            flipSignatureByte(bad.der),
            via,
            List.of("bad-signature")));
    Signed foreign =
        sign(
            aa.get("LTU"),
            a,
            "contribution",
            contribution.deepCopy(),
            null,
            false,
            e -> e.put("member", "POL"));
    steps.add(
        invalid(
            a,
            "LTU credential claims member POL",
            aa.get("LTU"),
            foreign.der,
            via,
            List.of("anchor-not-member", "path-invalid")));
    String otherSigner = aa.get("LVA").spki();
    Signed mismatch =
        sign(
            aa.get("DEU"),
            a,
            "contribution",
            contribution.deepCopy(),
            null,
            false,
            e -> e.put("signer", otherSigner));
    steps.add(
        invalid(
            a,
            "signer is another key",
            aa.get("DEU"),
            mismatch.der,
            via,
            List.of("signer-mismatch")));
    Signed unknown =
        sign(
            aa.get("LVA"),
            a,
            "contribution",
            contribution.deepCopy(),
            null,
            false,
            e -> e.put("comment", "not a SPEC field"));
    steps.add(
        invalid(
            a,
            "unknown field \"comment\"",
            aa.get("LVA"),
            unknown.der,
            via,
            List.of("unknown-field")));
    Signed wrongRole =
        sign(
            polLegal,
            a,
            "attestation",
            attestation(pid, "approving-authority", "concur", "Not my role."),
            null,
            false,
            null);
    steps.add(
        invalid(
            a,
            "legal advisor votes as approving authority",
            polLegal,
            wrongRole.der,
            via,
            List.of("role-not-granted")));
    if (replayed != null) {
      steps.add(
          new Step(
              a,
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

  /** The partial-quorum proposal of {@link #scenario}, for the second phase. */
  String partialProposal;

  /** Proposal and epoch checks made after the steps settle. */
  final List<Check> checks = new ArrayList<>();

  /** One check of a proposal's status or of the epochs, read over REST. */
  static final class Check {
    final String mission;
    final String what;
    final String expected;
    final java.util.function.Function<QuorateRest, java.util.Optional<String>> probe;
    String actual;
    boolean ok;

    Check(
        String mission,
        String what,
        String expected,
        java.util.function.Function<QuorateRest, java.util.Optional<String>> probe) {
      this.mission = mission;
      this.what = what;
      this.expected = expected;
      this.probe = probe;
    }

    void refresh(QuorateRest rest) {
      if (ok) {
        return;
      }
      probe.apply(rest).ifPresent(a -> actual = a);
      ok = expected.equals(actual);
    }
  }

  private static Check statusCheck(String mission, String what, String proposal, String status) {
    return new Check(
        mission,
        what,
        status,
        r -> detail(r, mission, proposal).map(d -> d.path("status").asText()));
  }

  /** GET …/missions/{m}/proposals/{id}, when it answers. */
  static java.util.Optional<JsonNode> detail(QuorateRest rest, String mission, String proposal) {
    QuorateRest.Answer a =
        rest.get(
            "/missions/"
                + QuorateRest.encode(mission)
                + "/proposals/"
                + QuorateRest.encode(proposal));
    return a.ok()
        ? java.util.Optional.of(EventJson.parseValue(a.body(), "the proposal"))
        : java.util.Optional.empty();
  }

  /**
   * The demo's portal users (SPEC §6): both cleared to the first mission's posture (NATO SECRET,
   * Releasable To NATO and JPN), which admits every label the demo signs, so that the portal shows
   * the demo's titles and rationales. A user without a clearance sees them withheld.
   */
  static final List<String> CLEARED_USERS = List.of("operator", "auditor");

  private static void clearances(QuorateRest operator, PrintWriter out) {
    byte[] clearance = ("[" + DemoPki.POSTURE_A + "]").getBytes(StandardCharsets.UTF_8);
    for (String u : CLEARED_USERS) {
      QuorateRest.Answer a =
          operator.put("/clearances/" + QuorateRest.encode(u), "application/json", clearance);
      out.println(
          a.ok()
              ? "clearance " + u + ": NATO SECRET, Releasable To NATO, JPN"
              : "clearance " + u + " not set (HTTP " + a.status() + "): labelled fields withheld");
    }
  }

  /** GET …/missions/{m}/epochs, when it answers. */
  static java.util.Optional<JsonNode> epochs(QuorateRest rest, String mission) {
    QuorateRest.Answer a = rest.get("/missions/" + QuorateRest.encode(mission) + "/epochs");
    return a.ok()
        ? java.util.Optional.of(EventJson.parseValue(a.body(), "the epochs"))
        : java.util.Optional.empty();
  }

  private static String names(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(n -> out.add(n.isTextual() ? n.asText() : n.path("member").asText()));
    return out.toString();
  }

  private static ObjectNode proposal(String policy, String title, String text) {
    ObjectNode p = obj();
    p.put("policy", policy);
    p.put("title", title);
    p.put("text", text);
    p.putNull("action");
    return p;
  }

  /**
   * The second phase, after the first steps are sent: waits (at most {@code --timeout}) until the
   * node signed the provisional decision on the partial-quorum proposal, then signs EST's and DEU's
   * concurs on it (expected to ratify it), a governance proposal admitting JPN, JPN's contribution
   * naming the next epoch (sent before the members concur: held until the node's decision opens
   * that epoch, then admitted) and the five members' concurs. Events name the epoch in force, read
   * from the server.
   */
  List<Step> secondPhase(
      QuorateRest operator, List<Check> out, boolean amqpAvailable, PrintWriter log)
      throws InterruptedException {
    String a = missionName;
    long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    boolean provisional = false;
    Instant decided = Instant.now();
    while (partialProposal != null && !provisional && System.nanoTime() < deadline) {
      java.util.Optional<JsonNode> d = detail(operator, a, partialProposal);
      if (d.isEmpty()) {
        break;
      }
      for (JsonNode dec : d.get().path("decisions")) {
        if ("provisionally-adopted".equals(dec.path("outcome").asText())) {
          provisional = true;
          if (dec.path("issued").isTextual()) {
            decided = Instant.parse(dec.path("issued").asText());
          }
        }
      }
      if (!provisional) {
        Thread.sleep(500);
      }
    }
    log.println(
        provisional
            ? "wait     the node signed a provisional decision on Evacuation route E2"
            : "note     no provisional decision on Evacuation route E2 seen; going on");
    // The returning members' concurs are issued after the provisional decision: one issued in the
    // same second would sort before or after it by event id (SPEC §1), and a decision's `counted`
    // must list exactly the attestations issued at or before it.
    sleepPast(decided);
    long epoch = epochs(operator, a).map(e -> e.path("current").asLong()).orElse(0L);
    Map<String, DemoCredential> aa = new HashMap<>();
    for (DemoPki.Member m : DemoPki.MEMBERS) {
      aa.put(m.id(), DemoCredential.load(dir, m.id(), "approving-authority"));
    }
    DemoCredential jpnAa = DemoCredential.load(dir, DemoPki.PARTNER.id(), "approving-authority");
    Via via = new Via(amqpAvailable);
    List<Step> steps = new ArrayList<>();
    for (String member : List.of("EST", "DEU")) {
      Signed s =
          sign(
              aa.get(member),
              a,
              epoch,
              "attestation",
              attestation(partialProposal, "approving-authority", "concur", "Back online: agreed."),
              null,
              true,
              null);
      steps.add(
          new Step(
              a,
              "attestation E2: concur (" + member + " back)",
              aa.get(member).label(),
              via.getAsBoolean(),
              s.der,
              "admitted",
              List.of(),
              false));
    }
    String partial = partialProposal;
    out.add(
        new Check(
            a,
            "E2 provisionally adopted, then ratified",
            "ratified after provisionally-adopted",
            r ->
                detail(r, a, partial)
                    .map(
                        d -> {
                          boolean prov = false;
                          for (JsonNode dec : d.path("decisions")) {
                            prov |= "provisionally-adopted".equals(dec.path("outcome").asText());
                          }
                          return d.path("status").asText()
                              + (prov ? " after provisionally-adopted" : "");
                        })));

    ObjectNode admit = obj();
    admit.put("action", "admit-member");
    admit.set("member", DemoPki.partnerMember(dir));
    ObjectNode body = proposal("governance", "Admit Japan (JPN) to the mission", "");
    body.put("text", "Admit Japan as a member: its national root CA and its approving authority.");
    body.set("action", admit);
    Signed gov = sign(aa.get("POL"), a, epoch, "proposal", body, null, true, null);
    steps.add(
        new Step(
            a,
            "governance proposal: admit JPN",
            aa.get("POL").label(),
            false,
            gov.der,
            "admitted",
            List.of(),
            false));
    Signed jpn =
        sign(
            jpnAa,
            a,
            epoch + 1,
            "contribution",
            contribution("Japanese maritime liaison report", List.of()),
            null,
            true,
            null);
    steps.add(
        new Step(
            a,
            "JPN contributes in epoch " + (epoch + 1) + " (held first)",
            jpnAa.label(),
            false,
            jpn.der,
            "admitted",
            List.of(),
            false));
    for (DemoPki.Member m : DemoPki.MEMBERS) {
      Signed s =
          sign(
              aa.get(m.id()),
              a,
              epoch,
              "attestation",
              attestation(gov.eventId, "approving-authority", "concur", "Welcome."),
              null,
              true,
              null);
      steps.add(
          new Step(
              a,
              "governance: " + m.id() + " concurs",
              aa.get(m.id()).label(),
              via.getAsBoolean(),
              s.der,
              "admitted",
              List.of(),
              false));
    }
    String govId = gov.eventId;
    out.add(statusCheck(a, "governance admission of JPN adopted", govId, "adopted"));
    long next = epoch + 1;
    out.add(
        new Check(
            a,
            "the decision opens epoch " + next + " with JPN",
            "epoch " + next + " opened on the JPN proposal: [POL, LTU, LVA, EST, DEU, JPN]",
            r ->
                epochs(r, a)
                    .map(
                        e -> {
                          for (JsonNode ep : e.path("epochs")) {
                            if (ep.path("epoch").asLong() == next) {
                              return "epoch "
                                  + next
                                  + (govId.equals(ep.path("proposal").asText())
                                      ? " opened on the JPN proposal: "
                                      : " opened on another proposal: ")
                                  + names(ep.path("members"));
                            }
                          }
                          return "epoch " + e.path("current").asLong() + " in force";
                        })));
    return steps;
  }

  /** Refreshes the checks until all hold or the timeout passes; returns whether all hold. */
  private boolean check(QuorateRest rest, List<Check> list, PrintWriter out)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    if (!list.isEmpty()) {
      out.println(
          "checks   waiting for the proposals' statuses and the epochs (lapse: up to 50 s)");
      out.flush();
    }
    while (true) {
      boolean all = true;
      for (Check c : list) {
        c.refresh(rest);
        all &= c.ok;
      }
      if (all) {
        return true;
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(1000);
    }
  }

  private Step valid(
      String mission, String what, DemoCredential c, String type, ObjectNode body, Via via) {
    Signed s = sign(c, mission, type, body, null, true, null);
    return new Step(
        mission, what, c.label(), via.getAsBoolean(), s.der, "admitted", List.of(), false);
  }

  private static Step invalid(
      String mission,
      String what,
      DemoCredential c,
      byte[] der,
      BooleanSupplier via,
      List<String> reasons) {
    return new Step(mission, what, c.label(), via.getAsBoolean(), der, "rejected", reasons, false);
  }

  private Signed sign(
      DemoCredential c,
      String mission,
      String type,
      ObjectNode body,
      String label,
      boolean record,
      Consumer<ObjectNode> tamper) {
    return sign(c, mission, 0, type, body, label, record, tamper);
  }

  private Signed sign(
      DemoCredential c,
      String mission,
      long epoch,
      String type,
      ObjectNode body,
      String label,
      boolean record,
      Consumer<ObjectNode> tamper) {
    ObjectNode start = EventJson.event(mission, c.member(), epoch, type, body);
    if (label != null) {
      start.set("label", EventJson.parseValue(label, "label"));
    }
    ObjectNode e = EventJson.fill(start, c.spki(), chains, Clock.systemUTC()).event();
    if (tamper != null) {
      tamper.accept(e);
    }
    byte[] content = EventJson.bytes(e);
    byte[] der = CmsSigning.sign(content, c.key(), c.cert(), List.of(), CmsSigning.RsaScheme.PKCS1);
    String eventId = Pem.sha256Id(content);
    if (record) {
      chains.record(c.spki(), mission, e.get("seq").asLong(), eventId);
    }
    return new Signed(der, eventId);
  }

  private static Instant issued(Signed s) {
    return Instant.parse(
        EventJson.parse(CmsSigning.content(s.der), "event").get("issued").asText());
  }

  /**
   * Sleeps until the clock, in whole seconds (the precision of {@code issued} and of CRL times), is
   * past {@code t}.
   *
   * @return the first whole second after {@code t} that has now come
   */
  static Instant sleepPast(Instant t) {
    Instant target = t.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    try {
      long wait;
      while ((wait = Duration.between(Instant.now(), target).toMillis()) >= 0) {
        Thread.sleep(wait + 1);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted", e);
    }
    return target;
  }

  private static ObjectNode contribution(String title, List<ObjectNode> references) {
    ObjectNode c = obj();
    c.put("title", title);
    c.put("digest", Pem.sha256Id((title + ", demo data").getBytes(StandardCharsets.UTF_8)));
    c.putArray("references").addAll(references);
    return c;
  }

  private static ObjectNode reference(String mission, String eventId) {
    ObjectNode r = obj();
    r.put("mission", mission);
    r.put("event", eventId);
    return r;
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

  /**
   * Polls until every step is settled or the timeout passes; returns whether all settled. Every
   * round refreshes every step, not only the open ones: an outcome answered at once can still
   * change (an admitted event becomes {@code evidence} when its fork arrives, or {@code void} when
   * a CRL revokes its credential), and SPEC §1 has {@code GET} answer the outcome as it stands now.
   * Both changes are recorded with the input that causes them, so once every input is settled the
   * refreshed outcomes are final.
   */
  private boolean poll(QuorateRest rest, List<Step> steps, PrintWriter out)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    boolean listWorks = true;
    List<Step> tracked = steps.stream().filter(s -> !s.replay).toList();
    java.util.Set<String> missions = new java.util.TreeSet<>();
    tracked.forEach(s -> missions.add(s.mission));
    while (true) {
      Map<String, JsonNode> byInput = new HashMap<>();
      if (listWorks) {
        try {
          for (String m : missions) {
            for (JsonNode c : ContributionsCommand.fetch(rest, m, null, null)) {
              String id = c.path("inputId").asText();
              JsonNode prior = byInput.get(id);
              if (prior == null || "duplicate".equals(prior.path("outcome").asText())) {
                byInput.put(id, c);
              }
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
      boolean allSettled = true;
      for (Step s : tracked) {
        JsonNode c = byInput.get(s.inputId);
        if (c == null && (!listWorks || !s.settled())) {
          QuorateRest.Answer a = rest.get("/contributions/" + QuorateRest.encode(s.inputId));
          if (a.ok()) {
            c = EventJson.parseValue(a.body(), "the server's answer");
          }
        }
        if (c != null) {
          take(s, c);
        }
        allSettled &= s.settled();
      }
      if (allSettled) {
        return true;
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(1000);
    }
  }
}
