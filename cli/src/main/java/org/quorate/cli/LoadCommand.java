package org.quorate.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code quorate load}: a load generator for the durable ingest path (SPEC §7 "generate load").
 *
 * <p>It makes a fresh mission with its own demo PKI (so it never disturbs another mission's
 * chains), loads its genesis, has every founder endorse it, then pre-signs {@code --count} {@code
 * contribution} events round-robin over the founders' official credentials (each credential its own
 * {@code seq}/{@code prev} chain), sends them over AMQP ({@code --amqp}, one connection per sender
 * thread, each credential's events in order on one connection) or REST, and polls {@code GET
 * …/api/metrics} until every input of the mission has a recorded outcome. It prints the send rate
 * and the end-to-end rate: inputs recorded (durably, in the database) per second from the first
 * send to the last record. Before sending it measures the verify-only bound: Bouncy Castle
 * verifying the same signatures on all available processors ({@link VerifyBound}); it prints
 * p50/p99 submit-to-recorded latency (REST: the POST, answered once its group committed; AMQP: from
 * the send to the time the node judged it in its group, read back from the mission's contributions,
 * the first {@value #LATENCY_ROWS} inputs) and, as its last line, {@code ratio R of the verify-only
 * bound (E/s end to end, B/s bound)}. Measure on an otherwise idle machine; the generator shares
 * the CPU when it runs beside the server.
 */
@Command(
    name = "load",
    mixinStandardHelpOptions = true,
    description = {
      "Generate load: a fresh mission, N signed contributions sent over AMQP or REST, and the"
          + " end-to-end rate until every input has a durable recorded outcome."
    })
final class LoadCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--url",
      defaultValue = "http://localhost:8080/quorate",
      description = "Quorate base URL (default: ${DEFAULT-VALUE}).")
  String url;

  @Option(
      names = "--amqp",
      paramLabel = "URL",
      description = "Send over AMQP 1.0, e.g. amqp://localhost:5673 (default: REST).")
  String amqp;

  @Option(
      names = "--count",
      defaultValue = "5000",
      description = "Contributions to send (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(
      names = "--threads",
      defaultValue = "4",
      description = "Sender threads / connections (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--timeout",
      defaultValue = "PT10M",
      description = "Give up waiting for the records after this ISO-8601 duration.")
  Duration timeout;

  @Option(
      names = "--dir",
      description =
          "Where to generate the load mission's PKI (default: a new temporary dir); each signer's"
              + " chain state is left in DIR/chains (propose, attest and sign with --dir DIR continue"
              + " it).")
  Path dir;

  @Option(names = "--user", defaultValue = "operator", description = "Operator user.")
  String user;

  @Option(
      names = "--password-env",
      defaultValue = "QUORATE_OPERATOR_PASSWORD",
      description = "Environment variable with the operator's password.")
  String passwordEnv;

  @Option(names = "--amqp-user", defaultValue = "submitter", description = "AMQP user.")
  String amqpUser;

  @Option(
      names = "--amqp-password-env",
      defaultValue = "QUORATE_SUBMITTER_PASSWORD",
      description = "Environment variable with the AMQP user's password.")
  String amqpPasswordEnv;

  @Option(
      names = "--address",
      defaultValue = AmqpSender.DEFAULT_ADDRESS,
      description = "AMQP queue address (default: ${DEFAULT-VALUE}).")
  String address;

  @Option(
      names = "--audit",
      description =
          "Audit benchmark (issue 12): fill a mission of decided proposals in --dir (resumable; run"
              + " again with the same --dir and a larger --count to grow it) until it holds at"
              + " least --count inputs, then time the audit of one decision and sample the"
              + " server's heap.")
  boolean audit;

  @Option(
      names = "--attestations",
      paramLabel = "N",
      description =
          "Attestation benchmark (issue 12): a fresh mission, N attestations on one proposal (the"
              + " last completes its quorum), then the end-to-end rate, the time to the node's"
              + " decision and the audit time of that decision (uses --threads, --repeat, --dir).")
  Integer attestations;

  @Option(
      names = "--batch",
      defaultValue = "200",
      description = "--audit: rounds (17 events each) per batch (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(
      names = "--padding",
      defaultValue = "0",
      description =
          "--audit: contributions per round besides the coordination events, spread over the 15"
              + " chains (default: ${DEFAULT-VALUE}).")
  int padding;

  @Option(
      names = "--repeat",
      defaultValue = "5",
      description =
          "--audit, --attestations: timed audits after one warm-up (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Option(
      names = "--management",
      paramLabel = "URL",
      description =
          "The server's management interface, e.g. http://localhost:9990: its /prometheus"
              + " scrape gives the heap (--audit) and the server's CPU per input (a plain run).")
  String management;

  @Option(
      names = "--gc-pid",
      paramLabel = "PID",
      description = "--audit: the server's process id: 'jcmd PID GC.run' before the heap sample.")
  Long gcPid;

  /** Rows the server answers for a mission's contributions (ContributionQueries.MAX_ROWS). */
  static final int LATENCY_ROWS = 5000;

  /** Submit times (ms since the epoch) of AMQP inputs, by input id. */
  private final Map<String, Long> submitted = new java.util.concurrent.ConcurrentHashMap<>();

  /** REST submit-to-answer latencies, ms. */
  private final List<Double> restLatencies =
      java.util.Collections.synchronizedList(new ArrayList<>());

  @Option(
      names = "--record",
      paramLabel = "DIR",
      description =
          "Write the mission's name (mission.txt), the input ids sent (inputs.txt) and the state"
              + " digest expected once all are admitted (expected-state-digest.txt) to DIR.")
  Path record;

  /** Event ids of everything signed, endorsements included. */
  private final List<String> eventIds = java.util.Collections.synchronizedList(new ArrayList<>());

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (count < 1 || threads < 1) {
      throw new CliException("--count and --threads must be at least 1");
    }
    PrintWriter out = spec.commandLine().getOut();
    if (attestations != null) {
      if (audit || attestations <= AttestationBench.VOTERS || repeat < 1) {
        throw new CliException(
            "--attestations needs at least "
                + (AttestationBench.VOTERS + 1)
                + " (every voter the quorum needs concurs once) and --repeat at least 1, and goes"
                + " without --audit");
      }
      Path benchDir = dir != null ? dir : Files.createTempDirectory("quorate-attestation-bench-");
      Files.createDirectories(benchDir);
      return new AttestationBench(this, out, benchDir).run();
    }
    if (audit) {
      if (batch < 1 || repeat < 1 || padding < 0) {
        throw new CliException("--batch and --repeat must be at least 1, --padding at least 0");
      }
      Path benchDir = dir != null ? dir : Files.createTempDirectory("quorate-audit-bench-");
      Files.createDirectories(benchDir);
      return new AuditBench(this, out, benchDir).run();
    }
    QuorateRest operator =
        new QuorateRest(url, user, QuorateCli.passwordFromEnv(passwordEnv, user));
    QuorateRest anonymous = new QuorateRest(url, null, null);
    String mission = "LOAD-" + Instant.now().getEpochSecond();
    Path pki = dir != null ? dir : Files.createTempDirectory("quorate-load-");
    new DemoPki().generate(pki, mission, mission + "-B", false);
    byte[] genesis = Pem.readSmallFile(pki.resolve("genesis.json"));
    MissionCommand.Loaded loaded = MissionCommand.load(operator, genesis);
    out.println("mission  " + mission + " loaded (HTTP " + loaded.status() + "), PKI in " + pki);

    List<DemoCredential> signers = new ArrayList<>();
    for (DemoPki.Member m : DemoPki.MEMBERS) {
      for (String c : DemoPki.OFFICIAL_CREDENTIALS) {
        signers.add(DemoCredential.load(pki, m.id(), c));
      }
    }
    // Founders endorse (one per member, the approving authority, seq 1 of its chain).
    Map<String, Chain> chains = new TreeMap<>();
    for (DemoPki.Member m : DemoPki.MEMBERS) {
      DemoCredential aa = DemoCredential.load(pki, m.id(), "approving-authority");
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      body.put("genesis", loaded.genesisId());
      byte[] der = chain(chains, aa).sign(mission, "genesis-endorsement", body);
      QuorateRest.Answer a = anonymous.post("/contributions", "application/pkcs7-mime", der);
      if (!a.ok() || !a.body().contains("\"admitted\"")) {
        throw new CliException("endorsement of " + m.id() + " not admitted: " + a.body());
      }
    }
    out.println("mission  active after " + DemoPki.MEMBERS.size() + " endorsements");

    // Pre-sign, one task per signer so that each chain is built in order.
    Instant signStart = Instant.now();
    List<List<byte[]>> perSigner = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(threads, 2));
    try {
      List<Future<List<byte[]>>> signed = new ArrayList<>();
      for (int s = 0; s < signers.size(); s++) {
        int share = count / signers.size() + (s < count % signers.size() ? 1 : 0);
        Chain chain = chain(chains, signers.get(s));
        signed.add(
            pool.submit(
                () -> {
                  List<byte[]> ders = new ArrayList<>(share);
                  for (int i = 0; i < share; i++) {
                    ObjectNode body = JsonNodeFactory.instance.objectNode();
                    body.put("title", "load " + chain.credential.label() + " #" + i);
                    body.put(
                        "digest",
                        Pem.sha256Id(
                            body.get("title")
                                .asText()
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                    body.set("references", JsonNodeFactory.instance.arrayNode());
                    ders.add(chain.sign(mission, "contribution", body));
                  }
                  return ders;
                }));
      }
      for (Future<List<byte[]>> f : signed) {
        perSigner.add(f.get());
      }
      Duration signing = Duration.between(signStart, Instant.now());
      out.printf(
          Locale.ROOT,
          "signed   %d contributions by %d credentials in %.1f s%n",
          count,
          signers.size(),
          signing.toMillis() / 1000.0);
      List<byte[]> all = new ArrayList<>(count);
      perSigner.forEach(all::addAll);
      VerifyBound.Rate bound = VerifyBound.measure(all);
      out.printf(
          Locale.ROOT,
          "bound    %.0f verifies/s: Bouncy Castle %s, signature only, %d processors, %d verified"
              + " with %d public keys decoded once each (load average %s)%n",
          bound.perSecond(),
          bound.algorithm(),
          bound.processors(),
          bound.verified(),
          bound.keys(),
          LoadMeasures.loadAverage());
      out.flush();

      // Send: signer s goes on sender thread s % threads, in chain order.
      OptionalDouble[] serverCpu = {LoadMeasures.serverCpuSeconds(management), null};
      double generatorCpu = LoadMeasures.generatorCpuSeconds();
      Instant sendStart = Instant.now();
      List<Future<Integer>> sent = new ArrayList<>();
      int total = 0;
      try (RestSubmitter rest =
          new RestSubmitter(anonymous.api(), threads, QuorateRest.TIMEOUT.toSeconds())) {
        for (int t = 0; t < threads; t++) {
          List<List<byte[]>> mine = new ArrayList<>();
          for (int s = t; s < perSigner.size(); s += threads) {
            mine.add(perSigner.get(s));
          }
          sent.add(pool.submit(() -> send(mine, rest)));
        }
        for (Future<Integer> f : sent) {
          total += f.get();
        }
      }
      Instant sendEnd = Instant.now();
      double sendSeconds = Duration.between(sendStart, sendEnd).toMillis() / 1000.0;
      out.printf(
          Locale.ROOT,
          "sent     %d over %s with %d threads in %.1f s (%.0f/s)%n",
          total,
          amqp != null ? "AMQP" : "REST",
          threads,
          sendSeconds,
          total / sendSeconds);
      out.flush();
      if (record != null) {
        record(mission, all);
      }
      // Each chain's end, so that 'propose', 'attest' and 'sign' with --dir PKI continue it.
      ChainState state = new ChainState(pki);
      for (Chain c : chains.values()) {
        state.record(c.credential.spki(), mission, c.seq, c.prev);
      }

      // Wait for every input of the mission to have a recorded outcome (the server may be
      // restarted meanwhile: polling goes on until the deadline).
      int expected = count + DemoPki.MEMBERS.size();
      Instant deadline = Instant.now().plus(timeout);
      Map<String, Long> outcomes = Map.of();
      while (Instant.now().isBefore(deadline)) {
        try {
          outcomes = LoadMeasures.outcomes(operator, mission);
        } catch (CliException unreachable) {
          Thread.sleep(500);
          continue;
        }
        long recorded = outcomes.values().stream().mapToLong(Long::longValue).sum();
        if (recorded >= expected && outcomes.getOrDefault("held", 0L) == 0) {
          break;
        }
        Thread.sleep(200);
      }
      Instant done = Instant.now();
      serverCpu[1] = LoadMeasures.serverCpuSeconds(management);
      double generatorCpuAfter = LoadMeasures.generatorCpuSeconds();
      double e2e = Duration.between(sendStart, done).toMillis() / 1000.0;
      long recorded = outcomes.values().stream().mapToLong(Long::longValue).sum();
      out.printf(
          Locale.ROOT,
          "recorded %d of %d inputs %s in %.1f s from the first send: %.0f inputs/s end to end"
              + " (durable)%n",
          recorded,
          expected,
          outcomes,
          e2e,
          recorded / e2e);
      List<Double> latencies = amqp != null ? amqpLatencies(operator, mission) : restLatencies;
      out.printf(
          Locale.ROOT,
          "latency  submit to recorded over %s: p50 %.0f ms, p99 %.0f ms (%d inputs)%n",
          amqp != null ? "AMQP" : "REST",
          LoadMeasures.percentile(latencies, 50),
          LoadMeasures.percentile(latencies, 99),
          latencies.size());
      out.println(
          LoadMeasures.cpuPerInput(
              Math.max(1, recorded - DemoPki.MEMBERS.size()),
              serverCpu,
              generatorCpu,
              generatorCpuAfter));
      double rate = recorded / e2e;
      out.printf(
          Locale.ROOT,
          "ratio %.3f of the verify-only bound (%.0f/s end to end, %.0f/s bound)%n",
          rate / bound.perSecond(),
          rate,
          bound.perSecond());
      out.flush();
      return recorded >= expected && outcomes.getOrDefault("admitted", 0L) == expected ? 0 : 1;
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      throw c instanceof CliException ce ? ce : new CliException("load failed: " + c, c);
    } finally {
      pool.shutdownNow();
    }
  }

  private int send(List<List<byte[]>> chainsToSend, RestSubmitter rest) {
    int n = 0;
    if (amqp != null) {
      String password = QuorateCli.passwordFromEnv(amqpPasswordEnv, amqpUser);
      try (AmqpSender sender = new AmqpSender(amqp, amqpUser, password, address)) {
        for (List<byte[]> ders : chainsToSend) {
          for (byte[] der : ders) {
            submitted.put(Pem.sha256Id(der), System.currentTimeMillis());
            sender.sendPipelined(der);
            n++;
          }
        }
        sender.awaitAccepted(timeout.toSeconds());
      }
    } else {
      for (List<byte[]> ders : chainsToSend) {
        for (byte[] der : ders) {
          long start = System.nanoTime();
          QuorateRest.Answer a = rest.submit(der);
          restLatencies.add((System.nanoTime() - start) / 1e6);
          if (!a.ok()) {
            throw new CliException("HTTP " + a.status() + " " + a.body());
          }
          n++;
        }
      }
    }
    return n;
  }

  /** Writes what a crash test compares the node's state with. */
  private void record(String mission, List<byte[]> sent) throws IOException {
    Files.createDirectories(record);
    Files.writeString(record.resolve("mission.txt"), mission + "\n");
    StringBuilder inputs = new StringBuilder();
    for (byte[] der : sent) {
      inputs.append(Pem.sha256Id(der)).append('\n');
    }
    Files.writeString(record.resolve("inputs.txt"), inputs);
    List<byte[]> ids = new ArrayList<>();
    synchronized (eventIds) {
      for (String id : eventIds) {
        ids.add(java.util.HexFormat.of().parseHex(id.substring("sha256:".length())));
      }
    }
    Files.writeString(
        record.resolve("expected-state-digest.txt"),
        java.util.HexFormat.of().formatHex(org.quorate.core.log.StateDigest.of(ids)) + "\n");
  }

  /**
   * AMQP latencies: from each input's send to the time the node decided its outcome, for the inputs
   * the server lists for the mission (the first {@value #LATENCY_ROWS}).
   */
  private List<Double> amqpLatencies(QuorateRest operator, String mission) {
    QuorateRest.Answer a =
        operator.get(
            "/missions/"
                + java.net.URLEncoder.encode(mission, java.nio.charset.StandardCharsets.UTF_8)
                + "/contributions",
            "application/json");
    List<Double> out = new ArrayList<>();
    if (!a.ok()) {
      return out;
    }
    try {
      for (com.fasterxml.jackson.databind.JsonNode v :
          new com.fasterxml.jackson.databind.ObjectMapper().readTree(a.body())) {
        Long sent = submitted.get(v.path("inputId").asText());
        com.fasterxml.jackson.databind.JsonNode at = v.path("decidedAt");
        if (sent == null || at.isMissingNode() || at.isNull()) {
          continue;
        }
        long decided =
            at.isNumber()
                ? (long) (at.asDouble() * 1000)
                : Instant.parse(at.asText()).toEpochMilli();
        out.add((double) (decided - sent));
      }
    } catch (IOException | RuntimeException e) {
      throw new CliException("cannot read the mission's contributions: " + e.getMessage(), e);
    }
    return out;
  }

  private Chain chain(Map<String, Chain> chains, DemoCredential c) {
    return chains.computeIfAbsent(c.spki(), k -> new Chain(c));
  }

  /** One credential's chain: seq from 1, prev the event id of seq − 1 (SPEC §1). */
  private final class Chain {
    final DemoCredential credential;
    final List<String> ids = eventIds;
    long seq;
    String prev;

    Chain(DemoCredential credential) {
      this.credential = credential;
    }

    byte[] sign(String mission, String type, ObjectNode body) {
      ObjectNode e = EventJson.event(mission, credential.member(), 0, type, body);
      e.put("signer", credential.spki());
      e.put("seq", ++seq);
      if (prev == null) {
        e.putNull("prev");
      } else {
        e.put("prev", prev);
      }
      e.put("issued", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
      byte[] content = EventJson.bytes(EventJson.ordered(e));
      prev = Pem.sha256Id(content);
      ids.add(prev);
      return CmsSigning.sign(
          content, credential.key(), credential.cert(), List.of(), CmsSigning.RsaScheme.PKCS1);
    }
  }
}
