package org.quorate.core.cms;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSTypedData;
import org.bouncycastle.cms.DefaultCMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentVerifier;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.SignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.util.Store;
import org.quorate.core.reason.AdmissionException;
import org.quorate.core.reason.CmsProfileException;
import org.quorate.core.reason.ReasonCode;
import org.quorate.core.reason.SignatureVerificationException;

/**
 * Admission stages 1 and 2 of SPEC §2: checks that an input is a DER CMS SignedData (RFC 5652 §5)
 * of the Quorate profile (SPEC §1) and that its one SignerInfo's signature and message digest
 * verify with the signer's certificate carried in the SignedData.
 *
 * <p>Checks, in this order, each failing closed with its reason code: size cap before any parsing
 * ({@code too-large}); one definite-length DER ContentInfo of type id-signedData with eContentType
 * id-data, no trailing bytes ({@code malformed-cms}); eContent attached ({@code detached-content});
 * exactly one SignerInfo and exactly one certificate in the SignedData matching its sid ({@code
 * signer-count}); signed attributes with content-type, message-digest and signing-time ({@code
 * no-signed-attributes}); the algorithm policy of {@link SignatureAlgorithms} ({@code
 * algorithm-not-allowed}, {@code weak-key}); the signature over the DER signed attributes and the
 * message digest over the content (RFC 5652 §5.4, §5.6; {@code bad-signature}).
 *
 * <p>No exception means verified. Any error of the parser is reported as {@code malformed-cms}; no
 * other exception escapes {@link #verify}. The certificate's validity, trust and revocation are not
 * judged here (stage 5, {@code org.quorate.core.pki.CertificationPathValidator}).
 *
 * <p>Stage 2 is Bouncy Castle's {@code SignerInformation.verify} (content-type and message-digest
 * attributes, CMS algorithm protection, signature over the DER signed attributes), given a content
 * verifier for exactly the algorithm and parameters {@link SignatureAlgorithms} accepted. ECDSA
 * signature values must be strict DER.
 *
 * <p>All cryptography runs on one {@link BouncyCastleProvider} instance held by the verifier, never
 * a globally installed provider. The input is parsed once and not copied. Instances are
 * thread-safe; share one. They keep a bounded cache of decoded certificates ({@value
 * #CERTIFICATE_CACHE_SIZE} of at most {@value #CACHED_CERTIFICATE_BYTES} bytes each, by DER): a
 * recurring signer's certificate is decoded, and its signer id, subject and issuer-and-serial
 * rendered, once. A larger certificate is decoded each time: the cache fills before any trust
 * check, so a sender must not be able to pin megabytes in it.
 */
public final class SignedDataVerifier {
  /** Default size cap of SPEC §2 stage 1: 4 MiB. */
  public static final int DEFAULT_MAX_BYTES = 4 * 1024 * 1024;

  private final int maxBytes;
  private final int cachedCertificateBytes;
  private final BouncyCastleProvider provider;
  private final SignatureAlgorithms algorithms;
  private final JcaX509CertificateConverter certificateConverter;
  private final CMSSignatureAlgorithmNameGenerator signatureNameGenerator;
  private final SignatureAlgorithmIdentifierFinder signatureAlgorithmFinder;
  private final DigestCalculatorProvider digestCalculatorProvider;

  /** Most decoded certificates kept, least recently used dropped first. */
  public static final int CERTIFICATE_CACHE_SIZE = 1024;

  /** Largest certificate encoding cached, bytes (a national PKI's certificates: 1–3 KiB). */
  public static final int CACHED_CERTIFICATE_BYTES = 8192;

  /** Decoded certificates by their DER. */
  private final BoundedCache<ByteBuffer, DecodedCertificate> certificateCache =
      new BoundedCache<>(CERTIFICATE_CACHE_SIZE);

  /** A verifier with the default size cap of {@value #DEFAULT_MAX_BYTES} bytes. */
  public SignedDataVerifier() {
    this(DEFAULT_MAX_BYTES);
  }

  /**
   * @param maxBytes the size cap in bytes, at least 1: larger inputs are refused {@code too-large}
   *     before parsing
   * @throws IllegalArgumentException when {@code maxBytes < 1}
   */
  public SignedDataVerifier(int maxBytes) {
    this(maxBytes, CACHED_CERTIFICATE_BYTES);
  }

