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
 * fed-it-lva}, started with {@code deploy/bin/start --node NAME --offset N --db DB} (offsets from
 * {@code it.federation.offsets}, default 900, 1000, 1100; the node named by {@code
 * it.federation.postgresql}, default {@code fed-it-pol}, on a PostgreSQL database of its own at
 * 127.0.0.1:5432, dropped first and created by the script; the others on H2; this IT runs once, in
 * the H2 execution, whatever {@code it.postgresql.skip}), each nation submitting to its own node,
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
 *       a second mission whose roster lacks LVA, linked to the LVA node, never reaches it, until
 *       LVA is admitted by governance: then the LVA node receives the genesis and what is
 *       releasable to LVA, never an input labelled releasable to POL and LTU only;
 *   <li>the LVA node is cut under load (with nftables rules on its loopback broker port when root
 *       can use them, its own links paused; else every link paused): LVA dissents on the proposal,
 *       POL and LTU concur, so the POL side decides {@code adopted} without LVA's dissent; all
 *       three nations keep submitting; then the backlogs queued for LVA are purged through the
 *       broker's management (forwarding has missed them: only reconciliation can repair that);
 *   <li>heal: all three converge on one state digest holding every input once, nothing held, the
 *       decision invalidated by LVA's earlier dissent re-decided on every node (same status, a
 *       valid final certificate counting the dissent), reconciliation having sent what LVA lacked;
 *   <li>LVA is cut again; the POL side adopts a governance change of epoch 0, then the LVA side
 *       another: each shows its own epoch 1; healed, every node shows the same epochs (the earlier
 *       decision opened epoch 1, the later side's events are {@code stale-epoch}), the same
 *       proposal statuses and one state digest; then the audit bundle of the decided proposal,
 *       exported by each node, verifies offline and carries that node's own certificate, tree head
 *       and decision;
 *   <li>the POL node queues {@code it.federation.kill-batch} (default 100) inputs for its paused
 *       peers, its links are resumed and it is killed with SIGKILL while they drain; restarted with
 *       {@code deploy/bin/start --node} (no {@code --db}: a PostgreSQL node restarts on its own
 *       database), all three converge with nothing lost or admitted twice.
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
    String pg = System.getProperty("it.federation.postgresql", "fed-it-pol");
    pol = node(root, "fed-it-pol", offsets[0], "POL", pg);
    ltu = node(root, "fed-it-ltu", offsets[1], "LTU", pg);
    lva = node(root, "fed-it-lva", offsets[2], "LVA", pg);
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

  private static Node node(Path root, String name, String offset, String member, String pg) {
    return new Node(
        root, name, Integer.parseInt(offset.trim()), member, name.equals(pg) ? "postgresql" : "h2");
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
    Map<String, Signer> envoys = new HashMap<>();
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
      // A second approving authority per member, who signs on the other side of the second cut.
      Path envoy =
          openssl.credential(
              m[0] + "-envoy", "/C=" + m[1] + "/O=" + m[2] + "/CN=" + m[0] + " Envoy", ca);
      ObjectNode envoyGrant = grants.addObject();
      envoyGrant.put("subject", "CN=" + m[0] + " Envoy,O=" + m[2] + ",C=" + m[1]);
      envoyGrant.putArray("roles").add("approving-authority");
      envoys.put(m[0], new Signer(m[0], envoy, openssl.spkiHash(envoy)));
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
    neverReachesANodeOutsideItsRoster(openssl, anchors, signers, nodeCerts.get("POL"));
    LOG.info("phase 2b (second mission, LVA admitted later) after " + since(t0) + " s");

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
      JsonNode links = JSON.readTree(ready.body()).path("peerLinks");
      assertThat(links.path("configured").asInt())
          .as(n + ": its links to the two other nodes, counted: " + ready.body())
          .isGreaterThanOrEqualTo(2);
      assertThat(links.path("connected").asInt())
          .as(n + ": every unpaused link connected: " + ready.body())
          .isGreaterThanOrEqualTo(links.path("configured").asInt() - links.path("paused").asInt());
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

    // 4b. Governance adopted on both sides of a second cut; the epoch rule decides after healing.
    governanceOnBothSidesOfACut(mission, signers, envoys, expected);
    LOG.info("phase 4b (governance on both sides of a cut) converged after " + since(t0) + " s");

    // 4c. The audit bundle of the decided proposal, from every node, verifies offline.
    auditVerifiesOnEveryNode(mission, proposal, openssl, anchors, nodeCerts);
    LOG.info("phase 4c (audit bundle verified from every node) after " + since(t0) + " s");

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
      if (n.db.equals("postgresql")) {
        // deploy/bin/start --node NAME (no --db) booted the node on its own PostgreSQL database.
        assertThat(Files.readString(n.directory().resolve("quorate-node.env")))
            .contains("QUORATE_NODE_DB=postgresql");
        assertThat(
                n.pgCount(
                    "SELECT count(*) FROM q_input_record WHERE mission = ? AND outcome = ?",
                    mission,
                    "admitted"))
            .as(n + ": the mission's admitted records are rows of its PostgreSQL database")
            .isGreaterThanOrEqualTo(expected.size());
      }
    }
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

  /** A label releasable to every NATO nation (LVA included once it is a member). */
  private static final String NATO_ONLY =
      "{\"policy\":\"NATO\",\"classification\":\"RESTRICTED\",\"categories\":["
          + "{\"tagName\":\"Releasable To\",\"type\":\"PERMISSIVE\",\"values\":[\"NATO\"]}]}";

  /** A label releasable to POL and LTU only: never to LVA. */
  private static final String POL_LTU_ONLY =
      "{\"policy\":\"NATO\",\"classification\":\"RESTRICTED\",\"categories\":["
          + "{\"tagName\":\"Releasable To\",\"type\":\"PERMISSIVE\",\"values\":[\"POL\",\"LTU\"]}]}";

  /**
   * A second mission of POL and LTU only, loaded on POL and linked to the LVA node (SPEC §4, §6).
   * While LVA's member is not in its roster its genesis and inputs never leave POL for LVA. Then
   * LVA is admitted by governance (epoch 1): the LVA node receives the genesis and, by backfill,
   * what is releasable to LVA (an unlabelled input, one labelled releasable to NATO, the governance
   * events), never the input labelled releasable to POL and LTU only (signed by a credential of its
   * own, so that no chain of what LVA receives passes through it).
   */
  private static void neverReachesANodeOutsideItsRoster(
      OpenSsl openssl, Map<String, Path> anchors, Map<String, Signer> signers, Path polNode)
      throws Exception {
    String other =
        "FED-IT-NOLVA-" + Long.toHexString(System.nanoTime()).toUpperCase(java.util.Locale.ROOT);
    ObjectNode g = JSON.createObjectNode();
    g.put("v", 1).put("type", "genesis").put("mission", other).put("name", "Without LVA");
    ArrayNode members = g.putArray("members");
    Map<String, Signer> s = new HashMap<>();
    Path analyst =
        openssl.credential("POL-analyst", "/C=PL/O=Poland/CN=POL Analyst", anchors.get("POL"));
    for (String[] m : new String[][] {{"POL", "PL", "Poland"}, {"LTU", "LT", "Lithuania"}}) {
      ObjectNode member = members.addObject();
      member.put("id", m[0]).put("name", m[2]).put("weight", 1);
      member.putArray("trustAnchors").add(OpenSsl.pem(anchors.get(m[0])));
      ArrayNode grants = member.putArray("grants");
      ObjectNode grant = grants.addObject();
      grant.put("subject", "CN=" + m[0] + " Authority,O=" + m[2] + ",C=" + m[1]);
      grant.putArray("roles").add("approving-authority");
      if (m[0].equals("POL")) {
        ObjectNode nodeGrant = grants.addObject();
        nodeGrant.put("spki", openssl.spkiHash(polNode));
        nodeGrant.putArray("roles").add("node");
        ObjectNode analystGrant = grants.addObject();
        analystGrant.put("subject", "CN=POL Analyst,O=Poland,C=PL");
        analystGrant.putArray("roles").add("intelligence");
      }
      // The same credentials as in the first mission: chains are per mission (SPEC §1).
      Signer main = signers.get(m[0]);
      s.put(m[0], new Signer(m[0], main.cert, main.spki));
    }
    g.putArray("policies");
    byte[] genesis = JSON.writeValueAsBytes(g);
    String genesisId = Coalition.sha256Id(genesis);
    HttpResponse<String> created = pol.postGenesis(genesis);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    pol.installNodeCredential(other, polNode);
    pol.link(other, lva, false);
    pol.link(other, ltu, false);
    awaitMission(ltu, other);
    Signer sPol = s.get("POL");
    Signer sLtu = s.get("LTU");
    Signer sAnalyst = new Signer("POL", analyst, openssl.spkiHash(analyst));
    List<String> lvaMaySee = new ArrayList<>();
    lvaMaySee.add(submit(pol, sPol, other, 0, null, "genesis-endorsement", endorse(genesisId)));
    lvaMaySee.add(submit(pol, sLtu, other, 0, null, "genesis-endorsement", endorse(genesisId)));
    String polLtuOnly =
        submit(pol, sAnalyst, other, 0, POL_LTU_ONLY, "contribution", contribution("pol-ltu"));
    lvaMaySee.add(submit(pol, sPol, other, 0, NATO_ONLY, "contribution", contribution("nato")));
    lvaMaySee.add(submit(pol, sPol, other, 0, null, "contribution", contribution("posture")));
    await()
        .atMost(CONVERGE)
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              for (String id : List.of(polLtuOnly, lvaMaySee.get(lvaMaySee.size() - 1))) {
                JsonNode r = ltu.contribution(id);
                assertThat(r).as("LTU holds " + id).isNotNull();
                assertThat(r.path("outcome").asText()).as(r.toString()).isEqualTo("admitted");
              }
            });
    // Once the link to LTU carried them, the forwarder has been round the link to LVA too.
    JsonNode toLva = peer(pol, other, lva);
    assertThat(toLva.path("eligible").asBoolean()).as(toLva.toString()).isFalse();
    assertThat(toLva.path("genesisSent").asBoolean()).as(toLva.toString()).isFalse();
    assertThat(toLva.path("forwarded").asLong()).as(toLva.toString()).isZero();
    assertThat(lva.get("missions/" + other).statusCode())
        .as("LVA never receives " + other)
        .isEqualTo(404);

    // LVA admitted by governance (built-in unanimity of POL and LTU); the POL node decides.
    ObjectNode lvaMember = JSON.createObjectNode();
    lvaMember.put("id", "LVA").put("name", "Latvia").put("weight", 1);
    lvaMember.putArray("trustAnchors").add(OpenSsl.pem(anchors.get("LVA")));
    ObjectNode lvaGrant = lvaMember.putArray("grants").addObject();
    lvaGrant.put("subject", "CN=LVA Authority,O=Latvia,C=LV");
    lvaGrant.putArray("roles").add("approving-authority");
    String admit =
        submit(
            pol,
            sPol,
            other,
            0,
            null,
            "proposal",
            b -> {
              b.put("policy", "governance").put("title", "Admit Latvia").put("text", "Later.");
              b.putObject("action").put("action", "admit-member").set("member", lvaMember);
            });
    lvaMaySee.add(admit);
    lvaMaySee.add(submit(pol, sPol, other, 0, null, "attestation", vote(admit, "concur", null)));
    lvaMaySee.add(submit(pol, sLtu, other, 0, null, "attestation", vote(admit, "concur", null)));
    await()
        .atMost(CONVERGE)
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              JsonNode e = pol.epochs(other);
              assertThat(e.path("current").asLong()).as(e.toString()).isEqualTo(1);
            });
    // The LVA node now receives the genesis and what LVA may see, never the POL-LTU-only input.
    await()
        .atMost(CONVERGE)
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              JsonNode link = peer(pol, other, lva);
              assertThat(link.path("eligible").asBoolean()).as(link.toString()).isTrue();
              assertThat(link.path("genesisSent").asBoolean()).as(link.toString()).isTrue();
              assertThat(link.path("backlog").asLong()).as(link.toString()).isZero();
              for (String id : lvaMaySee) {
                JsonNode r = lva.contribution(id);
                assertThat(r).as("LVA holds " + id).isNotNull();
                assertThat(r.path("outcome").asText()).as(r.toString()).isEqualTo("admitted");
              }
              JsonNode polView = pol.digestFor(other, "LVA", "POL");
              assertThat(lva.digestFor(other, "LVA", "POL").path("digest").asText())
                  .isEqualTo(polView.path("digest").asText());
              // Everything the LVA node holds is what LVA may see: its whole digest is that one.
              assertThat(lva.digest(other).path("digest").asText())
                  .isEqualTo(polView.path("digest").asText());
            });
    assertThat(lva.contribution(polLtuOnly))
        .as("an input not releasable to LVA never reaches the LVA node")
        .isNull();
    assertThat(lva.epochs(other).path("current").asLong()).isEqualTo(1);
    assertThat(pol.digest(other).path("events").asLong())
        .as("POL holds more than LVA may see")
        .isGreaterThan(lva.digest(other).path("events").asLong());
  }

  private static JsonNode peer(Node from, String mission, Node to) throws Exception {
    for (JsonNode p : from.peers(mission)) {
      if (p.path("name").asText().equals(to.name)) {
        return p;
      }
    }
    throw new AssertionError(from + " has no link to " + to + " for " + mission);
  }

  /** A {@code declare-policy} or {@code grant-role} governance proposal body. */
  private static Consumer<ObjectNode> governance(String title, Consumer<ObjectNode> action) {
    return b -> {
      b.put("policy", "governance").put("title", title).put("text", "Across a cut.");
      action.accept(b.putObject("action"));
    };
  }

  /**
   * Phase 4b (SPEC §3 "Governance", §4 partitions): LVA is cut off again. The POL side adopts a
   * governance change of epoch 0 (declare a policy; LVA's envoy concurs on the POL node), then the
   * LVA side, not knowing it, adopts another (grant LVA's envoy a role; POL's and LTU's envoys
   * concur on the LVA node): each side shows its own epoch 1. After healing, the earlier decision
   * opens epoch 1 on every node (the epoch rule: decision {@code issued}, then event id); the other
   * side's events naming epoch 0 issued after it are {@code stale-epoch} everywhere, and its node's
   * later decisions are admitted everywhere (its chain goes on). All nodes show the same epochs,
   * the same statuses and one state digest.
   */
  private void governanceOnBothSidesOfACut(
      String mission, Map<String, Signer> signers, Map<String, Signer> envoys, Set<String> expected)
      throws Exception {
    Signer sPol = signers.get("POL");
    Signer sLtu = signers.get("LTU");
    Signer sLva = signers.get("LVA");
    boolean nft = NftCut.available();
    String g1;
    String g2;
    List<String> sideB = new ArrayList<>();
    try {
      if (nft) {
        NftCut.cut(lva.amqpPort());
      } else {
        pol.pause(mission, lva, true);
        ltu.pause(mission, lva, true);
      }
      lva.pause(mission, pol, true);
      lva.pause(mission, ltu, true);
      g1 =
          submit(
              pol,
              sPol,
              mission,
              "proposal",
              governance(
                  "Declare the swift policy",
                  a -> {
                    a.put("action", "declare-policy");
                    ObjectNode p = a.putObject("policy");
                    p.put("name", "swift").put("version", 1);
                    p.put("votingRole", "approving-authority");
                    p.putObject("threshold").put("count", 2);
                    p.put("deadline", "PT1H");
                  }));
      expected.add(g1);
      expected.add(submit(pol, sPol, mission, "attestation", vote(g1, "concur", null)));
      expected.add(submit(ltu, sLtu, mission, "attestation", vote(g1, "concur", null)));
      expected.add(
          submit(pol, envoys.get("LVA"), mission, "attestation", vote(g1, "concur", null)));
      for (Node n : List.of(pol, ltu)) {
        awaitEpochOpenedBy(n, mission, g1);
      }
      // The other side decides later (issued times are whole seconds).
      Thread.sleep(1_100);
      g2 =
          submit(
              lva,
              sLva,
              mission,
              "proposal",
              governance(
                  "LVA envoy as legal advisor",
                  a -> {
                    a.put("action", "grant-role").put("member", "LVA");
                    ObjectNode grant = a.putObject("grant");
                    grant.put("subject", "CN=LVA Envoy,O=Latvia,C=LV");
                    grant.putArray("roles").add("legal-advisor");
                  }));
      sideB.add(g2);
      sideB.add(submit(lva, sLva, mission, "attestation", vote(g2, "concur", null)));
      sideB.add(submit(lva, envoys.get("POL"), mission, "attestation", vote(g2, "concur", null)));
      sideB.add(submit(lva, envoys.get("LTU"), mission, "attestation", vote(g2, "concur", null)));
      awaitEpochOpenedBy(lva, mission, g2);
      assertThat(pol.epochs(mission).path("epochs").get(1).path("proposal").asText())
          .as("each side shows its own epoch 1 while cut")
          .isEqualTo(g1);
    } finally {
      NftCut.heal();
    }
    pol.pause(mission, lva, false);
    ltu.pause(mission, lva, false);
    lva.pause(mission, pol, false);
    lva.pause(mission, ltu, false);
    epochInForce = 1;
    final String first = g1;
    final String later = g2;
    await()
        .atMost(CONVERGE)
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () -> {
              Set<String> epochs = new HashSet<>();
              Set<String> statuses = new HashSet<>();
              for (Node n : nodes) {
                JsonNode e = n.epochs(mission);
                assertThat(e.path("current").asLong()).as(n + " " + e).isEqualTo(1);
                assertThat(e.path("epochs").get(1).path("proposal").asText())
                    .as(n + ": the earlier decision opens epoch 1")
                    .isEqualTo(first);
                epochs.add(epochSequence(e));
                StringBuilder st = new StringBuilder();
                for (String id : List.of(first)) {
                  JsonNode q = n.proposal(mission, id);
                  assertThat(q).as(n + " " + id).isNotNull();
                  assertThat(q.path("status").asText()).as(n + " " + q).isEqualTo("adopted");
                  assertThat(q.path("final").asBoolean()).as(n + " " + q).isTrue();
                  st.append(q.path("status").asText()).append(' ');
                }
                statuses.add(st.toString());
                for (String id : sideB) {
                  JsonNode r = n.contribution(id);
                  if (n == lva) {
                    assertThat(r).as(n + " " + id).isNotNull();
                  }
                  if (r != null) {
                    assertThat(r.path("outcome").asText() + " " + r.path("reasonCode").asText())
                        .as(n + ": the later side's epoch-0 events are stale")
                        .isEqualTo("rejected stale-epoch");
                  }
                }
              }
              assertThat(epochs).as("the same epochs on every node").hasSize(1);
              assertThat(statuses).as("the same statuses on every node").hasSize(1);
            });
    JsonNode stale = lva.proposal(mission, later);
    LOG.info(
        "phase 4b: the later side's proposal on LVA after healing: admission "
            + stale.path("admission").asText()
            + ", status "
            + stale.path("status").asText());
    awaitConverged(mission, nodes, expected);
    assertNothingTwice(mission);
    for (Node n : nodes) {
      awaitLinksDrained(n, mission);
    }
    // Every node holds the same proposals with the same statuses.
    Set<String> views = new HashSet<>();
    for (Node n : nodes) {
      views.add(proposalStatuses(n, mission));
    }
    assertThat(views).as("equal proposal statuses").hasSize(1);
  }

  /** The epochs in force and the governance decisions held, as every node must show them alike. */
  private static String epochSequence(JsonNode e) {
    StringBuilder b = new StringBuilder();
    for (JsonNode x : e.path("epochs")) {
      b.append(x.path("epoch").asLong())
          .append(' ')
          .append(x.path("openedBy").asText())
          .append(' ')
          .append(x.path("proposal").asText())
          .append(' ')
          .append(x.path("action").asText())
          .append(' ');
      for (JsonNode m : x.path("members")) {
        b.append(m.path("member").asText()).append(m.path("suspended").asBoolean() ? "-" : "+");
      }
      b.append(" | ");
    }
    return b.toString();
  }

  /** Every proposal of the mission with its status and whether it is final, sorted. */
  private static String proposalStatuses(Node n, String mission) throws Exception {
    java.util.TreeSet<String> out = new java.util.TreeSet<>();
    for (JsonNode c : n.contributions(mission)) {
      if ("proposal".equals(c.path("type").asText())
          && "admitted".equals(c.path("outcome").asText())) {
        JsonNode q = n.proposal(mission, c.path("eventId").asText());
        out.add(
            c.path("eventId").asText()
                + " "
                + q.path("status").asText()
                + " "
                + q.path("final").asBoolean());
      }
    }
    return out.toString();
  }

  private static void awaitEpochOpenedBy(Node n, String mission, String proposal) {
    await()
        .atMost(CONVERGE)
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              JsonNode e = n.epochs(mission);
              assertThat(e.path("current").asLong()).as(n + " " + e).isEqualTo(1);
              assertThat(e.path("epochs").get(1).path("proposal").asText())
                  .as(n + " " + e)
                  .isEqualTo(proposal);
            });
  }

  /**
   * Phase 4c (SPEC §5 "Audit bundle"): the bundle of the decided proposal exported by each node
   * verifies offline with the core verifier (what {@code quorate verify} runs), pinned to the three
   * members' anchors; each node's bundle carries that node's own certificate, its tree head is
   * signed by it, and it holds a decision signed by that node's own credential.
   */
  private static void auditVerifiesOnEveryNode(
      String mission,
      String proposal,
      OpenSsl openssl,
      Map<String, Path> anchors,
      Map<String, Path> nodeCerts)
      throws Exception {
    Set<String> pins = new HashSet<>();
    for (Path a : anchors.values()) {
      pins.add(fingerprint(a));
    }
    int ownDecisions = 0;
    for (Node n : nodes) {
      byte[] zip = n.bundle(mission, proposal);
      org.quorate.core.audit.AuditBundle bundle =
          org.quorate.core.audit.AuditBundle.readZip(new java.io.ByteArrayInputStream(zip));
      org.quorate.core.audit.VerificationReport report =
          new org.quorate.core.audit.BundleVerifier(
                  new org.quorate.core.audit.VerifyOptions(pins, java.time.Clock.systemUTC()))
              .verify(bundle);
      assertThat(report.failures()).as(n + ": offline verification failures").isEmpty();
      assertThat(report.passed()).as(n.toString()).isTrue();
      JsonNode q = n.proposal(mission, proposal);
      assertThat(texts(q.path("validFinalDecisions")))
          .as(n + ": the bundle's decision is a valid final one there")
          .contains(report.reconstruction().decisionId());
      // The node's own certificate, its own tree head.
      java.security.cert.X509Certificate own =
          certificate(Files.readAllBytes(nodeCerts.get(n.member)));
      assertThat(
              certificate(
                      bundle
                          .file(org.quorate.core.audit.AuditBundle.NODE_CERTIFICATE)
                          .orElseThrow())
                  .getEncoded())
          .as(n + ": anchors/node.pem is the node's own certificate")
          .isEqualTo(own.getEncoded());
      assertThat(signerOf(bundle.file(org.quorate.core.audit.AuditBundle.STH).orElseThrow()))
          .as(n + ": the tree head is signed by the node's own credential")
          .isEqualTo(own.getEncoded());
      Path sth = Files.createTempFile("fed-sth-", ".p7m");
      Files.write(sth, bundle.file(org.quorate.core.audit.AuditBundle.STH).orElseThrow());
      JsonNode head = JSON.readTree(openssl.verifyCms(sth, anchors.get(n.member)));
      assertThat(head.path("mission").asText()).isEqualTo(mission);
      String ownSpki = openssl.spkiHash(nodeCerts.get(n.member));
      boolean ownDecision = false;
      for (org.quorate.core.audit.AuditBundle.ManifestEntry f : bundle.manifest()) {
        if ("decision".equals(f.type())) {
          byte[] p7m = bundle.file(f.path()).orElseThrow();
          JsonNode content = JSON.readTree(contentOf(p7m));
          ownDecision |= ownSpki.equals(content.path("signer").asText());
        }
      }
      // A node signs a decision only while it holds no valid final one (SPEC §3; DecisionTrigger):
      // one that received another node's valid final decision before it counted the quorum itself
      // signs none, and which comes first depends on delivery. What a node signed, its bundle
      // holds.
      boolean signed = false;
      for (JsonNode d : q.path("decisions")) {
        signed |= ownSpki.equals(d.path("signer").asText());
      }
      if (signed) {
        assertThat(ownDecision).as(n + ": its bundle holds its own decision").isTrue();
        ownDecisions++;
      }
    }
    assertThat(ownDecisions).as("nodes whose bundle holds their own decision").isPositive();
  }

  private static String fingerprint(Path pem) throws Exception {
    byte[] der = certificate(Files.readAllBytes(pem)).getEncoded();
    return java.util.HexFormat.of()
        .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(der));
  }

  private static java.security.cert.X509Certificate certificate(byte[] pemOrDer) throws Exception {
    return (java.security.cert.X509Certificate)
        java.security.cert.CertificateFactory.getInstance("X.509")
            .generateCertificate(new java.io.ByteArrayInputStream(pemOrDer));
  }

  /** The certificate (DER) of the one signer of a CMS SignedData, from its certificates. */
  private static byte[] signerOf(byte[] p7m) throws Exception {
    org.bouncycastle.cms.CMSSignedData cms = new org.bouncycastle.cms.CMSSignedData(p7m);
    org.bouncycastle.cms.SignerInformation si = cms.getSignerInfos().getSigners().iterator().next();
    @SuppressWarnings("unchecked")
    java.util.Collection<org.bouncycastle.cert.X509CertificateHolder> match =
        cms.getCertificates().getMatches(si.getSID());
    assertThat(match).hasSize(1);
    return match.iterator().next().getEncoded();
  }

  private static byte[] contentOf(byte[] p7m) throws Exception {
    return (byte[]) new org.bouncycastle.cms.CMSSignedData(p7m).getSignedContent().getContent();
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
    return submit(node, s, mission, epochInForce, null, type, body);
  }

  /** The roster epoch the main mission's signers rely on (1 once the second cut healed). */
  private static volatile long epochInForce = 0;

  /**
   * Signs an event naming an epoch, with a label or none, and submits it over REST to a node.
   *
   * @return the event id
   */
  private static String submit(
      Node node,
      Signer s,
      String mission,
      long epoch,
      String label,
      String type,
      Consumer<ObjectNode> body)
      throws Exception {
    byte[] content;
    synchronized (s) {
      ObjectNode e = JSON.createObjectNode();
      e.put("v", 1).put("mission", mission).put("member", s.member);
      e.put("signer", s.spki);
      e.put("epoch", epoch).put("seq", ++s.seq);
      if (s.prev == null) {
        e.putNull("prev");
      } else {
        e.put("prev", s.prev);
      }
      e.put("type", type);
      e.put("issued", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
      if (label != null) {
        e.set("label", JSON.readTree(label));
      }
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
