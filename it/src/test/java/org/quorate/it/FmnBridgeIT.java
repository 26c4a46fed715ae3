package org.quorate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.quorate.it.support.Coalition.json;
import static org.quorate.it.support.Coalition.sha256Id;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quorate.it.support.Coalition;
import org.quorate.it.support.FmnBridges;
import org.quorate.it.support.FmnBroker;
import org.quorate.it.support.HttpApi;
import org.quorate.it.support.PortalClient;
import org.quorate.it.support.QuorateDeployment;
import org.quorate.it.support.QuorateServer;
import org.quorate.it.support.TestUser;

/**
 * Bridged FMN services (SPEC §4 "FMN services"): a national FMN service's broker, a separate
 * Artemis process ({@link FmnBroker}), is bridged to the test server with {@code
 * deploy/bin/fmn-bridge} (the jms-config fmn-*.cli scripts, WildFly's own bridges). Contributions
 * put on its queue are admitted here; decisions-topic messages published while it is down reach it
 * once it is back; it is killed with SIGKILL mid-stream and restarted on its journal, and every
 * input still has exactly one outcome record (one {@code admitted} log entry).
 *
 * <p>Two kinds: {@code artemis} (contributions in by a JMS bridge over the core protocol,
 * ONCE_AND_ONLY_ONCE; decisions out by a core bridge with duplicate detection) and {@code amqp}
 * (both directions JMS bridges with Qpid JMS over AMQP 1.0, DUPLICATES_OK: a second copy is a
 * counted replay of the same input, never a second outcome).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FmnBridgeIT {
  private static final int CONTRIBUTIONS = 16;
  private static Coalition coalition;
  private static FmnBroker broker;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return QuorateDeployment.ear();
  }

  private static synchronized Coalition coalition() {
    if (coalition == null) {
      coalition = Coalition.load("IT-FMN");
    }
    return coalition;
  }

  /** The FMN service's broker, started once on ports 61616 + offset and up. */
  private static synchronized FmnBroker broker() {
    if (broker == null) {
      broker = FmnBroker.startFresh("bridge", 61616 + QuorateServer.portOffset());
    }
    return broker;
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void artemisBrokerFeedsContributionsAndGetsDecisionsExactlyOnceThroughAKill() throws Exception {
    bridgeEndToEnd(
        "artemis", "nor", FmnBroker.CONTRIBUTIONS, FmnBroker.DECISIONS, "core-bridge", true);
  }

  @Test
  void amqpBrokerFeedsContributionsAndGetsDecisionsWithoutASecondOutcome() throws Exception {
    bridgeEndToEnd(
        "amqp",
        "dnk",
        FmnBroker.OTHER_CONTRIBUTIONS,
        FmnBroker.OTHER_DECISIONS,
        "jms-bridge",
        false);
  }

  private void bridgeEndToEnd(
      String kind,
      String service,
      String inQueue,
      String outQueue,
      String outKind,
      boolean exactlyOnce)
      throws Exception {
    Coalition c = coalition();
    FmnBroker fmn = broker();
    String name = "fmn-" + service;
    long started = System.nanoTime();
    FmnBridges.run(
        fmn.password(),
        "add",
        "--kind",
        kind,
        "--name",
        service.toUpperCase(java.util.Locale.ROOT),
        "--host",
        "127.0.0.1",
        "--port",
        Integer.toString(fmn.port()),
        "--user",
        FmnBroker.USER,
        "--queue",
        inQueue,
        "--decisions",
        outQueue);
    FmnBridges.awaitHealthy();
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              JsonNode in = bridge(name + "-in");
              JsonNode out = bridge(name + "-decisions");
              assertThat(in).as("REST status of " + name + "-in").isNotNull();
              assertThat(in.path("started").asBoolean()).as(in.toString()).isTrue();
              assertThat(out).as("REST status of " + name + "-decisions").isNotNull();
              assertThat(out.path("kind").asText()).isEqualTo(outKind);
              assertThat(out.path("started").asBoolean()).as(out.toString()).isTrue();
            });
    System.out.println("FmnBridgeIT " + kind + ": bridges up after " + seconds(started) + " s");

    // Contributions on the FMN queue; the broker is killed while the bridge drains them.
    List<byte[]> ders = new ArrayList<>();
    for (int i = 0; i < CONTRIBUTIONS; i++) {
      Path cert = c.polAuthority();
      ders.add(
          c.openssl.sign(
              c.contribution(cert, "POL", 1, null, kind + " bridged contribution " + i), cert));
    }
    send(fmn, inQueue, ders.subList(0, CONTRIBUTIONS / 2));
    Coalition.awaitOutcome(sha256Id(ders.get(0)), "admitted");
    send(fmn, inQueue, ders.subList(CONTRIBUTIONS / 2, CONTRIBUTIONS));
    fmn.kill();
    fmn.restart();
    for (byte[] der : ders) {
      Coalition.awaitOutcome(sha256Id(der), "admitted");
    }
    System.out.println(
        "FmnBridgeIT " + kind + ": contributions admitted after " + seconds(started) + " s");

    // Decisions-topic messages published while the FMN broker is down queue here, then go out:
    // a chain fork (two events of one signer at seq 1) is published as evidence.
    fmn.kill();
    Path forker = c.polAuthority();
    byte[] first = c.openssl.sign(c.contribution(forker, "POL", 1, null, kind + " fork A"), forker);
    byte[] second =
        c.openssl.sign(c.contribution(forker, "POL", 1, null, kind + " fork B"), forker);
    submitRest(first);
    JsonNode forked = submitRest(second);
    assertThat(forked.path("outcome").asText()).as(forked.toString()).isEqualTo("evidence");
    String forkId = forked.path("eventId").asText();
    JsonNode backlog = bridge(name + "-decisions");
    assertThat(backlog.path("backlog").asLong())
        .as("decisions wait while the FMN broker is down: " + backlog)
        .isPositive();
    fmn.restart();
    List<String> decisions = fmn.receive(outQueue, t -> t.contains(forkId), Duration.ofSeconds(3));
    assertThat(String.join("\n", decisions)).contains("\"evidence\"").contains(forkId);
    if (exactlyOnce) {
      assertThat(decisions).as("duplicate detection: nothing twice").doesNotHaveDuplicates();
    }

    // Every input: one outcome record. The log of the mission holds exactly one admitted entry per
    // contribution; further arrivals (DUPLICATES_OK after the kill) are counted replays.
    int replays = 0;
    for (byte[] der : ders) {
      JsonNode r = json(HttpApi.get("contributions/" + sha256Id(der)).body());
      assertThat(r.path("outcome").asText()).isEqualTo("admitted");
      replays += r.path("replays").asInt();
      JsonNode entries =
          json(
              HttpApi.get(
                      "missions/" + c.mission + "/log/entries?event=" + r.path("eventId").asText(),
                      TestUser.AUDITOR)
                  .body());
      long admitted = 0;
      for (JsonNode e : entries) {
        admitted += "admitted".equals(e.path("outcome").asText()) ? 1 : 0;
        assertThat(e.path("outcome").asText()).isIn("admitted", "duplicate");
      }
      assertThat(admitted).as("admitted entries of " + r.path("eventId").asText()).isEqualTo(1);
    }
    if (exactlyOnce) {
      assertThat(replays).as("ONCE_AND_ONLY_ONCE: no input arrived twice").isZero();
    }
    JsonNode in = bridge(name + "-in");
    assertThat(in.path("forwarded").asLong()).as(in.toString()).isPositive();
    PortalClient portal = new PortalClient();
    assertThat(portal.login(TestUser.AUDITOR, "bridges.xhtml").statusCode()).isEqualTo(200);
    HttpResponse<String> page = portal.get("bridges.xhtml");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).as("portal page").contains(name + "-in").contains(name + "-decisions");
    assertThat(prometheus())
        .as("gauges in the Prometheus registry")
        .anyMatch(l -> l.startsWith("quorate_fmn_bridge_forwarded") && l.contains(name + "-in"));
    System.out.println(
        "FmnBridgeIT "
            + kind
            + ": done after "
            + seconds(started)
            + " s ("
            + replays
            + " replays after the kill)");

    FmnBridges.run(fmn.password(), "remove", "--name", service);
    assertThat(bridge(name + "-in")).as("removed").isNull();
  }

  /** The management interface's Prometheus scrape, line by line. */
  private static List<String> prometheus() throws IOException, InterruptedException {
    HttpResponse<String> r =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(
                            "http://127.0.0.1:" + QuorateServer.managementPort() + "/prometheus"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.body().lines().toList();
  }

  private static long seconds(long since) {
    return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - since);
  }

  /** The REST status of one bridge, or null when there is none. */
  private static JsonNode bridge(String name) {
    HttpResponse<String> r = HttpApi.get("bridges", TestUser.AUDITOR);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    for (JsonNode b : json(r.body())) {
      if (b.path("name").asText().equals(name)) {
        return b;
      }
    }
    return null;
  }

  private static JsonNode submitRest(byte[] der) {
    HttpResponse<String> r = HttpApi.post("contributions", der, "application/pkcs7-mime", null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return json(r.body());
  }

  /** The national system: persistent BytesMessages on the FMN queue, over AMQP 1.0. */
  private static void send(FmnBroker fmn, String queue, List<byte[]> ders) throws JMSException {
    JmsConnectionFactory factory = new JmsConnectionFactory(fmn.amqpUri());
    try (Connection connection = factory.createConnection(FmnBroker.USER, fmn.password())) {
      Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
      MessageProducer producer = session.createProducer(session.createQueue(queue));
      producer.setDeliveryMode(DeliveryMode.PERSISTENT);
      for (byte[] der : ders) {
        BytesMessage m = session.createBytesMessage();
        m.writeBytes(der);
        m.setStringProperty("quorate_transport", "fmn-test");
        producer.send(m);
      }
    }
  }
}
