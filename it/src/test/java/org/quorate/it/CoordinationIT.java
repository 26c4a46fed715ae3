package org.quorate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.quorate.it.support.Coalition.awaitOutcome;
import static org.quorate.it.support.Coalition.json;
import static org.quorate.it.support.Coalition.sha256Id;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quorate.it.support.AmqpJms;
import org.quorate.it.support.HttpApi;
import org.quorate.it.support.NodeCredentials;
import org.quorate.it.support.OpenSsl;
import org.quorate.it.support.QuorateDeployment;
import org.quorate.it.support.QuorateServer;
import org.quorate.it.support.TestUser;

/**
 * Coordination end to end (issue 4): a three-nation coalition (POL, LTU, LVA) made with openssl,
 * policy {@code operational} (2/3 of members, so T = 2 of n = 3) and a POL node credential. POL
 * proposes, POL concurs (REST), LVA dissents with a rationale (REST), LTU concurs (AMQP): the
 * proposal is adopted with one recorded dissent, the node signs a decision that admission admits,
 * and the state is final. Checked over REST (state, list, timeline rows) and on the {@code
 * quorate.decisions} topic (Qpid JMS over AMQP 1.0, address {@code jms.topic.quorate.decisions}).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CoordinationIT {
  /** AMQP address of the decisions topic (WildFly's Artemis JMS prefix). */
  static final String DECISIONS_ADDRESS = "jms.topic.quorate.decisions";

  private static final JsonMapper JSON = new JsonMapper();

  private final Map<Path, long[]> seqs = new HashMap<>();
  private final Map<Path, String> prevs = new HashMap<>();
  private OpenSsl openssl;
  private Path pol;
  private Path ltu;
  private Path lva;
  private Path node;
  private String mission;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return QuorateDeployment.ear();
  }

  @Test
  void proposalIsAdoptedWithOneRecordedDissentDecidedByTheNodeAndPublished() throws Exception {
    coalition("PT1H");

    List<String> published = new CopyOnWriteArrayList<>();
    JmsConnectionFactory factory = new JmsConnectionFactory(QuorateServer.amqpUri());
    try (Connection connection =
        factory.createConnection(TestUser.SUBMITTER.username(), TestUser.SUBMITTER.password())) {
      Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
      MessageConsumer consumer = session.createConsumer(session.createTopic(DECISIONS_ADDRESS));
      consumer.setMessageListener(
          m -> {
            try {
              if (m instanceof TextMessage t) {
                published.add(t.getText());
              }
            } catch (JMSException ex) {
              published.add("unreadable: " + ex.getMessage());
            }
          });
      connection.start();

      ObjectNode proposal = event(pol, "POL", "proposal");
      proposal
          .putObject("body")
          .put("policy", "operational")
          .put("title", "Open corridor C")
          .put("text", "Open corridor C at 06:00Z.")
          .putNull("action");
      byte[] proposalContent = JSON.writeValueAsBytes(proposal);
      prevs.put(pol, sha256Id(proposalContent));
      String proposalId = sha256Id(proposalContent);
      assertThat(submitRest(openssl.sign(proposalContent, pol)).path("outcome").asText())
          .isEqualTo("admitted");

      assertThat(
              submitRest(sign(attestation(pol, "POL", proposalId, "concur", null), pol))
                  .path("outcome")
                  .asText())
          .isEqualTo("admitted");
      String rationale = "Escort capacity is insufficient before the rotation.";
      ObjectNode dissent = attestation(lva, "LVA", proposalId, "dissent", rationale);
      String dissentId = sha256Id(JSON.writeValueAsBytes(dissent));
      assertThat(submitRest(sign(dissent, lva)).path("outcome").asText()).isEqualTo("admitted");
      JsonNode open = state(proposalId);
      assertThat(open.path("status").asText()).isEqualTo("open");
      assertThat(open.path("final").asBoolean()).isFalse();

      byte[] ltuConcur = sign(attestation(ltu, "LTU", proposalId, "concur", null), ltu);
      AmqpJms.send(ltuConcur);
      awaitOutcome(sha256Id(ltuConcur), "admitted");

      JsonNode[] decided = new JsonNode[1];
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () -> {
                decided[0] = state(proposalId);
                assertThat(decided[0].path("final").asBoolean()).as(decided[0].toString()).isTrue();
              });
      JsonNode s = decided[0];
      assertThat(s.path("status").asText()).isEqualTo("adopted");
      assertThat(s.path("rule").asText()).isEqualTo("threshold-met");
      assertThat(s.path("threshold").asLong()).isEqualTo(2);
      assertThat(s.path("n").asInt()).isEqualTo(3);
      assertThat(s.path("counts").path("concur").asInt()).isEqualTo(2);
      assertThat(s.path("counts").path("dissent").asInt()).isEqualTo(1);
      assertThat(s.path("dissents")).hasSize(1);
      JsonNode d = s.path("dissents").get(0);
      assertThat(d.path("eventId").asText()).isEqualTo(dissentId);
      assertThat(d.path("member").asText()).isEqualTo("LVA");
      assertThat(d.path("role").asText()).isEqualTo("approving-authority");
      assertThat(d.path("rationale").asText()).isEqualTo(rationale);
      assertThat(d.path("late").asBoolean()).isFalse();
      assertThat(d.path("changedOutcome").asBoolean()).isFalse();
      String decisionId = s.path("decision").asText();
      assertThat(decisionId).startsWith("sha256:");
      assertThat(s.path("counted")).hasSize(3);
      assertThat(s.path("equivocators")).isEmpty();

      JsonNode decision = awaitOutcome(decisionId, "admitted");
      assertThat(decision.path("type").asText()).isEqualTo("decision");
      assertThat(decision.path("member").asText()).isEqualTo("POL");
      assertThat(decision.path("transport").asText()).startsWith("node");

      JsonNode list = get("missions/" + mission + "/proposals");
      assertThat(list).hasSize(1);
      assertThat(list.get(0).path("proposal").asText()).isEqualTo(proposalId);
      assertThat(list.get(0).path("status").asText()).isEqualTo("adopted");
      assertThat(list.get(0).path("final").asBoolean()).isTrue();

      JsonNode timeline = get("missions/" + mission + "/proposals/" + proposalId + "/timeline");
      assertThat(timeline).hasSize(5);
      assertThat(timeline.get(0).path("type").asText()).isEqualTo("proposal");
      assertThat(timeline.get(0).path("status").asText()).isEqualTo("open");
      assertThat(timeline.get(2).path("member").asText()).isEqualTo("LVA");
      assertThat(timeline.get(2).path("dissents").asInt()).isEqualTo(1);
      assertThat(timeline.get(3).path("status").asText()).isEqualTo("adopted");
      assertThat(timeline.get(3).path("final").asBoolean()).isFalse();
      assertThat(timeline.get(4).path("type").asText()).isEqualTo("decision");
      assertThat(timeline.get(4).path("trigger").asText()).isEqualTo(decisionId);
      assertThat(timeline.get(4).path("final").asBoolean()).isTrue();

      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(published)
                      .anySatisfy(
                          text -> {
                            JsonNode m = json(text);
                            assertThat(m.path("kind").asText()).isEqualTo("status");
                            assertThat(m.path("proposal").asText()).isEqualTo(proposalId);
                            assertThat(m.path("status").asText()).isEqualTo("adopted");
                            assertThat(m.path("final").asBoolean()).isTrue();
                            assertThat(m.path("decision").asText()).isEqualTo(decisionId);
                          }));
    }
  }

  /**
   * Makes the coalition with openssl, loads the genesis (policy {@code operational}, 2/3 of
   * members, the given deadline), has every founder endorse it and installs POL's node credential.
   */
  private void coalition(String deadline) throws Exception {
    Path dir = Files.createTempDirectory("quorate-coord-it-");
    openssl = new OpenSsl(dir);
    byte[] random = new byte[4];
    new SecureRandom().nextBytes(random);
    mission = "IT-COORD-" + HexFormat.of().formatHex(random).toUpperCase(Locale.ROOT);
    Path polCa = openssl.rootCa("pol-ca", "/C=PL/O=Poland/CN=POL Root CA");
    Path ltuCa = openssl.rootCa("ltu-ca", "/C=LT/O=Lithuania/CN=LTU Root CA");
    Path lvaCa = openssl.rootCa("lva-ca", "/C=LV/O=Latvia/CN=LVA Root CA");
    pol = openssl.credential("pol", "/C=PL/O=Poland/CN=POL Approving Authority", polCa);
    ltu = openssl.credential("ltu", "/C=LT/O=Lithuania/CN=LTU Approving Authority", ltuCa);
    lva = openssl.credential("lva", "/C=LV/O=Latvia/CN=LVA Approving Authority", lvaCa);
    node = openssl.credential("pol-node", "/C=PL/O=Poland/CN=POL Quorate Node", polCa);

    ObjectNode g = JSON.createObjectNode();
    g.put("v", 1).put("type", "genesis").put("mission", mission).put("name", "IT " + mission);
    ArrayNode members = g.putArray("members");
    ObjectNode polMember = member("POL", polCa, "CN=POL Approving Authority,O=Poland,C=PL");
    ObjectNode nodeGrant = ((ArrayNode) polMember.get("grants")).addObject();
    nodeGrant.put("spki", openssl.spkiHash(node));
    nodeGrant.putArray("roles").add("node");
    members.add(polMember);
    members.add(member("LTU", ltuCa, "CN=LTU Approving Authority,O=Lithuania,C=LT"));
    members.add(member("LVA", lvaCa, "CN=LVA Approving Authority,O=Latvia,C=LV"));
    ObjectNode policy = g.putArray("policies").addObject();
    policy.put("name", "operational").put("version", 1).put("votingRole", "approving-authority");
    policy.putObject("threshold").put("fraction", "2/3").put("of", "members");
    policy.put("deadline", deadline);
    g.put("governancePolicy", "governance");
    HttpResponse<String> created =
        HttpApi.post("missions", JSON.writeValueAsBytes(g), "application/json", TestUser.OPERATOR);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String genesisId = json(created.body()).path("genesisId").asText();
    for (Object[] f : new Object[][] {{pol, "POL"}, {ltu, "LTU"}, {lva, "LVA"}}) {
      ObjectNode e = event((Path) f[0], (String) f[1], "genesis-endorsement");
      e.putObject("body").put("genesis", genesisId);
      assertThat(submitRest(sign(e, (Path) f[0])).path("outcome").asText()).isEqualTo("admitted");
    }
    NodeCredentials.install(mission, node);
  }

  @Test
  void proposalLapsesAtItsDeadlineAndTheNodeDecidesOnTheClock() throws Exception {
    coalition("PT1M");
    String proposalId = propose("Short-lived proposal");
    assertThat(
            submitRest(sign(attestation(pol, "POL", proposalId, "concur", null), pol))
                .path("outcome")
                .asText())
        .isEqualTo("admitted");
    assertThat(state(proposalId).path("status").asText()).isEqualTo("open");

    JsonNode[] decided = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(150))
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () -> {
              decided[0] = state(proposalId);
              assertThat(decided[0].path("final").asBoolean()).as(decided[0].toString()).isTrue();
            });
    assertThat(decided[0].path("status").asText()).isEqualTo("lapsed");
    assertThat(decided[0].path("rule").asText()).isEqualTo("deadline-lapsed");
    JsonNode decision = awaitOutcome(decided[0].path("decision").asText(), "admitted");
    assertThat(decision.path("type").asText()).isEqualTo("decision");
    JsonNode timeline = get("missions/" + mission + "/proposals/" + proposalId + "/timeline");
    assertThat(timeline).extracting(t -> t.path("status").asText()).contains("open", "lapsed");
  }

  private String propose(String title) throws IOException {
    ObjectNode proposal = event(pol, "POL", "proposal");
    proposal
        .putObject("body")
        .put("policy", "operational")
        .put("title", title)
        .put("text", title + ", as proposed.")
        .putNull("action");
    byte[] der = sign(proposal, pol);
    assertThat(submitRest(der).path("outcome").asText()).isEqualTo("admitted");
    return sha256Id(JSON.writeValueAsBytes(proposal));
  }

  private ObjectNode member(String id, Path ca, String grantSubject) {
    ObjectNode m = JSON.createObjectNode();
    m.put("id", id).put("name", id).put("weight", 1);
    m.putArray("trustAnchors").add(OpenSsl.pem(ca));
    ObjectNode grant = m.putArray("grants").addObject();
    grant.put("subject", grantSubject);
    grant.putArray("roles").add("approving-authority");
    return m;
  }

  /** An event header for the credential's next chain position (seq from 1, prev chained). */
  private ObjectNode event(Path cert, String member, String type) {
    long seq = ++seqs.computeIfAbsent(cert, k -> new long[1])[0];
    ObjectNode e = JSON.createObjectNode();
    e.put("v", 1).put("mission", mission).put("member", member);
    e.put("signer", openssl.spkiHash(cert)).put("epoch", 0).put("seq", seq);
    String prev = prevs.get(cert);
    if (prev == null) {
      e.putNull("prev");
    } else {
      e.put("prev", prev);
    }
    e.put("type", type);
    e.put("issued", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    return e;
  }

  private ObjectNode attestation(
      Path cert, String member, String proposal, String verdict, String rationale) {
    ObjectNode e = event(cert, member, "attestation");
    ObjectNode body = e.putObject("body");
    body.put("proposal", proposal).put("role", "approving-authority").put("verdict", verdict);
    if (rationale == null) {
      body.putNull("rationale");
    } else {
      body.put("rationale", rationale);
    }
    body.putNull("supersedes");
    return e;
  }

  /** Signs with openssl and remembers the event id as the credential's chain end. */
  private byte[] sign(ObjectNode event, Path cert) throws IOException {
    byte[] content = JSON.writeValueAsBytes(event);
    prevs.put(cert, sha256Id(content));
    return openssl.sign(content, cert);
  }

  private static JsonNode submitRest(byte[] der) {
    HttpResponse<String> r =
        HttpApi.post("contributions", der, "application/pkcs7-mime", TestUser.SUBMITTER);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return json(r.body());
  }

  private JsonNode state(String proposal) {
    return get("missions/" + mission + "/proposals/" + proposal);
  }

  private static JsonNode get(String path) {
    HttpResponse<String> r = HttpApi.get(path, TestUser.AUDITOR);
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return json(r.body());
  }
}
