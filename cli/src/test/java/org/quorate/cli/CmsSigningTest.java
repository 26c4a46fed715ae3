package org.quorate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code quorate sign} makes what {@code openssl cms -verify -binary -inform DER} accepts (SPEC
 * §1), with the content unchanged and {@code signer} equal to OpenSSL's SPKI hash.
 */
class CmsSigningTest {
  @TempDir static Path tmp;
  static Path pki;

  @BeforeAll
  static void demoPki() {
    pki = tmp.resolve("pki");
    new DemoPki().generate(pki, "BALTIC-SHIELD", true);
  }

  private static Path file(String name) {
    return tmp.resolve(name);
  }

  private static byte[] opensslVerify(Path der, Path caFile) throws Exception {
    Path content = Files.createTempFile(tmp, "content", ".bin");
    Cli.Proc p =
        Cli.exec(
            List.of(
                "openssl",
                "cms",
                "-verify",
                "-binary",
                "-inform",
                "DER",
                "-in",
                der.toString(),
                "-CAfile",
                caFile.toString(),
                "-purpose",
                "any",
                "-out",
                content.toString()),
            null);
    assertThat(p.exitCode()).as("openssl cms -verify: %s", p.err()).isZero();
    return Files.readAllBytes(content);
  }

  @Test
  void completeEventIsSignedByteForByteAndVerifiesWithOpenssl() throws Exception {
    Path cert = pki.resolve("POL/approving-authority.pem");
    String signer = Pem.spkiHash(Pem.readCertificate(cert));
    // odd spacing on purpose: a complete event must be signed exactly as given
    byte[] event =
        ("{ \"v\":1, \"mission\":\"BALTIC-SHIELD\",\"member\":\"POL\",\"signer\":\""
                + signer
                + "\",\"epoch\":0,\"seq\":1,\"prev\":null,\"type\":\"contribution\","
                + "\"issued\":\"2026-11-29T10:15:00Z\",\"body\":{\"title\":\"t\","
                + "\"digest\":\"sha256:0000000000000000000000000000000000000000000000000000000000000000\",\"references\":[]}}\n")
            .getBytes(StandardCharsets.UTF_8);
    Path in = file("complete.json");
    Files.write(in, event);
    Path out = file("complete.p7m");
    Cli.Result r =
        Cli.run(
            "sign",
            "--dir",
            tmp.resolve("state").toString(),
            "--key",
            pki.resolve("POL/approving-authority.key").toString(),
            "--cert",
            cert.toString(),
            "--in",
            in.toString(),
            "--out",
            out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("event id " + Pem.sha256Id(event));
    assertThat(opensslVerify(out, pki.resolve("POL/ca.pem"))).isEqualTo(event);
    assertThat(CmsSigning.content(Files.readAllBytes(out))).isEqualTo(event);
  }

  @Test
  void anEventSpecSection1RefusesIsNotSignedAndLeavesTheChainStateAsItWas() throws Exception {
    Path in = file("unknown-field.json");
    Files.writeString(
        in,
        "{\"mission\":\"BALTIC-SHIELD\",\"member\":\"POL\",\"type\":\"contribution\","
            + "\"colour\":\"red\",\"body\":{\"title\":\"t\",\"digest\":\"sha256:0000000000000000000000000000000000000000000000000000000000000000\","
            + "\"references\":[]}}",
        StandardCharsets.UTF_8);
    Path state = tmp.resolve("state-invalid");
    Path out = file("unknown-field.p7m");
    List<String> args =
        List.of(
            "sign",
            "--dir",
            state.toString(),
            "--key",
            pki.resolve("POL/approving-authority.key").toString(),
            "--cert",
            pki.resolve("POL/approving-authority.pem").toString(),
            "--in",
            in.toString(),
            "--out",
            out.toString());
    Cli.Result refused = Cli.run(args.toArray(String[]::new));
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).contains("not signed").contains("unknown-field");
    assertThat(out).doesNotExist();

    // Signed on purpose (a test input): the chain state still does not move.
    List<String> anyway = new java.util.ArrayList<>(args);
    anyway.add("--no-validate");
    Cli.Result signed = Cli.run(anyway.toArray(String[]::new));
    assertThat(signed.exitCode()).as(signed.err()).isZero();
    assertThat(signed.err()).contains("chain state is not advanced");
    Path valid = file("valid-after.json");
    Files.writeString(
        valid,
        "{\"mission\":\"BALTIC-SHIELD\",\"member\":\"POL\",\"type\":\"contribution\","
            + "\"body\":{\"title\":\"t2\",\"digest\":\"sha256:0000000000000000000000000000000000000000000000000000000000000000\",\"references\":[]}}",
        StandardCharsets.UTF_8);
    List<String> next = new java.util.ArrayList<>(args);
    next.set(next.indexOf(in.toString()), valid.toString());
    next.set(next.indexOf(out.toString()), file("valid-after.p7m").toString());
    Cli.Result first = Cli.run(next.toArray(String[]::new));
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).contains("chain    seq 1, prev null");
  }

  @Test
  void filledEventVerifiesAndCarriesOpensslSpkiHash() throws Exception {
    Path cert = pki.resolve("LTU/legal-advisor.pem");
    Path in = file("partial.json");
    Files.writeString(
        in,
        "{\"mission\":\"BALTIC-SHIELD\",\"member\":\"LTU\",\"type\":\"contribution\","
            + "\"body\":{\"title\":\"t\",\"digest\":\"sha256:0000000000000000000000000000000000000000000000000000000000000000\",\"references\":[]}}",
        StandardCharsets.UTF_8);
    Path out = file("partial.p7m");
    Cli.Result r =
        Cli.run(
            "sign",
            "--dir",
            tmp.resolve("state2").toString(),
            "--key",
            pki.resolve("LTU/legal-advisor.key").toString(),
            "--cert",
            cert.toString(),
            "--in",
            in.toString(),
            "--out",
            out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    byte[] content = opensslVerify(out, pki.resolve("LTU/ca.pem"));
    JsonNode e = EventJson.parse(content, "content");

    Cli.Proc hash =
        Cli.sh(
            "openssl x509 -pubkey -noout -in '"
                + cert
                + "' | openssl pkey -pubin -outform DER"
                + " | openssl dgst -sha256 -r");
    assertThat(hash.exitCode()).as(hash.err()).isZero();
    String opensslHex = hash.outText().trim().split("\\s+")[0];
    assertThat(e.get("signer").asText()).isEqualTo("sha256:" + opensslHex);
    assertThat(e.get("seq").asLong()).isEqualTo(1);
    assertThat(e.get("prev").isNull()).isTrue();
    assertThat(e.get("issued").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(Table.texts(EventJson.MAPPER.valueToTree(iterate(e))))
        .containsExactly(
            "v", "mission", "member", "signer", "epoch", "seq", "prev", "type", "issued", "body");
  }

  private static List<String> iterate(JsonNode e) {
    List<String> names = new java.util.ArrayList<>();
    e.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void signedAttributesAreThoseOfOpensslCmsSign() throws Exception {
    Path out = file("attrs.p7m");
    Path in = file("attrs.json");
    Files.writeString(in, "{\"mission\":\"M\",\"member\":\"POL\",\"type\":\"x\",\"body\":{}}");
    Cli.Result r =
        Cli.run(
            "sign",
            "--no-chain-state",
            "--no-validate",
            "--key",
            pki.resolve("POL/node.key").toString(),
            "--cert",
            pki.resolve("POL/node.pem").toString(),
            "--in",
            in.toString(),
            "--out",
            out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    Cli.Proc print =
        Cli.exec(
            List.of("openssl", "cms", "-cmsout", "-print", "-inform", "DER", "-in", out.toString()),
            null);
    assertThat(print.exitCode()).isZero();
    assertThat(print.outText())
        .contains("eContentType: pkcs7-data")
        .contains("contentType (1.2.840.113549.1.9.3)")
        .contains("messageDigest (1.2.840.113549.1.9.4)")
        .contains("signingTime (1.2.840.113549.1.9.5)")
        .contains("algorithm: sha256 (2.16.840.1.101.3.4.2.1)")
        .contains("algorithm: ecdsa-with-SHA256");
    assertThat(Files.exists(tmp.resolve(".quorate"))).isFalse();
  }

  @Test
  void opensslMadeKeysOfOtherAllowedAlgorithmsSignAndVerify() throws Exception {
    String[][] cases = {
      {"p384", "-newkey ec -pkeyopt ec_paramgen_curve:P-384", "", "ecdsa-with-SHA384"},
      {"rsa", "-newkey rsa:2048", "", "sha256WithRSAEncryption"},
      {"rsapss", "-newkey rsa:2048", "--rsa-pss", "rsassaPss"},
    };
    for (String[] c : cases) {
      Path key = file(c[0] + ".key");
      Path cert = file(c[0] + ".pem");
      Cli.Proc gen =
          Cli.sh(
              "openssl req -x509 "
                  + c[1]
                  + " -nodes -days 2 -subj /CN="
                  + c[0]
                  + " -keyout '"
                  + key
                  + "' -out '"
                  + cert
                  + "'");
      assertThat(gen.exitCode()).as(gen.err()).isZero();
      Path in = file(c[0] + ".json");
      Files.writeString(in, "{\"mission\":\"M\",\"member\":\"POL\",\"type\":\"x\",\"body\":{}}");
      Path out = file(c[0] + ".p7m");
      List<String> args =
          new java.util.ArrayList<>(
              List.of(
                  "sign",
                  "--no-chain-state",
                  "--no-validate",
                  "--key",
                  key.toString(),
                  "--cert",
                  cert.toString(),
                  "--in",
                  in.toString(),
                  "--out",
                  out.toString()));
      if (!c[2].isEmpty()) {
        args.add(c[2]);
      }
      Cli.Result r = Cli.run(args.toArray(new String[0]));
      assertThat(r.exitCode()).as(c[0] + ": " + r.err()).isZero();
      byte[] content = opensslVerify(out, cert);
      assertThat(EventJson.parse(content, c[0]).get("signer").asText())
          .isEqualTo(Pem.spkiHash(Pem.readCertificate(cert)));
      Cli.Proc print =
          Cli.exec(
              List.of(
                  "openssl", "cms", "-cmsout", "-print", "-inform", "DER", "-in", out.toString()),
              null);
      assertThat(print.outText()).as(c[0]).contains(c[3]);
    }
  }

  /**
   * Ed25519 (RFC 8419): checked with Bouncy Castle, not the openssl binary, because OpenSSL 3.0
   * (the one on the build machine) cannot sign or verify Ed25519 CMS at all ({@code openssl cms
   * -sign} fails with "no default digest", {@code -verify} with "invalid digest"); 3.2 can.
   */
  @Test
  void ed25519SignsWithSha512MessageDigest() throws Exception {
    Path key = file("ed.key");
    Path cert = file("ed.pem");
    Cli.Proc gen =
        Cli.sh(
            "openssl req -x509 -newkey ed25519 -nodes -days 2 -subj /CN=ed -keyout '"
                + key
                + "' -out '"
                + cert
                + "'");
    assertThat(gen.exitCode()).as(gen.err()).isZero();
    byte[] event = "{\"v\":1}".getBytes(StandardCharsets.UTF_8);
    java.security.cert.X509Certificate c = Pem.readCertificate(cert);
    byte[] der =
        CmsSigning.sign(event, Pem.readPrivateKey(key), c, List.of(), CmsSigning.RsaScheme.PKCS1);
    org.bouncycastle.cms.CMSSignedData sd = new org.bouncycastle.cms.CMSSignedData(der);
    org.bouncycastle.cms.SignerInformation si = sd.getSignerInfos().getSigners().iterator().next();
    assertThat(si.getDigestAlgOID()).isEqualTo("2.16.840.1.101.3.4.2.3"); // id-sha512
    assertThat(si.getEncryptionAlgOID()).isEqualTo("1.3.101.112"); // id-Ed25519
    assertThat(
            si.verify(
                new org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder()
                    .setProvider(Pem.BC)
                    .build(c)))
        .isTrue();
    assertThat(CmsSigning.content(der)).isEqualTo(event);
    byte[] flipped = ScenarioRunner.flipSignatureByte(der);
    org.bouncycastle.cms.SignerInformation bad =
        new org.bouncycastle.cms.CMSSignedData(flipped)
            .getSignerInfos()
            .getSigners()
            .iterator()
            .next();
    assertThat(
            bad.verify(
                new org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder()
                    .setProvider(Pem.BC)
                    .build(c)))
        .isFalse();
  }

  @Test
  void keyOfAnotherCertificateIsRefusedWithAMessage() throws Exception {
    Path in = file("mix.json");
    Files.writeString(in, "{\"mission\":\"M\",\"member\":\"POL\",\"type\":\"x\",\"body\":{}}");
    Cli.Result r =
        Cli.run(
            "sign",
            "--no-chain-state",
            "--no-validate",
            "--key",
            pki.resolve("POL/legal-advisor.key").toString(),
            "--cert",
            pki.resolve("POL/node.pem").toString(),
            "--in",
            in.toString(),
            "--out",
            file("mix.p7m").toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .contains("error: the private key does not belong to the certificate")
        .doesNotContain("at org.");
  }

  @Test
  void weakRsaKeyIsRefused() throws Exception {
    Path key = file("rsa1024.key");
    Path cert = file("rsa1024.pem");
    Cli.Proc gen =
        Cli.sh(
            "openssl req -x509 -newkey rsa:1024 -nodes -days 2 -subj /CN=w -keyout '"
                + key
                + "' -out '"
                + cert
                + "'");
    assertThat(gen.exitCode()).as(gen.err()).isZero();
    Path in = file("w.json");
    Files.writeString(in, "{\"mission\":\"M\",\"member\":\"POL\",\"type\":\"x\",\"body\":{}}");
    Cli.Result r =
        Cli.run(
            "sign",
            "--no-chain-state",
            "--no-validate",
            "--key",
            key.toString(),
            "--cert",
            cert.toString(),
            "--in",
            in.toString(),
            "--out",
            file("w.p7m").toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("RSA keys of 1024 bits are too weak");
  }

  @Test
  void flippedSignatureByteFailsOpensslVerification() throws Exception {
    byte[] event = "{\"v\":1}".getBytes(StandardCharsets.UTF_8);
    DemoCredential c = DemoCredential.load(pki, "EST", "approving-authority");
    byte[] der = CmsSigning.sign(event, c.key(), c.cert(), List.of(), CmsSigning.RsaScheme.PKCS1);
    byte[] flipped = ScenarioRunner.flipSignatureByte(der);
    assertThat(flipped).hasSameSizeAs(der).isNotEqualTo(der);
    Path good = file("good.p7m");
    Path bad = file("bad.p7m");
    Files.write(good, der);
    Files.write(bad, flipped);
    assertThat(opensslVerify(good, pki.resolve("EST/ca.pem"))).isEqualTo(event);
    Cli.Proc p =
        Cli.exec(
            List.of(
                "openssl",
                "cms",
                "-verify",
                "-binary",
                "-inform",
                "DER",
                "-in",
                bad.toString(),
                "-CAfile",
                pki.resolve("EST/ca.pem").toString(),
                "-purpose",
                "any"),
            null);
    assertThat(p.exitCode()).isNotZero();
  }
}
