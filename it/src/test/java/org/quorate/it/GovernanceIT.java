package org.quorate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.quorate.it.support.Coalition.awaitOutcome;
import static org.quorate.it.support.Coalition.json;
import static org.quorate.it.support.Coalition.member;
import static org.quorate.it.support.Coalition.sha256Id;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quorate.it.support.AmqpJms;
import org.quorate.it.support.HttpApi;
import org.quorate.it.support.MissionEvents;
import org.quorate.it.support.NodeCredentials;
import org.quorate.it.support.OpenSsl;
import org.quorate.it.support.PortalClient;
import org.quorate.it.support.QuorateDeployment;
import org.quorate.it.support.TestUser;

/**
 * Governance epochs end to end (SPEC §1 governance actions, §2 stage 4, §3 "Governance"): a
 * coalition of POL and LTU (openssl-made, POL's node credential installed) admits EST by a
 * governance proposal adopted unanimously (POL over REST, LTU over AMQP); EST's contribution naming
 * epoch 1, sent before the decision, is held ({@code unknown-epoch}) and admitted when the node's
 * decision opens epoch 1; LTU's events naming epoch 0 are admitted when issued before that decision
 * and rejected {@code stale-epoch} when issued after it; the epochs are served over REST with their
 * {@code Q_EPOCH} rows written, and the dashboard shows them.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class GovernanceIT {
  private static final JsonMapper JSON = new JsonMapper();

  private OpenSsl openssl;
  private MissionEvents events;
  private Path pol;
  private Path ltu;
  private Path est;
  private Path estCa;
  private String mission;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return QuorateDeployment.ear();
  }

  @Test
  void aGovernanceAdmissionOpensEpochOneAndOlderEpochEventsAreStaleAfterIt() throws Exception {
    coalition();

    // The governance proposal admitting EST (epoch 0).
    ObjectNode proposal = events.event(pol, "POL", 0, "proposal", Instant.now());
    ObjectNode action = JSON.createObjectNode();
    action.put("action", "admit-member");
    action.set("member", member("EST", estCa, "CN=EST Approving Authority,O=Estonia,C=EE"));
    proposal
        .putObject("body")
        .put("policy", "governance")
        .put("title", "Admit Estonia")
        .put("text", "Admit EST with its national root CA.")
        .set("action", action);
    String proposalId = sha256Id(JSON.writeValueAsBytes(proposal));
    assertThat(submitRest(sign(proposal, pol)).path("outcome").asText()).isEqualTo("admitted");

    // EST's first contribution names epoch 1 and arrives before the decision: held.
    byte[] early = sign(contribution(est, "EST", 1, "EST liaison report", Instant.now()), est);
    JsonNode held = submitRest(early);
    assertThat(held.path("outcome").asText()).isEqualTo("held");
    assertThat(held.path("reasonCode").asText()).isEqualTo("unknown-epoch");

    // LTU, epoch 0, issued now: before the decision, admitted.
    Instant beforeIssued = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    byte[] before = sign(contribution(ltu, "LTU", 0, "LTU before", beforeIssued), ltu);
    assertThat(submitRest(before).path("outcome").asText()).isEqualTo("admitted");
    Thread.sleep(1_100); // the decision comes in a later second than beforeIssued

    // Unanimity: POL over REST, LTU over AMQP.
    assertThat(submitRest(sign(concur(pol, "POL", proposalId), pol)).path("outcome").asText())
        .isEqualTo("admitted");
    byte[] ltuConcur = sign(concur(ltu, "LTU", proposalId), ltu);
    AmqpJms.send(ltuConcur);
    awaitOutcome(sha256Id(ltuConcur), "admitted");
    chained(ltu, true);

    JsonNode[] decided = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              decided[0] = get("missions/" + mission + "/proposals/" + proposalId);
              assertThat(decided[0].path("final").asBoolean()).as(decided[0].toString()).isTrue();
            });
    assertThat(decided[0].path("status").asText()).isEqualTo("adopted");
    String decisionId = decided[0].path("decision").asText();
    JsonNode decision = awaitOutcome(decisionId, "admitted");
    Instant decisionIssued = Instant.parse(decision.path("issued").asText());

    // The held event is released and admitted in epoch 1.
    JsonNode released = awaitOutcome(sha256Id(early), "admitted");
    assertThat(released.path("member").asText()).isEqualTo("EST");

    // The epochs, with their rows.
    JsonNode epochs = get("missions/" + mission + "/epochs");
    assertThat(epochs.path("current").asLong()).isEqualTo(1);
    assertThat(epochs.path("epochs")).hasSize(2);
    JsonNode e0 = epochs.path("epochs").get(0);
    JsonNode e1 = epochs.path("epochs").get(1);
    assertThat(e0.path("openedBy").isNull()).isTrue();
    assertThat(e0.path("members"))
        .extracting(m -> m.path("member").asText())
        .containsExactly("POL", "LTU");
    assertThat(e1.path("openedBy").asText()).isEqualTo(decisionId);
    assertThat(e1.path("proposal").asText()).isEqualTo(proposalId);
    assertThat(e1.path("action").asText()).isEqualTo("admit-member");
    assertThat(e1.path("current").asBoolean()).isTrue();
    assertThat(e1.path("members"))
        .extracting(m -> m.path("member").asText())
        .containsExactly("POL", "LTU", "EST");
    assertThat(e0.path("recorded").isTextual()).as(e0.toString()).isTrue();
    assertThat(e1.path("recorded").isTextual()).as(e1.toString()).isTrue();
    assertThat(epochs.path("governanceDecisions")).hasSize(1);
    assertThat(epochs.path("governanceDecisions").get(0).path("opened").asLong()).isEqualTo(1);

    // Stale epoch: LTU names epoch 0 after the decision; the same before it is admitted.
    Instant after = decisionIssued.plusSeconds(1);
    JsonNode stale = submitRest(sign(contribution(ltu, "LTU", 0, "LTU stale", after), ltu));
    assertThat(stale.path("outcome").asText()).isEqualTo("rejected");
    assertThat(stale.path("reasonCode").asText()).isEqualTo("stale-epoch");
    assertThat(stale.path("reason").asText()).contains(decisionId);
    // A second LTU credential (same granted subject, made before the decision) signs one naming
    // epoch 0 issued before the decision, delivered late: admitted; then one naming epoch 1.
    JsonNode backdated =
        submitRest(sign(contribution(ltu2, "LTU", 0, "LTU backdated", beforeIssued), ltu2));
    assertThat(backdated.path("outcome").asText()).isEqualTo("admitted");
    JsonNode current = submitRest(sign(contribution(ltu2, "LTU", 1, "LTU epoch 1", after), ltu2));
    assertThat(current.path("outcome").asText()).isEqualTo("admitted");

    // The dashboard shows the roster by epoch with the decision that opened epoch 1.
    PortalClient portal = new PortalClient();
    portal.login(TestUser.AUDITOR, "dashboard.xhtml?m=" + mission);
    HttpResponse<String> page = portal.get("dashboard.xhtml?m=" + mission);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("Roster by epoch")
        .contains("Epoch 1")
        .contains(decisionId)
        .contains("admit-member")
        .contains("opened epoch 1")
        .contains("EST");

    // An epoch-1 proposal decided with EST's vote (the built-in governance policy: unanimity of
    // POL, LTU and EST) verifies in its audit: the bundle carries the governance decision that
    // opened epoch 1, its proposal and votes, and EST's anchor (SPEC §5).
    ObjectNode p1 = events.event(pol, "POL", 1, "proposal", Instant.now());
    p1.putObject("body")
        .put("policy", "governance")
        .put("title", "Joint patrol schedule")
        .put("text", "Adopt the joint patrol schedule.")
        .putNull("action");
    String p1Id = sha256Id(JSON.writeValueAsBytes(p1));
    assertThat(submitRest(sign(p1, pol)).path("outcome").asText()).isEqualTo("admitted");
    for (Object[] v : new Object[][] {{pol, "POL"}, {ltu2, "LTU"}, {est, "EST"}}) {
      JsonNode vote = submitRest(sign(concur((Path) v[0], (String) v[1], p1Id, 1), (Path) v[0]));
      assertThat(vote.path("outcome").asText()).as(vote.toString()).isEqualTo("admitted");
    }
    JsonNode[] p1Decided = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              p1Decided[0] = get("missions/" + mission + "/proposals/" + p1Id);
              assertThat(p1Decided[0].path("final").asBoolean())
                  .as(p1Decided[0].toString())
                  .isTrue();
            });
    assertThat(p1Decided[0].path("status").asText()).isEqualTo("adopted");
    JsonNode audit = get("missions/" + mission + "/proposals/" + p1Id + "/audit");
    List<String> failed = new ArrayList<>();
    audit
        .path("checks")
        .forEach(
            c -> {
              if (!c.path("passed").asBoolean()) {
                failed.add(c.toString());
              }
            });
    assertThat(failed).as("failed audit checks").isEmpty();
    assertThat(audit.path("passed").asBoolean()).as(audit.toString()).isTrue();
    assertThat(audit.path("reconstruction").path("epoch").asLong()).isEqualTo(1);
    assertThat(audit.path("reconstruction").path("decisionId").asText())
        .isEqualTo(p1Decided[0].path("decision").asText());
  }

  /**
   * Issue 10 item 1 end to end: POL alone proposes and concurs to replace LTU's root by one POL
   * made. Under the old rule the member a rotation names was excepted from the unanimity, so POL's
   * concur adopted it and POL's node decided; now LTU's own concur is required: the proposal stays
   * open awaiting LTU and no epoch opens. With LTU's own concur the rotation applies.
   */
  @Test
  void anchorTakeoverWithoutTheMembersOwnConcurIsRefused() throws Exception {
    coalition();
    Path rogue = openssl.rootCa("rogue-ltu-ca", "/C=LT/O=Lithuania/CN=LTU Root CA");
    ObjectNode proposal = events.event(pol, "POL", 0, "proposal", Instant.now());
    ObjectNode action = JSON.createObjectNode();
    action.put("action", "rotate-trust-anchor").put("member", "LTU");
    action.putArray("add").add(OpenSsl.pem(rogue));
    action.putArray("remove").add(derSha256(ltuCaPath));
    proposal
        .putObject("body")
        .put("policy", "governance")
        .put("title", "Rotate LTU")
        .put("text", "Replace LTU's root.")
        .set("action", action);
    String proposalId = sha256Id(JSON.writeValueAsBytes(proposal));
    assertThat(submitRest(sign(proposal, pol)).path("outcome").asText()).isEqualTo("admitted");
    assertThat(submitRest(sign(concur(pol, "POL", proposalId), pol)).path("outcome").asText())
        .isEqualTo("admitted");

    JsonNode open = get("missions/" + mission + "/proposals/" + proposalId);
    assertThat(open.path("status").asText()).as(open.toString()).isEqualTo("open");
    assertThat(open.path("final").asBoolean()).isFalse();
    assertThat(open.path("rule").asText()).isEqualTo("awaiting-votes");
    assertThat(open.toString()).contains("LTU");
    assertThat(get("missions/" + mission + "/epochs").path("current").asLong()).isZero();

    assertThat(submitRest(sign(concur(ltu, "LTU", proposalId), ltu)).path("outcome").asText())
        .isEqualTo("admitted");
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () ->
                assertThat(get("missions/" + mission + "/epochs").path("current").asLong())
                    .isEqualTo(1));
    JsonNode decided = get("missions/" + mission + "/proposals/" + proposalId);
    assertThat(decided.path("status").asText()).isEqualTo("adopted");
    JsonNode e1 = get("missions/" + mission + "/epochs").path("epochs").get(1);
    assertThat(e1.path("action").asText()).isEqualTo("rotate-trust-anchor");
  }

  private static String derSha256(Path pem) throws Exception {
    byte[] der =
        java.security.cert.CertificateFactory.getInstance("X.509")
            .generateCertificate(new java.io.ByteArrayInputStream(Files.readAllBytes(pem)))
            .getEncoded();
    return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(der));
  }

  private Path ltuCaPath;
  private Path ltu2;

  private void coalition() throws Exception {
    Path dir = Files.createTempDirectory("quorate-gov-it-");
    openssl = new OpenSsl(dir);
    byte[] random = new byte[4];
    new SecureRandom().nextBytes(random);
    mission = "IT-GOV-" + HexFormat.of().formatHex(random).toUpperCase(Locale.ROOT);
    events = new MissionEvents(openssl, mission);
    Path polCa = openssl.rootCa("pol-ca", "/C=PL/O=Poland/CN=POL Root CA");
    ltuCaPath = openssl.rootCa("ltu-ca", "/C=LT/O=Lithuania/CN=LTU Root CA");
    estCa = openssl.rootCa("est-ca", "/C=EE/O=Estonia/CN=EST Root CA");
    pol = openssl.credential("pol", "/C=PL/O=Poland/CN=POL Approving Authority", polCa);
    ltu = openssl.credential("ltu", "/C=LT/O=Lithuania/CN=LTU Approving Authority", ltuCaPath);
    ltu2 = openssl.credential("ltu2", "/C=LT/O=Lithuania/CN=LTU Approving Authority", ltuCaPath);
    est = openssl.credential("est", "/C=EE/O=Estonia/CN=EST Approving Authority", estCa);
    Path node = openssl.credential("pol-node", "/C=PL/O=Poland/CN=POL Quorate Node", polCa);

    ObjectNode g = JSON.createObjectNode();
    g.put("v", 1).put("type", "genesis").put("mission", mission).put("name", "IT " + mission);
    ArrayNode members = g.putArray("members");
    ObjectNode polMember = member("POL", polCa, "CN=POL Approving Authority,O=Poland,C=PL");
    ObjectNode nodeGrant = ((ArrayNode) polMember.get("grants")).addObject();
    nodeGrant.put("spki", openssl.spkiHash(node));
    nodeGrant.putArray("roles").add("node");
    members.add(polMember);
    members.add(member("LTU", ltuCaPath, "CN=LTU Approving Authority,O=Lithuania,C=LT"));
    g.putArray("policies");
    g.put("governancePolicy", "governance");
    HttpResponse<String> created =
        HttpApi.post("missions", JSON.writeValueAsBytes(g), "application/json", TestUser.OPERATOR);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String genesisId = json(created.body()).path("genesisId").asText();
    for (Object[] f : new Object[][] {{pol, "POL"}, {ltu, "LTU"}}) {
      ObjectNode e =
          events.event((Path) f[0], (String) f[1], 0, "genesis-endorsement", Instant.now());
      e.putObject("body").put("genesis", genesisId);
      assertThat(submitRest(sign(e, (Path) f[0])).path("outcome").asText()).isEqualTo("admitted");
    }
    NodeCredentials.install(mission, node);
  }

  private ObjectNode contribution(
      Path cert, String member, long epoch, String title, Instant issued) {
    ObjectNode e = events.event(cert, member, epoch, "contribution", issued);
    e.putObject("body")
        .put("title", title)
        .put("digest", sha256Id(title.getBytes(StandardCharsets.UTF_8)));
    return e;
  }

  private ObjectNode concur(Path cert, String member, String proposal) {
    return concur(cert, member, proposal, 0);
  }

  private ObjectNode concur(Path cert, String member, String proposal, long epoch) {
    return events.attestation(cert, member, epoch, proposal, "concur", null);
  }

  /**
   * Signs with openssl; the event becomes the credential's chain end unless the server rejects it
   * (see {@link #submitRest}).
   */
  private byte[] sign(ObjectNode event, Path cert) {
    pending.put(cert, event);
    lastCert = cert;
    return events.signUnchained(event, cert);
  }

  private final Map<Path, ObjectNode> pending = new HashMap<>();
  private Path lastCert;

  /** Submits over REST; an event that is not rejected advances its signer's chain. */
  private JsonNode submitRest(byte[] der) {
    HttpResponse<String> r =
        HttpApi.post("contributions", der, "application/pkcs7-mime", TestUser.SUBMITTER);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode answer = json(r.body());
    chained(lastCert, !"rejected".equals(answer.path("outcome").asText()));
    return answer;
  }

  private void chained(Path cert, boolean counts) {
    ObjectNode e = pending.remove(cert);
    if (e != null && counts) {
      events.chain(e, cert);
    }
  }

  private static JsonNode get(String path) {
    HttpResponse<String> r = HttpApi.get(path, TestUser.AUDITOR);
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return json(r.body());
  }
}
