package org.quorate.it.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quorate.it.support.Coalition;
import org.quorate.it.support.OpenSsl;

/**
 * Three sovereign nodes on one machine (SPEC §4): {@code fed-it-pol}, {@code fed-it-ltu}, {@code
 * fed-it-lva}, started with {@code deploy/bin/start --node NAME --offset N} (offsets from {@code
 * it.federation.offsets}, default 900, 1000, 1100; H2), each nation submitting to its own node, the
 * links being Artemis core bridges made by the nodes. No Arquillian container: the nodes are the
 * servers under test. One scenario, in order:
 *
 * <ol>
 *   <li>the genesis is loaded on the POL node only; POL and LTU link to each other; the LTU node
 *       receives the genesis over its bridge; POL and LTU endorse on their own nodes and submit;
 *   <li>the LVA node is linked late: it receives the genesis and every earlier input, links back,
 *       LVA endorses there (releasing what every node held while the mission was pending);
 *   <li>equal state digests on all three, no input lost (the expected event count) and none
 *       admitted twice;
 *   <li>the LVA node is cut (every link to and from it paused) while all three nations submit; the
 *       POL and LTU nodes agree with each other and not with LVA; the links are resumed and all
 *       three converge again with every input, none admitted twice.
 * </ol>
 */
class FederationIT {
  private static final Logger LOG = Logger.getLogger(FederationIT.class.getName());
  private static final JsonMapper JSON = new JsonMapper();
  private static final Duration CONVERGE = Duration.ofMinutes(4);

  /** Contributions per nation per phase. */
  private static final int PER_NATION = Integer.getInteger("it.federation.per-nation", 40);

  private static Node pol;
  private static Node ltu;
  private static Node lva;
  private static List<Node> nodes;

  @BeforeAll
  static void startNodes() throws Exception {
    Path root = Path.of(System.getProperty("user.dir")).getParent();
    String[] offsets = System.getProperty("it.federation.offsets", "900,1000,1100").split(",");
    pol = new Node(root, "fed-it-pol", Integer.parseInt(offsets[0].trim()), "POL");
    ltu = new Node(root, "fed-it-ltu", Integer.parseInt(offsets[1].trim()), "LTU");
    lva = new Node(root, "fed-it-lva", Integer.parseInt(offsets[2].trim()), "LVA");
    nodes = List.of(pol, ltu, lva);
    Files.createDirectories(root.resolve("it/target"));
    long t0 = System.nanoTime();
    List<Process> starting = new ArrayList<>();
    for (Node n : nodes) {
      starting.add(n.start());
    }
    for (int i = 0; i < nodes.size(); i++) {
      nodes.get(i).awaitStarted(starting.get(i));
    }
    LOG.info("three nodes started in " + (System.nanoTime() - t0) / 1_000_000_000 + " s");
  }

  @AfterAll
  static void stopNodes() throws Exception {
    if (nodes != null) {
      for (Node n : nodes) {
        n.stop();
      }
    }
  }

  /** A nation's signing credential and its chain position. */
  private static final class Signer {
    final String member;
    final Path cert;
    long seq;
    String prev;

    Signer(String member, Path cert) {
      this.member = member;
      this.cert = cert;
    }
  }

