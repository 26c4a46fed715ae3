package org.quorate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quorate.it.support.AmqpJms;
import org.quorate.it.support.HttpApi;
import org.quorate.it.support.QuorateDeployment;
import org.quorate.it.support.QuorateServer;
import org.quorate.it.support.Rhea;
import org.quorate.it.support.ServerModel;

/**
 * Smoke test of the deployment and the infrastructure it relies on: the EAR deploys, the health
 * resource answers, QuorateDS runs on the database selected at server start, and the AMQP 1.0
 * acceptor takes a message for the contributions queue from Qpid JMS and from Node.js rhea. Runs
 * once per database (failsafe executions it-h2 and it-postgresql).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DeploymentSmokeIT {

  /** A DER SEQUENCE { INTEGER 1 }: a well-formed DER value, not a SignedData. */
  private static final byte[] NOT_A_SIGNED_DATA = {0x30, 0x03, 0x02, 0x01, 0x01};

  @ArquillianResource private ManagementClient management;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return QuorateDeployment.ear();
  }

  @Test
  void healthAnswersUp() {
    HttpResponse<String> response = HttpApi.get("health");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"status\"").contains("\"up\"");
  }

  @Test
  void readinessCountsThePeerLinksAndNamesEachUnpausedOneThatIsDown() throws Exception {
    HttpResponse<String> response = HttpApi.get("health/ready");
    com.fasterxml.jackson.databind.JsonNode ready =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
    com.fasterxml.jackson.databind.JsonNode links = ready.path("peerLinks");
    int configured = links.path("configured").asInt(-1);
    int connected = links.path("connected").asInt(-1);
    int paused = links.path("paused").asInt(-1);

    assertThat(configured).as(response.body()).isNotNegative();
    assertThat(connected).as(response.body()).isBetween(0, configured);
    assertThat(paused).as(response.body()).isBetween(0, configured);
    long peersDown = 0;
    for (com.fasterxml.jackson.databind.JsonNode d : ready.path("down")) {
      if (d.asText().startsWith("peer ")) {
        peersDown++;
      }
    }
    assertThat(peersDown).as(response.body()).isLessThanOrEqualTo(configured - connected);
    assertThat(response.statusCode())
        .as(response.body())
        .isEqualTo(ready.path("down").isMissingNode() ? 200 : 503);
    assertThat(ready.path("status").asText())
        .isEqualTo(response.statusCode() == 200 ? "up" : "down");
  }

  @Test
  void dataSourceRunsOnTheDatabaseSelectedAtStart() {
    String expectedPrefix =
        "postgresql".equals(QuorateServer.database()) ? "jdbc:postgresql:" : "jdbc:h2:";

    assertThat(ServerModel.quorateDataSource(management, "connection-url").asString())
        .startsWith(expectedPrefix);
    assertThat(ServerModel.quorateDataSource(management, "driver-name").asString())
        .isEqualTo(QuorateServer.database());
    assertThat(ServerModel.quorateDataSourceConnects(management)).isTrue();
  }

  @Test
  void qpidJmsBytesMessageReachesTheContributionsQueue() {
    long before = ServerModel.messagesAdded(management, QuorateServer.CONTRIBUTIONS_QUEUE);

    AmqpJms.send(NOT_A_SIGNED_DATA);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> ServerModel.messagesAdded(management, QuorateServer.CONTRIBUTIONS_QUEUE),
            added -> added >= before + 1);
  }

  @Test
  void rheaDataSectionReachesTheContributionsQueue() {
    long before = ServerModel.messagesAdded(management, QuorateServer.CONTRIBUTIONS_QUEUE);

    String output = Rhea.send(NOT_A_SIGNED_DATA);

    assertThat(output).endsWith("accepted");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> ServerModel.messagesAdded(management, QuorateServer.CONTRIBUTIONS_QUEUE),
            added -> added >= before + 1);
  }
}
