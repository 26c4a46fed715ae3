package org.quorate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code quorate demo}: the Quick start scenario. Generates the demo PKI and both geneses if absent
 * ({@link DemoPki}), loads the two missions (reusing them when the same genesis is loaded), sets
 * the portal users' clearances and installs POL's node credential, then runs the scenario: the
 * steps of {@code demo-scenario.json} (shipped in the jar; {@code --scenario FILE} runs another)
 * signed by {@link ScenarioRunner} and sent here, alternating REST and AMQP. The shipped scenario
 * has the founders' endorsements, a proposal adopted with a dissent, a proposal lapsing at its
 * deadline, a partial quorum provisionally adopted then ratified, an equivocation, a chain fork
 * (SPEC §2.9), an out-of-order burst, a revocation by CRL (SPEC §2.5), labels and cross-mission
 * references (SPEC §6), six invalid inputs and an exact replay, and a governance admission of JPN
 * that opens epoch 1 (SPEC §1, §3).
 *
 * <p>It then polls the missions' contributions until every input has a final outcome, makes the
 * scenario's checks (proposals' statuses, equivocators, epochs) and prints, for each step and each
 * check, expected against actual.
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

  @Option(
      names = "--scenario",
      paramLabel = "FILE",
      description =
          "Scenario to run instead of the shipped one (its format: the 'about' of"
              + " demo-scenario.json in the CLI jar).")
  Path scenarioFile;

  String missionName;
  String secondMissionName;
  ChainState chains;

  /** The steps sent, with their outcomes once {@link #call} returns. */
  List<DemoStep> steps = List.of();

  /** The checks made, with their actual values once {@link #call} returns. */
  List<DemoCheck> checks = List.of();

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

    JsonNode scenario =
        scenarioFile == null
            ? ScenarioRunner.load()
            : EventJson.parse(Pem.readSmallFile(scenarioFile), scenarioFile.toString());
    steps = new ArrayList<>();
    checks = new ArrayList<>();
    ScenarioRunner runner =
        new ScenarioRunner(
            scenario,
            dir,
            chains,
            Map.of("A", missionName, "B", secondMissionName),
            Map.of("A", genesisId, "B", secondGenesisId),
            amqp != null);
    AmqpSender sender = amqp == null ? null : new AmqpSender(amqp, amqpUser, amqpPassword, address);
    if (sender == null) {
      out.println("note     no --amqp given: every input goes by REST");
    }
    try {
      while (!runner.done()) {
        ScenarioRunner.Stretch stretch = runner.next();
        send(stretch.steps(), sender, anonymous, out);
        steps.addAll(stretch.steps());
        checks.addAll(stretch.checks());
        if (stretch.await() != null) {
          runner.resume(await(operator, stretch.await(), out));
        }
      }
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
    for (DemoStep s : steps) {
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
    for (DemoCheck c : checks) {
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
          "list     "
              + QuorateCli.invocation()
              + " contributions --url "
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

  private void send(
      List<DemoStep> steps, AmqpSender sender, QuorateRest anonymous, PrintWriter out) {
    for (DemoStep s : steps) {
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
                + "); make a new one with '"
                + QuorateCli.invocation()
                + " demo --dir NEW-DIR --mission NEW-NAME'"
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
              + "); make a new one with '"
              + QuorateCli.invocation()
              + " demo --dir NEW-DIR --mission NEW-NAME'");
    }
    if (DemoPki.secondGenesis(dir) == null) {
      throw new CliException(
          "the demo PKI in "
              + dir
              + " has no second-mission genesis (genesis-<MISSION>.json); make a new one with"
              + " '"
              + QuorateCli.invocation()
              + " demo --dir NEW-DIR --mission NEW-NAME'");
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
    ObjectNode body = JsonNodeFactory.instance.objectNode();
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

  /**
   * Waits (at most {@code --timeout}) until the node signed a {@code provisionally-adopted}
   * decision on the awaited proposal, then until the clock is past that decision's second: the
   * events that follow are issued after it (one issued in the same second would sort before or
   * after it by event id, SPEC §1, and a decision's {@code counted} must list exactly the
   * attestations issued at or before it).
   *
   * @return the epoch in force on the server afterwards
   */
  private long await(QuorateRest operator, ScenarioRunner.Await await, PrintWriter log)
      throws InterruptedException {
    if (!"provisional".equals(await.kind())) {
      throw new CliException("scenario: unknown await '" + await.kind() + "'");
    }
    long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    boolean provisional = false;
    Instant decided = Instant.now();
    while (!provisional && System.nanoTime() < deadline) {
      Optional<JsonNode> d = DemoCheck.detail(operator, await.mission(), await.proposal());
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
            ? "wait     the node signed a provisional decision on " + await.what()
            : "note     no provisional decision on " + await.what() + " seen; going on");
    ScenarioRunner.sleepPast(decided);
    return DemoCheck.epochs(operator, await.mission())
        .map(e -> e.path("current").asLong())
        .orElse(0L);
  }

  /** Refreshes the checks until all hold or the timeout passes; returns whether all hold. */
  private boolean check(QuorateRest rest, List<DemoCheck> list, PrintWriter out)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    if (!list.isEmpty()) {
      out.println(
          "checks   waiting for the proposals' statuses and the epochs (lapse: up to 50 s)");
      out.flush();
    }
    while (true) {
      boolean all = true;
      for (DemoCheck c : list) {
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

  /** Takes outcome, reason code and reason from a SPEC §1 answer, if it carries an outcome. */
  private static void take(DemoStep s, JsonNode answer) {
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
  private boolean poll(QuorateRest rest, List<DemoStep> steps, PrintWriter out)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    boolean listWorks = true;
    List<DemoStep> tracked = steps.stream().filter(s -> !s.replay).toList();
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
      for (DemoStep s : tracked) {
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
