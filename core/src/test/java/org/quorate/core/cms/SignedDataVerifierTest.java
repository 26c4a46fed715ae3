package org.quorate.core.cms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quorate.core.reason.CmsProfileException;
import org.quorate.core.reason.ReasonCode;
import org.quorate.core.reason.SignatureVerificationException;

/**
 * {@link SignedDataVerifier} on SignedData made by {@code openssl cms} at test time (keys generated
 * in a temporary directory), one test per profile rule of SPEC §1 / §2 stages 1–2.
 */
class SignedDataVerifierTest {
  private static final String CONTENT =
      "{\"v\":1,\"mission\":\"BALTIC-SHIELD\",\"member\":\"POL\",\"type\":\"attestation\"}";

  @TempDir static Path dir;
  private static OpenSslCa ca;
  private static Path contentFile;

  private final SignedDataVerifier verifier = new SignedDataVerifier();

  @BeforeAll
  static void makeCa() throws Exception {
    ca = OpenSslCa.root(dir.resolve("root"), "Quorate Test Root");
    contentFile = dir.resolve("content.json");
    Files.writeString(contentFile, CONTENT, StandardCharsets.UTF_8);
  }

  /** Issues a credential with a new key of the type and signs CONTENT with openssl cms. */
  private static byte[] sign(String name, String keyType, String... options) throws Exception {
    Path key = ca.key(name + ".key", keyType);
    Path cert = ca.issue(name, key, OpenSslCa.START_2020, OpenSslCa.END_2040);
    return signWith(name, cert, key, options);
  }

  private static byte[] signWith(String name, Path cert, Path key, String... options)
      throws Exception {
    Path out = dir.resolve(name + ".p7");
    List<String> args =
        new ArrayList<>(
            List.of(
                "cms",
                "-sign",
                "-binary",
                "-outform",
                "DER",
                "-in",
                contentFile.toString(),
                "-signer",
                cert.toString(),
                "-inkey",
                key.toString(),
                "-out",
                out.toString()));
    args.addAll(List.of(options));
    OpenSsl.run(dir, args.toArray(String[]::new));
    return Files.readAllBytes(out);
  }

  private static final String[] STANDARD = {"-nodetach", "-md", "sha256"};

  private void assertRejected(byte[] der, ReasonCode code) {
    assertThatThrownBy(() -> verifier.verify(der))
        .isInstanceOf(
            code == ReasonCode.BAD_SIGNATURE
                ? SignatureVerificationException.class
                : CmsProfileException.class)
        .satisfies(
            e ->
                assertThat(((org.quorate.core.reason.AdmissionException) e).reasonCode())
                    .as(e.getMessage())
                    .isEqualTo(code));
  }

  @Test
  void validP256Verifies() throws Exception {
    byte[] der = sign("p256", "ec256", STANDARD);
    VerifiedSignedData verified = verifier.verify(der);

    assertThat(verified.content()).isEqualTo(CONTENT.getBytes(StandardCharsets.UTF_8));
    assertThat(verified.der()).isSameAs(der);
    assertThat(verified.signerCertificate())
        .isEqualTo(OpenSslCa.load(ca.dir().resolve("p256.crt")));
    assertThat(verified.certificates()).containsExactly(verified.signerCertificate());
    assertThat(verified.digestAlgorithm()).isEqualTo("SHA-256");
    assertThat(verified.signatureAlgorithm()).isEqualTo("SHA256withECDSA");
    assertThat(Duration.between(verified.signingTime(), Instant.now()).abs())
        .isLessThan(Duration.ofMinutes(10));

    // Independent of our code: openssl's DER SubjectPublicKeyInfo of the key.
    OpenSsl.run(
        ca.dir(), "pkey", "-in", "p256.key", "-pubout", "-outform", "DER", "-out", "p256.spki");
    byte[] spki = Files.readAllBytes(ca.dir().resolve("p256.spki"));
    assertThat(verified.signer()).isEqualTo("sha256:" + sha256Hex(spki));
    assertThat(Ids.spkiHash(verified.signerCertificate())).isEqualTo(verified.signer());
    assertThat(verified.eventId())
        .isEqualTo("sha256:" + sha256Hex(CONTENT.getBytes(StandardCharsets.UTF_8)));
    assertThat(verified.inputId()).isEqualTo("sha256:" + sha256Hex(der));
  }

