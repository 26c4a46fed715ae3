package org.quorate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.RFC4519Style;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code quorate pki demo}: anchors, credentials and a genesis of SPEC §1 shape. */
class DemoPkiTest {
  @TempDir static Path tmp;
  static Path dir;
  static JsonNode genesis;

  @BeforeAll
  static void generate() {
    dir = tmp.resolve("demo");
    Cli.Result r = Cli.run("pki", "demo", "--dir", dir.toString(), "--mission", "TEST-MISSION");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("genesis id: sha256:");
    genesis = EventJson.parse(Pem.readSmallFile(dir.resolve("genesis.json")), "genesis");
  }

  @Test
  void genesisHasFiveMembersWithParsableSelfSignedAnchors() throws Exception {
    assertThat(genesis.get("v").asInt()).isEqualTo(1);
    assertThat(genesis.get("type").asText()).isEqualTo("genesis");
    assertThat(genesis.get("mission").asText()).isEqualTo("TEST-MISSION");
    assertThat(genesis.get("governancePolicy").asText()).isEqualTo("governance");
    List<String> ids = new ArrayList<>();
    for (JsonNode m : genesis.get("members")) {
      ids.add(m.get("id").asText());
      assertThat(m.get("weight").asInt()).isEqualTo(1);
      assertThat(m.get("trustAnchors")).hasSize(1);
      List<X509Certificate> anchors =
          Pem.parseCertificates(m.get("trustAnchors").get(0).asText(), "anchor");
      assertThat(anchors).hasSize(1);
      X509Certificate ca = anchors.get(0);
      ca.verify(ca.getPublicKey(), Pem.BC);
      assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
      assertThat(ca.getKeyUsage()[5]).as("keyCertSign").isTrue();
      assertThat(ca.getKeyUsage()[6]).as("cRLSign").isTrue();
      assertThat(ca.getSubjectX500Principal().getName(X500Principal.RFC2253))
          .startsWith("CN=" + m.get("id").asText() + " Demo National Root CA,O=");
      assertThat(ca).isEqualTo(Pem.readCertificate(dir.resolve(m.get("id").asText() + "/ca.pem")));
    }
    assertThat(ids).containsExactly("POL", "LTU", "LVA", "EST", "DEU");
  }

  @Test
  void grantSubjectsEqualTheCertificatesRfc4514Subjects() throws Exception {
    int subjects = 0;
    for (JsonNode m : genesis.get("members")) {
      String id = m.get("id").asText();
      for (JsonNode g : m.get("grants")) {
        if (!g.has("subject")) {
          continue;
        }
        subjects++;
        String role = g.get("roles").get(0).asText();
        Path certFile = dir.resolve(id + "/" + role + ".pem");
        X509Certificate cert = Pem.readCertificate(certFile);
        String subject = g.get("subject").asText();
        assertThat(subject)
            .isEqualTo(cert.getSubjectX500Principal().getName(X500Principal.RFC2253));
        // RFC 4514 parsed back by Bouncy Castle names the same DN as the certificate's DER
        assertThat(new X500Name(RFC4519Style.INSTANCE, subject))
            .isEqualTo(X500Name.getInstance(cert.getSubjectX500Principal().getEncoded()));
        // BC's RFC 4519 style prints the same string, with lower-case attribute type names
        assertThat(subject)
            .isEqualToIgnoringCase(
                X500Name.getInstance(
                        RFC4519Style.INSTANCE, cert.getSubjectX500Principal().getEncoded())
                    .toString());
        Cli.Proc openssl =
            Cli.exec(
                List.of(
                    "openssl",
                    "x509",
                    "-noout",
                    "-subject",
                    "-nameopt",
                    "RFC2253",
                    "-in",
                    certFile.toString()),
                null);
        assertThat(openssl.outText().trim()).isEqualTo("subject=" + subject);
      }
    }
    assertThat(subjects).isEqualTo(15);
  }

