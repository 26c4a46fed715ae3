package org.quorate.core.cms;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.engines.RSAEngine;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.quorate.core.reason.CmsProfileException;
import org.quorate.core.reason.ReasonCode;

/**
 * The signature algorithm policy of SPEC §1 and a raw signature check under it.
 *
 * <p>Allowed: ECDSA (FIPS 186-5, RFC 5480, RFC 5758) on P-256 or P-384 with SHA-256/384/512;
 * Ed25519 (RFC 8032, RFC 8410, with SHA-512 as CMS digest per RFC 8419 §3); RSASSA-PSS (RFC 8017
 * §8.1, RFC 4056) with SHA-256/384/512 and MGF1 over SHA-256/384/512 (the two may differ; salt
 * length and trailer field as the SignerInfo's RSASSA-PSS-params say; an {@code id-RSASSA-PSS} key
 * carrying parameters restricts them, RFC 4055 §3.1); RSASSA-PKCS1-v1_5 (RFC 8017 §8.2) with
 * SHA-256/384/512. RSA moduli must have at least {@value #MIN_RSA_MODULUS_BITS} bits. Everything
 * else (SHA-1, MD5, DSA, other curves, Ed448, …) is refused with {@link
 * ReasonCode#ALGORITHM_NOT_ALLOWED}; a short RSA key with {@link ReasonCode#WEAK_KEY}.
 *
 * <p>ECDSA signatures must be strict DER (X9.62 {@code Ecdsa-Sig-Value}, ITU-T X.690 §10): any BER
 * or non-minimal encoding is refused before the provider sees it, so that one signature has one
 * encoding. All cryptography runs on the Bouncy Castle provider instance given, never a global one.
 * Instances are thread-safe; they keep a bounded cache of decoded public keys ({@value
 * #KEY_CACHE_SIZE}), which lets Bouncy Castle reuse its EC precomputation for recurring signers.
 */
public final class SignatureAlgorithms {
  /** Smallest RSA modulus accepted, in bits (SPEC §1). */
  public static final int MIN_RSA_MODULUS_BITS = 2048;

  /** The family of an accepted algorithm. */
  public enum Family {
    /** ECDSA on P-256 or P-384. */
    ECDSA,
    /** Ed25519 (pure EdDSA). */
    ED25519,
    /** RSASSA-PKCS1-v1_5. */
    RSA_PKCS1,
    /** RSASSA-PSS. */
    RSA_PSS
  }

  /**
   * An algorithm combination accepted by the policy.
   *
   * @param family the family
   * @param digestAlgorithm the JCA name of the digest, e.g. {@code SHA-256}
   * @param signatureAlgorithm the JCA name of the signature, e.g. {@code SHA256withECDSA}, {@code
   *     Ed25519}, {@code SHA256withRSA}, {@code RSASSA-PSS}
   * @param pssParameters the PSS parameters for {@link Family#RSA_PSS}, else {@code null}
   * @param publicKey the decoded public key
   */
  public record Accepted(
      Family family,
      String digestAlgorithm,
      String signatureAlgorithm,
      PSSParameterSpec pssParameters,
      PublicKey publicKey) {}

  private static final ASN1ObjectIdentifier P256 = SECObjectIdentifiers.secp256r1;
  private static final ASN1ObjectIdentifier P384 = SECObjectIdentifiers.secp384r1;

  private static final Map<ASN1ObjectIdentifier, String> DIGESTS =
      Map.of(
          NISTObjectIdentifiers.id_sha256, "SHA-256",
          NISTObjectIdentifiers.id_sha384, "SHA-384",
          NISTObjectIdentifiers.id_sha512, "SHA-512");

  private static final Map<ASN1ObjectIdentifier, ASN1ObjectIdentifier> ECDSA_WITH =
      Map.of(
          X9ObjectIdentifiers.ecdsa_with_SHA256, NISTObjectIdentifiers.id_sha256,
          X9ObjectIdentifiers.ecdsa_with_SHA384, NISTObjectIdentifiers.id_sha384,
          X9ObjectIdentifiers.ecdsa_with_SHA512, NISTObjectIdentifiers.id_sha512);

