package org.quorate.core.testing;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Test-only PKI: national root CAs and signer credentials (ECDSA P-256), generated at run time, and
 * CMS SignedData of the SPEC §1 profile made with Bouncy Castle. Nothing here is a secret.
 */
public final class TestPki {
  private static final BouncyCastleProvider BC = new BouncyCastleProvider();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

  private TestPki() {}

  /** A key pair and its certificate. */
  public record Credential(KeyPair keys, X509Certificate certificate) {
    /**
     * @return the certificate as PEM
     */
    public String pem() {
      return TestPki.pem(certificate);
    }
  }

  /**
   * @param subject RFC 4514 subject, e.g. {@code CN=POL Root,O=Poland,C=PL}
   * @return a self-signed CA valid from a year ago for ten years
   */
  public static Credential rootCa(String subject) {
    KeyPair k = p256();
    Instant now = Instant.now();
    return new Credential(
        k,
        certificate(
            subject,
            subject,
            k,
            k.getPrivate(),
            now.minus(365, ChronoUnit.DAYS),
            now.plus(3650, ChronoUnit.DAYS),
            true));
  }

  /**
   * @param ca the issuing CA
   * @param subject RFC 4514 subject
   * @return an end-entity credential valid from a day ago for two years
   */
  public static Credential signer(Credential ca, String subject) {
    Instant now = Instant.now();
    return signer(ca, subject, now.minus(1, ChronoUnit.DAYS), now.plus(730, ChronoUnit.DAYS));
  }

  /**
   * @param ca the issuing CA
   * @param subject RFC 4514 subject
   * @param notBefore validity start
   * @param notAfter validity end
   * @return an end-entity credential
   */
  public static Credential signer(
      Credential ca, String subject, Instant notBefore, Instant notAfter) {
    KeyPair k = p256();
    return new Credential(
        k,
        certificate(
            ca.certificate().getSubjectX500Principal().getName(),
            subject,
            k,
            ca.keys().getPrivate(),
            notBefore,
            notAfter,
            false));
  }

  /**
   * Another certificate for a credential's key (a re-issued certificate: same subject and key, a
   * new serial), so that a CRL can revoke one and not the other.
   *
   * @param ca the issuing CA
   * @param existing the credential whose key is certified again
   * @return the same key under the new certificate
   */
  public static Credential reissued(Credential ca, Credential existing) {
    X509Certificate old = existing.certificate();
    return new Credential(
        existing.keys(),
        certificate(
            ca.certificate().getSubjectX500Principal().getName(),
            old.getSubjectX500Principal().getName(),
            existing.keys(),
            ca.keys().getPrivate(),
            old.getNotBefore().toInstant(),
            old.getNotAfter().toInstant(),
            false));
  }

