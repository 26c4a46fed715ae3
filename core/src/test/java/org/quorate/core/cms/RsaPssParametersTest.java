package org.quorate.core.cms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInfoGeneratorBuilder;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quorate.core.reason.AdmissionException;
import org.quorate.core.reason.CmsProfileException;
import org.quorate.core.reason.ReasonCode;
import org.quorate.core.reason.SignatureVerificationException;

/**
 * RSASSA-PSS with the parameters of RFC 4055 §3.1 taken as they are written: an MGF1 hash other
 * than the message hash (both SHA-2) verifies, and an {@code id-RSASSA-PSS} key carrying parameters
 * restricts the signatures it may make (RFC 4055 §1.2). The SignedData and keys are made at test
 * time with Bouncy Castle (the signer with its lightweight PSS engine, since the provider's {@code
 * RSASSA-PSS} refuses differing hashes on both sides).
 */
class RsaPssParametersTest {
  private static final byte[] CONTENT =
      "{\"v\":1,\"mission\":\"BALTIC-SHIELD\",\"type\":\"attestation\"}"
          .getBytes(StandardCharsets.UTF_8);
  private static final BouncyCastleProvider BC = new BouncyCastleProvider();
  private static final SecureRandom RANDOM = new SecureRandom();

  private static KeyPair ca;
  private static KeyPair rsa;

  private final SignedDataVerifier verifier = new SignedDataVerifier();

  @BeforeAll
  static void keys() throws Exception {
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC", BC);
    ec.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    ca = ec.generateKeyPair();
    KeyPairGenerator r = KeyPairGenerator.getInstance("RSA", BC);
    r.initialize(2048, RANDOM);
    rsa = r.generateKeyPair();
  }

  @Test
  void pssWithMgf1Sha512OverSha256IsVerifiedNotForged() throws Exception {
    byte[] der = signedData(rsaEncryptionKey(), "SHA-256", "SHA-512", 32);
    VerifiedSignedData verified = verifier.verify(der);
    assertThat(verified.signatureAlgorithm()).isEqualTo("RSASSA-PSS");
    assertThat(verified.content()).isEqualTo(CONTENT);
  }

  @Test
  void pssWithMgf1Sha256OverSha384IsVerifiedNotForged() throws Exception {
    verifier.verify(signedData(rsaEncryptionKey(), "SHA-384", "SHA-256", 48));
  }

  @Test
  void pssWithMgf1Sha512OverSha256AndAlteredContentIsBadSignature() throws Exception {
    byte[] der = signedData(rsaEncryptionKey(), "SHA-256", "SHA-512", 32);
    byte[] altered = der.clone();
    int at = SignedDataVerifierTest.indexOf(altered, CONTENT) + 10;
    altered[at] ^= 0x01;
    assertReason(altered, ReasonCode.BAD_SIGNATURE);
  }

  @Test
  void pssWithMgf1Sha512OverSha256SignedWithOtherSaltIsBadSignature() throws Exception {
    // Signed with salt 20, SignerInfo claims 32: the claimed parameters do not verify it.
    byte[] der = signedData(rsaEncryptionKey(), "SHA-256", "SHA-512", 20, 32);
    assertReason(der, ReasonCode.BAD_SIGNATURE);
  }

  @Test
  void pssKeyWithoutParametersIsUnrestricted() throws Exception {
    SubjectPublicKeyInfo key =
        pssKey(null); // RFC 4055 §1.2: parameters absent, any PSS parameters may be used
    verifier.verify(signedData(key, "SHA-384", "SHA-512", 0));
  }

  @Test
  void pssKeyRestrictedToSha256AcceptsItsParametersAndALongerSalt() throws Exception {
    SubjectPublicKeyInfo key = pssKey(params("SHA-256", "SHA-256", 32));
    verifier.verify(signedData(key, "SHA-256", "SHA-256", 32));
    verifier.verify(signedData(key, "SHA-256", "SHA-256", 64));
  }

  @Test
  void pssKeyRestrictedToSha256RefusesSha512SignatureAsNotAllowed() throws Exception {
    SubjectPublicKeyInfo key = pssKey(params("SHA-256", "SHA-256", 32));
    CmsProfileException e =
        assertReason(signedData(key, "SHA-512", "SHA-512", 64), ReasonCode.ALGORITHM_NOT_ALLOWED);
    assertThat(e.getMessage()).contains("restricted to hash SHA-256").contains("RFC 4055");
  }

  @Test
  void pssKeyRestrictedToMgf1Sha256RefusesMgf1Sha512AsNotAllowed() throws Exception {
    SubjectPublicKeyInfo key = pssKey(params("SHA-256", "SHA-256", 32));
    CmsProfileException e =
        assertReason(signedData(key, "SHA-256", "SHA-512", 32), ReasonCode.ALGORITHM_NOT_ALLOWED);
    assertThat(e.getMessage()).contains("MGF1 SHA-512");
  }

  @Test
  void pssKeyRestrictedToSalt32RefusesSalt20AsNotAllowed() throws Exception {
    SubjectPublicKeyInfo key = pssKey(params("SHA-256", "SHA-256", 32));
    CmsProfileException e =
        assertReason(signedData(key, "SHA-256", "SHA-256", 20), ReasonCode.ALGORITHM_NOT_ALLOWED);
    assertThat(e.getMessage()).contains("salt of at least 32");
  }