  @Test
  void aRecurringSignersCertificateIsDecodedOnceAndItsNamesAreThoseOfTheCertificate()
      throws Exception {
    Path key = ca.key("recurring.key", "ec256");
    Path cert = ca.issue("recurring", key, OpenSslCa.START_2020, OpenSslCa.END_2040);
    VerifiedSignedData first = verifier.verify(signWith("recurring-1", cert, key, STANDARD));
    VerifiedSignedData second = verifier.verify(signWith("recurring-2", cert, key, STANDARD));
    java.security.cert.X509Certificate expected = OpenSslCa.load(cert);

    assertThat(second.signerCertificate()).isSameAs(first.signerCertificate()).isEqualTo(expected);
    assertThat(second.signerNames()).isSameAs(first.signerNames());
    assertThat(first.signer()).isEqualTo(Ids.spkiHash(expected));
    assertThat(first.signerNames().subject())
        .isEqualTo(expected.getSubjectX500Principal().getName());
    assertThat(first.signerNames().issuerAndSerial())
        .isEqualTo(
            expected
                    .getIssuerX500Principal()
                    .getName(javax.security.auth.x500.X500Principal.CANONICAL)
                + "#"
                + expected.getSerialNumber().toString(16));
    // Another verifier decodes on its own: equal names, its own objects.
    VerifiedSignedData elsewhere =
        new SignedDataVerifier().verify(signWith("recurring-3", cert, key, STANDARD));
    assertThat(elsewhere.signerNames())
        .isEqualTo(first.signerNames())
        .isNotSameAs(first.signerNames());
  }

  @Test
  void aCertificateAboveTheCacheLimitIsDecodedEachTime() throws Exception {
    // The cache is filled before any trust check: a certificate above the limit is not pinned in
    // it. A verifier whose limit is below any real certificate's size shows it.
    SignedDataVerifier small = new SignedDataVerifier(SignedDataVerifier.DEFAULT_MAX_BYTES, 64);
    Path key = ca.key("uncached.key", "ec256");
    Path cert = ca.issue("uncached", key, OpenSslCa.START_2020, OpenSslCa.END_2040);
    VerifiedSignedData first = small.verify(signWith("uncached-1", cert, key, STANDARD));
    VerifiedSignedData second = small.verify(signWith("uncached-2", cert, key, STANDARD));

    assertThat(second.signerCertificate())
        .isEqualTo(first.signerCertificate())
        .isNotSameAs(first.signerCertificate());
    assertThat(second.signerNames()).isEqualTo(first.signerNames());
  }

  @Test
  void validP384Sha384Verifies() throws Exception {
    VerifiedSignedData verified =
        verifier.verify(sign("p384", "ec384", "-nodetach", "-md", "sha384"));
    assertThat(verified.signatureAlgorithm()).isEqualTo("SHA384withECDSA");
  }

  @Test
  void rsa2048Pkcs1v15Verifies() throws Exception {
    VerifiedSignedData verified = verifier.verify(sign("rsa2048", "rsa2048", STANDARD));
    assertThat(verified.signatureAlgorithm()).isEqualTo("SHA256withRSA");
  }

  @Test
  void rsa2048PssVerifies() throws Exception {
    VerifiedSignedData verified =
        verifier.verify(
            sign(
                "rsapss",
                "rsa2048",
                "-nodetach",
                "-md",
                "sha256",
                "-keyopt",
                "rsa_padding_mode:pss"));
    assertThat(verified.signatureAlgorithm()).isEqualTo("RSASSA-PSS");
  }

  /**
   * OpenSSL 3.0 cannot make CMS with Ed25519 ({@code eddsa_digest_signverify_init: invalid
   * digest}); the key and certificate come from openssl, the SignedData from Bouncy Castle's
   * generator (RFC 8419: digest SHA-512, pure Ed25519 over the signed attributes).
   */
  @Test
  void ed25519Verifies() throws Exception {
    Path keyPath = ca.key("ed25519.key", "ed25519");
    Path certPath = ca.issue("ed25519", keyPath, OpenSslCa.START_2020, OpenSslCa.END_2040);
    BouncyCastleProvider bc = new BouncyCastleProvider();
    PrivateKey key;
    try (PEMParser parser =
        new PEMParser(Files.newBufferedReader(keyPath, StandardCharsets.US_ASCII))) {
      key =
          new JcaPEMKeyConverter()
              .setProvider(bc)
              .getPrivateKey((PrivateKeyInfo) parser.readObject());
    }
    X509Certificate cert = OpenSslCa.load(certPath);
    CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
    generator.addSignerInfoGenerator(
        new JcaSignerInfoGeneratorBuilder(
                new JcaDigestCalculatorProviderBuilder().setProvider(bc).build())
            .build(new JcaContentSignerBuilder("Ed25519").setProvider(bc).build(key), cert));
    generator.addCertificate(new JcaX509CertificateHolder(cert));
    byte[] der =
        generator
            .generate(new CMSProcessableByteArray(CONTENT.getBytes(StandardCharsets.UTF_8)), true)
            .getEncoded(ASN1Encoding.DER);

    VerifiedSignedData verified = verifier.verify(der);
    assertThat(verified.signatureAlgorithm()).isEqualTo("Ed25519");
    assertThat(verified.digestAlgorithm()).isEqualTo("SHA-512");
    assertThat(verified.signerCertificate()).isEqualTo(cert);
  }