  /**
   * @param maxBytes as {@link #SignedDataVerifier(int)}
   * @param cachedCertificateBytes largest certificate encoding kept in the cache, bytes
   */
  SignedDataVerifier(int maxBytes, int cachedCertificateBytes) {
    this.cachedCertificateBytes = cachedCertificateBytes;
    if (maxBytes < 1) {
      throw new IllegalArgumentException("size cap must be at least 1 byte, was " + maxBytes);
    }
    this.maxBytes = maxBytes;
    this.provider = new BouncyCastleProvider();
    this.algorithms = new SignatureAlgorithms(provider);
    this.certificateConverter = new JcaX509CertificateConverter().setProvider(provider);
    // What JcaSimpleSignerInfoVerifierBuilder assembles per call, built once: its name generator
    // alone (large tables) costs a fifth of a verification. The content verifier is ours (see
    // PolicyContentVerifierProvider).
    this.signatureNameGenerator = new DefaultCMSSignatureAlgorithmNameGenerator();
    this.signatureAlgorithmFinder = new DefaultSignatureAlgorithmIdentifierFinder();
    try {
      this.digestCalculatorProvider =
          new JcaDigestCalculatorProviderBuilder().setProvider(provider).build();
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("Bouncy Castle provides no digest calculators", e);
    }
  }

  /**
   * @return the size cap in bytes
   */
  public int maxBytes() {
    return maxBytes;
  }

  /**
   * @return the policy and raw verifier this verifier applies, on the same provider instance
   */
  public SignatureAlgorithms algorithms() {
    return algorithms;
  }

  /**
   * Verifies one input. No exception means verified.
   *
   * @param der the bytes received (not copied: the result refers to them)
   * @return the verified SignedData
   * @throws CmsProfileException stage 1: {@code too-large}, {@code malformed-cms}, {@code
   *     detached-content}, {@code signer-count}, {@code no-signed-attributes}, {@code
   *     algorithm-not-allowed}, {@code weak-key}
   * @throws SignatureVerificationException stage 2: {@code bad-signature}
   * @throws AdmissionException the common supertype of the two
   */
  public VerifiedSignedData verify(byte[] der) throws AdmissionException {
    if (der == null || der.length == 0) {
      throw malformed("the input is empty", null);
    }
    if (der.length > maxBytes) {
      throw new CmsProfileException(
          ReasonCode.TOO_LARGE,
          "the input has " + der.length + " bytes, more than the cap of " + maxBytes);
    }

    try {
      return verifyParsed(der, parse(der));
    } catch (RuntimeException e) {
      // Bouncy Castle decodes parts of the structure lazily (certificates, attributes, names):
      // whatever it throws later is still a malformed SignedData.
      throw malformed("the SignedData does not decode: " + e.getMessage(), e);
    }
  }

  private VerifiedSignedData verifyParsed(byte[] der, CMSSignedData signedData)
      throws AdmissionException {

    CMSTypedData signedContent = signedData.getSignedContent();
    Object contentObject = signedContent == null ? null : signedContent.getContent();
    if (contentObject == null) {
      throw new CmsProfileException(
          ReasonCode.DETACHED_CONTENT, "the SignedData carries no eContent (detached signature)");
    }
    if (!(contentObject instanceof byte[])) {
      throw malformed("the eContent is not an OCTET STRING", null);
    }
    byte[] content = (byte[]) contentObject;

    SignerInformationStore signerInfos = signedData.getSignerInfos();
    if (signerInfos.size() != 1) {
      throw new CmsProfileException(
          ReasonCode.SIGNER_COUNT,
          "the SignedData has " + signerInfos.size() + " SignerInfos, expected exactly 1");
    }
    SignerInformation signerInfo = signerInfos.iterator().next();

    Store<X509CertificateHolder> store = signedData.getCertificates();
    Collection<X509CertificateHolder> allHolders = store.getMatches(null);
    X509CertificateHolder signerHolder = signerCertificate(store, signerInfo);

    AttributeTable signedAttributes = signerInfo.getSignedAttributes();
    if (signedAttributes == null) {
      throw new CmsProfileException(
          ReasonCode.NO_SIGNED_ATTRIBUTES, "the SignerInfo carries no signed attributes");
    }
    ASN1Encodable contentType = single(signedAttributes, CMSAttributes.contentType, "content-type");
    single(signedAttributes, CMSAttributes.messageDigest, "message-digest");
    ASN1Encodable signingTimeValue =
        single(signedAttributes, CMSAttributes.signingTime, "signing-time");
    if (!CMSObjectIdentifiers.data.equals(contentType)) {
      throw malformed("the content-type attribute " + contentType + " is not id-data", null);
    }
    Instant signingTime;
    try {
      signingTime = SigningTimes.parse(signingTimeValue);
    } catch (RuntimeException e) {
      throw malformed("the signing-time attribute is not a Time", e);
    }

    SignatureAlgorithms.Accepted accepted;
    try {
      accepted =
          algorithms.accept(
              signerHolder.getSubjectPublicKeyInfo(),
              signerInfo.toASN1Structure().getDigestEncryptionAlgorithm(),
              signerInfo.getDigestAlgorithmID());
    } catch (RuntimeException e) {
      throw malformed("the SignerInfo algorithms do not decode", e);
    }

    verifySignature(signerInfo, accepted);

    List<X509Certificate> certificates = new ArrayList<>(allHolders.size());
    DecodedCertificate signer = convert(signerHolder);
    certificates.add(signer.certificate());
    for (X509CertificateHolder holder : allHolders) {
      if (holder != signerHolder && !holder.equals(signerHolder)) {
        certificates.add(convert(holder).certificate());
      }
    }
    SignerNames names;
    try {
      names = signer.names();
    } catch (RuntimeException e) {
      throw malformed("the signer's certificate names cannot be rendered", e);
    }
    return new VerifiedSignedData(
        der,
        content,
        signer.certificate(),
        List.copyOf(certificates),
        signingTime,
        accepted.digestAlgorithm(),
        accepted.signatureAlgorithm(),
        names);
  }