  @Test
  void pssKeyWithSha1ParametersIsNotAllowed() throws Exception {
    RSASSAPSSparams sha1 = RSASSAPSSparams.getInstance(new org.bouncycastle.asn1.DERSequence());
    SubjectPublicKeyInfo key = pssKey(sha1);
    assertReason(signedData(key, "SHA-256", "SHA-256", 32), ReasonCode.ALGORITHM_NOT_ALLOWED);
  }

  private <T extends AdmissionException> T assertReason(byte[] der, ReasonCode code) {
    Class<? extends AdmissionException> type =
        code == ReasonCode.BAD_SIGNATURE
            ? SignatureVerificationException.class
            : CmsProfileException.class;
    AdmissionException[] caught = new AdmissionException[1];
    assertThatThrownBy(() -> verifier.verify(der))
        .isInstanceOf(type)
        .satisfies(
            e -> {
              caught[0] = (AdmissionException) e;
              assertThat(caught[0].reasonCode()).as(e.getMessage()).isEqualTo(code);
            });
    @SuppressWarnings("unchecked")
    T t = (T) caught[0];
    return t;
  }

  private static SubjectPublicKeyInfo rsaEncryptionKey() {
    return SubjectPublicKeyInfo.getInstance(rsa.getPublic().getEncoded());
  }

  /** The RSA key as an {@code id-RSASSA-PSS} SubjectPublicKeyInfo with the given parameters. */
  private static SubjectPublicKeyInfo pssKey(ASN1Encodable parameters) throws Exception {
    return new SubjectPublicKeyInfo(
        parameters == null
            ? new AlgorithmIdentifier(PKCSObjectIdentifiers.id_RSASSA_PSS)
            : new AlgorithmIdentifier(PKCSObjectIdentifiers.id_RSASSA_PSS, parameters),
        rsaEncryptionKey().getPublicKeyData().getBytes());
  }

  private static RSASSAPSSparams params(String hash, String mgfHash, int salt) {
    AlgorithmIdentifier h = new AlgorithmIdentifier(oid(hash), DERNull.INSTANCE);
    AlgorithmIdentifier m = new AlgorithmIdentifier(oid(mgfHash), DERNull.INSTANCE);
    return new RSASSAPSSparams(
        h,
        new AlgorithmIdentifier(PKCSObjectIdentifiers.id_mgf1, m),
        new ASN1Integer(salt),
        new ASN1Integer(1));
  }

  private static byte[] signedData(SubjectPublicKeyInfo key, String hash, String mgfHash, int salt)
      throws Exception {
    return signedData(key, hash, mgfHash, salt, salt);
  }

  /**
   * A SignedData of the SPEC §1 profile signed with RSASSA-PSS: the signature made with salt length
   * {@code signedSalt}, the SignerInfo's parameters claiming {@code claimedSalt}.
   */
  private static byte[] signedData(
      SubjectPublicKeyInfo key, String hash, String mgfHash, int signedSalt, int claimedSalt)
      throws Exception {
    X509CertificateHolder cert = certificate(key);
    AlgorithmIdentifier algorithm =
        new AlgorithmIdentifier(
            PKCSObjectIdentifiers.id_RSASSA_PSS, params(hash, mgfHash, claimedSalt));
    PSSSigner signer =
        new PSSSigner(new RSABlindedEngine(), digest(hash), digest(mgfHash), signedSalt);
    signer.init(
        true,
        new ParametersWithRandom(
            PrivateKeyFactory.createKey(rsa.getPrivate().getEncoded()), RANDOM));
    ByteArrayOutputStream signed = new ByteArrayOutputStream();
    ContentSigner contentSigner =
        new ContentSigner() {
          @Override
          public AlgorithmIdentifier getAlgorithmIdentifier() {
            return algorithm;
          }

          @Override
          public OutputStream getOutputStream() {
            return signed;
          }

          @Override
          public byte[] getSignature() {
            byte[] bytes = signed.toByteArray();
            signer.update(bytes, 0, bytes.length);
            try {
              return signer.generateSignature();
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          }
        };
    CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
    generator.addSignerInfoGenerator(
        new SignerInfoGeneratorBuilder(
                new JcaDigestCalculatorProviderBuilder().setProvider(BC).build())
            .build(contentSigner, cert));
    generator.addCertificate(cert);
    return generator
        .generate(new CMSProcessableByteArray(CONTENT), true)
        .getEncoded(ASN1Encoding.DER);
  }

  private static X509CertificateHolder certificate(SubjectPublicKeyInfo key) throws Exception {
    Instant now = Instant.now();
    X509v3CertificateBuilder b =
        new X509v3CertificateBuilder(
            new X500Name("CN=PSS Test Root"),
            BigInteger.valueOf(RANDOM.nextInt(Integer.MAX_VALUE)),
            Date.from(now.minus(1, ChronoUnit.DAYS)),
            Date.from(now.plus(30, ChronoUnit.DAYS)),
            new X500Name("CN=PSS signer"),
            key);
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    return b.build(
        new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BC).build(ca.getPrivate()));
  }

  private static ASN1ObjectIdentifier oid(String hash) {
    switch (hash) {
      case "SHA-256":
        return NISTObjectIdentifiers.id_sha256;
      case "SHA-384":
        return NISTObjectIdentifiers.id_sha384;
      default:
        return NISTObjectIdentifiers.id_sha512;
    }
  }

  private static Digest digest(String hash) {
    switch (hash) {
      case "SHA-256":
        return new SHA256Digest();
      case "SHA-384":
        return new SHA384Digest();
      default:
        return new SHA512Digest();
    }
  }
}