  private static final Map<ASN1ObjectIdentifier, ASN1ObjectIdentifier> RSA_WITH =
      Map.of(
          PKCSObjectIdentifiers.sha256WithRSAEncryption, NISTObjectIdentifiers.id_sha256,
          PKCSObjectIdentifiers.sha384WithRSAEncryption, NISTObjectIdentifiers.id_sha384,
          PKCSObjectIdentifiers.sha512WithRSAEncryption, NISTObjectIdentifiers.id_sha512);

  /** Most decoded public keys kept (SPKI DER to key), least recently used evicted. */
  public static final int KEY_CACHE_SIZE = 4096;

  private final BouncyCastleProvider provider;

  // Signers recur: a decoded key keeps Bouncy Castle's precomputed multiples of its EC point, which
  // makes later verifications with it several times faster than with a freshly decoded key.
  private final BoundedCache<ByteBuffer, PublicKey> keyCache = new BoundedCache<>(KEY_CACHE_SIZE);

  /**
   * @param provider the Bouncy Castle provider instance to run all cryptography on
   */
  public SignatureAlgorithms(BouncyCastleProvider provider) {
    this.provider = Objects.requireNonNull(provider, "provider");
  }

  /**
   * Applies the policy of SPEC §1 to a key and the algorithms of a SignerInfo (RFC 5652 §5.3). No
   * exception means the combination is allowed.
   *
   * @param spki the signer's SubjectPublicKeyInfo
   * @param signatureAlgorithm the signature algorithm (SignerInfo {@code signatureAlgorithm})
   * @param digestAlgorithm the digest algorithm (SignerInfo {@code digestAlgorithm})
   * @return the accepted combination with the decoded key
   * @throws CmsProfileException {@link ReasonCode#ALGORITHM_NOT_ALLOWED} for an algorithm, curve or
   *     parameter outside the policy, {@link ReasonCode#WEAK_KEY} for an RSA modulus below {@value
   *     #MIN_RSA_MODULUS_BITS} bits, {@link ReasonCode#MALFORMED_CMS} for a key that does not
   *     decode
   */
  public Accepted accept(
      SubjectPublicKeyInfo spki,
      AlgorithmIdentifier signatureAlgorithm,
      AlgorithmIdentifier digestAlgorithm)
      throws CmsProfileException {
    ASN1ObjectIdentifier digestOid = digestAlgorithm.getAlgorithm();
    String digestName = DIGESTS.get(digestOid);
    if (digestName == null || !absentOrNull(digestAlgorithm.getParameters())) {
      throw notAllowed("digest algorithm " + digestOid.getId() + " is not SHA-256/384/512");
    }
    ASN1ObjectIdentifier sigOid = signatureAlgorithm.getAlgorithm();
    ASN1ObjectIdentifier keyOid = spki.getAlgorithm().getAlgorithm();

    if (ECDSA_WITH.containsKey(sigOid) || X9ObjectIdentifiers.id_ecPublicKey.equals(sigOid)) {
      ASN1ObjectIdentifier impliedDigest = ECDSA_WITH.get(sigOid);
      if (impliedDigest != null && !impliedDigest.equals(digestOid)) {
        throw notAllowed(
            "signature algorithm " + sigOid.getId() + " does not match digest " + digestName);
      }
      if (!X9ObjectIdentifiers.id_ecPublicKey.equals(keyOid)) {
        throw notAllowed("ECDSA signature with a key of algorithm " + keyOid.getId());
      }
      ASN1Encodable curve = spki.getAlgorithm().getParameters();
      if (!(curve instanceof ASN1ObjectIdentifier) || !(P256.equals(curve) || P384.equals(curve))) {
        throw notAllowed("EC key on curve " + curve + " (only P-256 and P-384 are allowed)");
      }
      return new Accepted(
          Family.ECDSA,
          digestName,
          digestName.replace("-", "") + "withECDSA",
          null,
          decode(spki, "EC"));
    }
    if (EdECObjectIdentifiers.id_Ed25519.equals(sigOid)) {
      if (signatureAlgorithm.getParameters() != null) {
        throw notAllowed("Ed25519 signature algorithm with parameters");
      }
      if (!EdECObjectIdentifiers.id_Ed25519.equals(keyOid)) {
        throw notAllowed("Ed25519 signature with a key of algorithm " + keyOid.getId());
      }
      if (!NISTObjectIdentifiers.id_sha512.equals(digestOid)) {
        throw notAllowed("Ed25519 needs digest SHA-512 (RFC 8419 §3), not " + digestName);
      }
      return new Accepted(Family.ED25519, digestName, "Ed25519", null, decode(spki, "Ed25519"));
    }
    if (RSA_WITH.containsKey(sigOid) || PKCSObjectIdentifiers.rsaEncryption.equals(sigOid)) {
      ASN1ObjectIdentifier impliedDigest = RSA_WITH.get(sigOid);
      if (impliedDigest != null && !impliedDigest.equals(digestOid)) {
        throw notAllowed(
            "signature algorithm " + sigOid.getId() + " does not match digest " + digestName);
      }
      if (!absentOrNull(signatureAlgorithm.getParameters())) {
        throw notAllowed("RSA PKCS#1 v1.5 signature algorithm with parameters");
      }
      if (!PKCSObjectIdentifiers.rsaEncryption.equals(keyOid)) {
        throw notAllowed("RSA PKCS#1 v1.5 signature with a key of algorithm " + keyOid.getId());
      }
      PublicKey key = decode(spki, "RSA");
      checkModulus(key);
      return new Accepted(
          Family.RSA_PKCS1, digestName, digestName.replace("-", "") + "withRSA", null, key);
    }
    if (PKCSObjectIdentifiers.id_RSASSA_PSS.equals(sigOid)) {
      PSSParameterSpec pss = pssParameters(signatureAlgorithm, digestOid, digestName);
      if (!PKCSObjectIdentifiers.rsaEncryption.equals(keyOid)
          && !PKCSObjectIdentifiers.id_RSASSA_PSS.equals(keyOid)) {
        throw notAllowed("RSASSA-PSS signature with a key of algorithm " + keyOid.getId());
      }
      if (PKCSObjectIdentifiers.id_RSASSA_PSS.equals(keyOid)) {
        checkKeyRestrictions(spki.getAlgorithm().getParameters(), pss);
      }
      // An id-RSASSA-PSS key carries the same RSAPublicKey; decode it as plain RSA.
      PublicKey key =
          decode(
              new SubjectPublicKeyInfo(
                  new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                  spki.getPublicKeyData()),
              "RSA");
      checkModulus(key);
      return new Accepted(Family.RSA_PSS, digestName, "RSASSA-PSS", pss, key);
    }
    throw notAllowed("signature algorithm " + sigOid.getId() + " is not allowed (SPEC §1)");
  }

