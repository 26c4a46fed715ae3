package org.quorate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code submit --amqp} against an embedded Artemis broker with an AMQP 1.0 acceptor. */
class AmqpSubmitTest {
  @TempDir Path tmp;
  private EmbeddedActiveMQ broker;
  private String url;

  @BeforeEach
  void startBroker() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    url = "amqp://127.0.0.1:" + port;
    ConfigurationImpl config = new ConfigurationImpl();
    config.setPersistenceEnabled(false);
    config.setSecurityEnabled(false);
    config.setJournalDirectory(tmp.resolve("journal").toString());
    config.setBindingsDirectory(tmp.resolve("bindings").toString());
    config.setPagingDirectory(tmp.resolve("paging").toString());
    config.setLargeMessagesDirectory(tmp.resolve("large").toString());
    config.addAcceptorConfiguration("amqp", "tcp://127.0.0.1:" + port + "?protocols=AMQP");
    config.addQueueConfiguration(
        QueueConfiguration.of(AmqpSender.DEFAULT_ADDRESS).setRoutingType(RoutingType.ANYCAST));
    broker = new EmbeddedActiveMQ();
    broker.setConfiguration(config);
    broker.start();
  }

  @AfterEach
  void stopBroker() throws Exception {
    broker.stop();
  }

  @Test
  void submitAmqpSendsPersistentBytesMessagesWithTheExactDer() throws Exception {
    byte[] der = new byte[5000];
    new java.util.Random(11).nextBytes(der);
    Path a = tmp.resolve("a.p7m");
    Files.write(a, der);
    Cli.Result r =
        Cli.run(
            "submit",
            a.toString(),
            "--amqp",
            url,
            "--user",
            "submitter",
            "--password-env",
            FakeServer.someEnvironmentVariable());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("sent, input id " + Pem.sha256Id(der));

    JmsConnectionFactory factory = new JmsConnectionFactory(url);
    factory.setValidatePropertyNames(false);
    try (Connection c = factory.createConnection()) {
      c.start();
      Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
      MessageConsumer consumer = s.createConsumer(s.createQueue(AmqpSender.DEFAULT_ADDRESS));
      Message m = consumer.receive(10_000);
      assertThat(m).isInstanceOf(BytesMessage.class);
      BytesMessage bm = (BytesMessage) m;
      byte[] received = new byte[(int) bm.getBodyLength()];
      bm.readBytes(received);
      assertThat(received).isEqualTo(der);
      assertThat(bm.getStringProperty("quorate_transport")).isEqualTo("amqp");
      assertThat(bm.getJMSDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
      assertThat(consumer.receive(200)).isNull();
    }
  }

  @Test
  void demoSendsHalfOverAmqpAndReportsOutcomesStillOpen() throws Exception {
    java.util.Set<String> restInputs = java.util.concurrent.ConcurrentHashMap.newKeySet();
    try (FakeServer server =
        new FakeServer(
            r -> {
              if (r.method().equals("POST") && r.path().endsWith("/api/missions")) {
                return new FakeServer.Response(
                    201,
                    "{\"mission\":\"BALTIC-SHIELD\",\"genesisId\":\""
                        + Pem.sha256Id(r.body())
                        + "\",\"status\":\"pending\"}");
              }
              if (r.method().equals("POST") && r.path().endsWith("/api/contributions")) {
                String id = Pem.sha256Id(r.body());
                String outcome = restInputs.add(id) ? "admitted" : "duplicate";
                return new FakeServer.Response(
                    200, "{\"inputId\":\"" + id + "\",\"outcome\":\"" + outcome + "\"}");
              }
              if (r.path().contains("/contributions")) {
                // this stand-in never consumes the queue: AMQP inputs stay unknown
                return r.path().startsWith("/quorate/api/missions/")
                    ? new FakeServer.Response(200, "[]")
                    : new FakeServer.Response(404, "{}");
              }
              return new FakeServer.Response(200, "{\"status\":\"up\"}");
            })) {
      String env = FakeServer.someEnvironmentVariable();
      Cli.Result r =
          Cli.run(
              "demo",
              "--url",
              server.url(),
              "--amqp",
              url,
              "--dir",
              tmp.resolve("d").toString(),
              "--password-env",
              env,
              "--amqp-password-env",
              env,
              "--timeout",
              "2");
      assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(DemoCommand.MISMATCH);
      java.util.List<String> amqpSent =
          r.out()
              .lines()
              .filter(l -> l.startsWith("sent     AMQP"))
              .map(l -> l.substring(l.lastIndexOf(' ') + 1))
              .toList();
      // every other step that alternates REST and AMQP (both phases: the second holds the
      // partial-quorum and governance steps), plus the three of the out-of-order burst
      assertThat(amqpSent).hasSize(23);
      assertThat(r.out().lines().filter(l -> l.startsWith("sent ") && l.contains(" burst: seq ")))
          .hasSize(3)
          .allMatch(l -> l.startsWith("sent     AMQP"));
      assertThat(r.out()).contains("(no outcome)").contains("some outcomes still open after 2 s");

      JmsConnectionFactory factory = new JmsConnectionFactory(url);
      factory.setValidatePropertyNames(false);
      java.util.List<String> received = new java.util.ArrayList<>();
      try (Connection c = factory.createConnection()) {
        c.start();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = s.createConsumer(s.createQueue(AmqpSender.DEFAULT_ADDRESS));
        for (Message m = consumer.receive(5000); m != null; m = consumer.receive(500)) {
          BytesMessage bm = (BytesMessage) m;
          byte[] der = new byte[(int) bm.getBodyLength()];
          bm.readBytes(der);
          received.add(Pem.sha256Id(der));
        }
      }
      assertThat(received).containsExactlyElementsOf(amqpSent);
      assertThat(received).doesNotContainAnyElementsOf(restInputs);
    }
  }

  @Test
  void unreachableAcceptorGivesAClearMessage() throws Exception {
    broker.stop();
    Path a = tmp.resolve("a.p7m");
    Files.write(a, new byte[] {1});
    Cli.Result r =
        Cli.run(
            "submit",
            a.toString(),
            "--amqp",
            url,
            "--password-env",
            FakeServer.someEnvironmentVariable());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .contains("cannot connect to the AMQP acceptor at " + url + " as submitter")
        .doesNotContain("\tat ");
    broker.start();
  }
}
