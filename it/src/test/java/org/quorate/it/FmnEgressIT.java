package org.quorate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quorate.it.support.Coalition.json;
import static org.quorate.it.support.MissionEvents.admitted;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quorate.it.support.FmnBridges;
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
    // above FmnBridgeIT's range, so both may run in one build
    broker = FmnBroker.startFresh("egress", 61616 + 40 + QuorateServer.portOffset());
    ThreeNations c = ThreeNations.load("IT-EGRESS", "PT1H", JSON.readTree(label("SECRET")));
    c.endorse();
    NodeCredentials.install(c.mission, c.node);

    FmnBridges.run(
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
    FmnBridges.awaitHealthy();
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
      FmnBridges.run(broker.password(), "remove", "--name", "EGR");
      FmnBridges.awaitHealthy();
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
    List<String> texts =
        broker.receive(
            FmnBroker.DECISIONS, t -> t.contains(id) && t.contains("\"status\""), Duration.ZERO);
    for (String text : texts) {
      JsonNode m = json(text);
      if ("status".equals(m.path("kind").asText()) && id.equals(m.path("proposal").asText())) {
        return m;
      }
    }
    throw new AssertionError("no status message of " + id);
  }
}
