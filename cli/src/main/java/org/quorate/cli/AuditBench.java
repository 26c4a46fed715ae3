package org.quorate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code quorate load --audit}: the reconstruction of one decision in a large mission (issue 12: "a
 * mission with 1,000,000 events: heap stays flat; reconstruction of one decision under 100 ms").
 *
 * <p>It fills a mission of its own, in rounds, until it holds at least {@code --count} inputs: a
 * round is one {@code operational} proposal by an approving authority and attestations by the
 * fifteen official credentials (every member's approving authority, legal advisor and mission
 * authority, each in its role). Every {@value #DECIDED_EVERY}th round (round 0 among them) all
 * fifteen concur and the node (its credential installed) signs the decision: 17 events; the others
 * stay open, two approving authorities of the four needed having voted: 13 events (jstack of a fill
 * where every round was decided showed the ingest writer waiting for the mission's row lock that
 * the node's decision signing took). Rounds go in batches over REST ({@code --threads} at most per
 * phase, each chain in order on one thread): first the batch's proposals, then its attestations.
 * Then it times {@code GET …/proposals/{p}/audit} of the first round's proposal (the node verifies
 * the bundle it gathers and compares the database with it: the whole reconstruction) and {@code
 * …/bundle}, and samples the server's heap from the management interface's Prometheus scrape
 * ({@code --management}, WildFly's Micrometer {@code jvm_memory_used_bytes{area="heap"}}), after a
 * full collection ({@code jcmd PID GC.run}) when {@code --gc-pid} names the server's process.
 *
 * <p>Resumable: everything lives in {@code --dir} (the PKI, {@code audit-bench.json} with the
 * mission and the rounds recorded, the chain ends in {@code chains/}); a batch is written to {@code
 * pending-batch.bin} before it is sent and sent again on the next run when the last one stopped
 * inside it (the node recognises a copy of an input by its id and adds nothing, SPEC §2.8). Run it
 * again with the same {@code --dir} and a larger {@code --count} to grow the mission and measure at
 * each size.
 */
final class AuditBench extends RestBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern HEAP =
      Pattern.compile("^jvm_memory_used_bytes\\{area=\"heap\",[^}]*\\} ([0-9.Ee+-]+)$");

  /**
   * Events an open round adds: the proposal and 12 attestations (a decided round, every {@link
   * #DECIDED_EVERY}th, adds 17: 15 attestations and the node's decision).
   */
  static final int EVENTS_PER_ROUND = 13;

  /** Every so many rounds, one is decided (round 0 among them). */
  static final int DECIDED_EVERY = 10;

  AuditBench(LoadCommand options, PrintWriter out, Path dir) {
    super(options, out, dir);
  }

  /** One signing credential and its chain end. */
  static final class Signer {
    final DemoCredential credential;
    final String role;
    long seq;
    String prev;

    Signer(DemoCredential credential, String role) {
      this.credential = credential;
      this.role = role;
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
      return CmsSigning.sign(
          content, credential.key(), credential.cert(), List.of(), CmsSigning.RsaScheme.PKCS1);
    }
  }

  @Override
  int run() throws IOException, InterruptedException {
    Path stateFile = dir.resolve("audit-bench.json");
    ObjectNode state;
    if (Files.isRegularFile(stateFile)) {
      state = (ObjectNode) JSON.readTree(Files.readAllBytes(stateFile));
      out.println(
          "mission  "
              + state.path("mission").asText()
              + " resumed from "
              + stateFile
              + " ("
              + state.path("rounds").asLong()
              + " rounds recorded)");
    } else {
      state = create();
      write(stateFile, state);
    }
    String mission = state.path("mission").asText();

    List<Signer> aas = new ArrayList<>();
    List<Signer> all = new ArrayList<>();
    ChainState chains = new ChainState(dir);
    for (DemoPki.Member m : DemoPki.MEMBERS) {
      for (String c : DemoPki.OFFICIAL_CREDENTIALS) {
        Signer s = new Signer(DemoCredential.load(dir, m.id(), c), c);
        ChainState.Link last = chains.last(s.credential.spki(), mission);
        if (last != null) {
          s.seq = last.seq();
          s.prev = last.eventId();
        }
        all.add(s);
        if (c.equals("approving-authority")) {
          aas.add(s);
        }
      }
    }

    Path pending = dir.resolve("pending-batch.bin");
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(2, options.threads));
    try {
      if (Files.isRegularFile(pending)) {
        out.println("batch    resending the batch an earlier run left unfinished");
        JsonNode ends = state.path("pendingChains");
        for (Signer s : all) {
          JsonNode end = ends.path(s.credential.spki());
          if (end.isObject()) {
            s.seq = end.path("seq").asLong();
            s.prev = end.path("eventId").asText();
          }
        }
        sendBatch(readBatch(pending), pool);
        finishBatch(pending, stateFile, state, chains, all, mission);
      }
      long held = inputs(mission);
      Instant fillStart = Instant.now();
      long fillStartInputs = held;
      while (held < options.count) {
        long perRound = EVENTS_PER_ROUND + options.padding;
        long remaining = (options.count - held + perRound - 1) / perRound;
        int rounds = (int) Math.min(options.batch, remaining);
        long first = state.path("rounds").asLong();
        List<List<byte[]>> proposals = new ArrayList<>();
        List<List<byte[]>> attestations = new ArrayList<>();
        Map<Signer, List<byte[]>> byProposer = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
          long round = first + r;
          Signer proposer = aas.get((int) (round % aas.size()));
          ObjectNode body = JsonNodeFactory.instance.objectNode();
          body.put("policy", "operational");
          body.put("title", "audit bench round " + round);
          body.put("text", "Round " + round + " of the audit benchmark.");
          body.putNull("action");
          byte[] der = proposer.sign(mission, "proposal", body);
          ids.add(proposer.prev);
          byProposer.computeIfAbsent(proposer, k -> new ArrayList<>()).add(der);
        }
        proposals.addAll(byProposer.values());
        if (first == 0) {
          state.put("proposal", ids.get(0));
        }
        for (Signer s : all) {
          List<byte[]> mine = new ArrayList<>();
          for (int r = 0; r < rounds; r++) {
            String p = ids.get(r);
            long round = first + r;
            int proposer = (int) (round % aas.size());
            int member =
                aas.indexOf(
                    aas.stream()
                        .filter(a -> a.credential.member().equals(s.credential.member()))
                        .findFirst()
                        .orElseThrow());
            if (round % DECIDED_EVERY != 0
                && s.role.equals("approving-authority")
                && member != proposer
                && member != (proposer + 1) % aas.size()) {
              continue; // an open round: two approving authorities of the four needed
            }
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.put("proposal", p);
            body.put("role", s.role);
            body.put("verdict", "concur");
            body.putNull("rationale");
            body.putNull("supersedes");
            mine.add(s.sign(mission, "attestation", body));
          }
          // padding: contributions, which no audit of a proposal reads
          long share = (long) options.padding * rounds / all.size();
          for (long c = 0; c < share; c++) {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.put("title", "audit bench padding " + s.credential.label() + " " + s.seq);
            body.put(
                "digest",
                Pem.sha256Id(body.get("title").asText().getBytes(StandardCharsets.UTF_8)));
            body.set("references", JsonNodeFactory.instance.arrayNode());
            mine.add(s.sign(mission, "contribution", body));
          }
          attestations.add(mine);
        }
        List<List<List<byte[]>>> batch = List.of(proposals, attestations);
        writeBatch(pending, batch);
        state.put("pendingRounds", rounds);
        ObjectNode ends = state.putObject("pendingChains");
        for (Signer s : all) {
          if (s.prev != null) {
            ends.putObject(s.credential.spki()).put("seq", s.seq).put("eventId", s.prev);
          }
        }
        write(stateFile, state);
        sendBatch(batch, pool);
        finishBatch(pending, stateFile, state, chains, all, mission);
        held = inputs(mission);
        double seconds = Duration.between(fillStart, Instant.now()).toMillis() / 1000.0;
        out.printf(
            Locale.ROOT,
            "filled   %d inputs (%d rounds), %.0f inputs/s this run%n",
            held,
            state.path("rounds").asLong(),
            (held - fillStartInputs) / Math.max(seconds, 0.001));
        out.flush();
      }
    } finally {
      pool.shutdownNow();
    }
    return measure(mission, state.path("proposal").asText());
  }

  /** A fresh mission: demo PKI in the directory, genesis loaded, endorsed, node credential. */
  private ObjectNode create() {
    String mission = createMission("AUDIT", dir, operator, anonymous, out);
    ObjectNode state = JSON.createObjectNode();
    state.put("mission", mission);
    state.put("rounds", 0);
    return state;
  }

  /**
   * Makes a fresh benchmark mission: a demo PKI in {@code dir}, the genesis loaded, every founder's
   * endorsement admitted (their chain ends recorded in {@code dir/chains}), and the first member's
   * node credential installed so that the node signs decisions (SPEC §3).
   *
   * @param prefix the mission name's prefix (the name is PREFIX-epochseconds)
   * @param dir where the PKI goes
   * @param operator REST client with the operator's credentials
   * @param anonymous REST client without credentials (submissions)
   * @param out where progress is printed
   * @return the mission's name
   * @throws CliException when an endorsement is not admitted or the credential not installed
   */
  static String createMission(
      String prefix, Path dir, QuorateRest operator, QuorateRest anonymous, PrintWriter out) {
    String mission = prefix + "-" + Instant.now().getEpochSecond();
    new DemoPki().generate(dir, mission, mission + "-B", false);
    byte[] genesis = Pem.readSmallFile(dir.resolve("genesis.json"));
    MissionCommand.Loaded loaded = MissionCommand.load(operator, genesis);
    out.println("mission  " + mission + " loaded (HTTP " + loaded.status() + "), PKI in " + dir);
    ChainState chains = new ChainState(dir);
    for (DemoPki.Member m : DemoPki.MEMBERS) {
      Signer aa = new Signer(DemoCredential.load(dir, m.id(), "approving-authority"), null);
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      body.put("genesis", loaded.genesisId());
      byte[] der = aa.sign(mission, "genesis-endorsement", body);
      QuorateRest.Answer a = anonymous.post("/contributions", "application/pkcs7-mime", der);
      if (!a.ok() || !a.body().contains("\"admitted\"")) {
        throw new CliException("endorsement of " + m.id() + " not admitted: " + a.body());
      }
      chains.record(aa.credential.spki(), mission, aa.seq, aa.prev);
    }
    // The node signs decisions with the first member's node credential (SPEC §3).
    Path memberDir = dir.resolve(DemoPki.MEMBERS.get(0).id());
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
            "/missions/" + QuorateRest.encode(mission) + "/node-credential",
            "application/json",
            EventJson.bytes(body));
    if (!a.ok()) {
      throw new CliException("node credential not installed: HTTP " + a.status() + " " + a.body());
    }
    out.println("mission  active, node credential installed");
    return mission;
  }

  /** Sends each phase's chains in parallel (each chain in order), expecting {@code admitted}. */
  private void sendBatch(List<List<List<byte[]>>> batch, ExecutorService pool)
      throws InterruptedException {
    for (List<List<byte[]>> phase : batch) {
      sendChains(
          phase, pool, body -> body.contains("\"admitted\"") || body.contains("\"duplicate\""));
    }
  }

  private void finishBatch(
      Path pending,
      Path stateFile,
      ObjectNode state,
      ChainState chains,
      List<Signer> all,
      String mission)
      throws IOException {
    for (Signer s : all) {
      if (s.prev != null) {
        chains.record(s.credential.spki(), mission, s.seq, s.prev);
      }
    }
    state.put("rounds", state.path("rounds").asLong() + state.path("pendingRounds").asLong());
    state.remove("pendingRounds");
    state.remove("pendingChains");
    write(stateFile, state);
    Files.deleteIfExists(pending);
  }

  /** Times the audit of one decision and samples the heap. */
  private int measure(String mission, String proposal) throws InterruptedException {
    String path =
        "/missions/" + QuorateRest.encode(mission) + "/proposals/" + QuorateRest.encode(proposal);
    JsonNode p = awaitFinal(path, 500);
    long inputs = inputs(mission);
    out.println(
        "decision "
            + p.path("status").asText()
            + " "
            + p.path("decision").asText()
            + " on proposal "
            + proposal
            + " (round 0), mission "
            + mission
            + " holding "
            + inputs
            + " inputs");
    // After the fill: wait until the node has nothing left to do for the mission.
    Thread.sleep(2000);
    AuditTimes t = timeAudit(operator, path, options.repeat, options.timeout);
    printAudit("of one decision", t);
    heap();
    out.flush();
    return t.passed() ? 0 : 1;
  }

  /**
   * Times of the node's audit of one proposal.
   *
   * @param audit each timed {@code GET …/audit}, ms (the warm-up left out)
   * @param bundle each timed {@code GET …/bundle}, ms
   * @param events events in the reconstruction
   * @param passed whether every audit passed
   */
  record AuditTimes(List<Double> audit, List<Double> bundle, int events, boolean passed) {}

  /**
   * Times {@code GET PATH/audit} (the node gathers the proposal's bundle, verifies it and compares
   * the database with it: the whole reconstruction) and {@code GET PATH/bundle}, one warm-up and
   * {@code repeat} timed runs.
   *
   * @param operator REST client with the operator's credentials
   * @param path the proposal's REST path, {@code /missions/M/proposals/P}
   * @param repeat timed runs, at least 1
   * @param timeout how long one request may take
   * @return the times
   * @throws CliException when an answer is not 200 or does not come in time
   */
  static AuditTimes timeAudit(QuorateRest operator, String path, int repeat, Duration timeout) {
    List<Double> audit = new ArrayList<>();
    List<Double> bundle = new ArrayList<>();
    boolean passed = true;
    int events = 0;
    for (int i = 0; i <= repeat; i++) {
      long t0 = System.nanoTime();
      QuorateRest.Answer a = operator.get(path + "/audit", "application/json", timeout);
      double ms = (System.nanoTime() - t0) / 1e6;
      if (!a.ok()) {
        throw new CliException("audit: HTTP " + a.status() + " " + a.body());
      }
      JsonNode report = parse(a.body());
      passed &= report.path("passed").asBoolean();
      events = report.path("reconstruction").path("events").size();
      t0 = System.nanoTime();
      QuorateRest.Answer b = operator.get(path + "/bundle", "application/zip", timeout);
      double bms = (System.nanoTime() - t0) / 1e6;
      if (!b.ok()) {
        throw new CliException("bundle: HTTP " + b.status());
      }
      if (i > 0) { // the first is the warm-up
        audit.add(ms);
        bundle.add(bms);
      }
    }
    return new AuditTimes(audit, bundle, events, passed);
  }

  /** A full collection in the server ({@code jcmd PID GC.run}) when its pid is known. */
  private String gc() {
    if (options.gcPid == null) {
      return "not forced (no --gc-pid)";
    }
    try {
      Process j =
          new ProcessBuilder("jcmd", options.gcPid.toString(), "GC.run")
              .redirectErrorStream(true)
              .start();
      j.getInputStream().readAllBytes();
      return j.waitFor() == 0 ? "after jcmd GC.run" : "jcmd GC.run failed";
    } catch (IOException e) {
      return "jcmd failed: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  /** The server's heap from its management interface, after a full GC when the pid is known. */
  private void heap() {
    if (options.management == null) {
      return;
    }
    String gc = gc();
    String text;
    try {
      text = LoadMeasures.scrape(options.management);
    } catch (IOException e) {
      out.println("heap     cannot read " + options.management + "/prometheus: " + e.getMessage());
      return;
    }
    double used = 0;
    for (String line : text.split("\n", -1)) {
      Matcher m = HEAP.matcher(line);
      if (m.matches()) {
        used += Double.parseDouble(m.group(1));
      }
    }
    out.printf(Locale.ROOT, "heap     server heap used %.1f MiB (%s)%n", used / (1 << 20), gc);
  }

  /** The mission's inputs with a recorded outcome, from the server's durable counters. */
  private long inputs(String mission) {
    return LoadMeasures.outcomes(operator, mission).values().stream()
        .mapToLong(Long::longValue)
        .sum();
  }

  static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new CliException("not JSON: " + e.getMessage(), e);
    }
  }

  private static void write(Path file, ObjectNode state) throws IOException {
    Path tmp = Files.createTempFile(file.getParent(), "state", ".tmp");
    Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(state));
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void writeBatch(Path file, List<List<List<byte[]>>> batch) throws IOException {
    Path tmp = Files.createTempFile(file.getParent(), "batch", ".tmp");
    try (OutputStream o = Files.newOutputStream(tmp);
        DataOutputStream d = new DataOutputStream(new java.io.BufferedOutputStream(o))) {
      d.writeInt(batch.size());
      for (List<List<byte[]>> phase : batch) {
        d.writeInt(phase.size());
        for (List<byte[]> chain : phase) {
          d.writeInt(chain.size());
          for (byte[] der : chain) {
            d.writeInt(der.length);
            d.write(der);
          }
        }
      }
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static List<List<List<byte[]>>> readBatch(Path file) throws IOException {
    try (InputStream i = Files.newInputStream(file);
        DataInputStream d = new DataInputStream(new java.io.BufferedInputStream(i))) {
      List<List<List<byte[]>>> batch = new ArrayList<>();
      for (int p = d.readInt(); p > 0; p--) {
        List<List<byte[]>> phase = new ArrayList<>();
        for (int c = d.readInt(); c > 0; c--) {
          List<byte[]> chain = new ArrayList<>();
          for (int n = d.readInt(); n > 0; n--) {
            byte[] der = new byte[d.readInt()];
            d.readFully(der);
            chain.add(der);
          }
          phase.add(chain);
        }
        batch.add(phase);
      }
      return batch;
    }
  }
}
