package org.quorate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.quorate.it.support.Coalition.json;
import static org.quorate.it.support.Coalition.sha256Id;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quorate.core.audit.AuditBundle;
import org.quorate.core.audit.BundleVerifier;
import org.quorate.core.audit.VerificationReport;
import org.quorate.core.audit.VerifyOptions;
import org.quorate.it.support.HttpApi;
import org.quorate.it.support.MissionEvents;
import org.quorate.it.support.NodeCredentials;
import org.quorate.it.support.OpenSsl;
import org.quorate.it.support.PortalClient;
import org.quorate.it.support.QuorateDeployment;
import org.quorate.it.support.QuorateServer;
import org.quorate.it.support.ServerDatabase;
import org.quorate.it.support.TestUser;
import org.quorate.it.support.ThreeNations;

/**
 * Audit end to end (issue 5, SPEC §5 "Reconstruction", "Audit bundle"; §7 {@code …/audit}, {@code
 * …/bundle}, the portal's decision audit view). A three-nation coalition (POL, LTU, LVA, made with
 * openssl; policy {@code operational}, T = 2 of n = 3; a POL node credential) decides a proposal
 * with LVA's recorded dissent (which LTU disputes). Then: {@code GET …/audit} passes; the bundle
 * downloaded from the server verifies in this JVM with the core {@link BundleVerifier} pinned to
 * the three anchors' fingerprints only, and each of its {@code .p7m} (and {@code sth.p7m}) verifies
 * with {@code openssl cms -verify -binary -inform DER -CAfile ANCHOR.pem -purpose any}; rows
 * altered behind the application (an attestation's verdict, a rationale, an input's outcome) make
 * {@code /audit} fail with a check naming each; the portal page shows the reconstruction from the
 * signed bytes and its Verify button lists the failed checks. A second proposal lapses at its
 * deadline (the node decides on the clock): its audit passes too, the stored states after each
 * event matching the reconstruction.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AuditIT {
  private static final JsonMapper JSON = new JsonMapper();
  private static final HexFormat HEX = HexFormat.of();
  private static final String RATIONALE = "Escort capacity is insufficient before the rotation.";

  /** Event id of everything submitted to the signer's member anchor (for openssl -CAfile). */
  private final Map<String, Path> anchorOf = new HashMap<>();

  private ThreeNations coalition;
  private MissionEvents events;
  private OpenSsl openssl;
  private Path dir;
  private Path polCa;
  private Path ltuCa;
  private Path lvaCa;
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
  void decidedProposalWithADissentIsAuditedExportedVerifiedOfflineAndTamperingIsNamed()
      throws Exception {
    coalition("PT1H");
    String proposalId = propose("Open corridor C");

    // Without a node credential no tree head can be signed: 409, for the audit and the bundle.
    for (String part : List.of("/audit", "/bundle")) {
      HttpResponse<String> r = HttpApi.get(proposalPath(proposalId) + part, TestUser.AUDITOR);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
      assertThat(json(r.body()).path("reasonCode").asText()).isEqualTo("no-node-credential");
    }
    NodeCredentials.install(mission, node);

    String polConcurInput = submit(events.attestation(pol, "POL", proposalId, "concur", null), pol);
    ObjectNode dissent = events.attestation(lva, "LVA", proposalId, "dissent", RATIONALE);
    String dissentId = sha256Id(JSON.writeValueAsBytes(dissent));
    submit(dissent, lva);
    ObjectNode dispute = events.event(ltu, "LTU", "dispute");
    dispute.putObject("body").put("event", dissentId).put("reason", "Escorts were confirmed.");
    String disputeId = sha256Id(JSON.writeValueAsBytes(dispute));
    submit(dispute, ltu);
    ObjectNode ltuConcur = events.attestation(ltu, "LTU", proposalId, "concur", null);
    String ltuConcurId = sha256Id(JSON.writeValueAsBytes(ltuConcur));
    submit(ltuConcur, ltu);
    JsonNode decided = awaitFinal(proposalId, Duration.ofSeconds(90));
    assertThat(decided.path("status").asText()).isEqualTo("adopted");
    String decisionId = decided.path("decision").asText();
    anchorOf.put(decisionId, polCa);

    // Unrelated traffic in the same mission (issue 12: the node reads what bears on the audited
    // proposal, not the mission): another proposal, an attestation on it, that attestation's
    // retraction and a dispute of the retraction. None of it may enter the audited bundle.
    String otherId = propose("Unrelated proposal");
    ObjectNode otherConcur = events.attestation(ltu, "LTU", otherId, "concur", null);
    submit(otherConcur, ltu);
    String otherConcurId = MissionEvents.id(otherConcur);
    ObjectNode retraction = events.event(ltu, "LTU", "retraction");
    retraction.putObject("body").put("event", otherConcurId).put("reason", "Sent too early.");
    submit(retraction, ltu);
    String retractionId = MissionEvents.id(retraction);
    ObjectNode retractionDispute = events.event(lva, "LVA", "dispute");
    retractionDispute.putObject("body").put("event", retractionId).put("reason", "It was not.");
    submit(retractionDispute, lva);
    Set<String> unrelated =
        Set.of(otherId, otherConcurId, retractionId, MissionEvents.id(retractionDispute));

    // 1. GET /audit passes, with the reconstruction from the signed bytes.
    JsonNode audit = getJson(proposalPath(proposalId) + "/audit");
    assertThat(failures(audit)).as("failed checks").isEmpty();
    assertThat(audit.path("passed").asBoolean()).as(audit.toString()).isTrue();
    assertThat(audit.path("checks")).isNotEmpty();
    JsonNode rec = audit.path("reconstruction");
    assertThat(rec.path("proposalId").asText()).isEqualTo(proposalId);
    assertThat(rec.path("policyName").asText()).isEqualTo("operational");
    assertThat(rec.path("epoch").asLong()).isZero();
    assertThat(rec.path("decisionId").asText()).isEqualTo(decisionId);
    assertThat(rec.path("finalState").path("status").asText()).isEqualTo("adopted");
    assertThat(rec.path("dissents")).hasSize(1);
    assertThat(rec.path("dissents").get(0).path("eventId").asText()).isEqualTo(dissentId);
    assertThat(rec.path("dissents").get(0).path("member").asText()).isEqualTo("LVA");
    assertThat(rec.path("dissents").get(0).path("role").asText()).isEqualTo("approving-authority");
    assertThat(rec.path("dissents").get(0).path("rationale").asText()).isEqualTo(RATIONALE);
    List<String> types = new ArrayList<>();
    for (JsonNode e : rec.path("events")) {
      types.add(e.path("type").asText());
      assertThat(e.path("logIndexes")).as(e.toString()).isNotEmpty();
    }
    assertThat(types)
        .containsExactly(
            "genesis-endorsement",
            "genesis-endorsement",
            "genesis-endorsement",
            "proposal",
            "attestation",
            "attestation",
            "dispute",
            "attestation",
            "decision");
    assertThat(audit.path("proofs")).hasSizeGreaterThanOrEqualTo(9);
    assertThat(audit.path("checks"))
        .anySatisfy(
            c -> {
              assertThat(c.path("subject").asText()).isEqualTo("Q_DISPUTE " + disputeId);
              assertThat(c.path("passed").asBoolean()).isTrue();
            });
    assertThat(audit.path("sth").path("size").asLong())
        .isEqualTo(rec.path("sthSize").asLong())
        .isPositive();

    // 2. The bundle from the server verifies offline with only the anchors' fingerprints.
    HttpResponse<byte[]> zip = download(proposalPath(proposalId) + "/bundle");
    assertThat(zip.statusCode()).isEqualTo(200);
    assertThat(zip.headers().firstValue("Content-Type").orElse("")).startsWith("application/zip");
    assertThat(zip.headers().firstValue("Content-Disposition").orElse(""))
        .startsWith("attachment")
        .contains(".zip");
    AuditBundle bundle = AuditBundle.readZip(new ByteArrayInputStream(zip.body()));
    Set<String> pins = Set.of(fingerprint(polCa), fingerprint(ltuCa), fingerprint(lvaCa));
    VerificationReport offline =
        new BundleVerifier(new VerifyOptions(pins, Clock.systemUTC())).verify(bundle);
    assertThat(offline.failures()).as("offline failures").isEmpty();
    assertThat(offline.passed()).isTrue();
    assertThat(offline.reconstruction().decisionId()).isEqualTo(decisionId);

    // 3. Each .p7m verifies with openssl against its member's anchor; so does the tree head.
    Set<String> eventsInBundle = new LinkedHashSet<>();
    for (AuditBundle.ManifestEntry f : bundle.manifest()) {
      if (!f.path().endsWith(".p7m") || f.eventId() == null) {
        continue;
      }
      Path p7m = dir.resolve(f.path().replace('/', '_'));
      Files.write(p7m, bundle.file(f.path()).orElseThrow());
      Path anchor = anchorOf.get(f.eventId());
      assertThat(anchor).as("anchor of " + f.path() + " " + f.eventId()).isNotNull();
      byte[] content = openssl.verifyCms(p7m, anchor);
      assertThat(sha256Id(content)).isEqualTo(f.eventId());
      eventsInBundle.add(f.eventId());
    }
    assertThat(eventsInBundle)
        .hasSize(9)
        .contains(proposalId, dissentId, disputeId, ltuConcurId, decisionId)
        .doesNotContainAnyElementsOf(unrelated);
    Path sth = dir.resolve("sth.p7m");
    Files.write(sth, bundle.file(AuditBundle.STH).orElseThrow());
    JsonNode head = json(new String(openssl.verifyCms(sth, polCa), StandardCharsets.UTF_8));
    assertThat(head.path("mission").asText()).isEqualTo(mission);

    // 4. Rows altered behind the application: each difference is a failed check naming it.
    assertThat(
            ServerDatabase.update(
                "UPDATE Q_ATTESTATION SET VERDICT = ? WHERE EVENT_ID = ?", "dissent", ltuConcurId))
        .isEqualTo(1);
    assertThat(
            ServerDatabase.update(
                "UPDATE Q_ATTESTATION SET RATIONALE = ? WHERE EVENT_ID = ?",
                "We concur after all.",
                dissentId))
        .isEqualTo(1);
    assertThat(
            ServerDatabase.update(
                "UPDATE Q_INPUT_RECORD SET OUTCOME = ? WHERE INPUT_ID = ?",
                "rejected",
                polConcurInput))
        .isEqualTo(1);
    JsonNode tampered = getJson(proposalPath(proposalId) + "/audit");
    assertThat(tampered.path("passed").asBoolean()).isFalse();
    List<JsonNode> failed = failures(tampered);
    assertThat(failed).allSatisfy(c -> assertThat(c.path("check").asText()).isEqualTo("database"));
    assertThat(failed)
        .anySatisfy(
            c -> {
              assertThat(c.path("subject").asText()).isEqualTo("Q_ATTESTATION " + ltuConcurId);
              assertThat(c.path("detail").asText()).contains("verdict", "'dissent'", "'concur'");
            })
        .anySatisfy(
            c -> {
              assertThat(c.path("subject").asText()).isEqualTo("Q_ATTESTATION " + dissentId);
              assertThat(c.path("detail").asText()).contains("rationale", RATIONALE);
            })
        .anySatisfy(
            c -> {
              assertThat(c.path("subject").asText()).isEqualTo("Q_INPUT_RECORD " + polConcurInput);
              assertThat(c.path("detail").asText()).contains("outcome", "'rejected'", "'admitted'");
            });

    // 5. The portal's audit page (login required) shows the reconstruction; Verify lists checks.
    PortalClient portal = new PortalClient();
    String page = "audit.xhtml?m=" + mission + "&p=" + proposalId;
    portal.login(TestUser.AUDITOR, page);
    // The page verifies in the background and reloads until the report is ready (AuditCache waits
    // 400 ms): on a loaded machine the first answers are "Verifying…", so reload as it does.
    HttpResponse<String> shown = portal.get(page);
    long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!shown.body().contains("Open corridor C") && System.nanoTime() < until) {
      Thread.sleep(1000);
      shown = portal.get(page);
    }
    assertThat(shown.statusCode()).isEqualTo(200);
    assertThat(shown.body())
        .contains("Open corridor C")
        .contains("operational")
        .contains(RATIONALE)
        .contains("CN=LVA Approving Authority")
        .contains(decisionId)
        .contains("Verify")
        .contains("Export");
    HttpResponse<String> verified =
        portal.submit(shown, "audit", "audit:verify", Map.of("m", mission, "p", proposalId));
    assertThat(verified.statusCode()).isEqualTo(200);
    assertThat(verified.body())
        .contains("FAILED")
        .contains("database-mismatch")
        .contains("Q_ATTESTATION " + ltuConcurId)
        .contains("Q_INPUT_RECORD " + polConcurInput);
    HttpResponse<String> exported =
        portal.submit(shown, "audit", "audit:export", Map.of("m", mission, "p", proposalId));
    assertThat(exported.statusCode()).isEqualTo(200);
    assertThat(exported.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/zip");
    assertThat(exported.headers().firstValue("Content-Disposition").orElse(""))
        .contains("attachment", mission + "-audit-");
    HttpResponse<String> linked = portal.get("api/" + proposalPath(proposalId) + "/bundle");
    assertThat(linked.statusCode()).isEqualTo(200);
    assertThat(linked.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/zip");

    // 6. The bundle read through REFERS_TO is the bundle a scan of the whole mission gives: with
    // the column cleared (as for rows stored before it existed) the node reads the mission whole.
    HttpResponse<byte[]> scoped = download(proposalPath(proposalId) + "/bundle");
    JsonNode scopedAudit = getJson(proposalPath(proposalId) + "/audit");
    assertThat(
            ServerDatabase.update(
                "UPDATE Q_INPUT_RECORD SET REFERS_TO = NULL WHERE MISSION = ?", mission))
        .isGreaterThanOrEqualTo(9 + unrelated.size());
    HttpResponse<byte[]> whole = download(proposalPath(proposalId) + "/bundle");
    assertThat(whole.statusCode()).isEqualTo(200);
    AuditBundle scopedBundle = AuditBundle.readZip(new ByteArrayInputStream(scoped.body()));
    AuditBundle wholeBundle = AuditBundle.readZip(new ByteArrayInputStream(whole.body()));
    assertThat(scopedBundle.manifest()).isEqualTo(wholeBundle.manifest());
    assertThat(scopedBundle.files().keySet()).isEqualTo(wholeBundle.files().keySet());
    for (Map.Entry<String, byte[]> f : wholeBundle.files().entrySet()) {
      assertThat(scopedBundle.file(f.getKey()).orElseThrow())
          .as(f.getKey())
          .isEqualTo(f.getValue());
    }
    JsonNode wholeAudit = getJson(proposalPath(proposalId) + "/audit");
    assertThat(failures(wholeAudit).toString()).isEqualTo(failures(scopedAudit).toString());
    assertThat(wholeAudit.path("reconstruction")).isEqualTo(scopedAudit.path("reconstruction"));
  }

  private static List<JsonNode> failures(JsonNode audit) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode c : audit.path("checks")) {
      if (!c.path("passed").asBoolean()) {
        out.add(c);
      }
    }
    return out;
  }

  private String proposalPath(String proposal) {
    return "missions/" + mission + "/proposals/" + proposal;
  }

  private static String fingerprint(Path pem) throws Exception {
    try (InputStream in = Files.newInputStream(pem)) {
      byte[] der = CertificateFactory.getInstance("X.509").generateCertificate(in).getEncoded();
      return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    }
  }

  private JsonNode awaitFinal(String proposal, Duration within) {
    JsonNode[] decided = new JsonNode[1];
    await()
        .atMost(within)
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              decided[0] = getJson(proposalPath(proposal));
              assertThat(decided[0].path("final").asBoolean()).as(decided[0].toString()).isTrue();
            });
    return decided[0];
  }

  @Test
  void proposalLapsedByTheClockIsAuditedWithoutDifferences() throws Exception {
    coalition("PT1M");
    NodeCredentials.install(mission, node);
    String proposalId = propose("Short-lived proposal");
    submit(events.attestation(pol, "POL", proposalId, "concur", null), pol);
    JsonNode lapsed = awaitFinal(proposalId, Duration.ofSeconds(150));
    assertThat(lapsed.path("status").asText()).isEqualTo("lapsed");

    JsonNode audit = getJson(proposalPath(proposalId) + "/audit");
    assertThat(failures(audit)).as("failed checks").isEmpty();
    assertThat(audit.path("passed").asBoolean()).isTrue();
    JsonNode rec = audit.path("reconstruction");
    assertThat(rec.path("finalState").path("status").asText()).isEqualTo("lapsed");
    assertThat(rec.path("finalState").path("rule").asText()).isEqualTo("deadline-lapsed");
    assertThat(rec.path("decisionId").asText()).isEqualTo(lapsed.path("decision").asText());
    assertThat(audit.path("checks"))
        .anySatisfy(
            c -> {
              assertThat(c.path("check").asText()).isEqualTo("database");
              assertThat(c.path("subject").asText()).startsWith("Q_QUORUM_STATE ");
              assertThat(c.path("passed").asBoolean()).isTrue();
            });
  }

  /**
   * POL, LTU, LVA (openssl), genesis with policy operational (2/3, the given deadline), every
   * founder endorses.
   */
  private void coalition(String deadline) throws Exception {
    coalition = ThreeNations.load("IT-AUDIT", deadline, null);
    events = coalition.events;
    dir = coalition.dir;
    openssl = coalition.openssl;
    mission = coalition.mission;
    polCa = coalition.polCa;
    ltuCa = coalition.ltuCa;
    lvaCa = coalition.lvaCa;
    pol = coalition.pol;
    ltu = coalition.ltu;
    lva = coalition.lva;
    node = coalition.node;
    for (Path f : coalition.founders().keySet()) {
      submit(coalition.endorsement(f), f);
    }
  }

  private String propose(String title) throws IOException {
    ObjectNode proposal = events.proposal(pol, "POL", "operational", title, title + " at 06:00Z.");
    submit(proposal, pol);
    return MissionEvents.id(proposal);
  }

  /**
   * Signs with openssl, submits over REST, expects {@code admitted}, remembers the chain end and
   * the member's anchor.
   *
   * @return the input id
   */
  private String submit(ObjectNode event, Path cert) throws IOException {
    anchorOf.put(MissionEvents.id(event), coalition.anchorOf(cert));
    return MissionEvents.admitted(events.sign(event, cert)).path("inputId").asText();
  }

  private static JsonNode getJson(String path) {
    HttpResponse<String> r = HttpApi.get(path, TestUser.AUDITOR);
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return json(r.body());
  }

  private static HttpResponse<byte[]> download(String path) throws Exception {
    HttpRequest get =
        HttpRequest.newBuilder(QuorateServer.api(path))
            .timeout(Duration.ofSeconds(120))
            .header("Authorization", HttpApi.basic(TestUser.AUDITOR))
            .header("Accept", "application/zip")
            .GET()
            .build();
    return HttpClient.newHttpClient().send(get, HttpResponse.BodyHandlers.ofByteArray());
  }
}
