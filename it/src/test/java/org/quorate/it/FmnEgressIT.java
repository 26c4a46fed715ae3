package org.quorate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.quorate.it.support.Coalition.json;
import static org.quorate.it.support.MissionEvents.admitted;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quorate.it.support.FmnBroker;
import org.quorate.it.support.HttpApi;
import org.quorate.it.support.MissionEvents;
import org.quorate.it.support.NodeCredentials;
import org.quorate.it.support.QuorateDeployment;
import org.quorate.it.support.QuorateServer;
import org.quorate.it.support.TestUser;
import org.quorate.it.support.ThreeNations;

/**
 * Label filtering on FMN egress (SPEC §4 "FMN services", §6): a mission of posture NATO SECRET is
 * bridged out to an FMN service ({@code fmn-egr}, kind {@code artemis}, the stand-in broker {@link
 * FmnBroker}). A proposal's title (no label of its own: it carries the posture) reaches the FMN
 * broker only once the service's clearance admits it: withheld (null, named in {@code redacted})
 * while the service has no clearance, and while its clearance is RESTRICTED; shown once it is
 * SECRET. The clearance is set like a user's ({@code PUT /clearances/fmn-egr}).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FmnEgressIT {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final JsonMapper JSON = new JsonMapper();
  private static final String SERVICE = "fmn-egr";
  private static FmnBroker broker;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return QuorateDeployment.ear();
  }

  static String label(String classification) {
    return "{\"policy\":\"NATO\",\"classification\":\""
        + classification
        + "\",\"categories\":[{\"tagName\":\"Releasable To\",\"type\":\"PERMISSIVE\","
        + "\"values\":[\"NATO\"]}]}";
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void titlesLeaveOverFmnOnlyWhenTheServicesClearanceAdmitsThem() throws Exception {
    byte[] pw = new byte[12];
    RANDOM.nextBytes(pw);
    Path dir =
        Path.of(System.getProperty("quorate.it.fmn.dir", "target/fmn-broker"))
            .resolve("egress-" + System.currentTimeMillis());
    // above FmnBridgeIT's range, so both may run in one build
    broker =
        FmnBroker.start(dir, 61616 + 40 + QuorateServer.portOffset(), HexFormat.of().formatHex(pw));
    ThreeNations c = ThreeNations.load("IT-EGRESS", "PT1H", JSON.readTree(label("SECRET")));
    c.endorse();
    NodeCredentials.install(c.mission, c.node);

    fmnBridge(
        broker.password(),
        "add",
        "--kind",
        "artemis",
        "--name",
        "EGR",
        "--host",
        "127.0.0.1",
        "--port",
        Integer.toString(broker.port()),
        "--user",
        FmnBroker.USER,
        "--queue",
        FmnBroker.CONTRIBUTIONS,
        "--decisions",
        FmnBroker.DECISIONS);
    awaitHealthy();
    try {
      // no clearance for the service yet: fail closed
      JsonNode none = statusOf(c, "Strike package K-7 north");
      assertThat(none.path("title").isNull()).as(none.toString()).isTrue();
      assertThat(none.path("redacted").toString()).isEqualTo("[\"title\"]");

      setClearance("RESTRICTED");
      JsonNode restricted = statusOf(c, "Strike package K-7 south");
      assertThat(restricted.path("title").isNull()).as(restricted.toString()).isTrue();
      assertThat(restricted.path("redacted").toString()).isEqualTo("[\"title\"]");

      setClearance("SECRET");
      JsonNode secret = statusOf(c, "Strike package K-7 east");
      assertThat(secret.path("title").asText())
          .as(secret.toString())
          .isEqualTo("Strike package K-7 east");
      assertThat(secret.path("redacted")).isEmpty();
    } finally {
      fmnBridge(broker.password(), "remove", "--name", "EGR");
      awaitHealthy();
    }
  }

  private static void setClearance(String classification) {
    HttpResponse<String> r =
        HttpApi.put(
            "clearances/" + SERVICE,
            ("[" + label(classification) + "]").getBytes(StandardCharsets.UTF_8),
            "application/json",
            TestUser.OPERATOR);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  /** Submits a proposal (no label: the SECRET posture) and reads its status from the FMN side. */
  private static JsonNode statusOf(ThreeNations c, String title) throws Exception {
    var proposal = c.events.proposal(c.pol, "POL", "operational", title, title + ", as proposed.");
    String id = MissionEvents.id(proposal);
    admitted(c.events.sign(proposal, c.pol));
    for (String text : receive(broker, FmnBroker.DECISIONS, id)) {
      JsonNode m = json(text);
      if ("status".equals(m.path("kind").asText()) && id.equals(m.path("proposal").asText())) {
        return m;
      }
    }
    throw new AssertionError("no status message of " + id);
  }

  /** Reads the FMN decisions queue until a message naming {@code until} arrived. */
  private static List<String> receive(FmnBroker fmn, String queue, String until)
      throws JMSException {
    List<String> texts = new ArrayList<>();
    JmsConnectionFactory factory = new JmsConnectionFactory(fmn.amqpUri());
    try (Connection connection = factory.createConnection(FmnBroker.USER, fmn.password())) {
      connection.start();
      Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
      MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (System.nanoTime() < deadline) {
        Message m = consumer.receive(1000);
        if (m == null) {
          continue;
        }
        String text = m instanceof TextMessage t ? t.getText() : String.valueOf(m);
        texts.add(text);
        if (text != null && text.contains(until) && text.contains("\"status\"")) {
          return texts;
        }
      }
    }
    throw new AssertionError("no decisions-topic message naming " + until + " in " + texts);
  }

  /** Runs deploy/bin/fmn-bridge against the test server, the FMN password in the environment. */
  private static void fmnBridge(String password, String... args) {
    List<String> command = new ArrayList<>();
    command.add("bash");
    command.add(System.getProperty("quorate.it.fmn-bridge"));
    command.addAll(List.of(args));
    command.addAll(
        List.of(
            "--server",
            System.getProperty("jboss.home"),
            "--offset",
            Integer.toString(QuorateServer.portOffset())));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.put("FMN_BRIDGE_PASSWORD", password);
    try {
      Process p = builder.start();
      if (!p.waitFor(300, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("fmn-bridge " + args[0] + " gave no answer in 300 s");
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.exitValue()).as("fmn-bridge " + String.join(" ", args) + ": " + out).isZero();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run fmn-bridge", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** After a reload the application is deployed again: wait until it answers. */
  private static void awaitHealthy() {
    await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions()
        .until(() -> HttpApi.get("health").statusCode() == 200);
  }
}
