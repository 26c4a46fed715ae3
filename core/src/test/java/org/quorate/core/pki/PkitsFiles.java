package org.quorate.core.pki;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.quorate.core.cms.SharedCorpora;

/** The NIST PKITS certificates and CRLs of {@code shared/corpora/pkits}, read as they are. */
final class PkitsFiles {
  private static final Path ROOT = SharedCorpora.resolve("pkits");
  private static final BouncyCastleProvider BC = new BouncyCastleProvider();

  private PkitsFiles() {}

  static Path root() {
    return ROOT;
  }

  static X509Certificate certificate(String name) throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(ROOT.resolve("certs").resolve(name))) {
      return (X509Certificate) factory().generateCertificate(in);
    }
  }

  static X509CRL crl(String name) throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(ROOT.resolve("crls").resolve(name))) {
      return (X509CRL) factory().generateCRL(in);
    }
  }

  private static CertificateFactory factory() throws GeneralSecurityException {
    return CertificateFactory.getInstance("X.509", BC);
  }
}
