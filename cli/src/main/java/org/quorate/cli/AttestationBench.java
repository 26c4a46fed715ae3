package org.quorate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code quorate load --attestations N}: N attestations on one proposal (issue 12: "1,000
 * attestations on one proposal"), end to end through a running node.
 *
 * <p>A fresh mission of its own (demo PKI in {@code --dir}, founders' endorsements, the first
 * member's node credential), one {@code operational} proposal (demo policy: 4 of the 5 approving
 * authorities, one legal advisor, f = 1), then N − 1 attestations that keep it open: thirteen of
 * the fifteen official credentials (every legal advisor and mission authority, and the approving
 * authorities of the first three members: 3 of the 4 needed) concur again and again, each
 * attestation superseding that credential's previous one, all signed beforehand and sent over REST
 * ({@code --threads}, each credential's chain in order on one thread). The last attestation, the
 * fourth member's approving authority concurring, completes the quorum, and the node signs the
 * decision, which counts all N.
 *
 * <p>It prints the end-to-end rate (attestations recorded per second from the first send to the
 * last answer: a REST answer comes once the input's group committed), the time from the answer to
 * the last attestation to the proposal being {@code final} (the node's decision admitted; polled
 * every {@value #POLL_MS} ms), and the time of the node's audit of that decision ({@code GET
 * …/audit}: gathering its bundle, verifying it and recounting; {@code --repeat} runs after a
 * warm-up; each request may take up to {@code --timeout}).
 */
final class AttestationBench extends RestBench {
  /** How often the proposal is polled for its decision, ms. */
  static final int POLL_MS = 50;

  /** Credentials that keep voting: 13 of the 15 (all but the 4th and 5th approving authority). */
  static final int VOTERS = 13;

  AttestationBench(LoadCommand options, PrintWriter out, Path dir) {
    super(options, out, dir);
  }

  /**
   * How many attestations each voting credential signs before the last one, so that they add up to
   * {@code total − 1}.
   *
   * @param total attestations on the proposal, at least {@code voters + 1} (every voter concurs at
   *     least once: the quorum needs them)
   * @param voters credentials that keep voting, at least 1
   * @return per credential, in order: the first ones take one more when it does not divide
   * @throws IllegalArgumentException when {@code total <= voters} or {@code voters < 1}
   */
  static int[] shares(int total, int voters) {
    if (voters < 1 || total <= voters) {
      throw new IllegalArgumentException(
          "needs at least "
              + (Math.max(voters, 1) + 1)
              + " attestations for "
              + voters
              + " voters, not "
              + total);
    }
    int[] out = new int[voters];
    for (int v = 0; v < voters; v++) {
      out[v] = (total - 1) / voters + (v < (total - 1) % voters ? 1 : 0);
    }
    return out;
  }

  @Override
  int run() throws InterruptedException {
    int total = options.attestations;
    String mission = AuditBench.createMission("ATTEST", dir, operator, anonymous, out);
    ChainState chainEnds = new ChainState(dir);
    List<AuditBench.Signer> voters = new ArrayList<>();
    AuditBench.Signer last = null;
    AuditBench.Signer proposer = null;
    for (int m = 0; m < DemoPki.MEMBERS.size(); m++) {
      for (String c : DemoPki.OFFICIAL_CREDENTIALS) {
        AuditBench.Signer s =
            new AuditBench.Signer(DemoCredential.load(dir, DemoPki.MEMBERS.get(m).id(), c), c);
        ChainState.Link end = chainEnds.last(s.credential.spki(), mission);
        if (end != null) {
          s.seq = end.seq();
          s.prev = end.eventId();
        }
        boolean aa = c.equals("approving-authority");
        if (aa && m == 0) {
          proposer = s;
        }
        if (aa && m == 3) {
          last = s;
        } else if (!aa || m < 3) {
          voters.add(s);
        }
      }
    }
    ObjectNode pb = JsonNodeFactory.instance.objectNode();
    pb.put("policy", "operational");
    pb.put("title", "attestation bench");
    pb.put("text", total + " attestations on one proposal.");
    pb.putNull("action");
    byte[] proposalDer = proposer.sign(mission, "proposal", pb);
    String proposal = proposer.prev;
    post(proposalDer);

    if (voters.size() != VOTERS) {
      throw new IllegalStateException(voters.size() + " voters, not " + VOTERS);
    }
    int[] shares = shares(total, voters.size());
    Instant signStart = Instant.now();
    List<List<byte[]>> chains = new ArrayList<>();
    for (int v = 0; v < voters.size(); v++) {
      List<byte[]> chain = new ArrayList<>();
      AuditBench.Signer s = voters.get(v);
      String previous = null;
      for (int i = 0; i < shares[v]; i++) {
        chain.add(s.sign(mission, "attestation", concur(proposal, s, previous)));
        previous = s.prev;
      }
      chains.add(chain);
    }
    byte[] closing = last.sign(mission, "attestation", concur(proposal, last, null));
    out.printf(
        Locale.ROOT,
        "signed   %d attestations on proposal %s in %.1f s%n",
        total,
        proposal,
        Duration.between(signStart, Instant.now()).toMillis() / 1000.0);
    out.flush();

    String path =
        "/missions/" + QuorateRest.encode(mission) + "/proposals/" + QuorateRest.encode(proposal);
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(2, options.threads));
    Instant sendStart = Instant.now();
    try {
      sendChains(chains, pool, body -> body.contains("\"admitted\""));
    } finally {
      pool.shutdownNow();
    }
    JsonNode open = AuditBench.parse(operator.get(path, "application/json").body());
    post(closing);
    Instant answered = Instant.now();
    double seconds = Duration.between(sendStart, answered).toMillis() / 1000.0;
    out.printf(
        Locale.ROOT,
        "recorded %d attestations in %.1f s from the first send: %.0f attestations/s end to end"
            + " (durable; %d threads; status before the last: %s)%n",
        total,
        seconds,
        total / seconds,
        options.threads,
        open.path("status").asText());
    out.flush();

    JsonNode p = awaitFinal(path, POLL_MS);
    Instant decided = Instant.now();
    out.printf(
        Locale.ROOT,
        "decision %s %s final %d ms after the last attestation was recorded%n",
        p.path("status").asText(),
        p.path("decision").asText(),
        Duration.between(answered, decided).toMillis());
    out.flush();

    AuditBench.AuditTimes t = AuditBench.timeAudit(operator, path, options.repeat, options.timeout);
    printAudit("of the decision", t);
    out.flush();
    // Chain ends, so that 'attest' and 'sign' with --dir continue them.
    ChainState state = new ChainState(dir);
    for (AuditBench.Signer s : voters) {
      state.record(s.credential.spki(), mission, s.seq, s.prev);
    }
    state.record(last.credential.spki(), mission, last.seq, last.prev);
    return t.passed() ? 0 : 1;
  }

  /**
   * A concur in the signer's role on the proposal, superseding the signer's previous attestation on
   * it (a revision: SPEC §3 "a later one that names it in supersedes replaces it"), if any.
   */
  private static ObjectNode concur(String proposal, AuditBench.Signer s, String previous) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("proposal", proposal);
    body.put("role", s.role);
    body.put("verdict", "concur");
    body.putNull("rationale");
    if (previous == null) {
      body.putNull("supersedes");
    } else {
      body.put("supersedes", previous);
    }
    return body;
  }

  private void post(byte[] der) {
    QuorateRest.Answer a = anonymous.post("/contributions", "application/pkcs7-mime", der);
    if (!a.ok() || !a.body().contains("\"admitted\"")) {
      throw new CliException("input not admitted: HTTP " + a.status() + " " + a.body());
    }
  }
}
