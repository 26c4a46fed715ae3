package org.quorate.cli;

import java.io.IOException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Makes the contribution envelope of SPEC §1: a DER CMS SignedData (RFC 5652), content attached
 * with eContentType id-data, one SignerInfo whose signed attributes hold content-type,
 * message-digest and signing-time (Bouncy Castle also adds CMSAlgorithmProtection, RFC 6211), the
 * signer's certificate and any intermediates included — the shape of {@code openssl cms -sign
 * -binary -nodetach -outform DER -md sha256}.
 *
 * <p>Algorithms (SPEC §1): ECDSA P-256 with SHA-256, P-384 with SHA-384, Ed25519 (RFC 8419, with
 * SHA-512 as message digest), RSA ≥ 2048 bits with PKCS#1 v1.5 or, on request, RSASSA-PSS (SHA-256,
 * MGF1-SHA-256, salt 32). Anything else is refused with {@link CliException}.
 */
public final class CmsSigning {
  /** Signature scheme for RSA keys; ignored for EC and Ed25519 keys. */
  public enum RsaScheme {
    /** RSASSA-PKCS1-v1_5 (RFC 8017). */
    PKCS1,
    /** RSASSA-PSS (RFC 8017, RFC 4056). */
    PSS
  }

  private CmsSigning() {}

  /**
   * Signs content bytes exactly as given.
   *
   * @param content the JSON event bytes (signed and attached as they are)
   * @param key the signer's private key
   * @param cert the signer's certificate (must match {@code key})
   * @param chain intermediates to include (may be empty); trust anchors may be included too
   * @param rsaScheme scheme for RSA keys
   * @return DER-encoded ContentInfo carrying SignedData
   * @throws CliException if the key type is not allowed or signing fails
   */
  public static byte[] sign(
      byte[] content,
      PrivateKey key,
      X509Certificate cert,
      List<X509Certificate> chain,
      RsaScheme rsaScheme) {
    String algorithm = signatureAlgorithm(key, rsaScheme);
    try {
      ContentSigner signer = new JcaContentSignerBuilder(algorithm).setProvider(Pem.BC).build(key);
      CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
      generator.addSignerInfoGenerator(
          new JcaSignerInfoGeneratorBuilder(
                  new JcaDigestCalculatorProviderBuilder().setProvider(Pem.BC).build())
              .build(signer, cert));
      List<X509Certificate> certs = new ArrayList<>();
      certs.add(cert);
      for (X509Certificate c : chain) {
        if (!c.equals(cert)) {
          certs.add(c);
        }
      }
      generator.addCertificates(new JcaCertStore(certs));
      CMSSignedData signed = generator.generate(new CMSProcessableByteArray(content), true);
      byte[] der = signed.getEncoded("DER");
      checkKeyMatches(der, cert);
      return der;
    } catch (OperatorCreationException
        | CMSException
        | CertificateEncodingException
        | IOException
        | IllegalArgumentException e) {
      throw new CliException("signing failed: " + e.getMessage(), e);
    }
  }

  /**
   * The JCA signature algorithm for a key, per the allowed list of SPEC §1.
   *
   * @param key private key
   * @param rsaScheme scheme for RSA keys
   * @return e.g. {@code SHA256withECDSA}
   * @throws CliException for keys SPEC §1 does not allow
   */
  public static String signatureAlgorithm(PrivateKey key, RsaScheme rsaScheme) {
    String alg = key.getAlgorithm().toUpperCase(Locale.ROOT);
    if (key instanceof ECKey && (alg.equals("EC") || alg.equals("ECDSA"))) {
      int bits = ((ECKey) key).getParams().getCurve().getField().getFieldSize();
      if (bits == 256) {
        return "SHA256withECDSA";
      }
      if (bits == 384) {
        return "SHA384withECDSA";
      }
      throw new CliException(
          "EC keys of " + bits + " bits are not allowed; use P-256 or P-384 (SPEC §1)");
    }
    if (alg.equals("ED25519") || alg.equals("EDDSA")) {
      return "Ed25519";
    }
    if (key instanceof RSAKey) {
      int bits = ((RSAKey) key).getModulus().bitLength();
      if (bits < 2048) {
        throw new CliException("RSA keys of " + bits + " bits are too weak; use 2048 or more");
      }
      return rsaScheme == RsaScheme.PSS ? "SHA256withRSAandMGF1" : "SHA256withRSA";
    }
    throw new CliException("key algorithm " + key.getAlgorithm() + " is not allowed (SPEC §1)");
  }

  /** Checks the produced signature with the certificate, so a key/cert mix-up fails here. */
  private static void checkKeyMatches(byte[] der, X509Certificate cert) throws CMSException {
    CMSSignedData parsed = new CMSSignedData(der);
    SignerInformation info = parsed.getSignerInfos().getSigners().iterator().next();
    try {
      boolean ok =
          info.verify(
              new org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder()
                  .setProvider(Pem.BC)
                  .build(cert));
      if (!ok) {
        throw new CliException("the private key does not belong to the certificate");
      }
    } catch (org.bouncycastle.cms.CMSVerifierCertificateNotValidException e) {
      // signing outside the certificate's validity is allowed (e.g. to make test inputs);
      // the server judges validity at "issued"
      return;
    } catch (OperatorCreationException | CMSException e) {
      throw new CliException("the private key does not belong to the certificate", e);
    }
  }

  /**
   * The signature value of the single SignerInfo.
   *
   * @param der SignedData DER
   * @return the signature octets
   */
  public static byte[] signatureValue(byte[] der) {
    try {
      return new CMSSignedData(der).getSignerInfos().getSigners().iterator().next().getSignature();
    } catch (CMSException e) {
      throw new CliException("not a CMS SignedData: " + e.getMessage(), e);
    }
  }

  /**
   * The attached content of a SignedData.
   *
   * @param der SignedData DER
   * @return the eContent bytes
   */
  public static byte[] content(byte[] der) {
    try {
      Object c = new CMSSignedData(der).getSignedContent().getContent();
      if (!(c instanceof byte[])) {
        throw new CliException("the SignedData carries no attached content");
      }
      return (byte[]) c;
    } catch (CMSException e) {
      throw new CliException("not a CMS SignedData: " + e.getMessage(), e);
    }
  }
}
