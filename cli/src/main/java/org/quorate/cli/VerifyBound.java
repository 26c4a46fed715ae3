package org.quorate.cli;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;

/**
 * The verify-only bound of {@code quorate load}: how many of the given CMS SignedData signatures
 * Bouncy Castle verifies per second on all available processors, and nothing else (the public key,
 * the DER signed attributes and the signature are extracted before the clock starts). No ingest
 * path can be faster than this, since every input's signature is verified once.
 *
 * <p>Each distinct certificate's public key is decoded once and shared by all its signatures, as
 * the node does (its decoded-key cache in {@code SignatureAlgorithms}): Bouncy Castle keeps the
 * precomputed multiples of an EC public point on the key object, so a key decoded per signature
 * pays that precomputation on every verify. Measured on 7 December 2026 (2 cores, P-256): about
 * 8,000–13,000 verifies/s with a key object per signature, about 24,000/s with the key shared. The
 * verify path is warmed up for {@value #WARM_UP_NANOS} ns on every processor before the clock
 * starts, so that the JIT has compiled it.
 */
final class VerifyBound {
  private static final Map<String, String> DIGESTS =
      Map.of(
          "2.16.840.1.101.3.4.2.1", "SHA256",
          "2.16.840.1.101.3.4.2.2", "SHA384",
          "2.16.840.1.101.3.4.2.3", "SHA512");

  /** One signature to check. */
  private record Check(PublicKey key, String algorithm, byte[] signed, byte[] signature) {}

  /** Warm-up on every processor before the clock starts, ns. */
  static final long WARM_UP_NANOS = 2_000_000_000L;

  /** How long the bound is measured, ns. */
  static final long MEASURE_NANOS = 2_000_000_000L;

  /**
   * The result: verifies per second, processors used, the algorithm of the first signature,
   * signatures verified while measuring, distinct public keys.
   */
  record Rate(double perSecond, int processors, String algorithm, long verified, int keys) {}

  private VerifyBound() {}

  /**
   * Measures the bound.
   *
   * @param ders CMS SignedData, attached content, one SignerInfo with signed attributes each
   * @return verifies per second on {@link Runtime#availableProcessors()} threads
   */
  static Rate measure(List<byte[]> ders) {
    return measure(ders, WARM_UP_NANOS, MEASURE_NANOS);
  }

  /**
   * Measures the bound with the given warm-up and measuring times.
   *
   * @param ders as {@link #measure(List)}
   * @param warmUpNanos warm-up on every processor, ns
   * @param measureNanos measuring time, ns (at least one pass over {@code ders})
   * @return as {@link #measure(List)}
   */
  static Rate measure(List<byte[]> ders, long warmUpNanos, long measureNanos) {
    Map<ByteBuffer, PublicKey> keys = new HashMap<>();
    List<Check> checks = new ArrayList<>(ders.size());
    for (byte[] der : ders) {
      checks.add(extract(der, keys));
    }
    int processors = Runtime.getRuntime().availableProcessors();
    ExecutorService pool = Executors.newFixedThreadPool(processors);
    try {
      // Warm-up: the JIT compiles the verify path on every processor before the clock starts.
      rounds(checks, processors, pool, warmUpNanos);
      long start = System.nanoTime();
      long verified = rounds(checks, processors, pool, measureNanos);
      double seconds = (System.nanoTime() - start) / 1e9;
      return new Rate(
          verified / seconds, processors, checks.get(0).algorithm(), verified, keys.size());
    } catch (ExecutionException e) {
      throw new CliException("verify-only bound failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("verify-only bound interrupted", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Verifies every check, split over the processors, until {@code nanos} have passed. */
  private static long rounds(List<Check> checks, int processors, ExecutorService pool, long nanos)
      throws InterruptedException, ExecutionException {
    long verified = 0;
    long start = System.nanoTime();
    do {
      List<Future<Integer>> parts = new ArrayList<>();
      for (int t = 0; t < processors; t++) {
        int first = t;
        parts.add(
            pool.submit(
                () -> {
                  int n = 0;
                  for (int i = first; i < checks.size(); i += processors) {
                    verify(checks.get(i));
                    n++;
                  }
                  return n;
                }));
      }
      for (Future<Integer> f : parts) {
        verified += f.get();
      }
    } while (System.nanoTime() - start < nanos);
    return verified;
  }

  private static Check extract(byte[] der, Map<ByteBuffer, PublicKey> keys) {
    try {
      CMSSignedData sd = new CMSSignedData(der);
      SignerInformation si = sd.getSignerInfos().getSigners().iterator().next();
      @SuppressWarnings("unchecked")
      X509CertificateHolder holder =
          (X509CertificateHolder) sd.getCertificates().getMatches(si.getSID()).iterator().next();
      PublicKey key = keys.get(ByteBuffer.wrap(holder.getEncoded()));
      if (key == null) {
        key =
            new JcaX509CertificateConverter()
                .setProvider(Pem.BC)
                .getCertificate(holder)
                .getPublicKey();
        keys.put(ByteBuffer.wrap(holder.getEncoded()), key);
      }
      String digest = DIGESTS.get(si.getDigestAlgOID());
      String algorithm =
          switch (key.getAlgorithm()) {
            case "EC", "ECDSA" -> digest + "withECDSA";
            case "RSA" -> digest + "withRSA";
            default -> key.getAlgorithm();
          };
      return new Check(key, algorithm, si.getEncodedSignedAttributes(), si.getSignature());
    } catch (CMSException | java.io.IOException | GeneralSecurityException | RuntimeException e) {
      throw new CliException("cannot read a generated signature: " + e.getMessage(), e);
    }
  }

  private static void verify(Check c) {
    try {
      Signature s = Signature.getInstance(c.algorithm(), Pem.BC);
      s.initVerify(c.key());
      s.update(c.signed());
      if (!s.verify(c.signature())) {
        throw new CliException("a generated signature does not verify");
      }
    } catch (GeneralSecurityException e) {
      throw new CliException("verify failed: " + e.getMessage(), e);
    }
  }
}
