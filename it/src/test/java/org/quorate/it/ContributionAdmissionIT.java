package org.quorate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quorate.it.support.Coalition.awaitOutcome;
import static org.quorate.it.support.Coalition.json;
import static org.quorate.it.support.Coalition.sha256Id;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quorate.it.support.AmqpJms;
import org.quorate.it.support.Coalition;
import org.quorate.it.support.HttpApi;
import org.quorate.it.support.PortalClient;
import org.quorate.it.support.QuorateDeployment;
import org.quorate.it.support.Rhea;
import org.quorate.it.support.TestUser;

/**
 * The walking skeleton end to end (issue 2): contributions signed by the openssl binary travel JMS
 * (Qpid JMS over AMQP 1.0) or REST → admission → JPA, and read back over REST and the portal. Each
 * test uses its own credential, so its own chain starting at seq 1.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ContributionAdmissionIT {
  private static Coalition coalition;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return QuorateDeployment.ear();
  }

  private static synchronized Coalition coalition() {
    if (coalition == null) {
      coalition = Coalition.load("IT-ADMIT");
    }
    return coalition;
  }

  private static JsonNode submitRest(byte[] der) {
    HttpResponse<String> r =
        HttpApi.post("contributions", der, "application/pkcs7-mime", TestUser.SUBMITTER);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return json(r.body());
  }

  @Test
  void openSslSignedContributionOnTheJmsQueueIsAdmitted() {
    Coalition c = coalition();
    Path cert = c.polAuthority();
    byte[] der = c.openssl.sign(c.contribution(cert, "POL", 1, null, "jms admitted"), cert);

    AmqpJms.send(der);

    JsonNode answer = awaitOutcome(sha256Id(der), "admitted");
    assertThat(answer.path("member").asText()).isEqualTo("POL");
    assertThat(answer.path("signerSubject").asText()).contains("POL Approving Authority");
    assertThat(answer.path("transport").asText()).startsWith("amqp");
  }

  @Test
  void openSslSignedContributionOverRestIsAdmitted() {
    Coalition c = coalition();
    Path cert = c.polAuthority();
    byte[] content = c.contribution(cert, "POL", 1, null, "rest admitted");
    byte[] der = c.openssl.sign(content, cert);

    JsonNode answer = submitRest(der);

    assertThat(answer.path("outcome").asText()).isEqualTo("admitted");
    assertThat(answer.path("eventId").asText()).isEqualTo(sha256Id(content));
    assertThat(answer.path("inputId").asText()).isEqualTo(sha256Id(der));
  }

  @Test
  void oneFlippedByteIsRejectedWithAReasonAndKept() {
    Coalition c = coalition();
    Path cert = c.polAuthority();
    byte[] der = c.openssl.sign(c.contribution(cert, "POL", 1, null, "flipped"), cert);
    byte[] flipped = der.clone();
    int at = new String(der, StandardCharsets.ISO_8859_1).indexOf("flipped");
    assertThat(at).isPositive();
    flipped[at] ^= 0x01;

    AmqpJms.send(flipped);

    JsonNode answer = awaitOutcome(sha256Id(flipped), "rejected");
    assertThat(answer.path("reasonCode").asText()).isEqualTo("bad-signature");
    assertThat(answer.path("reason").asText()).isNotBlank();
    // Listed with the mission its content names.
    HttpResponse<String> listed =
        HttpApi.get(
            "missions/" + c.mission + "/contributions?outcome=rejected&reasonCode=bad-signature",
            TestUser.AUDITOR);
    assertThat(listed.body()).contains(sha256Id(flipped));
  }

  @Test
  void credentialFromAnotherMembersAnchorClaimingThisMemberIsRejected() {
    Coalition c = coalition();
    // Issued by LTU's national CA, with POL's authority subject, claiming member POL.
    Path cert = c.credential(Coalition.POL_AUTHORITY, c.ltuCa);
    byte[] der = c.openssl.sign(c.contribution(cert, "POL", 1, null, "wrong anchor"), cert);

    AmqpJms.send(der);

    JsonNode answer = awaitOutcome(sha256Id(der), "rejected");
    assertThat(answer.path("reasonCode").asText()).isEqualTo("anchor-not-member");
    assertThat(answer.path("reason").asText()).contains("LTU").contains("POL");
  }

  @Test
  void replayIsAnsweredDuplicateAndStoredOnce() {
    Coalition c = coalition();
    Path cert = c.polAuthority();
    byte[] der = c.openssl.sign(c.contribution(cert, "POL", 1, null, "replayed"), cert);
    assertThat(submitRest(der).path("outcome").asText()).isEqualTo("admitted");

    JsonNode again = submitRest(der);
    AmqpJms.send(der);

    assertThat(again.path("outcome").asText()).isEqualTo("duplicate");
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        json(HttpApi.get("contributions/" + sha256Id(der), TestUser.AUDITOR).body())
                            .path("replays")
                            .asInt())
                    .isEqualTo(2));
    JsonNode listed =
        json(HttpApi.get("missions/" + c.mission + "/contributions", TestUser.AUDITOR).body());
    long rows = 0;
    for (JsonNode row : listed) {
      if (sha256Id(der).equals(row.path("inputId").asText())) {
        rows++;
      }
    }
    assertThat(rows).isEqualTo(1);
  }

  @Test
  void contributionSentByRheaOverAmqpIsAdmitted() {
    Coalition c = coalition();
    Path cert = c.polAuthority();
    byte[] der = c.openssl.sign(c.contribution(cert, "POL", 1, null, "from rhea"), cert);

    Rhea.send(der);

    awaitOutcome(sha256Id(der), "admitted");
  }

  @Test
  void outOfOrderChainOverJmsEndsAllAdmitted() {
    Coalition c = coalition();
    Path cert = c.polAuthority();
    byte[] e1 = c.contribution(cert, "POL", 1, null, "chain 1");
    byte[] e2 = c.contribution(cert, "POL", 2, sha256Id(e1), "chain 2");
    byte[] e3 = c.contribution(cert, "POL", 3, sha256Id(e2), "chain 3");
    byte[] d1 = c.openssl.sign(e1, cert);
    byte[] d2 = c.openssl.sign(e2, cert);
    byte[] d3 = c.openssl.sign(e3, cert);

    AmqpJms.send(d3);
    awaitOutcome(sha256Id(d3), "held");
    AmqpJms.send(d1);
    AmqpJms.send(d2);

    awaitOutcome(sha256Id(d1), "admitted");
    awaitOutcome(sha256Id(d2), "admitted");
    awaitOutcome(sha256Id(d3), "admitted");
  }

  @Test
  void twoEventsAtOneSeqEndAsEvidence() {
    Coalition c = coalition();
    Path cert = c.polAuthority();
    byte[] a = c.openssl.sign(c.contribution(cert, "POL", 1, null, "fork a"), cert);
    byte[] b = c.openssl.sign(c.contribution(cert, "POL", 1, null, "fork b"), cert);

    assertThat(submitRest(a).path("outcome").asText()).isEqualTo("admitted");
    JsonNode second = submitRest(b);

    assertThat(second.path("outcome").asText()).isEqualTo("evidence");
    assertThat(second.path("reasonCode").asText()).isEqualTo("chain-fork");
    awaitOutcome(sha256Id(a), "evidence");
  }

  @Test
  void portalPageShowsTheMissionsContributionsWithOutcomes() {
    Coalition c = coalition();
    Path cert = c.polAuthority();
    byte[] good = c.openssl.sign(c.contribution(cert, "POL", 1, null, "portal shown"), cert);
    byte[] bad = good.clone();
    bad[new String(good, StandardCharsets.ISO_8859_1).indexOf("portal shown")] ^= 0x01;
    submitRest(good);
    submitRest(bad);

    PortalClient portal = new PortalClient();
    HttpResponse<String> login = portal.login(TestUser.AUDITOR, "missions.xhtml");
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(login.body()).contains(c.mission);
    HttpResponse<String> page = portal.get("mission.xhtml?m=" + c.mission);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("POL Approving Authority")
        .contains("contribution")
        .contains("admitted")
        .contains("rejected")
        .contains("bad-signature");
  }

  @Test
  void portalRequiresLogin() {
    HttpResponse<String> anonymous = new PortalClient().get("missions.xhtml");
    assertThat(anonymous.body()).contains("j_security_check").doesNotContain("Signed in as");
  }
}
