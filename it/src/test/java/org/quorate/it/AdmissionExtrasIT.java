package org.quorate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.quorate.it.support.Coalition.awaitOutcome;
import static org.quorate.it.support.Coalition.json;
import static org.quorate.it.support.Coalition.sha256Id;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quorate.it.support.Coalition;
import org.quorate.it.support.HttpApi;
import org.quorate.it.support.PortalClient;
import org.quorate.it.support.QuorateDeployment;
import org.quorate.it.support.QuorateServer;
import org.quorate.it.support.TestUser;

/**
 * Issue 3's extras: outcome counters on WildFly's Prometheus scrape endpoint (management interface,
 * {@code /prometheus}), operator import of CRLs (a hint that changes no outcome), and the CRL an
 * outcome was judged with ({@code crlUsed}) in REST and the portal; issue 10: the very same bytes
 * of a chain-fork half resent are duplicates, with one evidence record in the node log.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdmissionExtrasIT {
  private static final JsonMapper JSON = new JsonMapper();
  private static final BouncyCastleProvider BC = new BouncyCastleProvider();
  private static Coalition coalition;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return QuorateDeployment.ear();
  }

  private static synchronized Coalition coalition() {
    if (coalition == null) {
      coalition = Coalition.load("IT-EXTRAS");
    }
    return coalition;
  }

  private static JsonNode submitRest(byte[] der) {
    HttpResponse<String> r =
        HttpApi.post("contributions", der, "application/pkcs7-mime", TestUser.SUBMITTER);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return json(r.body());
  }

  private static String scrape() throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://"
                                + QuorateServer.HOST
                                + ":"
                                + QuorateServer.managementPort()
                                + "/prometheus"))
                    .timeout(Duration.ofSeconds(30))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.body();
  }

  /** The value of {@code quorate_inputs_total} for one mission, outcome and reason (0 if none). */
  private static double counter(String scrape, String mission, String outcome, String reason) {
    Matcher m = Pattern.compile("(?m)^quorate_inputs_total\\{([^}]*)\\} (\\S+)$").matcher(scrape);
    double total = 0;
    while (m.find()) {
      String labels = m.group(1);
      if (labels.contains("mission=\"" + mission + "\"")
          && labels.contains("outcome=\"" + outcome + "\"")
          && labels.contains("reason=\"" + reason + "\"")) {
        total += Double.parseDouble(m.group(2));
      }
    }
    return total;
  }

  @Test
  void outcomeCountersAreOnThePrometheusScrapeEndpoint() throws Exception {
    Coalition c = coalition();
    Path cert = c.polAuthority();
    byte[] ok = c.openssl.sign(c.contribution(cert, "POL", 1, null, "counted admitted"), cert);
    byte[] flipped =
        c.openssl.sign(c.contribution(cert, "POL", 2, sha256Id(ok), "counted flipped"), cert);
    int at = new String(flipped, StandardCharsets.ISO_8859_1).indexOf("counted flipped");
    flipped[at] ^= 0x01;
    double admittedBefore = counter(scrape(), c.mission, "admitted", "none");
    double rejectedBefore = counter(scrape(), c.mission, "rejected", "bad-signature");

    assertThat(submitRest(ok).path("outcome").asText()).isEqualTo("admitted");
    assertThat(submitRest(flipped).path("reasonCode").asText()).isEqualTo("bad-signature");
    assertThat(submitRest(ok).path("outcome").asText()).isEqualTo("duplicate");

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              String s = scrape();
              assertThat(s).contains("# TYPE quorate_inputs_total counter");
              assertThat(counter(s, c.mission, "admitted", "none")).isEqualTo(admittedBefore + 1);
              assertThat(counter(s, c.mission, "rejected", "bad-signature"))
                  .isEqualTo(rejectedBefore + 1);
              assertThat(counter(s, c.mission, "duplicate", "none")).isEqualTo(1);
            });
    // The durable view counts where inputs stand now, from the records.
    HttpResponse<String> metrics =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(QuorateServer.api("metrics"))
                    .header("Accept", "text/plain")
                    .timeout(Duration.ofSeconds(30))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(metrics.statusCode()).as(metrics.body()).isEqualTo(200);
    String durable = metrics.body();
    assertThat(durable)
        .contains(
            "quorate_inputs{mission=\""
                + c.mission
                + "\",outcome=\"rejected\","
                + "reason=\"bad-signature\"} 1");
    // Restricted to one mission: the same counter, and no other mission's lines.
    HttpResponse<String> one =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        QuorateServer.api(
                            "metrics?mission="
                                + java.net.URLEncoder.encode(
                                    c.mission, java.nio.charset.StandardCharsets.UTF_8)))
                    .header("Accept", "text/plain")
                    .timeout(Duration.ofSeconds(30))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(one.statusCode()).isEqualTo(200);
    assertThat(one.body())
        .contains(
            "quorate_inputs{mission=\""
                + c.mission
                + "\",outcome=\"rejected\","
                + "reason=\"bad-signature\"} 1");
    assertThat(one.body().lines().filter(l -> l.startsWith("quorate_inputs{")))
        .isNotEmpty()
        .allMatch(l -> l.startsWith("quorate_inputs{mission=\"" + c.mission + "\","));
  }

  /**
   * Issue 12: {@code /metrics} reads durable counters kept with the records, not the records
   * themselves; after every kind of change (admitted, rejected, held, held then released, a fork
   * turning an admitted record into evidence, replays) both variants of the gauge equal the counts
   * of the mission's records as the contributions listing shows them.
   */
  @Test
  void theGaugeEqualsTheRecordsAfterHoldsReleasesAndForks() throws Exception {
    Coalition c = Coalition.load("IT-GAUGE");
    Path cert = c.polAuthority();
    byte[] first = c.contribution(cert, "POL", 1, null, "gauge first");
    byte[] second = c.contribution(cert, "POL", 2, sha256Id(first), "gauge second");
    byte[] firstSigned = c.openssl.sign(first, cert);
    byte[] secondSigned = c.openssl.sign(second, cert);

    // The successor first: held, waiting for its predecessor.
    assertThat(submitRest(secondSigned).path("outcome").asText()).isEqualTo("held");
    assertGaugeEqualsRecords(c.mission, java.util.Map.of("held", 1L));

    // The predecessor: admitted, and the held successor released (held -> admitted).
    assertThat(submitRest(firstSigned).path("outcome").asText()).isEqualTo("admitted");
    awaitOutcome(sha256Id(second), "admitted");
    assertGaugeEqualsRecords(c.mission, java.util.Map.of("admitted", 2L));

    // Replays add no record; a flipped byte is rejected.
    assertThat(submitRest(secondSigned).path("outcome").asText()).isEqualTo("duplicate");
    byte[] flipped = c.openssl.sign(c.contribution(cert, "POL", 3, sha256Id(second), "gf"), cert);
    int at = new String(flipped, StandardCharsets.ISO_8859_1).indexOf("\"gf\"") + 1;
    flipped[at] ^= 0x01;
    assertThat(submitRest(flipped).path("reasonCode").asText()).isEqualTo("bad-signature");

    // A fork at position 3: the second branch is evidence and turns the first one evidence too.
    byte[] forkA = c.openssl.sign(c.contribution(cert, "POL", 3, sha256Id(second), "ga"), cert);
    byte[] forkB = c.openssl.sign(c.contribution(cert, "POL", 3, sha256Id(second), "gb"), cert);
    assertThat(submitRest(forkA).path("outcome").asText()).isEqualTo("admitted");
    assertThat(submitRest(forkB).path("outcome").asText()).isEqualTo("evidence");
    assertGaugeEqualsRecords(c.mission, java.util.Map.of("admitted", 2L, "evidence", 2L));
  }

  /**
   * Compares both variants of {@code /metrics} with the mission's records (the contributions
   * listing: every input of the mission, at most 5000), by (outcome, reason code).
   *
   * @param expected per outcome, how many contribution records (not the genesis endorsements, nor
   *     the rejected) should stand there: a check that the listing is what the test made
   */
  private static void assertGaugeEqualsRecords(String mission, java.util.Map<String, Long> expected)
      throws Exception {
    HttpResponse<String> listed =
        HttpApi.get("missions/" + mission + "/contributions", TestUser.AUDITOR);
    assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
    java.util.Map<String, Long> records = new java.util.TreeMap<>();
    java.util.Map<String, Long> byOutcome = new java.util.TreeMap<>();
    for (JsonNode r : json(listed.body())) {
      String reason = r.path("reasonCode").isTextual() ? r.path("reasonCode").asText() : "";
      records.merge(r.path("outcome").asText() + "/" + reason, 1L, Long::sum);
      if ("contribution".equals(r.path("type").asText())) {
        byOutcome.merge(r.path("outcome").asText(), 1L, Long::sum);
      }
    }
    byOutcome.remove("rejected");
    assertThat(byOutcome).as(listed.body()).isEqualTo(new java.util.TreeMap<>(expected));
    String encoded = java.net.URLEncoder.encode(mission, StandardCharsets.UTF_8);
    assertThat(gauge(metricsPage("metrics?mission=" + encoded), mission))
        .as("metrics?mission= against the records")
        .isEqualTo(records);
    assertThat(gauge(metricsPage("metrics"), mission))
        .as("metrics (every mission) against the records")
        .isEqualTo(records);
  }

  /** A {@code /metrics} page as Prometheus asks for it (text, no credentials). */
  private static String metricsPage(String path) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(QuorateServer.api(path))
                    .header("Accept", "text/plain")
                    .timeout(Duration.ofSeconds(30))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("# TYPE quorate_inputs gauge");
    return r.body();
  }

  /** The {@code quorate_inputs} lines of one mission, as outcome/reason to value. */
  private static java.util.Map<String, Long> gauge(String page, String mission) {
    Matcher m =
        Pattern.compile(
                "(?m)^quorate_inputs\\{mission=\"([^\"]*)\",outcome=\"([^\"]*)\","
                    + "reason=\"([^\"]*)\"\\} (\\d+)$")
            .matcher(page);
    java.util.Map<String, Long> out = new java.util.TreeMap<>();
    while (m.find()) {
      if (m.group(1).equals(mission)) {
        assertThat(out.put(m.group(2) + "/" + m.group(3), Long.parseLong(m.group(4))))
            .as("one line per outcome and reason: " + page)
            .isNull();
      }
    }
    return out;
  }

  @Test
  void aCrlImportIsVerifiedAgainstTheMembersAnchorsAndRefusedWithAReasonCode() throws Exception {
    Coalition c = coalition();
    Path victim = c.polAuthority();
    byte[] crl = crl(c.polCa, victim, Instant.now().minus(1, ChronoUnit.HOURS));
    String path = "missions/" + c.mission + "/crls";

    HttpResponse<String> created =
        HttpApi.post(path, crl, "application/pkix-crl", TestUser.OPERATOR);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode v = json(created.body()).path("crl");
    assertThat(v.path("member").asText()).isEqualTo("POL");
    assertThat(v.path("sha256").asText()).isEqualTo(sha256Id(crl));
    assertThat(v.path("importedBy").asText()).isEqualTo("operator");
    String pem =
        "-----BEGIN X509 CRL-----\n"
            + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(crl)
            + "\n-----END X509 CRL-----\n";
    HttpResponse<String> again =
        HttpApi.post(
            path, pem.getBytes(StandardCharsets.US_ASCII), "text/plain", TestUser.OPERATOR);
    assertThat(again.statusCode()).as(again.body()).isEqualTo(200);

    byte[] badSignature = crl.clone();
    badSignature[badSignature.length - 3] ^= 0x01;
    assertRefused(path, badSignature, 400, "bad-crl-signature");
    Path stranger = c.openssl.rootCa("stranger-ca", "/C=FR/O=Nowhere/CN=Stranger Root CA");
    assertRefused(path, crl(stranger, victim, Instant.now()), 400, "crl-issuer-not-anchor");
    assertRefused(path, "no crl".getBytes(StandardCharsets.US_ASCII), 400, "malformed-crl");
    assertRefused("missions/NO-SUCH-MISSION/crls", crl, 404, "unknown-mission");
    HttpResponse<String> auditor =
        HttpApi.post(path, crl, "application/pkix-crl", TestUser.AUDITOR);
    assertThat(auditor.statusCode()).isEqualTo(403);
  }

  @Test
  void anImportedCrlOnlyHintsAndTheDeliveredCrlVoidsWithTheCrlShownOnTheOutcome() throws Exception {
    Coalition c = coalition();
    Path victim = c.polAuthority();
    Instant revoked = Instant.now().minus(1, ChronoUnit.HOURS);
    byte[] crl = crl(c.polCa, victim, revoked);
    HttpResponse<String> imported =
        HttpApi.post(
            "missions/" + c.mission + "/crls", crl, "application/pkix-crl", TestUser.OPERATOR);
    assertThat(imported.statusCode()).as(imported.body()).isIn(200, 201);
    String crlName = json(imported.body()).path("crl").path("name").asText();
    assertThat(crlName).startsWith(sha256Id(crl) + "@");

    // The imported CRL changes no outcome: the event is admitted, with a hint.
    byte[] content = c.contribution(victim, "POL", 1, null, "issued after revocation");
    JsonNode answer = submitRest(c.openssl.sign(content, victim));
    assertThat(answer.path("outcome").asText()).isEqualTo("admitted");
    JsonNode admitted =
        json(HttpApi.get("contributions/" + sha256Id(content), TestUser.AUDITOR).body());
    assertThat(admitted.path("crlUsed").asText()).isEqualTo("none");
    assertThat(admitted.path("revocationHint").asText())
        .contains("Revocation pending")
        .contains(crlName)
        .contains("POL");

    // POL delivers the CRL as a signed crl contribution: the event becomes void, naming it.
    Path officer = c.polAuthority();
    ObjectNode e = JSON.createObjectNode();
    e.put("v", 1).put("mission", c.mission).put("member", "POL");
    e.put("signer", c.openssl.spkiHash(officer)).put("epoch", 0).put("seq", 1).putNull("prev");
    e.put("type", "crl").put("issued", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    e.putObject("body").put("crl", Base64.getEncoder().encodeToString(crl));
    byte[] crlEvent = JSON.writeValueAsBytes(e);
    assertThat(submitRest(c.openssl.sign(crlEvent, officer)).path("outcome").asText())
        .isEqualTo("admitted");

    JsonNode voided = awaitOutcome(sha256Id(content), "void");
    assertThat(voided.path("reasonCode").asText()).isEqualTo("revoked");
    assertThat(voided.path("crlUsed").asText()).isEqualTo(crlName);
    assertThat(voided.path("revocationHint").isNull()).as(voided.toString()).isTrue();
    JsonNode listed =
        json(
            HttpApi.get("missions/" + c.mission + "/contributions?outcome=void", TestUser.AUDITOR)
                .body());
    assertThat(listed.toString()).contains(crlName).contains(sha256Id(content));

    JsonNode crls = json(HttpApi.get("missions/" + c.mission + "/crls", TestUser.AUDITOR).body());
    assertThat(crls.path("delivered").toString()).contains(crlName).contains(sha256Id(crlEvent));
    JsonNode importedView = null;
    for (JsonNode i : crls.path("imported")) {
      if (i.path("sha256").asText().equals(sha256Id(crl))) {
        importedView = i;
      }
    }
    assertThat(importedView).as(crls.toString()).isNotNull();
    assertThat(importedView.path("superseded").asBoolean()).isTrue();

    PortalClient portal = new PortalClient();
    assertThat(portal.login(TestUser.AUDITOR, "missions.xhtml").statusCode()).isEqualTo(200);
    HttpResponse<String> page = portal.get("mission.xhtml?m=" + c.mission + "&outcome=void");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("CRL used").contains(crlName);
  }

  @Test
  void resentForkHalfIsDuplicateWithOneEvidenceRecordInTheLog() {
    // A mission of its own: the counter test above counts this class's mission's duplicates.
    Coalition c = Coalition.load("IT-REPLAY");
    Path cert = c.polAuthority();
    byte[] half = c.contribution(cert, "POL", 1, null, "resent fork b");
    byte[] a = c.openssl.sign(c.contribution(cert, "POL", 1, null, "resent fork a"), cert);
    byte[] b = c.openssl.sign(half, cert);
    assertThat(submitRest(a).path("outcome").asText()).isEqualTo("admitted");
    assertThat(submitRest(b).path("outcome").asText()).isEqualTo("evidence");

    JsonNode again = submitRest(b);
    JsonNode thrice = submitRest(b);

    assertThat(again.path("outcome").asText()).as(again.toString()).isEqualTo("duplicate");
    assertThat(thrice.path("outcome").asText()).as(thrice.toString()).isEqualTo("duplicate");
    HttpResponse<String> log =
        HttpApi.get(
            "missions/" + c.mission + "/log/entries?event=" + sha256Id(half), TestUser.AUDITOR);
    assertThat(log.statusCode()).as(log.body()).isEqualTo(200);
    java.util.List<Integer> codes = new java.util.ArrayList<>();
    json(log.body()).forEach(x -> codes.add(x.path("outcomeCode").asInt()));
    // One evidence record (4), then one duplicate entry (5) per resend.
    assertThat(codes).as(log.body()).containsExactly(4, 5, 5);
    assertThat(awaitOutcome(sha256Id(half), "evidence").path("inputId").asText())
        .isEqualTo(sha256Id(b));
    JsonNode evidence =
        json(
            HttpApi.get(
                    "missions/" + c.mission + "/contributions?outcome=evidence", TestUser.AUDITOR)
                .body());
    assertThat(evidence).hasSize(2);
  }

  private static void assertRefused(String path, byte[] body, int status, String reasonCode) {
    HttpResponse<String> r = HttpApi.post(path, body, "application/pkix-crl", TestUser.OPERATOR);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(json(r.body()).path("reasonCode").asText()).as(r.body()).isEqualTo(reasonCode);
  }

  /** A CRL issued by an openssl-made CA (its key beside it), revoking one credential. */
  private static byte[] crl(Path ca, Path revoked, Instant revocationDate) throws Exception {
    CertificateFactory cf = CertificateFactory.getInstance("X.509", BC);
    X509Certificate caCert;
    X509Certificate victim;
    try (var in = Files.newInputStream(ca)) {
      caCert = (X509Certificate) cf.generateCertificate(in);
    }
    try (var in = Files.newInputStream(revoked)) {
      victim = (X509Certificate) cf.generateCertificate(in);
    }
    PrivateKey key;
    String keyPem =
        Files.readString(
            Path.of(ca.toString().replaceAll("\\.pem$", ".key")), StandardCharsets.US_ASCII);
    try (Reader r = new StringReader(keyPem);
        PEMParser p = new PEMParser(r)) {
      Object o = p.readObject();
      JcaPEMKeyConverter conv = new JcaPEMKeyConverter().setProvider(BC);
      key =
          o instanceof PEMKeyPair kp
              ? conv.getKeyPair(kp).getPrivate()
              : conv.getPrivateKey((org.bouncycastle.asn1.pkcs.PrivateKeyInfo) o);
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    JcaX509v2CRLBuilder b =
        new JcaX509v2CRLBuilder(caCert.getSubjectX500Principal(), Date.from(now));
    b.setNextUpdate(Date.from(now.plus(7, ChronoUnit.DAYS)));
    BigInteger serial = victim.getSerialNumber();
    b.addCRLEntry(serial, Date.from(revocationDate), CRLReason.keyCompromise);
    return b.build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BC).build(key))
        .getEncoded();
  }
}
