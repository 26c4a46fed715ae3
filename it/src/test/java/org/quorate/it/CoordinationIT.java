package org.quorate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.quorate.it.support.Coalition.awaitOutcome;
import static org.quorate.it.support.Coalition.json;
import static org.quorate.it.support.Coalition.sha256Id;
import static org.quorate.it.support.MissionEvents.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
import org.quorate.it.support.MissionEvents;
import org.quorate.it.support.NodeCredentials;
import org.quorate.it.support.QuorateDeployment;
import org.quorate.it.support.QuorateServer;
import org.quorate.it.support.TestUser;
import org.quorate.it.support.ThreeNations;

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

  private ThreeNations coalition;
  private MissionEvents events;
  private Path pol;
  private Path ltu;
  private Path lva;
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

      ObjectNode proposal =
          events.proposal(
              pol, "POL", "operational", "Open corridor C", "Open corridor C at 06:00Z.");
      String proposalId = MissionEvents.id(proposal);
      assertThat(post(events.sign(proposal, pol)).path("outcome").asText()).isEqualTo("admitted");

      assertThat(
              post(events.sign(events.attestation(pol, "POL", proposalId, "concur", null), pol))
                  .path("outcome")
                  .asText())
          .isEqualTo("admitted");
      String rationale = "Escort capacity is insufficient before the rotation.";
      ObjectNode dissent = events.attestation(lva, "LVA", proposalId, "dissent", rationale);
      String dissentId = MissionEvents.id(dissent);
      assertThat(post(events.sign(dissent, lva)).path("outcome").asText()).isEqualTo("admitted");
      JsonNode open = state(proposalId);
      assertThat(open.path("status").asText()).isEqualTo("open");
      assertThat(open.path("final").asBoolean()).isFalse();

      byte[] ltuConcur =
          events.sign(events.attestation(ltu, "LTU", proposalId, "concur", null), ltu);
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
  private void coalition(String deadline) {
    coalition = ThreeNations.load("IT-COORD", deadline, null);
    events = coalition.events;
    mission = coalition.mission;
    pol = coalition.pol;
    ltu = coalition.ltu;
    lva = coalition.lva;
    coalition.endorse();
    NodeCredentials.install(mission, coalition.node);
  }

  @Test
  void proposalLapsesAtItsDeadlineAndTheNodeDecidesOnTheClock() throws Exception {
    coalition("PT1M");
    String proposalId = propose("Short-lived proposal");
    assertThat(
            post(events.sign(events.attestation(pol, "POL", proposalId, "concur", null), pol))
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

  private String propose(String title) {
    ObjectNode proposal =
        events.proposal(pol, "POL", "operational", title, title + ", as proposed.");
    assertThat(post(events.sign(proposal, pol)).path("outcome").asText()).isEqualTo("admitted");
    return MissionEvents.id(proposal);
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