  /**
   * The same SignedData, signed once (same content, signed attributes and signature), carrying
   * another certificate for the signer's key: the certificate set holds only {@code other} and the
   * SignerInfo's sid (not signed) names it. A second copy of one event, as a relay could make it.
   *
   * @param der a SignedData of {@link #sign}
   * @param other another certificate for the same key
   * @return the copy's DER
   */
  public static byte[] withCertificate(byte[] der, X509Certificate other) {
    try {
      org.bouncycastle.asn1.cms.ContentInfo ci =
          org.bouncycastle.asn1.cms.ContentInfo.getInstance(
              org.bouncycastle.asn1.ASN1Primitive.fromByteArray(der));
      org.bouncycastle.asn1.cms.SignedData sd =
          org.bouncycastle.asn1.cms.SignedData.getInstance(ci.getContent());
      org.bouncycastle.asn1.cms.SignerInfo si =
          org.bouncycastle.asn1.cms.SignerInfo.getInstance(sd.getSignerInfos().getObjectAt(0));
      X509CertificateHolder h = new X509CertificateHolder(other.getEncoded());
      org.bouncycastle.asn1.cms.SignerInfo copy =
          new org.bouncycastle.asn1.cms.SignerInfo(
              new org.bouncycastle.asn1.cms.SignerIdentifier(
                  new org.bouncycastle.asn1.cms.IssuerAndSerialNumber(
                      h.getIssuer(), h.getSerialNumber())),
              si.getDigestAlgorithm(),
              si.getAuthenticatedAttributes(),
              si.getDigestEncryptionAlgorithm(),
              si.getEncryptedDigest(),
              si.getUnauthenticatedAttributes());
      org.bouncycastle.asn1.cms.SignedData changed =
          new org.bouncycastle.asn1.cms.SignedData(
              sd.getDigestAlgorithms(),
              sd.getEncapContentInfo(),
              new org.bouncycastle.asn1.DERSet(h.toASN1Structure()),
              sd.getCRLs(),
              new org.bouncycastle.asn1.DERSet(copy));
      return new org.bouncycastle.asn1.cms.ContentInfo(
              org.bouncycastle.asn1.cms.CMSObjectIdentifiers.signedData, changed)
          .getEncoded(org.bouncycastle.asn1.ASN1Encoding.DER);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * CMS SignedData of the SPEC §1 profile: content attached (id-data), one SignerInfo, signed
   * attributes content-type, message-digest and signing-time, ECDSA with SHA-256.
   *
   * @param content the event bytes
   * @param signer the credential
   * @param chain further certificates to carry
   * @return the DER
   */
  public static byte[] sign(byte[] content, Credential signer, X509Certificate... chain) {
    try {
      ContentSigner cs =
          new JcaContentSignerBuilder("SHA256withECDSA")
              .setProvider(BC)
              .build(signer.keys().getPrivate());
      CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
      gen.addSignerInfoGenerator(
          new JcaSignerInfoGeneratorBuilder(
                  new JcaDigestCalculatorProviderBuilder().setProvider(BC).build())
              .build(cs, signer.certificate()));
      List<X509Certificate> certs = new java.util.ArrayList<>();
      certs.add(signer.certificate());
      certs.addAll(List.of(chain));
      gen.addCertificates(new JcaCertStore(certs));
      return gen.generate(new CMSProcessableByteArray(content), true)
          .getEncoded(org.bouncycastle.asn1.ASN1Encoding.DER);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * @param c a certificate
   * @return its PEM
   */
  public static String pem(X509Certificate c) {
    java.io.StringWriter w = new java.io.StringWriter();
    try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
      pw.writeObject(c);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    return w.toString();
  }

  /**
   * @param s text
   * @return its UTF-8 bytes
   */
  public static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static KeyPair p256() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BC);
      g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509Certificate certificate(
      String issuer,
      String subject,
      KeyPair subjectKeys,
      PrivateKey issuerKey,
      Instant notBefore,
      Instant notAfter,
      boolean ca) {
    try {
      JcaX509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              name(issuer),
              BigInteger.valueOf(SERIAL.incrementAndGet()),
              Date.from(notBefore),
              Date.from(notAfter),
              name(subject),
              subjectKeys.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      b.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
      ContentSigner cs =
          new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BC).build(issuerKey);
      X509CertificateHolder h = b.build(cs);
      return new JcaX509CertificateConverter().setProvider(BC).getCertificate(h);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A CRL issued and signed by a CA, revoking one certificate.
   *
   * @param ca the issuing CA
   * @param revoked the certificate it revokes
   * @param revocationDate when it was revoked
   * @return the DER CRL
   */
  public static byte[] crl(Credential ca, X509Certificate revoked, Instant revocationDate) {
    try {
      org.bouncycastle.cert.X509v2CRLBuilder b =
          new org.bouncycastle.cert.X509v2CRLBuilder(
              name(ca.certificate().getSubjectX500Principal().getName()), Date.from(Instant.now()));
      b.setNextUpdate(Date.from(Instant.now().plus(30, ChronoUnit.DAYS)));
      b.addCRLEntry(
          revoked.getSerialNumber(),
          Date.from(revocationDate),
          org.bouncycastle.asn1.x509.CRLReason.keyCompromise);
      ContentSigner cs =
          new JcaContentSignerBuilder("SHA256withECDSA")
              .setProvider(BC)
              .build(ca.keys().getPrivate());
      return b.build(cs).getEncoded();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A CRL issued and signed by a CA at a chosen thisUpdate, revoking the given certificates.
   *
   * @param ca the issuing CA
   * @param thisUpdate the CRL's thisUpdate
   * @param revocationDate when each was revoked
   * @param revoked the certificates it revokes (none: an empty CRL)
   * @return the DER CRL
   */
  public static byte[] crlAt(
      Credential ca, Instant thisUpdate, Instant revocationDate, X509Certificate... revoked) {
    try {
      org.bouncycastle.cert.X509v2CRLBuilder b =
          new org.bouncycastle.cert.X509v2CRLBuilder(
              name(ca.certificate().getSubjectX500Principal().getName()), Date.from(thisUpdate));
      b.setNextUpdate(Date.from(thisUpdate.plus(30, ChronoUnit.DAYS)));
      for (X509Certificate r : revoked) {
        b.addCRLEntry(
            r.getSerialNumber(),
            Date.from(revocationDate),
            org.bouncycastle.asn1.x509.CRLReason.keyCompromise);
      }
      ContentSigner cs =
          new JcaContentSignerBuilder("SHA256withECDSA")
              .setProvider(BC)
              .build(ca.keys().getPrivate());
      return b.build(cs).getEncoded();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A CA credential with a chosen validity and, optionally, name constraints (RFC 5280 §4.2.1.10).
   *
   * @param issuer the issuing CA, or {@code null} for a self-signed root
   * @param subject RFC 4514 subject
   * @param notBefore validity start
   * @param notAfter validity end
   * @param constraints the name constraints extension, or {@code null}
   * @return the CA
   */
  public static Credential ca(
      Credential issuer,
      String subject,
      Instant notBefore,
      Instant notAfter,
      org.bouncycastle.asn1.x509.NameConstraints constraints) {
    try {
      KeyPair k = p256();
      JcaX509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              name(
                  issuer == null
                      ? subject
                      : issuer.certificate().getSubjectX500Principal().getName()),
              BigInteger.valueOf(SERIAL.incrementAndGet()),
              Date.from(notBefore),
              Date.from(notAfter),
              name(subject),
              k.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      b.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      if (constraints != null) {
        b.addExtension(Extension.nameConstraints, true, constraints);
      }
      PrivateKey signer = issuer == null ? k.getPrivate() : issuer.keys().getPrivate();
      ContentSigner cs =
          new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BC).build(signer);
      return new Credential(
          k, new JcaX509CertificateConverter().setProvider(BC).getCertificate(b.build(cs)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** An RFC 4514 string (most specific RDN first) as a BC name in DER order. */
  private static X500Name name(String rfc4514) {
    return X500Name.getInstance(new javax.security.auth.x500.X500Principal(rfc4514).getEncoded());
  }
}