  /**
   * Checks a raw signature under the policy: {@link #accept} then verification of {@code signature}
   * over {@code message} with the Bouncy Castle provider. ECDSA signatures must be strict DER.
   *
   * @param spkiDer the DER SubjectPublicKeyInfo (RFC 5280 §4.1.2.7) of the public key
   * @param signatureAlgorithm the signature algorithm identifier, e.g. {@code ecdsa-with-SHA256},
   *     {@code id-Ed25519}, {@code sha256WithRSAEncryption}, {@code id-RSASSA-PSS} with parameters
   * @param digestAlgorithm the digest algorithm identifier ({@code id-sha512} for Ed25519)
   * @param message the signed bytes (for CMS: the DER of the signed attributes)
   * @param signature the signature value
   * @return {@code true} iff the signature verifies
   * @throws CmsProfileException when the policy refuses the algorithms or the key (see {@link
   *     #accept}), or the SubjectPublicKeyInfo does not decode ({@link ReasonCode#MALFORMED_CMS})
   */
  public boolean verify(
      byte[] spkiDer,
      AlgorithmIdentifier signatureAlgorithm,
      AlgorithmIdentifier digestAlgorithm,
      byte[] message,
      byte[] signature)
      throws CmsProfileException {
    SubjectPublicKeyInfo spki;
    try {
      spki = SubjectPublicKeyInfo.getInstance(ASN1Primitive.fromByteArray(spkiDer));
    } catch (IOException | RuntimeException e) {
      throw new CmsProfileException(
          ReasonCode.MALFORMED_CMS, "the SubjectPublicKeyInfo does not decode", e);
    }
    return verify(accept(spki, signatureAlgorithm, digestAlgorithm), message, signature);
  }

