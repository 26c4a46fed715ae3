package org.quorate.cli;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
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
 */
final class VerifyBound {
  private static final Map<String, String> DIGESTS =
      Map.of(
          "2.16.840.1.101.3.4.2.1", "SHA256",
          "2.16.840.1.101.3.4.2.2", "SHA384",
          "2.16.840.1.101.3.4.2.3", "SHA512");

  /** One signature to check. */
  private record Check(PublicKey key, String algorithm, byte[] signed, byte[] signature) {}

  /** The result: verifies per second, processors used, the algorithm of the first signature. */
  record Rate(double perSecond, int processors, String algorithm, long verified) {}

  private VerifyBound() {}

  /**
   * Measures the bound.
   *
   * @param ders CMS SignedData, attached content, one SignerInfo with signed attributes each
   * @return verifies per second on {@link Runtime#availableProcessors()} threads
   */
  static Rate measure(List<byte[]> ders) {
    List<Check> checks = new ArrayList<>(ders.size());
    for (byte[] der : ders) {
      checks.add(extract(der));
    }
    int processors = Runtime.getRuntime().availableProcessors();
    // Warm-up: the JIT compiles the verify path before the clock starts.
    for (int i = 0; i < Math.min(checks.size(), 2000); i++) {
      verify(checks.get(i));
    }
    ExecutorService pool = Executors.newFixedThreadPool(processors);
    try {
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
      } while (System.nanoTime() - start < 2_000_000_000L);
      double seconds = (System.nanoTime() - start) / 1e9;
      return new Rate(verified / seconds, processors, checks.get(0).algorithm(), verified);
    } catch (ExecutionException e) {
      throw new CliException("verify-only bound failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("verify-only bound interrupted", e);
    } finally {
      pool.shutdownNow();
    }
  }

  private static Check extract(byte[] der) {
    try {
      CMSSignedData sd = new CMSSignedData(der);
      SignerInformation si = sd.getSignerInfos().getSigners().iterator().next();
      @SuppressWarnings("unchecked")
      X509CertificateHolder holder =
          (X509CertificateHolder) sd.getCertificates().getMatches(si.getSID()).iterator().next();
      PublicKey key =
          new JcaX509CertificateConverter()
              .setProvider(Pem.BC)
              .getCertificate(holder)
              .getPublicKey();
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