  @Test
  void threeNodesConvergeAcrossALateLinkAndACut() throws Exception {
    long t0 = System.nanoTime();
    OpenSsl openssl = new OpenSsl(Files.createTempDirectory("quorate-fed-it-"));
    String mission =
        "FED-IT-" + Long.toHexString(System.nanoTime()).toUpperCase(java.util.Locale.ROOT);
    Map<String, Signer> signers = new HashMap<>();
    ObjectNode g = JSON.createObjectNode();
    g.put("v", 1).put("type", "genesis").put("mission", mission).put("name", "Federation IT");
    ArrayNode members = g.putArray("members");
    for (String[] m :
        new String[][] {
          {"POL", "PL", "Poland"}, {"LTU", "LT", "Lithuania"}, {"LVA", "LV", "Latvia"}
        }) {
      Path ca =
          openssl.rootCa(m[0] + "-ca", "/C=" + m[1] + "/O=" + m[2] + "/CN=" + m[0] + " Root CA");
      Path cert =
          openssl.credential(
              m[0] + "-authority", "/C=" + m[1] + "/O=" + m[2] + "/CN=" + m[0] + " Authority", ca);
      ObjectNode member = members.addObject();
      member.put("id", m[0]).put("name", m[2]).put("weight", 1);
      member.putArray("trustAnchors").add(OpenSsl.pem(ca));
      ObjectNode grant = member.putArray("grants").addObject();
      grant.put("subject", "CN=" + m[0] + " Authority,O=" + m[2] + ",C=" + m[1]);
      grant.putArray("roles").add("approving-authority");
      signers.put(m[0], new Signer(m[0], cert));
    }
    g.putArray("policies");
    g.put("governancePolicy", "governance");
    byte[] genesis = JSON.writeValueAsBytes(g);
    String genesisId = Coalition.sha256Id(genesis);

    // 1. Genesis on POL only; POL <-> LTU linked; LTU receives the genesis over the bridge.
    HttpResponse<String> created = pol.postGenesis(genesis);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    pol.link(mission, ltu, false);
    awaitMission(ltu, mission);
    ltu.link(mission, pol, false);
    Set<String> expected = new HashSet<>();
    expected.add(submit(pol, signers.get("POL"), mission, "genesis-endorsement", genesisId, null));
    expected.add(submit(ltu, signers.get("LTU"), mission, "genesis-endorsement", genesisId, null));
    for (int i = 0; i < PER_NATION; i++) {
      expected.add(submit(pol, signers.get("POL"), mission, "contribution", null, "pol-" + i));
      expected.add(submit(ltu, signers.get("LTU"), mission, "contribution", null, "ltu-" + i));
    }
    LOG.info("phase 1 (POL and LTU linked) submitted after " + secondsSince(t0) + " s");

    // 2. LVA linked late: genesis and backfill, then LVA links back and endorses there.
    pol.link(mission, lva, false);
    ltu.link(mission, lva, false);
    awaitMission(lva, mission);
    lva.link(mission, pol, false);
    lva.link(mission, ltu, false);
    expected.add(submit(lva, signers.get("LVA"), mission, "genesis-endorsement", genesisId, null));
    awaitConverged(mission, nodes, expected.size());
    assertNothingTwice(mission);
    for (Node n : nodes) {
      for (JsonNode p : n.peers(mission)) {
        assertThat(p.path("password").isMissingNode()).as("password is write-only").isTrue();
        assertThat(p.path("genesisSent").asBoolean()).as(n + " " + p).isTrue();
      }
      // What a node already received from another peer still drains (its broker drops it).
      awaitLinksDrained(n, mission);
    }
    LOG.info("phase 2 (late link) converged after " + secondsSince(t0) + " s: " + expected.size());

    // 3. Cut LVA (every link to and from it paused) under load from all three nations.
    pol.pause(mission, lva, true);
    ltu.pause(mission, lva, true);
    lva.pause(mission, pol, true);
    lva.pause(mission, ltu, true);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<List<String>>> load = new ArrayList<>();
      for (Node n : nodes) {
        Signer s = signers.get(n.member);
        load.add(
            pool.submit(
                () -> {
                  List<String> ids = new ArrayList<>();
                  for (int i = 0; i < PER_NATION; i++) {
                    ids.add(submit(n, s, mission, "contribution", null, "cut-" + n.member + i));
                  }
                  return ids;
                }));
      }
      for (Future<List<String>> f : load) {
        expected.addAll(f.get());
      }
    } finally {
      pool.shutdown();
    }
    int lvaOwn = 3 + 2 * PER_NATION + PER_NATION;
    awaitConverged(mission, List.of(pol, ltu), expected.size() - PER_NATION);
    assertThat(lva.digest(mission).path("events").asInt()).isEqualTo(lvaOwn);
    assertThat(lva.digest(mission).path("digest").asText())
        .isNotEqualTo(pol.digest(mission).path("digest").asText());
    JsonNode cut = pol.peers(mission);
    for (JsonNode p : cut) {
      if (p.path("name").asText().equals(lva.name)) {
        assertThat(p.path("paused").asBoolean()).isTrue();
        assertThat(p.path("backlog").asLong()).as(p.toString()).isPositive();
      }
    }
    LOG.info("phase 3 (LVA cut) diverged as expected after " + secondsSince(t0) + " s");

