package org.quorate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Quick start scenario of {@code quorate demo}: what it signs, and its run against a server.
 */
class DemoCommandTest {
  @TempDir Path tmp;

  private record Opened(JsonNode event, X509Certificate cert, boolean signatureValid) {}

  private static Opened open(byte[] der) throws Exception {
    CMSSignedData sd = new CMSSignedData(der);
    SignerInformation si = sd.getSignerInfos().getSigners().iterator().next();
    X509CertificateHolder holder =
        (X509CertificateHolder) sd.getCertificates().getMatches(si.getSID()).iterator().next();
    X509Certificate cert =
        new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter()
            .setProvider(Pem.BC)
            .getCertificate(holder);
    boolean ok =
        si.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(Pem.BC).build(cert));
    return new Opened(EventJson.parse(CmsSigning.content(der), "content"), cert, ok);
  }

  private DemoCommand command(Path dir) {
    DemoCommand d = new DemoCommand();
    d.dir = dir;
    d.missionName = "BALTIC-SHIELD";
    d.chains = new ChainState(dir);
    return d;
  }

  @Test
  void scenarioSignsValidChainsAndOneInputPerRejectionReason() throws Exception {
    Path dir = tmp.resolve("demo");
    new DemoPki().generate(dir, "BALTIC-SHIELD", true);
    String genesisId = Pem.sha256Id(Pem.readSmallFile(dir.resolve("genesis.json")));
    List<DemoCommand.Step> steps = command(dir).scenario(genesisId, true);

    assertThat(steps).hasSize(19);
    long amqp = steps.stream().filter(s -> s.viaAmqp).count();
    assertThat(amqp).isBetween(8L, 10L);

    Map<String, List<JsonNode>> chains = new HashMap<>();
    String proposalId = null;
    int endorsements = 0;
    for (DemoCommand.Step s : steps) {
      Opened o = open(s.der);
      JsonNode e = o.event();
      assertThat(e.get("mission").asText()).isEqualTo("BALTIC-SHIELD");
      if (s.expectedOutcome.equals("admitted")) {
        assertThat(o.signatureValid()).as(s.what).isTrue();
        assertThat(e.get("signer").asText()).isEqualTo(Pem.spkiHash(o.cert()));
        assertThat(o.cert().getIssuerX500Principal().getName())
            .contains("CN=" + e.get("member").asText() + " Demo National Root CA");
        chains.computeIfAbsent(e.get("signer").asText(), k -> new ArrayList<>()).add(e);
        switch (e.get("type").asText()) {
          case "genesis-endorsement" -> {
            endorsements++;
            assertThat(e.get("body").get("genesis").asText()).isEqualTo(genesisId);
          }
          case "proposal" -> proposalId = Pem.sha256Id(CmsSigning.content(s.der));
          case "attestation" -> {
            assertThat(e.get("body").get("proposal").asText()).isEqualTo(proposalId);
            if (e.get("body").get("verdict").asText().equals("dissent")) {
              assertThat(e.get("body").get("rationale").asText()).isNotBlank();
            }
            String role = e.get("body").get("role").asText();
            assertThat(o.cert().getSubjectX500Principal().getName()).contains(DemoPki.title(role));
          }
          default -> assertThat(e.get("type").asText()).isEqualTo("contribution");
        }
      }
    }
    assertThat(endorsements).isEqualTo(5);
    // valid events chain per signer: seq 1, 2, … and prev = event id of the one before
    for (List<JsonNode> chain : chains.values()) {
      String prev = null;
      for (int i = 0; i < chain.size(); i++) {
        JsonNode e = chain.get(i);
        assertThat(e.get("seq").asLong()).isEqualTo(i + 1);
        assertThat(e.get("prev").isNull() ? null : e.get("prev").asText()).isEqualTo(prev);
        prev = Pem.sha256Id(EventJson.bytes(e));
      }
    }

    Map<String, DemoCommand.Step> invalid = new HashMap<>();
    for (DemoCommand.Step s : steps) {
      if (!s.expectedOutcome.equals("admitted")) {
        invalid.put(s.expectedReasons.isEmpty() ? s.expectedOutcome : s.expectedReasons.get(0), s);
      }
    }
    assertThat(invalid)
        .containsOnlyKeys(
            "bad-signature",
            "anchor-not-member",
            "signer-mismatch",
            "unknown-field",
            "role-not-granted",
            "duplicate");
    assertThat(open(invalid.get("bad-signature").der).signatureValid()).isFalse();
    Opened foreign = open(invalid.get("anchor-not-member").der);
    assertThat(foreign.signatureValid()).isTrue();
    assertThat(foreign.event().get("member").asText()).isEqualTo("POL");
    assertThat(foreign.cert().getIssuerX500Principal().getName())
        .contains("CN=LTU Demo National Root CA");
    Opened mismatch = open(invalid.get("signer-mismatch").der);
    assertThat(mismatch.signatureValid()).isTrue();
    assertThat(mismatch.event().get("signer").asText()).isNotEqualTo(Pem.spkiHash(mismatch.cert()));
    Opened unknown = open(invalid.get("unknown-field").der);
    assertThat(unknown.event().has("comment")).isTrue();
    Opened role = open(invalid.get("role-not-granted").der);
    assertThat(role.event().get("body").get("role").asText()).isEqualTo("approving-authority");
    assertThat(role.cert().getSubjectX500Principal().getName()).startsWith("CN=POL Legal Advisor");
    DemoCommand.Step replay = invalid.get("duplicate");
    assertThat(replay.viaAmqp).isFalse();
    DemoCommand.Step original =
        steps.stream()
            .filter(s -> s != replay && s.inputId.equals(replay.inputId))
            .findFirst()
            .orElseThrow();
    assertThat(original.der).isEqualTo(replay.der);
    assertThat(original.viaAmqp).isFalse();
    assertThat(steps.indexOf(original)).isLessThan(steps.indexOf(replay));

    // a second run continues every chain where the first left it
    String polSigner = DemoCredential.load(dir, "POL", "approving-authority").spki();
    JsonNode lastPol = chains.get(polSigner).get(chains.get(polSigner).size() - 1);
    List<DemoCommand.Step> again = command(dir).scenario(genesisId, false);
    assertThat(again.stream().filter(s -> s.viaAmqp)).isEmpty();
    JsonNode firstAgain = open(again.get(0).der).event();
    assertThat(firstAgain.get("signer").asText()).isEqualTo(polSigner);
    assertThat(firstAgain.get("seq").asLong()).isEqualTo(lastPol.get("seq").asLong() + 1);
    assertThat(firstAgain.get("prev").asText()).isEqualTo(Pem.sha256Id(EventJson.bytes(lastPol)));
  }

  @Test
  void demoRunsAgainstAServerAndComparesOutcomes() throws Exception {
    Map<String, String> outcomes = new ConcurrentHashMap<>();
    List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
    byte[][] genesisSeen = new byte[1][];
    try (FakeServer server =
        new FakeServer(
            r -> {
              if (r.path().equals("/quorate/api/health")) {
                return new FakeServer.Response(200, "{\"status\":\"up\"}");
              }
              if (r.method().equals("POST") && r.path().equals("/quorate/api/missions")) {
                boolean again = genesisSeen[0] != null;
                genesisSeen[0] = r.body();
                return new FakeServer.Response(
                    again ? 200 : 201,
                    "{\"mission\":\"BALTIC-SHIELD\",\"genesisId\":\""
                        + Pem.sha256Id(r.body())
                        + "\",\"status\":\"pending\"}");
              }
              if (r.method().equals("POST") && r.path().equals("/quorate/api/contributions")) {
                String id = Pem.sha256Id(r.body());
                // this stand-in admits everything; the proposal is "held" at first
                String type =
                    EventJson.parse(CmsSigning.content(r.body()), "c").get("type").asText();
                String outcome =
                    outcomes.containsKey(id)
                        ? "duplicate"
                        : type.equals("proposal") ? "held" : "admitted";
                outcomes.putIfAbsent(id, "admitted");
                order.add(id);
                return new FakeServer.Response(
                    200,
                    "{\"eventId\":null,\"inputId\":\""
                        + id
                        + "\",\"outcome\":\""
                        + outcome
                        + "\",\"reasonCode\":null,\"reason\":null}");
              }
              if (r.path().startsWith("/quorate/api/missions/BALTIC-SHIELD/contributions")) {
                StringBuilder b = new StringBuilder("[");
                for (Map.Entry<String, String> e : outcomes.entrySet()) {
                  b.append(b.length() > 1 ? "," : "")
                      .append("{\"inputId\":\"")
                      .append(e.getKey())
                      .append("\",\"outcome\":\"")
                      .append(e.getValue())
                      .append("\",\"reasonCode\":null}");
                }
                return new FakeServer.Response(200, b.append(']').toString());
              }
              return new FakeServer.Response(404, "{}");
            })) {
      Path dir = tmp.resolve("run");
      String env = FakeServer.someEnvironmentVariable();
      Cli.Result r =
          Cli.run(
              "demo",
              "--url",
              server.url(),
              "--dir",
              dir.toString(),
              "--password-env",
              env,
              "--timeout",
              "10");
      assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(DemoCommand.MISMATCH);
      assertThat(genesisSeen[0]).isEqualTo(Pem.readSmallFile(dir.resolve("genesis.json")));
      assertThat(order).hasSize(19);
      FakeServer.Request put =
          server.requests("PUT", "/quorate/api/missions/BALTIC-SHIELD/node-credential").get(0);
      JsonNode credential = EventJson.parse(put.body(), "node credential");
      assertThat(credential.get("certificate").asText())
          .isEqualTo(java.nio.file.Files.readString(dir.resolve("POL/node.pem")));
      assertThat(credential.get("privateKey").asText()).startsWith("-----BEGIN PRIVATE KEY-----");
      assertThat(put.contentType()).isEqualTo("application/json");
      assertThat(r.out()).contains("note     node credential not installed (HTTP 404");
      assertThat(server.requests("GET", "/quorate/api/missions/BALTIC-SHIELD/contributions"))
          .isNotEmpty();
      assertThat(r.out())
          .contains("mission  BALTIC-SHIELD created")
          .contains("14 of 19 steps as expected")
          .contains("DIFFERS")
          .contains("rejected (bad-signature)")
          .contains("portal   " + server.url() + "/missions.xhtml");
      assertThat(r.out().lines().filter(l -> l.contains("duplicate") && l.endsWith("ok")))
          .hasSize(1);

      Cli.Result again =
          Cli.run(
              "demo",
              "--url",
              server.url(),
              "--dir",
              dir.toString(),
              "--password-env",
              env,
              "--timeout",
              "10");
      assertThat(again.out())
          .contains("reusing the demo PKI")
          .contains("already loaded (same genesis)");
      assertThat(order).hasSize(38);
    }
  }
}