  /**
   * Verifies a signature with an accepted combination.
   *
   * @param accepted the result of {@link #accept}
   * @param message the signed bytes
   * @param signature the signature value
   * @return {@code true} iff the signature verifies (a malformed signature does not)
   * @throws CmsProfileException {@link ReasonCode#ALGORITHM_NOT_ALLOWED} when Bouncy Castle cannot
   *     verify with the accepted parameters: a refusal, never reported as a forgery
   */
  public boolean verify(Accepted accepted, byte[] message, byte[] signature)
      throws CmsProfileException {
    if (!wellFormed(accepted, signature)) {
      return false;
    }
    Verification verification = start(accepted);
    verification.update(message, 0, message.length);
    return verification.verify(signature);
  }

  /** One signature check in progress: the signed bytes are fed, then the value is checked. */
  public interface Verification {
    /**
     * @param bytes signed bytes
     * @param offset where they start
     * @param length how many
     */
    void update(byte[] bytes, int offset, int length);

    /**
     * @param signature the signature value
     * @return {@code true} iff it verifies over the bytes fed (a malformed value does not)
     */
    boolean verify(byte[] signature);
  }

  /**
   * Starts a verification with an accepted combination, on the provider instance (ECDSA, Ed25519,
   * RSA PKCS#1 v1.5) or, for RSASSA-PSS, Bouncy Castle's PSS engine with the message hash, MGF1
   * hash, salt length and trailer of the SignerInfo's RSASSA-PSS-params (RFC 4055 §3.1): the
   * provider's {@code RSASSA-PSS} refuses an MGF1 hash other than the message hash, which RFC 4055
   * allows.
   *
   * @param accepted the result of {@link #accept}
   * @return a fresh verification
   * @throws CmsProfileException {@link ReasonCode#ALGORITHM_NOT_ALLOWED} when the provider refuses
   *     the key or parameters
   */
  public Verification start(Accepted accepted) throws CmsProfileException {
    if (accepted.family() == Family.RSA_PSS) {
      return pss(accepted);
    }
    Signature verifier;
    try {
      verifier = Signature.getInstance(accepted.signatureAlgorithm(), provider);
      verifier.initVerify(accepted.publicKey());
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new CmsProfileException(
          ReasonCode.ALGORITHM_NOT_ALLOWED,
          "Bouncy Castle cannot verify "
              + accepted.signatureAlgorithm()
              + " with this key: "
              + e.getMessage(),
          e);
    }
    return new Verification() {
      private boolean broken;

      @Override
      public void update(byte[] bytes, int offset, int length) {
        try {
          verifier.update(bytes, offset, length);
        } catch (GeneralSecurityException | RuntimeException e) {
          broken = true;
        }
      }

      @Override
      public boolean verify(byte[] signature) {
        try {
          return !broken && verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
          // a signature value the provider cannot parse does not verify
          return false;
        }
      }
    };
  }

  private static Verification pss(Accepted accepted) throws CmsProfileException {
    PSSParameterSpec spec = accepted.pssParameters();
    RSAPublicKey key = (RSAPublicKey) accepted.publicKey();
    PSSSigner signer =
        new PSSSigner(
            new RSAEngine(),
            digest(spec.getDigestAlgorithm()),
            digest(((MGF1ParameterSpec) spec.getMGFParameters()).getDigestAlgorithm()),
            spec.getSaltLength(),
            PSSSigner.TRAILER_IMPLICIT);
    try {
      signer.init(false, new RSAKeyParameters(false, key.getModulus(), key.getPublicExponent()));
    } catch (RuntimeException e) {
      throw new CmsProfileException(
          ReasonCode.ALGORITHM_NOT_ALLOWED,
          "Bouncy Castle cannot verify RSASSA-PSS with this key: " + e.getMessage(),
          e);
    }
    return new Verification() {
      @Override
      public void update(byte[] bytes, int offset, int length) {
        signer.update(bytes, offset, length);
      }

      @Override
      public boolean verify(byte[] signature) {
        try {
          return signer.verifySignature(signature);
        } catch (RuntimeException e) {
          return false;
        }
      }
    };
  }

  private static Digest digest(String name) throws CmsProfileException {
    switch (name) {
      case "SHA-256":
        return new SHA256Digest();
      case "SHA-384":
        return new SHA384Digest();
      case "SHA-512":
        return new SHA512Digest();
      default:
        throw notAllowed("RSASSA-PSS hash " + name + " is not SHA-256/384/512");
    }
  }