  @Test
  void nodeIsGrantedBySpkiHashAsOpensslComputesIt() throws Exception {
    JsonNode pol = genesis.get("members").get(0);
    List<JsonNode> spkiGrants = new ArrayList<>();
    pol.get("grants")
        .forEach(
            g -> {
              if (g.has("spki")) {
                spkiGrants.add(g);
              }
            });
    assertThat(spkiGrants).hasSize(1);
    assertThat(spkiGrants.get(0).get("roles").get(0).asText()).isEqualTo("node");
    Path node = dir.resolve("POL/node.pem");
    Cli.Proc hash =
        Cli.sh(
            "openssl x509 -pubkey -noout -in '"
                + node
                + "' | openssl pkey -pubin -outform DER"
                + " | openssl dgst -sha256 -r");
    assertThat(spkiGrants.get(0).get("spki").asText())
        .isEqualTo("sha256:" + hash.outText().trim().split("\\s+")[0]);
    assertThat(Files.exists(dir.resolve("LTU/node.pem"))).isFalse();
  }

  @Test
  void credentialsChainToTheirAnchorAndArePkcs8P256() throws Exception {
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    for (DemoPki.Member m : DemoPki.MEMBERS) {
      X509Certificate ca = Pem.readCertificate(dir.resolve(m.id() + "/ca.pem"));
      for (String name : DemoPki.OFFICIAL_CREDENTIALS) {
        Path certFile = dir.resolve(m.id() + "/" + name + ".pem");
        X509Certificate cert = Pem.readCertificate(certFile);
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        params.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(cf.generateCertPath(List.of(cert)), params);
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
        assertThat(cert.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(cert.getKeyUsage()[5]).as("keyCertSign").isFalse();
        Duration validity =
            Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant());
        assertThat(validity.toDays()).isBetween(729L, 731L);
        String keyPem =
            Files.readString(dir.resolve(m.id() + "/" + name + ".key"), StandardCharsets.US_ASCII);
        assertThat(keyPem).startsWith("-----BEGIN PRIVATE KEY-----");
        Cli.Proc curve =
            Cli.exec(
                List.of(
                    "openssl",
                    "pkey",
                    "-noout",
                    "-text",
                    "-in",
                    dir.resolve(m.id() + "/" + name + ".key").toString()),
                null);
        assertThat(curve.outText()).contains("prime256v1");
        assertThat(
                CmsSigning.signatureAlgorithm(
                    Pem.readPrivateKey(dir.resolve(m.id() + "/" + name + ".key")),
                    CmsSigning.RsaScheme.PKCS1))
            .isEqualTo("SHA256withECDSA");
      }
    }
  }

  @Test
  void operationalPolicyAndPostureAreThoseOfTheBrief() {
    JsonNode policy = genesis.get("policies").get(0);
    assertThat(policy.toString())
        .isEqualTo(
            "{\"name\":\"operational\",\"version\":1,\"votingRole\":\"approving-authority\","
                + "\"threshold\":{\"fraction\":\"2/3\",\"of\":\"members\"},\"requireRoles\":"
                + "[{\"role\":\"legal-advisor\",\"min\":1}],\"veto\":[],\"byzantineF\":1,"
                + "\"partial\":{\"minReachable\":\"3/4\",\"ratificationWindow\":\"PT72H\","
                + "\"onWindowClose\":\"adopt\",\"overturnOnDissent\":true},\"deadline\":\"PT24H\"}");
    assertThat(genesis.get("posture").toString())
        .isEqualTo(
            "{\"policy\":\"NATO\",\"classification\":\"RESTRICTED\",\"categories\":[{\"tagName\":"
                + "\"Context\",\"type\":\"PERMISSIVE\",\"values\":[\"NATO\"]}]}");
  }

  @Test
  void noPostureOmitsPostureAndExistingPkiIsNotOverwritten() {
    Path other = tmp.resolve("noposture");
    assertThat(Cli.run("pki", "demo", "--dir", other.toString(), "--no-posture").exitCode())
        .isZero();
    JsonNode g = EventJson.parse(Pem.readSmallFile(other.resolve("genesis.json")), "g");
    assertThat(g.has("posture")).isFalse();
    assertThat(g.get("mission").asText()).isEqualTo("BALTIC-SHIELD");
    byte[] before = Pem.readSmallFile(other.resolve("genesis.json"));
    Cli.Result again = Cli.run("pki", "demo", "--dir", other.toString());
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).contains("already holds a demo PKI").contains("--force");
    assertThat(Pem.readSmallFile(other.resolve("genesis.json"))).isEqualTo(before);
    assertThat(Cli.run("pki", "demo", "--dir", other.toString(), "--force").exitCode()).isZero();
    assertThat(Pem.readSmallFile(other.resolve("genesis.json"))).isNotEqualTo(before);
  }
}