  @Test
  void intermediateTravelsAfterSigner() throws Exception {
    OpenSslCa sub = ca.subordinate(dir.resolve("sub"), "Quorate Test Sub CA");
    Path key = sub.key("leaf.key", "ec256");
    Path cert = sub.issue("leaf", key, OpenSslCa.START_2020, OpenSslCa.END_2040);
    byte[] der =
        signWith(
            "leaf",
            cert,
            key,
            "-nodetach",
            "-md",
            "sha256",
            "-certfile",
            sub.certificatePath().toString());
    VerifiedSignedData verified = verifier.verify(der);
    assertThat(verified.certificates()).containsExactly(OpenSslCa.load(cert), sub.certificate());
  }

  @Test
  void noSignedAttributes() throws Exception {
    assertRejected(
        sign("noattr", "ec256", "-nodetach", "-md", "sha256", "-noattr"),
        ReasonCode.NO_SIGNED_ATTRIBUTES);
  }

  @Test
  void detachedContent() throws Exception {
    assertRejected(sign("detached", "ec256", "-md", "sha256"), ReasonCode.DETACHED_CONTENT);
  }

  @Test
  void twoSigners() throws Exception {
    Path key2 = ca.key("second.key", "ec256");
    Path cert2 = ca.issue("second", key2, OpenSslCa.START_2020, OpenSslCa.END_2040);
    assertRejected(
        sign(
            "first",
            "ec256",
            "-nodetach",
            "-md",
            "sha256",
            "-signer",
            cert2.toString(),
            "-inkey",
            key2.toString()),
        ReasonCode.SIGNER_COUNT);
  }

  @Test
  void signerCertificateMissing() throws Exception {
    assertRejected(
        sign("nocerts", "ec256", "-nodetach", "-md", "sha256", "-nocerts"),
        ReasonCode.SIGNER_COUNT);
  }

  @Test
  void sha1Refused() throws Exception {
    assertRejected(
        sign("sha1", "ec256", "-nodetach", "-md", "sha1"), ReasonCode.ALGORITHM_NOT_ALLOWED);
  }

  @Test
  void curveSecp256k1Refused() throws Exception {
    assertRejected(sign("k1", "ec-secp256k1", STANDARD), ReasonCode.ALGORITHM_NOT_ALLOWED);
  }

  @Test
  void rsa1024IsWeak() throws Exception {
    assertRejected(sign("rsa1024", "rsa1024", STANDARD), ReasonCode.WEAK_KEY);
  }

  @Test
  void flippedContentByteBreaksSignature() throws Exception {
    byte[] der = sign("flip", "ec256", STANDARD);
    byte[] content = CONTENT.getBytes(StandardCharsets.UTF_8);
    int at = indexOf(der, content);
    assertThat(at).isPositive();
    der[at + 10] ^= 0x01; // inside the eContent OCTET STRING: the DER stays well formed
    assertRejected(der, ReasonCode.BAD_SIGNATURE);
  }

  @Test
  void flippedSignatureByteBreaksSignature() throws Exception {
    byte[] der = sign("flipsig", "rsa2048", STANDARD);
    der[der.length - 1] ^= 0x01; // the SignerInfo signature value ends the DER
    assertRejected(der, ReasonCode.BAD_SIGNATURE);
  }

  @Test
  void berIndefiniteLengthRefused() throws Exception {
    // -stream makes openssl write indefinite-length BER
    assertRejected(
        sign("stream", "ec256", "-nodetach", "-md", "sha256", "-stream"), ReasonCode.MALFORMED_CMS);
  }

  @Test
  void trailingByteRefused() throws Exception {
    byte[] der = sign("trailing", "ec256", STANDARD);
    byte[] longer = java.util.Arrays.copyOf(der, der.length + 1);
    assertRejected(longer, ReasonCode.MALFORMED_CMS);
  }

  @Test
  void garbageIsMalformed() {
    byte[] garbage = "this is not CMS at all".getBytes(StandardCharsets.UTF_8);
    assertRejected(garbage, ReasonCode.MALFORMED_CMS);
    assertRejected(
        new byte[] {0x30, (byte) 0x84, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff},
        ReasonCode.MALFORMED_CMS);
  }

  @Test
  void emptyIsMalformed() {
    assertRejected(new byte[0], ReasonCode.MALFORMED_CMS);
  }

  @Test
  void oversizeRefusedBeforeParsing() throws Exception {
    byte[] der = sign("big", "ec256", STANDARD);
    SignedDataVerifier small = new SignedDataVerifier(der.length - 1);
    assertThatThrownBy(() -> small.verify(der))
        .isInstanceOf(CmsProfileException.class)
        .satisfies(
            e ->
                assertThat(((CmsProfileException) e).reasonCode()).isEqualTo(ReasonCode.TOO_LARGE));
    assertThat(new SignedDataVerifier(der.length).verify(der)).isNotNull();
    assertRejected(new byte[SignedDataVerifier.DEFAULT_MAX_BYTES + 1], ReasonCode.TOO_LARGE);
  }

  /** Where {@code needle} first occurs in {@code haystack}, or -1 (shared by the cms tests). */
  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static String sha256Hex(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
