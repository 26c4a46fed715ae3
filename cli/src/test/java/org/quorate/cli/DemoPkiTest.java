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
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.RFC4519Style;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quorate.core.label.GroupTable;
import org.quorate.core.label.LabelJson;
import org.quorate.core.label.LabelValidation;
import org.quorate.core.label.SecurityPolicy;

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
    assertThat(subjects).isEqualTo(17);
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
            "{\"policy\":\"NATO\",\"classification\":\"SECRET\",\"categories\":[{\"tagName\":"
                + "\"Releasable To\",\"type\":\"PERMISSIVE\",\"values\":[\"NATO\",\"JPN\"]}]}");
  }

  @Test
  void posturesAreValidUnderTheShippedNatoSpif() throws Exception {
    SecurityPolicy nato = SecurityPolicy.nato();
    for (String posture : List.of(DemoPki.POSTURE_A, DemoPki.POSTURE_B)) {
      LabelValidation v = nato.validate(LabelJson.read(posture.getBytes(StandardCharsets.UTF_8)));
      assertThat(v.valid()).as(posture + " " + v.reasons()).isTrue();
    }
  }

  @Test
  void extraCredentialsAreGrantedTheirRoleBySubject() {
    for (List<String> extra : DemoPki.EXTRA_CREDENTIALS) {
      X509Certificate cert =
          Pem.readCertificate(dir.resolve(extra.get(0) + "/" + extra.get(1) + ".pem"));
      JsonNode member = memberOf(genesis, extra.get(0));
      boolean granted = false;
      for (JsonNode g : member.get("grants")) {
        granted |=
            g.path("subject")
                    .asText()
                    .equals(cert.getSubjectX500Principal().getName(X500Principal.RFC2253))
                && g.get("roles").get(0).asText().equals(extra.get(1));
      }
      assertThat(granted).as(extra.toString()).isTrue();
    }
  }

  private static JsonNode memberOf(JsonNode g, String id) {
    for (JsonNode m : g.get("members")) {
      if (m.get("id").asText().equals(id)) {
        return m;
      }
    }
    throw new AssertionError(id + " is not a member");
  }

  @Test
  void secondGenesisHasPolAndJpnUnderItsOwnPosture() throws Exception {
    Path file = DemoPki.secondGenesis(dir);
    assertThat(file.getFileName().toString()).isEqualTo("genesis-NORDIC-GUARD.json");
    JsonNode second = EventJson.parse(Pem.readSmallFile(file), "second genesis");
    assertThat(second.get("mission").asText()).isEqualTo(DemoPki.SECOND_MISSION);
    assertThat(second.get("posture")).isEqualTo(EventJson.parseValue(DemoPki.POSTURE_B, "b"));
    assertThat(second.get("posture")).isNotEqualTo(genesis.get("posture"));
    List<String> ids = new ArrayList<>();
    second.get("members").forEach(m -> ids.add(m.get("id").asText()));
    assertThat(ids).containsExactly("POL", "JPN");
    // POL is the same nation under the same anchor in both missions
    assertThat(memberOf(second, "POL").get("trustAnchors"))
        .isEqualTo(memberOf(genesis, "POL").get("trustAnchors"));
    JsonNode jpn = memberOf(second, "JPN");
    X509Certificate ca = Pem.parseCertificates(jpn.get("trustAnchors").get(0).asText(), "a").get(0);
    ca.verify(ca.getPublicKey(), Pem.BC);
    assertThat(ca).isEqualTo(Pem.readCertificate(dir.resolve("JPN/ca.pem")));
    X509Certificate aa = Pem.readCertificate(dir.resolve("JPN/approving-authority.pem"));
    aa.verify(ca.getPublicKey(), Pem.BC);
    assertThat(jpn.get("grants")).hasSize(2);
    assertThat(jpn.get("grants").get(0).get("subject").asText())
        .isEqualTo(aa.getSubjectX500Principal().getName(X500Principal.RFC2253))
        .endsWith(",C=JP");
    // JPN's clerk (it signs the demo's chain fork in this mission)
    X509Certificate clerk = Pem.readCertificate(dir.resolve("JPN/clerk.pem"));
    clerk.verify(ca.getPublicKey(), Pem.BC);
    assertThat(jpn.get("grants").get(1).get("subject").asText())
        .isEqualTo(clerk.getSubjectX500Principal().getName(X500Principal.RFC2253));
    assertThat(jpn.get("grants").get(1).get("roles").get(0).asText()).isEqualTo(DemoPki.CLERK);
    for (JsonNode g : memberOf(second, "POL").get("grants")) {
      assertThat(g.get("roles").get(0).asText()).isEqualTo("approving-authority");
    }
    assertThat(jpn.get("grants").get(0).get("roles").get(0).asText())
        .isEqualTo("approving-authority");
    // JPN is outside NATO: a label releasable to NATO only does not reach it
    assertThat(GroupTable.natoDefault().covers("NATO", "JPN")).isFalse();
    assertThat(GroupTable.natoDefault().covers("NATO", "POL")).isTrue();
  }

  @Test
  void reissueKeepsTheSubjectWithAFreshKeyUnderTheSameCa() throws Exception {
    Path copy = tmp.resolve("reissue");
    new DemoPki().generate(copy, "REISSUE", true);
    X509Certificate ca = Pem.readCertificate(copy.resolve("LTU/ca.pem"));
    X509Certificate before = Pem.readCertificate(copy.resolve("LTU/clerk.pem"));
    X509Certificate after = new DemoPki().reissue(copy, "LTU", DemoPki.CLERK);
    assertThat(after).isEqualTo(Pem.readCertificate(copy.resolve("LTU/clerk.pem")));
    assertThat(after.getSubjectX500Principal().getEncoded())
        .isEqualTo(before.getSubjectX500Principal().getEncoded());
    assertThat(Pem.spkiHash(after)).isNotEqualTo(Pem.spkiHash(before));
    assertThat(after.getSerialNumber()).isNotEqualTo(before.getSerialNumber());
    after.verify(ca.getPublicKey(), Pem.BC);
    assertThat(
            CmsSigning.signatureAlgorithm(
                Pem.readPrivateKey(copy.resolve("LTU/clerk.key")), CmsSigning.RsaScheme.PKCS1))
        .isEqualTo("SHA256withECDSA");
  }

  @Test
  void crlsAreSignedByTheNationalRootAndAccumulate() throws Exception {
    Path copy = tmp.resolve("crl");
    new DemoPki().generate(copy, "CRL-TEST", true);
    X509Certificate ca = Pem.readCertificate(copy.resolve("POL/ca.pem"));
    X509Certificate first = Pem.readCertificate(copy.resolve("POL/field-officer.pem"));
    Instant t1 = Instant.parse("2026-11-29T10:15:00Z");
    X509CRL crl1 = parseCrl(new DemoPki().revoke(copy, "POL", first, t1));
    crl1.verify(ca.getPublicKey(), Pem.BC);
    assertThat(crl1.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
    assertThat(crl1.getRevokedCertificate(first).getRevocationDate().toInstant()).isEqualTo(t1);
    assertThat(crl1.getRevokedCertificates()).hasSize(1);

    X509Certificate second = new DemoPki().reissue(copy, "POL", DemoPki.FIELD_OFFICER);
    assertThat(crl1.isRevoked(second)).isFalse();
    Instant t2 = t1.plusSeconds(3600);
    byte[] der2 = new DemoPki().revoke(copy, "POL", second, t2);
    assertThat(Pem.readSmallFile(copy.resolve("POL/ca.crl"))).isEqualTo(der2);
    X509CRL crl2 = parseCrl(der2);
    crl2.verify(ca.getPublicKey(), Pem.BC);
    assertThat(crl2.getRevokedCertificate(first).getRevocationDate().toInstant()).isEqualTo(t1);
    assertThat(crl2.getRevokedCertificate(second).getRevocationDate().toInstant()).isEqualTo(t2);
    assertThat(crl2.getThisUpdate().toInstant()).isEqualTo(t2);
    assertThat(crl2.getNextUpdate().toInstant()).isAfter(t2);
    // another nation's CA key does not verify it
    X509Certificate ltu = Pem.readCertificate(copy.resolve("LTU/ca.pem"));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> crl2.verify(ltu.getPublicKey(), Pem.BC))
        .isInstanceOf(java.security.SignatureException.class);
    // openssl reads it as a v2 CRL with CRL number 2 and the CA's key identifier
    Cli.Proc text =
        Cli.exec(
            List.of(
                "openssl",
                "crl",
                "-inform",
                "DER",
                "-noout",
                "-text",
                "-in",
                copy.resolve("POL/ca.crl").toString()),
            null);
    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.outText())
        .contains("Version 2")
        .contains("X509v3 CRL Number")
        .contains("Key Compromise")
        .contains(second.getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT));
    // a credential of another CA is refused
    X509Certificate foreign = Pem.readCertificate(copy.resolve("LTU/clerk.pem"));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new DemoPki().revoke(copy, "POL", foreign, t2))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("not issued by POL");
  }

  static X509CRL parseCrl(byte[] der) throws Exception {
    return (X509CRL)
        CertificateFactory.getInstance("X.509", Pem.BC)
            .generateCRL(new java.io.ByteArrayInputStream(der));
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
