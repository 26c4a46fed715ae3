package org.quorate.core.node;

import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.quorate.core.cms.Ids;

/**
 * A node's credential for one mission (SPEC §3 "Node credentials"): its X.509 certificate (and any
 * intermediates) and private key. It signs the node's {@code decision} events and signed tree heads
 * as CMS SignedData of the SPEC §1 profile (content attached, id-data, one SignerInfo with
 * content-type, message-digest and signing-time), so that {@code openssl cms -verify} accepts them.
 * Keys: ECDSA P-256 (SHA-256), P-384 (SHA-384), Ed25519, RSA &ge; 2048 (SHA-256).
 */
public final class NodeCredential {
  private static final BouncyCastleProvider BC = new BouncyCastleProvider();

  private final X509Certificate certificate;
  private final List<X509Certificate> chain;
  private final PrivateKey privateKey;
  private final String signatureAlgorithm;

  private NodeCredential(
      X509Certificate certificate, List<X509Certificate> chain, PrivateKey privateKey) {
    this.certificate = certificate;
    this.chain = List.copyOf(chain);
    this.privateKey = privateKey;
    this.signatureAlgorithm = algorithmFor(certificate.getPublicKey());
  }

  /**
   * Reads a credential from PEM.
   *
   * @param certificatePem the node certificate first, then any intermediates (PEM blocks)
   * @param privateKeyPem the private key, PKCS#8 PEM ({@code BEGIN PRIVATE KEY}) or a PEM key pair
   * @return the credential
   * @throws NodeCredentialException when either does not parse, the key does not match the
   *     certificate, or the algorithm is outside SPEC §1
   */
  public static NodeCredential fromPem(String certificatePem, String privateKeyPem)
      throws NodeCredentialException {
    List<X509Certificate> certs = new ArrayList<>();
    try (PEMParser p = new PEMParser(new StringReader(certificatePem))) {
      JcaX509CertificateConverter conv = new JcaX509CertificateConverter().setProvider(BC);
      for (Object o = p.readObject(); o != null; o = p.readObject()) {
        if (o instanceof X509CertificateHolder h) {
          certs.add(conv.getCertificate(h));
        }
      }
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new NodeCredentialException("The certificate is not PEM X.509.");
    }
    if (certs.isEmpty()) {
      throw new NodeCredentialException("No certificate in the PEM given.");
    }
    PrivateKey key;
    try (PEMParser p = new PEMParser(new StringReader(privateKeyPem))) {
      Object o = p.readObject();
      JcaPEMKeyConverter conv = new JcaPEMKeyConverter().setProvider(BC);
      if (o instanceof PrivateKeyInfo info) {
        key = conv.getPrivateKey(info);
      } else if (o instanceof org.bouncycastle.openssl.PEMKeyPair pair) {
        key = conv.getKeyPair(pair).getPrivate();
      } else {
        throw new NodeCredentialException("The private key is not PKCS#8 PEM.");
      }
    } catch (IOException | RuntimeException e) {
      throw new NodeCredentialException("The private key is not PKCS#8 PEM.");
    }
    NodeCredential c = new NodeCredential(certs.get(0), certs.subList(1, certs.size()), key);
    c.checkKeyMatches();
    return c;
  }

  private static String algorithmFor(PublicKey key) {
    String alg = key.getAlgorithm();
    if ("EC".equals(alg) || "ECDSA".equals(alg)) {
      int bits = ((java.security.interfaces.ECPublicKey) key).getParams().getOrder().bitLength();
      return bits > 256 ? "SHA384withECDSA" : "SHA256withECDSA";
    }
    if ("Ed25519".equals(alg) || "EdDSA".equals(alg)) {
      return "Ed25519";
    }
    if ("RSA".equals(alg)) {
      return "SHA256withRSA";
    }
    return alg;
  }

  private void checkKeyMatches() throws NodeCredentialException {
    byte[] probe =
        "quorate node credential check".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    try {
      Signature s = Signature.getInstance(signatureAlgorithm, BC);
      s.initSign(privateKey);
      s.update(probe);
      byte[] sig = s.sign();
      Signature v = Signature.getInstance(signatureAlgorithm, BC);
      v.initVerify(certificate.getPublicKey());
      v.update(probe);
      if (!v.verify(sig)) {
        throw new NodeCredentialException("The private key does not match the certificate.");
      }
    } catch (GeneralSecurityException e) {
      throw new NodeCredentialException(
          "The key cannot sign with " + signatureAlgorithm + " (SPEC §1 algorithms only).");
    }
  }

  /**
   * Signs content as a CMS SignedData (RFC 5652) of the SPEC §1 profile.
   *
   * @param content the bytes to sign (an event or a tree head, JSON)
   * @return the DER SignedData
   * @throws IllegalStateException when signing fails (a key the provider cannot use)
   */
  public byte[] sign(byte[] content) {
    try {
      ContentSigner cs =
          new JcaContentSignerBuilder(signatureAlgorithm).setProvider(BC).build(privateKey);
      CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
      gen.addSignerInfoGenerator(
          new JcaSignerInfoGeneratorBuilder(
                  new JcaDigestCalculatorProviderBuilder().setProvider(BC).build())
              .build(cs, certificate));
      List<X509Certificate> all = new ArrayList<>();
      all.add(certificate);
      all.addAll(chain);
      gen.addCertificates(new JcaCertStore(all));
      return gen.generate(new CMSProcessableByteArray(content), true).getEncoded(ASN1Encoding.DER);
    } catch (Exception e) {
      throw new IllegalStateException("Signing with the node credential failed", e);
    }
  }

  /**
   * @return the node certificate
   */
  public X509Certificate certificate() {
    return certificate;
  }

  /**
   * @return intermediates carried with it (may be empty)
   */
  public List<X509Certificate> chain() {
    return chain;
  }

  /**
   * @return {@code sha256:} of the certificate's SubjectPublicKeyInfo (the {@code signer} field)
   */
  public String spki() {
    return Ids.spkiHash(certificate);
  }
}