  /**
   * Checks the encoding of a signature value before any cryptography: strict DER for ECDSA, 64
   * bytes for Ed25519, the modulus length for RSA (RFC 8017 §8.1.2, §8.2.2 step 1).
   *
   * @param accepted the accepted combination
   * @param signature the signature value
   * @return {@code true} iff the encoding is the one canonical form
   */
  public static boolean wellFormed(Accepted accepted, byte[] signature) {
    switch (accepted.family()) {
      case ECDSA:
        return isStrictDerEcdsaSignature(signature);
      case ED25519:
        return signature.length == 64;
      case RSA_PKCS1:
      case RSA_PSS:
        int modulusBytes = (((RSAPublicKey) accepted.publicKey()).getModulus().bitLength() + 7) / 8;
        return signature.length == modulusBytes;
      default:
        return false;
    }
  }

  /**
   * @param signature a candidate X9.62 {@code Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER
   *     }}
   * @return {@code true} iff it is exactly the DER encoding of two positive integers (no BER
   *     lengths, no padding, no trailing bytes)
   */
  public static boolean isStrictDerEcdsaSignature(byte[] signature) {
    // At most two 66-byte integers (P-521 would be the largest) plus headers; P-384 needs ~104.
    if (signature.length < 8 || signature.length > 141) {
      return false;
    }
    try {
      ASN1Primitive parsed = ASN1Primitive.fromByteArray(signature);
      if (!(parsed instanceof ASN1Sequence)) {
        return false;
      }
      ASN1Sequence sequence = (ASN1Sequence) parsed;
      if (sequence.size() != 2
          || !(sequence.getObjectAt(0) instanceof ASN1Integer)
          || !(sequence.getObjectAt(1) instanceof ASN1Integer)) {
        return false;
      }
      BigInteger r = ((ASN1Integer) sequence.getObjectAt(0)).getValue();
      BigInteger s = ((ASN1Integer) sequence.getObjectAt(1)).getValue();
      if (r.signum() <= 0 || s.signum() <= 0) {
        return false;
      }
      byte[] canonical =
          new DERSequence(new ASN1Encodable[] {new ASN1Integer(r), new ASN1Integer(s)})
              .getEncoded(ASN1Encoding.DER);
      return Arrays.equals(canonical, signature);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static PSSParameterSpec pssParameters(
      AlgorithmIdentifier signatureAlgorithm, ASN1ObjectIdentifier digestOid, String digestName)
      throws CmsProfileException {
    RSASSAPSSparams params;
    try {
      params = RSASSAPSSparams.getInstance(signatureAlgorithm.getParameters());
    } catch (RuntimeException e) {
      throw new CmsProfileException(
          ReasonCode.ALGORITHM_NOT_ALLOWED, "RSASSA-PSS parameters do not decode", e);
    }
    if (params == null) {
      throw notAllowed("RSASSA-PSS without parameters means SHA-1 (RFC 4055), which is refused");
    }
    AlgorithmIdentifier hash = params.getHashAlgorithm();
    if (!digestOid.equals(hash.getAlgorithm())) {
      throw notAllowed(
          "RSASSA-PSS hash " + hash.getAlgorithm().getId() + " differs from digest " + digestName);
    }
    return pssSpec(params);
  }

  /**
   * The PSS parameters of RSASSA-PSS-params (RFC 4055 §3.1) within the policy: hash and MGF1 hash
   * each SHA-256/384/512 (they may differ), salt length 0–65535, trailer field 1.
   */
  private static PSSParameterSpec pssSpec(RSASSAPSSparams params) throws CmsProfileException {
    AlgorithmIdentifier hash = params.getHashAlgorithm();
    String digestName = DIGESTS.get(hash.getAlgorithm());
    if (digestName == null || !absentOrNull(hash.getParameters())) {
      throw notAllowed(
          "RSASSA-PSS hash " + hash.getAlgorithm().getId() + " is not SHA-256/384/512");
    }
    AlgorithmIdentifier mgf = params.getMaskGenAlgorithm();
    if (!PKCSObjectIdentifiers.id_mgf1.equals(mgf.getAlgorithm())) {
      throw notAllowed("RSASSA-PSS mask generation " + mgf.getAlgorithm().getId() + " is not MGF1");
    }
    String mgfDigest;
    try {
      AlgorithmIdentifier mgfHash = AlgorithmIdentifier.getInstance(mgf.getParameters());
      mgfDigest =
          mgfHash == null || !absentOrNull(mgfHash.getParameters())
              ? null
              : DIGESTS.get(mgfHash.getAlgorithm());
    } catch (RuntimeException e) {
      mgfDigest = null;
    }
    if (mgfDigest == null) {
      throw notAllowed("RSASSA-PSS MGF1 hash is not SHA-256/384/512");
    }
    BigInteger salt = params.getSaltLength();
    if (salt.signum() < 0 || salt.bitLength() > 16) {
      throw notAllowed("RSASSA-PSS salt length " + salt + " is out of range");
    }
    if (!BigInteger.ONE.equals(params.getTrailerField())) {
      throw notAllowed("RSASSA-PSS trailer field " + params.getTrailerField() + " is not 1");
    }
    return new PSSParameterSpec(
        digestName, "MGF1", new MGF1ParameterSpec(mgfDigest), salt.intValue(), 1);
  }

  /**
   * RFC 4055 §1.2, §3.1: an {@code id-RSASSA-PSS} key whose AlgorithmIdentifier carries
   * RSASSA-PSS-params may only sign with that hash and mask generation function, a salt at least
   * that long and the same trailer field; without parameters it is unrestricted.
   */
  private static void checkKeyRestrictions(ASN1Encodable keyParameters, PSSParameterSpec signature)
      throws CmsProfileException {
    if (keyParameters == null) {
      return;
    }
    PSSParameterSpec key;
    try {
      if (DERNull.INSTANCE.equals(keyParameters)) {
        throw new IllegalArgumentException("NULL");
      }
      key = pssSpec(RSASSAPSSparams.getInstance(keyParameters));
    } catch (CmsProfileException | RuntimeException e) {
      throw notAllowed(
          "the id-RSASSA-PSS key's parameters are not SHA-2 RSASSA-PSS-params (RFC 4055 §3.1): "
              + e.getMessage());
    }
    String keyMgf = ((MGF1ParameterSpec) key.getMGFParameters()).getDigestAlgorithm();
    String sigMgf = ((MGF1ParameterSpec) signature.getMGFParameters()).getDigestAlgorithm();
    if (!key.getDigestAlgorithm().equals(signature.getDigestAlgorithm())
        || !keyMgf.equals(sigMgf)) {
      throw notAllowed(
          "the id-RSASSA-PSS key is restricted to hash "
              + key.getDigestAlgorithm()
              + " with MGF1 "
              + keyMgf
              + " (RFC 4055 §3.1), the signature uses hash "
              + signature.getDigestAlgorithm()
              + " with MGF1 "
              + sigMgf);
    }
    if (signature.getSaltLength() < key.getSaltLength()) {
      throw notAllowed(
          "the id-RSASSA-PSS key requires a salt of at least "
              + key.getSaltLength()
              + " bytes (RFC 4055 §3.1), the signature's is "
              + signature.getSaltLength());
    }
  }

  private PublicKey decode(SubjectPublicKeyInfo spki, String keyAlgorithm)
      throws CmsProfileException {
    try {
      byte[] der = spki.getEncoded(ASN1Encoding.DER);
      ByteBuffer cacheKey = ByteBuffer.wrap(der);
      PublicKey cached = keyCache.get(cacheKey);
      if (cached != null && cached.getAlgorithm().equals(keyAlgorithm)) {
        return cached;
      }
      PublicKey key =
          KeyFactory.getInstance(keyAlgorithm, provider)
              .generatePublic(new X509EncodedKeySpec(der));
      keyCache.put(cacheKey, key);
      return key;
    } catch (GeneralSecurityException | IOException | RuntimeException e) {
      throw new CmsProfileException(
          ReasonCode.MALFORMED_CMS, "the " + keyAlgorithm + " public key does not decode", e);
    }
  }

  private static void checkModulus(PublicKey key) throws CmsProfileException {
    int bits = ((RSAPublicKey) key).getModulus().bitLength();
    if (bits < MIN_RSA_MODULUS_BITS) {
      throw new CmsProfileException(
          ReasonCode.WEAK_KEY,
          "RSA modulus of " + bits + " bits is below the minimum of " + MIN_RSA_MODULUS_BITS);
    }
  }

  private static boolean absentOrNull(ASN1Encodable parameters) {
    return parameters == null || DERNull.INSTANCE.equals(parameters);
  }

  private static CmsProfileException notAllowed(String message) {
    return new CmsProfileException(ReasonCode.ALGORITHM_NOT_ALLOWED, message);
  }
}
