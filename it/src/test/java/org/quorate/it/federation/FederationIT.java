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
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quorate.it.support.Coalition;
import org.quorate.it.support.OpenSsl;

/**
 * Three sovereign nodes on one machine (SPEC §4): {@code fed-it-pol}, {@code fed-it-ltu}, {@code
 * fed-it-lva}, started with {@code deploy/bin/start --node NAME --offset N} (offsets from {@code
 * it.federation.offsets}, default 900, 1000, 1100; H2), each nation submitting to its own node,
 * each node holding its own node credential, the links being Artemis core bridges made by the
 * nodes. No Arquillian container: the nodes are the servers under test. One scenario, in order,
 * sharing the three nodes:
 *
 * <ol>
 *   <li>the genesis is loaded on the POL node only; POL and LTU link to each other; the LTU node
 *       receives the genesis over its bridge; the founders endorse, POL proposes, and POL and LTU
 *       submit {@code it.federation.early} (default 500) contributions each: more than 1,000
 *       events;
 *   <li>the LVA node is linked late: it receives the genesis and every earlier event (backfill) and
 *       converges; every link shows the peer's state digest equal to its own, in REST and metrics;
 *       a second mission whose roster lacks LVA, linked to the LVA node, never reaches it;
 *   <li>the LVA node is cut under load (with nftables rules on its loopback broker port when root
 *       can use them, its own links paused; else every link paused): LVA dissents on the proposal,
 *       POL and LTU concur, so the POL side decides {@code adopted} without LVA's dissent; all
 *       three nations keep submitting; then the backlogs queued for LVA are purged through the
 *       broker's management (forwarding has missed them: only reconciliation can repair that);
 *   <li>heal: all three converge on one state digest holding every input once, nothing held, the
 *       decision invalidated by LVA's earlier dissent re-decided on every node (same status, a
 *       valid final certificate counting the dissent), reconciliation having sent what LVA lacked;
 *   <li>the POL node queues {@code it.federation.kill-batch} (default 100) inputs for its paused
 *       peers, its links are resumed and it is killed with SIGKILL while they drain; restarted with
 *       {@code deploy/bin/start --node}, all three converge with nothing lost or admitted twice.
 * </ol>
 */
class FederationIT {
  private static final Logger LOG = Logger.getLogger(FederationIT.class.getName());
  private static final JsonMapper JSON = new JsonMapper();
  private static final Duration CONVERGE = Duration.ofMinutes(4);
  private static final Set<String> AUTHENTIC = Set.of("admitted", "evidence", "void");

  /** Contributions per nation in the cut. */
  private static final int PER_NATION = Integer.getInteger("it.federation.per-nation", 40);

  /** Contributions per nation (POL, LTU) before LVA is linked. */
  private static final int EARLY = Integer.getInteger("it.federation.early", 500);

  private static Node pol;
  private static Node ltu;
  private static Node lva;
  private static List<Node> nodes;

  @BeforeAll
  static void startNodes() throws Exception {
    NftCut.heal();
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
    NftCut.heal();
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
    final String spki;
    long seq;
    String prev;

    Signer(String member, Path cert, String spki) {
      this.member = member;
      this.cert = cert;
      this.spki = spki;
    }
  }