  private static CMSSignedData parse(byte[] der) throws CmsProfileException {
    try {
      // fromByteArray refuses trailing bytes; the DL re-encoding equals the input only when every
      // length is definite and minimal (DER-style lengths), without re-sorting SET OFs.
      ASN1Primitive primitive = ASN1Primitive.fromByteArray(der);
      if (!Arrays.equals(primitive.getEncoded(ASN1Encoding.DL), der)) {
        throw malformed("the input is BER (indefinite or non-minimal lengths), not DER", null);
      }
      ContentInfo contentInfo = ContentInfo.getInstance(primitive);
      if (!CMSObjectIdentifiers.signedData.equals(contentInfo.getContentType())) {
        throw malformed(
            "the ContentInfo content type " + contentInfo.getContentType() + " is not SignedData",
            null);
      }
      CMSSignedData signedData = new CMSSignedData(contentInfo);
      ASN1ObjectIdentifier eContentType =
          signedData.getSignedContentTypeOID() == null
              ? null
              : new ASN1ObjectIdentifier(signedData.getSignedContentTypeOID());
      if (!CMSObjectIdentifiers.data.equals(eContentType)) {
        throw malformed("the eContentType " + eContentType + " is not id-data", null);
      }
      return signedData;
    } catch (CmsProfileException e) {
      throw e;
    } catch (IOException | CMSException | RuntimeException e) {
      throw malformed("the input is not a DER CMS SignedData: " + e.getMessage(), e);
    }
  }

  private static X509CertificateHolder signerCertificate(
      Store<X509CertificateHolder> store, SignerInformation signerInfo) throws CmsProfileException {
    Collection<X509CertificateHolder> matches;
    try {
      matches = store.getMatches(signerInfo.getSID());
    } catch (RuntimeException e) {
      throw malformed("the SignerInfo sid does not decode", e);
    }
    X509CertificateHolder found = null;
    for (X509CertificateHolder candidate : matches) {
      if (found != null && !found.equals(candidate)) {
        throw new CmsProfileException(
            ReasonCode.SIGNER_COUNT,
            "the SignerInfo sid matches " + matches.size() + " different certificates");
      }
      found = candidate;
    }
    if (found == null) {
      throw new CmsProfileException(
          ReasonCode.SIGNER_COUNT, "the signer's certificate is not in the SignedData");
    }
    return found;
  }

  private static ASN1Encodable single(AttributeTable table, ASN1ObjectIdentifier type, String name)
      throws CmsProfileException {
    var all = table.getAll(type);
    if (all.size() == 0) {
      throw new CmsProfileException(
          ReasonCode.NO_SIGNED_ATTRIBUTES, "the signed attributes lack " + name);
    }
    ASN1Set values = ((Attribute) all.get(0)).getAttrValues();
    if (all.size() != 1 || values.size() != 1) {
      throw malformed("the " + name + " signed attribute must occur once with one value", null);
    }
    return values.getObjectAt(0);
  }

