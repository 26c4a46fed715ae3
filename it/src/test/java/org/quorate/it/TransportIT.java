package org.quorate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.quorate.it.support.Coalition.awaitOutcome;
import static org.quorate.it.support.Coalition.json;
import static org.quorate.it.support.Coalition.sha256Id;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quorate.it.support.Coalition;
import org.quorate.it.support.FailingDeliveries;
import org.quorate.it.support.HttpApi;
import org.quorate.it.support.QuorateDeployment;
import org.quorate.it.support.QuorateServer;
import org.quorate.it.support.Rhea;
import org.quorate.it.support.TestUser;

/**
 * Ingest transport (SPEC §1 Transport, §2 last paragraph): no input, however malformed or large,
 * crashes ingestion, blocks the queue or is dropped; only infrastructure failures roll back and
 * redeliver.
 *
 * <p>AMQP bodies that Artemis' AMQP-to-core conversion cannot map (an amqp-value list of unsigned
 * integers, as rhea sends for {@code body: [1,2,3]}, maps, described values, sequences, several
 * data sections, none) used to make the broker remove the MDB's consumers (AMQ222151); the
 * contributions divert's transformer now turns every AMQP message into a core BytesMessage first.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TransportIT {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String INGEST_QUEUE = "quorate.contributions.ingest";
  private static final String DLQ = "quorate.contributions.DLQ";

  /** Sessions of the contributions MDB: {@code maxSession} of {@code ContributionConsumer}. */
  private static final long MDB_SESSIONS = 256;

  private static final String EMPTY_INPUT = sha256Id(new byte[0]);
  private static Coalition coalition;

  @ArquillianResource private ManagementClient management;

  /** The shipped EAR plus a test-only observer that fails chosen deliveries (no hook shipped). */
  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return QuorateDeployment.withFailingDeliveries(QuorateDeployment.ear());
  }

  private static synchronized Coalition coalition() {
    if (coalition == null) {
      coalition = Coalition.load("IT-TRANSPORT");
    }
    return coalition;
  }

  private byte[] validContribution(String title) {
    Coalition c = coalition();
    Path cert = c.polAuthority();
    return c.openssl.sign(c.contribution(cert, "POL", 1, null, title), cert);
  }

  @Test
  void everyAmqpBodyEndsAsOneRecordedInputAndTheQueueKeepsConsuming() {
    int nonce = 1 + RANDOM.nextInt(1_000_000_000);
    // The resource adapter opens the MDB's sessions one by one after deployment; on a slow start
    // the test can begin before all are there (CI once saw 213 of 256), so it waits for them all.
    await()
        .atMost(Duration.ofSeconds(120))
        .untilAsserted(
            () ->
                assertThat(queueAttribute(INGEST_QUEUE, "consumer-count"))
                    .as("the MDB's sessions (ContributionConsumer maxSession)")
                    .isEqualTo(MDB_SESSIONS));
    long deadLettered = queueAttribute(DLQ, "messages-added");
    JsonNode emptyBefore = find(EMPTY_INPUT);
    byte[] split = validContribution("amqp split over two data sections " + nonce);
    byte[] binary = validContribution("amqp value binary " + nonce);
    List<String> bad =
        List.of(
            "list",
            "map",
            "uint",
            "described",
            "null",
            "string",
            "sequence",
            "data-parts",
            "empty-data",
            "no-body");
    List<String> kinds = new ArrayList<>(bad);
    kinds.add("der-split");
    kinds.add("der-binary");

    String output = rheaSendBodies(kinds, nonce, split, binary);
    assertThat(output.lines()).hasSize(kinds.size()).allMatch(l -> l.endsWith(" accepted"));
    List<String> qpid = qpidSendBodies(nonce);

    // The queue still consumes: a valid contribution sent after them all is admitted.
    byte[] after = validContribution("after the bad bodies " + nonce);
    sendWithQpid("qpid-after-" + nonce, m -> {}, after);
    awaitOutcome(sha256Id(after), "admitted");
    // Valid DER split over data sections, or as an amqp-value binary, is a contribution.
    assertThat(awaitOutcome(sha256Id(split), "admitted").path("transport").asText())
        .startsWith("rhea-der-split-" + nonce + " ");
    awaitOutcome(sha256Id(binary), "admitted");

    // Every bad body is recorded, rejected with a reason, in the quarantine.
    for (String kind : bad) {
      if (kind.equals("empty-data") || kind.equals("no-body")) {
        continue; // same (empty) bytes: one record, counted below
      }
      // An amqp-value null is the same bytes in every run: on a database kept between runs
      // (PostgreSQL) it is a replay of the record an earlier run made, under that run's nonce.
      JsonNode r =
          kind.equals("null")
              ? awaitQuarantined("rhea-null-", "")
              : awaitQuarantined("rhea-" + kind + "-" + nonce);
      assertThat(r.path("outcome").asText()).as(r.toString()).isEqualTo("rejected");
      assertThat(r.path("reasonCode").asText())
          .as(r.toString())
          .isIn("unsupported-message", "malformed-cms");
      assertThat(r.path("inputId").asText()).as("bytes kept").isNotEqualTo(EMPTY_INPUT);
    }
    for (String prefix : qpid) {
      JsonNode r = awaitQuarantined(prefix);
      assertThat(r.path("outcome").asText()).as(r.toString()).isEqualTo("rejected");
    }
    JsonNode string = awaitQuarantined("rhea-string-" + nonce);
    assertThat(string.path("inputId").asText())
        .isEqualTo(sha256Id(("not a contribution " + nonce).getBytes(StandardCharsets.UTF_8)));
    JsonNode parts = awaitQuarantined("rhea-data-parts-" + nonce);
    assertThat(parts.path("inputId").asText())
        .as("data sections concatenated")
        .isEqualTo(sha256Id(("part one " + nonce + "part two").getBytes(StandardCharsets.UTF_8)));
    // The empty body (an empty data section, no body at all, an empty BytesMessage, perhaps Qpid's
    // body-less Message): one input, each further arrival counted as a replay.
    int emptyArrivals = 3;
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              JsonNode now = find(EMPTY_INPUT);
              assertThat(now).isNotNull();
              int expected =
                  emptyBefore == null
                      ? emptyArrivals - 1
                      : emptyBefore.path("replays").asInt() + emptyArrivals;
              assertThat(now.path("replays").asInt()).isGreaterThanOrEqualTo(expected);
              assertThat(now.path("outcome").asText()).isEqualTo("rejected");
            });

    assertThat(queueAttribute(INGEST_QUEUE, "consumer-count"))
        .as("the MDB's consumers are all still there")
        .isEqualTo(MDB_SESSIONS);
    assertThat(queueAttribute(DLQ, "messages-added"))
        .as("nothing dead-lettered")
        .isEqualTo(deadLettered);
  }

  @Test
  void aRolledBackDeliveryIsRedeliveredAndStoredOnce() {
    long deadLettered = queueAttribute(DLQ, "messages-added");
    byte[] der = validContribution("fails once, then admitted");
    // FailingDeliveries fails the transaction recording its first delivery, as the database would.
    sendWithQpid(FailingDeliveries.FAIL_ONCE, m -> {}, der);

    JsonNode r = awaitOutcome(sha256Id(der), "admitted");
    assertThat(r.path("transport").asText())
        .as("the admitted delivery is the redelivery")
        .contains("redelivered");
    assertThat(r.path("replays").asInt()).as("stored once").isZero();
    assertThat(queueAttribute(DLQ, "messages-added")).isEqualTo(deadLettered);
  }

  @Test
  void aMessageFailingEveryDeliveryIsDeadLetteredWithTheReason() {
    long deadLettered = queueAttribute(DLQ, "messages-added");
    byte[] der = validContribution("fails on every delivery");
    String transport = FailingDeliveries.FAIL_ALWAYS + "-" + System.nanoTime();
    // FailingDeliveries fails every transaction recording it, as a database that is down would.
    sendWithQpid(transport, m -> {}, der);
    // 5 attempts, redelivered after 1, 2, 4 and 8 s.
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> queueAttribute(DLQ, "messages-added") > deadLettered);
    ModelNode list =
        execute(
            Operations.createOperation(
                "list-messages",
                Operations.createAddress(
                    "subsystem", "messaging-activemq", "server", "default", "jms-queue", DLQ)));
    ModelNode mine = null;
    for (ModelNode m : list.asList()) {
      if (m.hasDefined("quorate_transport")
          && m.get("quorate_transport").asString().equals(transport)) {
        mine = m;
      }
    }
    assertThat(mine).as("the dead-lettered message, in " + list).isNotNull();
    assertThat(mine.get("quorate_dead_letter_reason").asString())
        .contains(FailingDeliveries.ALWAYS_MESSAGE);
    assertThat(mine.get("quorate_delivery_attempts").asInt()).isEqualTo(5);
    assertThat(mine.get("quorate_original_message_id").asString()).isNotBlank();
    assertThat(queueAttribute(DLQ, "messages-added"))
        .as("one copy, with the reason; the original was consumed")
        .isEqualTo(deadLettered + 1);
    assertThat(HttpApi.get("contributions/" + sha256Id(der)).statusCode())
        .as("nothing recorded while 'the database is down'")
        .isEqualTo(404);
  }

  @Test
  void submittersMaySendOnlyToTheContributionsAddress() {
    for (String address :
        List.of(
            "jms.queue.quorate.contributions.ingest",
            "jms.queue.quorate.contributions.DLQ",
            "jms.topic.quorate.decisions",
            "jms.queue.made-up-" + System.nanoTime())) {
      JmsConnectionFactory factory = new JmsConnectionFactory(QuorateServer.amqpUri());
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> {
                try (Connection connection =
                    factory.createConnection(
                        TestUser.SUBMITTER.username(), TestUser.SUBMITTER.password())) {
                  Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                  MessageProducer producer =
                      session.createProducer(
                          address.startsWith("jms.topic.")
                              ? session.createTopic(address)
                              : session.createQueue(address));
                  BytesMessage m = session.createBytesMessage();
                  m.writeBytes(new byte[] {1, 2, 3});
                  producer.send(m);
                }
              })
          .as("a submitter sending to " + address)
          .isInstanceOf(JMSException.class);
    }
  }

  @Test
  void identicalRestSubmissionsAtTheSameMomentAreOneInputAndCountedReplays() throws Exception {
    byte[] garbage = ("parallel garbage " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
    int n = 8;
    List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
    HttpClient client = HttpClient.newHttpClient();
    for (int i = 0; i < n; i++) {
      sent.add(
          client.sendAsync(
              HttpRequest.newBuilder(QuorateServer.api("contributions"))
                  .header("Content-Type", "application/pkcs7-mime")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(garbage))
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    for (java.util.concurrent.CompletableFuture<HttpResponse<String>> f : sent) {
      HttpResponse<String> r = f.get(60, TimeUnit.SECONDS);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(r.body()).doesNotContain("Exception");
    }
    JsonNode record =
        json(HttpApi.get("contributions/" + sha256Id(garbage), TestUser.AUDITOR).body());
    assertThat(record.path("outcome").asText()).isEqualTo("rejected");
    assertThat(record.path("replays").asInt()).as("every other arrival counted").isEqualTo(n - 1);
  }

  @Test
  void largeAmqpBodiesAreRecordedWholeOrCutAt8MiB() {
    // Above Artemis' 100 KiB AMQP large-message threshold: read from the large-message file.
    byte[] mebibyte = new byte[1024 * 1024];
    RANDOM.nextBytes(mebibyte);
    assertThat(Rhea.send(mebibyte)).endsWith("accepted");
    assertThat(awaitOutcome(sha256Id(mebibyte), "rejected").path("reasonCode").asText())
        .isEqualTo("malformed-cms");

    byte[] ten = new byte[10 * 1024 * 1024];
    RANDOM.nextBytes(ten);
    assertThat(Rhea.send(ten)).endsWith("accepted");
    String kept = sha256Id(Arrays.copyOf(ten, 8 * 1024 * 1024));
    assertThat(awaitOutcome(kept, "rejected").path("reasonCode").asText()).isEqualTo("too-large");
  }

  @Test
  void restBodiesAboveTheContainerLimitAreRecordedTooLarge() {
    byte[] eleven = new byte[11 * 1024 * 1024];
    RANDOM.nextBytes(eleven);
    HttpResponse<String> r = HttpApi.post("contributions", eleven, "application/pkcs7-mime", null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
    JsonNode answer = json(r.body());
    assertThat(answer.path("reasonCode").asText()).isEqualTo("too-large");
    assertThat(answer.path("inputId").asText()).isEqualTo(sha256Id(eleven));
    assertThat(awaitOutcome(sha256Id(eleven), "rejected").path("reasonCode").asText())
        .isEqualTo("too-large");

    byte[] seventeen = new byte[17 * 1024 * 1024];
    RANDOM.nextBytes(seventeen);
    HttpResponse<String> r17 =
        HttpApi.post("contributions", seventeen, "application/octet-stream", null);
    assertThat(r17.statusCode()).as(r17.body()).isEqualTo(413);
    String kept = sha256Id(Arrays.copyOf(seventeen, 16 * 1024 * 1024));
    assertThat(json(r17.body()).path("inputId").asText()).as("kept up to 16 MiB").isEqualTo(kept);
    awaitOutcome(kept, "rejected");
  }

  @Test
  void restCallsWithoutCredentialsGet401AndThePortalItsLoginPage() throws Exception {
    for (String path : List.of("quarantine", "missions")) {
      HttpResponse<String> r = HttpApi.get(path);
      assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(401);
      assertThat(r.headers().firstValue("WWW-Authenticate"))
          .as(path)
          .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
    }
    assertThat(HttpApi.get("quarantine", TestUser.AUDITOR).statusCode()).isEqualTo(200);
    assertThat(HttpApi.get("health").statusCode()).as("open resources stay open").isEqualTo(200);
    HttpResponse<String> portal =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(QuorateServer.portal("missions.xhtml")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(portal.statusCode()).isEqualTo(200);
    assertThat(portal.body()).as("the portal still uses form login").contains("j_security_check");
  }

  // ---- helpers ----------------------------------------------------------------------------

  /** Sends JMS message kinds other than BytesMessage with Qpid JMS; returns their transports. */
  private static List<String> qpidSendBodies(int nonce) {
    List<String> transports = new ArrayList<>();
    JmsConnectionFactory factory = new JmsConnectionFactory(QuorateServer.amqpUri());
    try (Connection connection =
        factory.createConnection(TestUser.SUBMITTER.username(), TestUser.SUBMITTER.password())) {
      Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
      MessageProducer producer =
          session.createProducer(session.createQueue(QuorateServer.CONTRIBUTIONS_ADDRESS));
      producer.setDeliveryMode(DeliveryMode.PERSISTENT);
      StreamMessage stream = session.createStreamMessage();
      stream.writeInt(nonce);
      stream.writeBytes(new byte[] {1, 2, 3});
      stream.writeString("stream");
      MapMessage map = session.createMapMessage();
      map.setBytes("der", new byte[] {0x30, 0x00});
      map.setInt("nonce", nonce);
      Message plain = session.createMessage();
      plain.setIntProperty("nonce", nonce);
      BytesMessage empty = session.createBytesMessage();
      for (Map.Entry<String, Message> e :
          Map.of("stream", stream, "map", map, "plain", plain, "empty-bytes", empty).entrySet()) {
        String transport = "qpid-" + e.getKey() + "-" + nonce;
        e.getValue().setStringProperty("quorate_transport", transport);
        producer.send(e.getValue());
        if (!e.getKey().equals("plain") && !e.getKey().equals("empty-bytes")) {
          transports.add(transport);
        }
      }
    } catch (JMSException e) {
      throw new IllegalStateException("Qpid JMS send failed", e);
    }
    return transports;
  }

  private static void sendWithQpid(String transport, Consumer<Message> extra, byte[] der) {
    JmsConnectionFactory factory = new JmsConnectionFactory(QuorateServer.amqpUri());
    try (Connection connection =
        factory.createConnection(TestUser.SUBMITTER.username(), TestUser.SUBMITTER.password())) {
      Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
      MessageProducer producer =
          session.createProducer(session.createQueue(QuorateServer.CONTRIBUTIONS_ADDRESS));
      producer.setDeliveryMode(DeliveryMode.PERSISTENT);
      BytesMessage m = session.createBytesMessage();
      m.writeBytes(der);
      m.setStringProperty("quorate_transport", transport);
      extra.accept(m);
      producer.send(m);
    } catch (JMSException e) {
      throw new IllegalStateException("Qpid JMS send failed", e);
    }
  }

  private static String rheaSendBodies(List<String> kinds, int nonce, byte[] der, byte[] der2) {
    Path file = null;
    Path file2 = null;
    try {
      file = Files.createTempFile("quorate-rhea-", ".der");
      file2 = Files.createTempFile("quorate-rhea-", ".der");
      Files.write(file, der);
      Files.write(file2, der2);
      Path script =
          Path.of(System.getProperty("quorate.it.rhea.script"))
              .resolveSibling("rhea-send-bodies.js");
      ProcessBuilder builder =
          new ProcessBuilder("node", script.toString()).redirectErrorStream(true);
      Map<String, String> env = builder.environment();
      env.put("NODE_PATH", System.getProperty("quorate.it.node.modules"));
      env.put("QUORATE_AMQP_HOST", QuorateServer.HOST);
      env.put("QUORATE_AMQP_PORT", Integer.toString(QuorateServer.amqpPort()));
      env.put("QUORATE_AMQP_USER", TestUser.SUBMITTER.username());
      env.put("QUORATE_AMQP_PASSWORD", TestUser.SUBMITTER.password());
      env.put("QUORATE_AMQP_ADDRESS", QuorateServer.CONTRIBUTIONS_ADDRESS);
      env.put("QUORATE_BODIES", String.join(",", kinds));
      env.put("QUORATE_NONCE", Integer.toString(nonce));
      env.put("QUORATE_DER_FILE", file.toString());
      env.put("QUORATE_DER_FILE_2", file2.toString());
      Process process = builder.start();
      if (!process.waitFor(90, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("rhea-send-bodies.js gave no answer within 90 s");
      }
      String output =
          new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      assertThat(process.exitValue()).as(output).isZero();
      return output;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run node rhea-send-bodies.js", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      for (Path p : new Path[] {file, file2}) {
        if (p != null) {
          p.toFile().delete();
        }
      }
    }
  }

  /** The quarantined record whose transport starts with {@code prefix + " "} (waits up to 60 s). */
  private static JsonNode awaitQuarantined(String prefix) {
    return awaitQuarantined(prefix, " ");
  }

  /** The quarantined record whose transport starts with {@code prefix + separator}. */
  private static JsonNode awaitQuarantined(String prefix, String separator) {
    JsonNode[] found = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              HttpResponse<String> r = HttpApi.get("quarantine", TestUser.AUDITOR);
              assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
              found[0] = null;
              for (JsonNode n : json(r.body())) {
                if (n.path("transport").asText().startsWith(prefix + separator)) {
                  found[0] = n;
                }
              }
              assertThat(found[0]).as("quarantined input sent as " + prefix).isNotNull();
            });
    return found[0];
  }

  private static JsonNode find(String id) {
    HttpResponse<String> r = HttpApi.get("contributions/" + id, TestUser.AUDITOR);
    return r.statusCode() == 200 ? json(r.body()) : null;
  }

  private long queueAttribute(String queue, String attribute) {
    ModelNode op =
        Operations.createReadAttributeOperation(
            Operations.createAddress(
                "subsystem", "messaging-activemq", "server", "default", "jms-queue", queue),
            attribute);
    return execute(op).asLong();
  }

  private ModelNode execute(ModelNode op) {
    try {
      ModelNode result = management.getControllerClient().execute(op);
      if (!Operations.isSuccessfulOutcome(result)) {
        throw new IllegalStateException(
            op + " failed: " + Operations.getFailureDescription(result).asString());
      }
      return Operations.readResult(result);
    } catch (IOException e) {
      throw new IllegalStateException("management operation failed: " + op, e);
    }
  }
}