  @Test
  void threeNodesConvergeAcrossALateLinkAndACut() throws Exception {
    long t0 = System.nanoTime();
    OpenSsl openssl = new OpenSsl(Files.createTempDirectory("quorate-fed-it-"));
    String mission =
        "FED-IT-" + Long.toHexString(System.nanoTime()).toUpperCase(java.util.Locale.ROOT);
    Map<String, Signer> signers = new HashMap<>();
    Map<String, Path> nodeCerts = new HashMap<>();
    Map<String, Path> anchors = new HashMap<>();
    ObjectNode g = JSON.createObjectNode();
    g.put("v", 1).put("type", "genesis").put("mission", mission).put("name", "Federation IT");
    ArrayNode members = g.putArray("members");
    for (String[] m :
        new String[][] {
          {"POL", "PL", "Poland"}, {"LTU", "LT", "Lithuania"}, {"LVA", "LV", "Latvia"}
        }) {
      Path ca =
          openssl.rootCa(m[0] + "-ca", "/C=" + m[1] + "/O=" + m[2] + "/CN=" + m[0] + " Root CA");
      anchors.put(m[0], ca);
      Path cert =
          openssl.credential(
              m[0] + "-authority", "/C=" + m[1] + "/O=" + m[2] + "/CN=" + m[0] + " Authority", ca);
      Path node =
          openssl.credential(
              m[0] + "-node", "/C=" + m[1] + "/O=" + m[2] + "/CN=" + m[0] + " Quorate Node", ca);
      nodeCerts.put(m[0], node);
      ObjectNode member = members.addObject();
      member.put("id", m[0]).put("name", m[2]).put("weight", 1);
      member.putArray("trustAnchors").add(OpenSsl.pem(ca));
      ArrayNode grants = member.putArray("grants");
      ObjectNode grant = grants.addObject();
      grant.put("subject", "CN=" + m[0] + " Authority,O=" + m[2] + ",C=" + m[1]);
      grant.putArray("roles").add("approving-authority");
      ObjectNode nodeGrant = grants.addObject();
      nodeGrant.put("spki", openssl.spkiHash(node));
      nodeGrant.putArray("roles").add("node");
      signers.put(m[0], new Signer(m[0], cert, openssl.spkiHash(cert)));
    }
    ObjectNode policy = g.putArray("policies").addObject();
    policy.put("name", "operational").put("version", 1).put("votingRole", "approving-authority");
    policy.putObject("threshold").put("fraction", "2/3").put("of", "members");
    policy.put("deadline", "PT24H");
    g.put("governancePolicy", "governance");
    byte[] genesis = JSON.writeValueAsBytes(g);
    String genesisId = Coalition.sha256Id(genesis);
    Signer sPol = signers.get("POL");
    Signer sLtu = signers.get("LTU");
    Signer sLva = signers.get("LVA");

    // 1. Genesis on POL only; POL <-> LTU linked; LTU receives the genesis over the bridge.
    HttpResponse<String> created = pol.postGenesis(genesis);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    pol.installNodeCredential(mission, nodeCerts.get("POL"));
    pol.link(mission, ltu, false);
    awaitMission(ltu, mission);
    ltu.installNodeCredential(mission, nodeCerts.get("LTU"));
    ltu.link(mission, pol, false);
    Set<String> expected = new HashSet<>();
    expected.add(submit(pol, sPol, mission, "genesis-endorsement", endorse(genesisId)));
    expected.add(submit(ltu, sLtu, mission, "genesis-endorsement", endorse(genesisId)));
    // LVA's authority endorses on the POL node (the signature authenticates, wherever it arrives).
    expected.add(submit(pol, sLva, mission, "genesis-endorsement", endorse(genesisId)));
    String proposal =
        submit(
            pol,
            sPol,
            mission,
            "proposal",
            b ->
                b.put("policy", "operational")
                    .put("title", "Open the northern corridor")
                    .put("text", "Decided across a cut.")
                    .putNull("action"));
    expected.add(proposal);
    expected.addAll(load(mission, Map.of(pol, sPol, ltu, sLtu), EARLY, "early-"));
    awaitConverged(mission, List.of(pol, ltu), expected);
    LOG.info("phase 1: " + expected.size() + " events on POL and LTU after " + since(t0) + " s");

    // 2. LVA linked late: genesis and backfill of everything, then LVA links back.
    pol.link(mission, lva, false);
    ltu.link(mission, lva, false);
    awaitMission(lva, mission);
    lva.installNodeCredential(mission, nodeCerts.get("LVA"));
    lva.link(mission, pol, false);
    lva.link(mission, ltu, false);
    awaitConverged(mission, nodes, expected);
    assertNothingTwice(mission);
    for (Node n : nodes) {
      for (JsonNode p : n.peers(mission)) {
        assertThat(p.path("password").isMissingNode()).as("password is write-only").isTrue();
        assertThat(p.path("genesisSent").asBoolean()).as(n + " " + p).isTrue();
      }
      awaitLinksDrained(n, mission);
    }
    awaitDigestsEqualInPeerStatus(mission, expected.size());
    assertThat(pol.metrics())
        .contains(
            "quorate_peer_digest_equal{mission=\"" + mission + "\",peer=\"" + lva.name + "\"} 1");
    Set<String> lvaView = new HashSet<>();
    for (Node n : nodes) {
      lvaView.add(n.digestFor(mission, "LVA", "POL").path("digest").asText());
    }
    assertThat(lvaView).as("state-digest?member= equal on every node").hasSize(1);
    LOG.info(
        "phase 2 (late link) converged after "
            + since(t0)
            + " s: "
            + expected.size()
            + " events; reconciliation sent "
            + reconciled(mission)
            + " (nothing was missing)");
    neverReachesANodeOutsideItsRoster(openssl, anchors);

    // 3. Cut LVA under load; each side admits its own inputs, the POL side decides the proposal.
    boolean nft = NftCut.available();
    LOG.info("phase 3: cutting LVA " + (nft ? "with nftables and pausing its links" : "by pauses"));
    String dissent;
    try {
      if (nft) {
        NftCut.cut(lva.amqpPort());
      } else {
        pol.pause(mission, lva, true);
        ltu.pause(mission, lva, true);
      }
      lva.pause(mission, pol, true);
      lva.pause(mission, ltu, true);
      // LVA's dissent is issued first: the decisions the POL side takes without it are invalid.
      dissent = submit(lva, sLva, mission, "attestation", vote(proposal, "dissent", "Too early."));
      expected.add(dissent);
      expected.add(submit(pol, sPol, mission, "attestation", vote(proposal, "concur", null)));
      expected.add(submit(ltu, sLtu, mission, "attestation", vote(proposal, "concur", null)));
      await()
          .atMost(CONVERGE)
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(
              () -> {
                JsonNode q = pol.proposal(mission, proposal);
                assertThat(q.path("status").asText()).as(q.toString()).isEqualTo("adopted");
                assertThat(q.path("final").asBoolean()).as(q.toString()).isTrue();
              });
      Map<Node, Signer> all = Map.of(pol, sPol, ltu, sLtu, lva, sLva);
      expected.addAll(load(mission, all, PER_NATION, "cut-"));
      Set<String> polSide = subtract(expected, lvaCutOwn);
      polSide.remove(dissent);
      awaitConverged(mission, List.of(pol, ltu), polSide);
      assertThat(lva.digest(mission).path("digest").asText())
          .isNotEqualTo(pol.digest(mission).path("digest").asText());
      assertThat(lva.proposal(mission, proposal).path("status").asText()).isEqualTo("open");
      for (JsonNode p : pol.peers(mission)) {
        if (p.path("name").asText().equals(lva.name)) {
          assertThat(p.path("backlog").asLong()).as(p.toString()).isPositive();
        }
      }
      // Forwarding misses what was queued for LVA: an operator holds the links (the bridges give
      // back what they were delivering) and purges their backlogs.
      pol.pause(mission, lva, true);
      ltu.pause(mission, lva, true);
      for (Node n : List.of(pol, ltu)) {
        await()
            .atMost(CONVERGE)
            .pollInterval(Duration.ofSeconds(1))
            .untilAsserted(
                () -> {
                  n.purgePeerQueue(mission, lva);
                  for (JsonNode p : n.peers(mission)) {
                    if (p.path("name").asText().equals(lva.name)) {
                      assertThat(p.path("backlog").asLong()).as(n + " " + p).isZero();
                    }
                  }
                });
      }
      reconciledBeforeHeal = reconciled(mission);
      LOG.info("phase 3 (LVA cut, its backlogs purged) after " + since(t0) + " s");
    } finally {
      NftCut.heal();
    }

    // 4. Heal: resume every link; all three converge, the decision is re-decided everywhere.
    pol.pause(mission, lva, false);
    ltu.pause(mission, lva, false);
    lva.pause(mission, pol, false);
    lva.pause(mission, ltu, false);
    awaitConverged(mission, nodes, expected);
    assertNothingTwice(mission);
    await()
        .atMost(CONVERGE)
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () -> {
              Set<String> statuses = new HashSet<>();
              for (Node n : nodes) {
                JsonNode q = n.proposal(mission, proposal);
                assertThat(q.path("status").asText()).as(n + " " + q).isEqualTo("adopted");
                assertThat(q.path("final").asBoolean()).as(n + " " + q).isTrue();
                List<String> valid = texts(q.path("validFinalDecisions"));
                assertThat(valid).as(n + " " + q).contains(q.path("decision").asText());
                assertThat(texts(q.path("counted")))
                    .as(n + " counts LVA's dissent")
                    .contains(dissent);
                assertThat(q.path("invalidDecisions").size())
                    .as(n + ": the decision taken without LVA's dissent is invalid")
                    .isPositive();
                statuses.add(q.path("status").asText() + " " + new java.util.TreeSet<>(valid));
              }
              assertThat(statuses).as("one status and the same valid certificates").hasSize(1);
            });
    awaitConverged(mission, nodes, expected);
    for (Node n : nodes) {
      awaitLinksDrained(n, mission);
      HttpResponse<String> ready = n.get("health/ready");
      assertThat(ready.statusCode()).as(n + " " + ready.body()).isEqualTo(200);
      assertThat(n.contributions(mission))
          .as(n + ": every held event released")
          .noneMatch(c -> "held".equals(c.path("outcome").asText()));
    }
    assertThat(reconciled(mission))
        .as("reconciliation sent what LVA lacked after healing")
        .isGreaterThan(reconciledBeforeHeal);
    awaitDigestsEqualInPeerStatus(mission, -1);
    LOG.info(
        "phase 4 (healed) converged after " + since(t0) + " s: " + expected.size() + " inputs");