    // 4. Heal: resume every link; all three converge on every input, none admitted twice.
    pol.pause(mission, lva, false);
    ltu.pause(mission, lva, false);
    lva.pause(mission, pol, false);
    lva.pause(mission, ltu, false);
    awaitConverged(mission, nodes, expected.size());
    assertNothingTwice(mission);
    for (Node n : nodes) {
      awaitLinksDrained(n, mission);
      HttpResponse<String> ready = n.get("health/ready");
      assertThat(ready.statusCode()).as(n + " " + ready.body()).isEqualTo(200);
    }
    LOG.info(
        "phase 4 (healed) converged after "
            + secondsSince(t0)
            + " s: "
            + expected.size()
            + " events on each node");
  }

  private static long secondsSince(long t0) {
    return (System.nanoTime() - t0) / 1_000_000_000;
  }

  /** Every link of the node connected, its backlog 0 and acknowledged up to what it queued. */
  private static void awaitLinksDrained(Node n, String mission) {
    await()
        .atMost(CONVERGE)
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              for (JsonNode p : n.peers(mission)) {
                assertThat(p.path("backlog").asLong()).as(n + " " + p).isZero();
                assertThat(p.path("connected").asBoolean()).as(n + " " + p).isTrue();
                assertThat(p.path("lastAcknowledgedIndex").asLong())
                    .as(n + " " + p)
                    .isEqualTo(p.path("enqueuedIndex").asLong());
              }
            });
  }

  private static void awaitMission(Node n, String mission) {
    await()
        .atMost(CONVERGE)
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () ->
                assertThat(n.get("missions/" + mission).statusCode())
                    .as(n + " holds the forwarded genesis of " + mission)
                    .isEqualTo(200));
  }

  /** Equal digests over the given nodes, each holding exactly {@code events} events. */
  private static void awaitConverged(String mission, List<Node> over, int events) {
    await()
        .atMost(CONVERGE)
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () -> {
              Set<String> digests = new HashSet<>();
              StringBuilder seen = new StringBuilder();
              for (Node n : over) {
                JsonNode d = n.digest(mission);
                assertThat(d).as(n + " knows " + mission).isNotNull();
                seen.append(n.name).append('=').append(d).append(' ');
                assertThat(d.path("events").asInt()).as(seen.toString()).isEqualTo(events);
                digests.add(d.path("digest").asText());
              }
              assertThat(digests).as(seen.toString()).hasSize(1);
            });
  }

  /** No event admitted twice on any node (echoes of a node's own inputs are {@code duplicate}). */
  private static void assertNothingTwice(String mission) throws Exception {
    for (Node n : nodes) {
      Map<String, Integer> admitted = new HashMap<>();
      for (JsonNode c : n.contributions(mission)) {
        if ("admitted".equals(c.path("outcome").asText())) {
          admitted.merge(c.path("eventId").asText(), 1, Integer::sum);
        }
      }
      assertThat(admitted.values()).as(n + " admits each event once").allMatch(v -> v == 1);
    }
  }

  /**
   * Signs an event of the signer's chain and submits it over REST to its own node.
   *
   * @return the event id
   */
  private static String submit(
      Node node, Signer s, String mission, String type, String genesisId, String title)
      throws Exception {
    byte[] content;
    synchronized (s) {
      ObjectNode e = JSON.createObjectNode();
      e.put("v", 1).put("mission", mission).put("member", s.member);
      e.put("signer", new OpenSsl(s.cert.getParent()).spkiHash(s.cert));
      e.put("epoch", 0).put("seq", ++s.seq);
      if (s.prev == null) {
        e.putNull("prev");
      } else {
        e.put("prev", s.prev);
      }
      e.put("type", type);
      e.put("issued", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
      ObjectNode body = e.putObject("body");
      if (genesisId != null) {
        body.put("genesis", genesisId);
      } else {
        body.put("title", title)
            .put("digest", Coalition.sha256Id(title.getBytes(StandardCharsets.UTF_8)));
        body.putArray("references");
      }
      content = JSON.writeValueAsBytes(e);
      s.prev = Coalition.sha256Id(content);
    }
    byte[] der = new OpenSsl(s.cert.getParent()).sign(content, s.cert);
    String outcome = node.submit(der);
    assertThat(outcome).as(node + " " + type + " " + title).isIn("admitted", "held");
    return Coalition.sha256Id(content);
  }
}