  private void verifySignature(SignerInformation signerInfo, SignatureAlgorithms.Accepted accepted)
      throws AdmissionException {
    if (!SignatureAlgorithms.wellFormed(accepted, signerInfo.getSignature())) {
      throw new SignatureVerificationException(
          "the " + accepted.signatureAlgorithm() + " signature value is not canonically encoded");
    }
    // Started before Bouncy Castle's CMS code runs: a provider refusing the accepted parameters is
    // a policy refusal (algorithm-not-allowed), never reported as a forgery.
    SignatureAlgorithms.Verification verification = algorithms.start(accepted);
    boolean valid;
    try {
      SignerInformationVerifier verifier =
          new SignerInformationVerifier(
              signatureNameGenerator,
              signatureAlgorithmFinder,
              new PolicyContentVerifierProvider(verification),
              digestCalculatorProvider);
      valid = signerInfo.verify(verifier);
    } catch (CMSException | RuntimeException e) {
      // Message-digest or content-type mismatch, CMS algorithm protection mismatch: the signed
      // attributes do not bind this content under these algorithms.
      throw new SignatureVerificationException(
          "the signature or message digest does not verify: " + e.getMessage(), e);
    }
    if (!valid) {
      throw new SignatureVerificationException(
          "the "
              + accepted.signatureAlgorithm()
              + " signature over the signed attributes does not verify");
    }
  }

  /** A certificate decoded once, with the names admission renders of it when it signs. */
  private static final class DecodedCertificate {
    private final X509Certificate certificate;
    private volatile SignerNames names;

    DecodedCertificate(X509Certificate certificate) {
      this.certificate = certificate;
    }

    X509Certificate certificate() {
      return certificate;
    }

    /** Rendered on first use (a benign race renders the same names twice at most). */
    SignerNames names() {
      SignerNames n = names;
      if (n == null) {
        n = SignerNames.of(certificate);
        names = n;
      }
      return n;
    }
  }

  private DecodedCertificate convert(X509CertificateHolder holder) throws CmsProfileException {
    try {
      byte[] der = holder.getEncoded();
      boolean cacheable = der.length <= cachedCertificateBytes;
      ByteBuffer key = ByteBuffer.wrap(der);
      DecodedCertificate cached = cacheable ? certificateCache.get(key) : null;
      if (cached != null) {
        return cached;
      }
      DecodedCertificate decoded =
          new DecodedCertificate(certificateConverter.getCertificate(holder));
      if (cacheable) {
        certificateCache.put(key, decoded);
      }
      return decoded;
    } catch (CertificateException | IOException | RuntimeException e) {
      throw malformed("a certificate in the SignedData does not decode", e);
    }
  }

  /**
   * Gives Bouncy Castle's SignerInformation the signature verification of the accepted combination
   * ({@link SignatureAlgorithms#start}). Bouncy Castle's own JCA content verifier for signed
   * attributes (RawSigVerifier) verifies every signature twice, once more through a raw signature
   * kept for PKCS#11 session hygiene; this one verifies once, with the algorithm and parameters the
   * policy accepted. One instance serves one SignerInfo verification.
   */
  private static final class PolicyContentVerifierProvider implements ContentVerifierProvider {
    private final SignatureAlgorithms.Verification verification;

    PolicyContentVerifierProvider(SignatureAlgorithms.Verification verification) {
      this.verification = verification;
    }

    @Override
    public boolean hasAssociatedCertificate() {
      return false;
    }

    @Override
    public X509CertificateHolder getAssociatedCertificate() {
      return null;
    }

    @Override
    public ContentVerifier get(AlgorithmIdentifier algorithm) {
      OutputStream stream =
          new OutputStream() {
            @Override
            public void write(int b) {
              write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
              verification.update(bytes, offset, length);
            }
          };
      return new ContentVerifier() {
        @Override
        public AlgorithmIdentifier getAlgorithmIdentifier() {
          return algorithm;
        }

        @Override
        public OutputStream getOutputStream() {
          return stream;
        }

        @Override
        public boolean verify(byte[] expected) {
          return verification.verify(expected);
        }
      };
    }
  }

  private static CmsProfileException malformed(String message, Throwable cause) {
    return new CmsProfileException(ReasonCode.MALFORMED_CMS, message, cause);
  }
}