    // 5. kill -9 of the POL node while its backlog drains: after restart nothing lost or doubled.
    pol.pause(mission, ltu, true);
    pol.pause(mission, lva, true);
    List<String> queued = load(mission, Map.of(pol, sPol), KILL_BATCH, "kill-");
    expected.addAll(queued);
    await()
        .atMost(CONVERGE)
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              for (JsonNode p : pol.peers(mission)) {
                if (p.path("name").asText().equals(lva.name)
                    || p.path("name").asText().equals(ltu.name)) {
                  assertThat(p.path("backlog").asLong()).as(p.toString()).isEqualTo(KILL_BATCH);
                }
              }
            });
    pol.pause(mission, ltu, false);
    pol.pause(mission, lva, false);
    Thread.sleep(300);
    pol.kill9();
    LOG.info("phase 5: POL killed with SIGKILL while draining, after " + since(t0) + " s");
    pol.awaitStarted(pol.restart());
    awaitConverged(mission, nodes, expected);
    assertNothingTwice(mission);
    for (Node n : nodes) {
      awaitLinksDrained(n, mission);
    }
    LOG.info("phase 5 (kill -9, restart) converged after " + since(t0) + " s");
  }

  /** Contributions POL queues for its paused peers before it is killed. */
  private static final int KILL_BATCH = Integer.getInteger("it.federation.kill-batch", 100);

  /** Inputs sent by reconciliation over every link, as the nodes count them. */
  private static long reconciled(String mission) throws Exception {
    long sum = 0;
    for (Node n : nodes) {
      for (JsonNode p : n.peers(mission)) {
        sum += p.path("reconciled").asLong();
      }
    }
    return sum;
  }

  private long reconciledBeforeHeal;

  /** LVA's own submissions of the cut: the POL side cannot hold them before healing. */
  private final Set<String> lvaCutOwn = new HashSet<>();

  private static Set<String> subtract(Set<String> a, Set<String> b) {
    Set<String> out = new HashSet<>(a);
    out.removeAll(b);
    return out;
  }

  /** Submits {@code count} contributions per node in parallel, each nation to its own node. */
  private List<String> load(String mission, Map<Node, Signer> who, int count, String prefix)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(who.size());
    try {
      Map<Node, Future<List<String>>> load = new HashMap<>();
      for (Map.Entry<Node, Signer> e : who.entrySet()) {
        Node n = e.getKey();
        Signer s = e.getValue();
        load.put(
            n,
            pool.submit(
                () -> {
                  List<String> ids = new ArrayList<>();
                  for (int i = 0; i < count; i++) {
                    String title = prefix + n.member + i;
                    ids.add(submit(n, s, mission, "contribution", contribution(title)));
                  }
                  return ids;
                }));
      }
      List<String> all = new ArrayList<>();
      for (Map.Entry<Node, Future<List<String>>> f : load.entrySet()) {
        List<String> ids = f.getValue().get();
        all.addAll(ids);
        if (f.getKey() == lva && prefix.equals("cut-")) {
          lvaCutOwn.addAll(ids);
        }
      }
      return all;
    } finally {
      pool.shutdown();
    }
  }

  /**
   * A second mission of POL and LTU only, loaded on POL and linked to the LVA node: LVA's member is
   * not in its roster, so its genesis and inputs never leave POL for LVA (SPEC §4).
   */
  private static void neverReachesANodeOutsideItsRoster(OpenSsl openssl, Map<String, Path> anchors)
      throws Exception {
    String other =
        "FED-IT-NOLVA-" + Long.toHexString(System.nanoTime()).toUpperCase(java.util.Locale.ROOT);
    ObjectNode g = JSON.createObjectNode();
    g.put("v", 1).put("type", "genesis").put("mission", other).put("name", "Without LVA");
    ArrayNode members = g.putArray("members");
    for (String[] m : new String[][] {{"POL", "PL", "Poland"}, {"LTU", "LT", "Lithuania"}}) {
      ObjectNode member = members.addObject();
      member.put("id", m[0]).put("name", m[2]).put("weight", 1);
      member.putArray("trustAnchors").add(OpenSsl.pem(anchors.get(m[0])));
      ObjectNode grant = member.putArray("grants").addObject();
      grant.put("subject", "CN=" + m[0] + " Authority,O=" + m[2] + ",C=" + m[1]);
      grant.putArray("roles").add("approving-authority");
    }
    g.putArray("policies");
    HttpResponse<String> created = pol.postGenesis(JSON.writeValueAsBytes(g));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    pol.link(other, lva, false);
    pol.link(other, ltu, false);
    awaitMission(ltu, other);
    // Once the link to LTU carried the genesis, the forwarder has been round the link to LVA too.
    JsonNode toLva = null;
    for (JsonNode p : pol.peers(other)) {
      if (p.path("name").asText().equals(lva.name)) {
        toLva = p;
      }
    }
    assertThat(toLva).isNotNull();
    assertThat(toLva.path("eligible").asBoolean()).as(toLva.toString()).isFalse();
    assertThat(toLva.path("genesisSent").asBoolean()).as(toLva.toString()).isFalse();
    assertThat(toLva.path("forwarded").asLong()).as(toLva.toString()).isZero();
    assertThat(lva.get("missions/" + other).statusCode())
        .as("LVA never receives " + other)
        .isEqualTo(404);
  }

  private static long since(long t0) {
    return (System.nanoTime() - t0) / 1_000_000_000;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  /** Every link of every node shows the peer's state digest and that it equals its own. */
  private static void awaitDigestsEqualInPeerStatus(String mission, int events) {
    await()
        .atMost(CONVERGE)
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () -> {
              for (Node n : nodes) {
                for (JsonNode p : n.peers(mission)) {
                  assertThat(p.path("digestEqual").asBoolean()).as(n + " " + p).isTrue();
                  assertThat(p.path("peerDigest").asText()).isEqualTo(p.path("digest").asText());
                  assertThat(p.path("peerTreeSize").asLong()).as(n + " " + p).isPositive();
                  assertThat(texts(p.path("digestMembers")))
                      .containsExactlyInAnyOrder(n.member, p.path("member").asText());
                  if (events >= 0) {
                    assertThat(p.path("peerEvents").asLong()).as(n + " " + p).isEqualTo(events);
                  }
                }
              }
            });
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

  /**
   * Equal digests over the given nodes; each holds every expected event, and besides them only the
   * nodes' own decisions (each node signs its own), the same on every node.
   */
  private static void awaitConverged(String mission, List<Node> over, Set<String> expected) {
    await()
        .atMost(CONVERGE)
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () -> {
              Set<String> digests = new HashSet<>();
              Set<Set<String>> held = new HashSet<>();
              StringBuilder seen = new StringBuilder();
              for (Node n : over) {
                JsonNode d = n.digest(mission);
                assertThat(d).as(n + " knows " + mission).isNotNull();
                seen.append(n.name).append('=').append(d).append(' ');
                digests.add(d.path("digest").asText());
                Set<String> authentic = new HashSet<>();
                Set<String> extra = new HashSet<>();
                for (JsonNode c : n.contributions(mission)) {
                  if (AUTHENTIC.contains(c.path("outcome").asText())) {
                    String id = c.path("eventId").asText();
                    authentic.add(id);
                    if (!expected.contains(id)) {
                      assertThat(c.path("type").asText()).as(n + " " + c).isEqualTo("decision");
                      extra.add(id);
                    }
                  }
                }
                assertThat(authentic).as(n + " holds every input " + seen).containsAll(expected);
                assertThat(d.path("events").asInt())
                    .as(seen.toString())
                    .isEqualTo(authentic.size());
                held.add(authentic);
              }
              assertThat(digests).as(seen.toString()).hasSize(1);
              assertThat(held).as("the same events on every node").hasSize(1);
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

  private static Consumer<ObjectNode> endorse(String genesisId) {
    return b -> b.put("genesis", genesisId);
  }

  private static Consumer<ObjectNode> contribution(String title) {
    return b -> {
      b.put("title", title)
          .put("digest", Coalition.sha256Id(title.getBytes(StandardCharsets.UTF_8)));
      b.putArray("references");
    };
  }

  private static Consumer<ObjectNode> vote(String proposal, String verdict, String rationale) {
    return b -> {
      b.put("proposal", proposal).put("role", "approving-authority").put("verdict", verdict);
      if (rationale == null) {
        b.putNull("rationale");
      } else {
        b.put("rationale", rationale);
      }
      b.putNull("supersedes");
    };
  }

  /**
   * Signs an event of the signer's chain and submits it over REST to a node.
   *
   * @return the event id
   */
  private static String submit(
      Node node, Signer s, String mission, String type, Consumer<ObjectNode> body)
      throws Exception {
    byte[] content;
    synchronized (s) {
      ObjectNode e = JSON.createObjectNode();
      e.put("v", 1).put("mission", mission).put("member", s.member);
      e.put("signer", s.spki);
      e.put("epoch", 0).put("seq", ++s.seq);
      if (s.prev == null) {
        e.putNull("prev");
      } else {
        e.put("prev", s.prev);
      }
      e.put("type", type);
      e.put("issued", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
      body.accept(e.putObject("body"));
      content = JSON.writeValueAsBytes(e);
      s.prev = Coalition.sha256Id(content);
    }
    byte[] der = new OpenSsl(s.cert.getParent()).sign(content, s.cert);
    String outcome = node.submit(der);
    assertThat(outcome).as(node + " " + type).isIn("admitted", "held");
    return Coalition.sha256Id(content);
  }
}
