package org.quorate.core.cms;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * A throw-away certification authority run with {@code openssl ca} in a temporary directory: keys
 * are generated at test time and never leave the directory. Certificates get chosen validity dates
 * ({@code -startdate/-enddate}, {@code YYYYMMDDHHMMSSZ}); revocations use the current time.
 */
public final class OpenSslCa {
  /** Validity start of long-lived fixtures. */
  public static final String START_2020 = "20200101000000Z";

  /** Validity end of long-lived fixtures. */
  public static final String END_2040 = "20400101000000Z";

  private static final String CONFIG =
      String.join(
          "\n",
          "[ ca ]",
          "default_ca = CA_default",
          "[ CA_default ]",
          "dir = .",
          "database = ./index.txt",
          "new_certs_dir = ./newcerts",
          "certificate = ./ca.crt",
          "private_key = ./ca.key",
          "serial = ./serial",
          "crlnumber = ./crlnumber",
          "default_md = sha256",
          "default_days = 365",
          "default_crl_days = 30",
          "policy = policy_any",
          "unique_subject = no",
          "copy_extensions = none",
          "x509_extensions = ee_ext",
          "[ policy_any ]",
          "commonName = supplied",
          "organizationName = optional",
          "countryName = optional",
          "[ ee_ext ]",
          "basicConstraints = critical,CA:FALSE",
          "keyUsage = critical,digitalSignature,nonRepudiation",
          "subjectKeyIdentifier = hash",
          "authorityKeyIdentifier = keyid",
          "[ encipher_ext ]",
          "basicConstraints = critical,CA:FALSE",
          "keyUsage = critical,keyEncipherment",
          "[ ca_ext ]",
          "basicConstraints = critical,CA:TRUE",
          "keyUsage = critical,keyCertSign,cRLSign,digitalSignature",
          "subjectKeyIdentifier = hash",
          "authorityKeyIdentifier = keyid",
          "");

  private static final CertificateFactory FACTORY;

  static {
    try {
      FACTORY = CertificateFactory.getInstance("X.509", new BouncyCastleProvider());
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Path dir;

  private OpenSslCa(Path dir) {
    this.dir = dir;
  }

  /**
   * A self-signed root CA with a P-256 key, valid 2020–2040.
   *
   * @param dir an empty directory of its own
   * @param commonName the CN of the root
   * @return the CA
   */
  public static OpenSslCa root(Path dir, String commonName) throws IOException {
    OpenSslCa ca = prepare(dir);
    ca.key("ca.key", "ec256");
    OpenSsl.run(
        dir, "req", "-new", "-key", "ca.key", "-subj", "/CN=" + commonName, "-out", "ca.csr");
    OpenSsl.run(
        dir,
        "ca",
        "-batch",
        "-config",
        "ca.cnf",
        "-selfsign",
        "-keyfile",
        "ca.key",
        "-in",
        "ca.csr",
        "-out",
        "ca.crt",
        "-notext",
        "-extensions",
        "ca_ext",
        "-startdate",
        START_2020,
        "-enddate",
        END_2040);
    return ca;
  }

  /**
   * A subordinate CA with a P-256 key issued by this CA, valid 2020–2040.
   *
   * @param subDir an empty directory of its own
   * @param commonName the CN of the subordinate CA
   * @return the subordinate CA
   */
  public OpenSslCa subordinate(Path subDir, String commonName) throws IOException {
    OpenSslCa sub = prepare(subDir);
    sub.key("ca.key", "ec256");
    OpenSsl.run(
        subDir, "req", "-new", "-key", "ca.key", "-subj", "/CN=" + commonName, "-out", "ca.csr");
    OpenSsl.run(
        dir,
        "ca",
        "-batch",
        "-config",
        "ca.cnf",
        "-in",
        subDir.resolve("ca.csr").toString(),
        "-out",
        subDir.resolve("ca.crt").toString(),
        "-notext",
        "-extensions",
        "ca_ext",
        "-startdate",
        START_2020,
        "-enddate",
        END_2040);
    return sub;
  }

  private static OpenSslCa prepare(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("newcerts"));
    Files.writeString(dir.resolve("index.txt"), "", StandardCharsets.US_ASCII);
    Files.writeString(dir.resolve("serial"), "1000\n", StandardCharsets.US_ASCII);
    Files.writeString(dir.resolve("crlnumber"), "01\n", StandardCharsets.US_ASCII);
    Files.writeString(dir.resolve("ca.cnf"), CONFIG, StandardCharsets.US_ASCII);
    return new OpenSslCa(dir);
  }

  /**
   * Generates a private key in this CA's directory.
   *
   * @param name the file name
   * @param type {@code ec256}, {@code ec384}, {@code ec-secp256k1}, {@code rsa1024}, {@code
   *     rsa2048}, {@code ed25519}
   * @return the PEM private key path
   */
  public Path key(String name, String type) {
    switch (type) {
      case "ec256":
        return genpkey(name, "EC", "ec_paramgen_curve:P-256");
      case "ec384":
        return genpkey(name, "EC", "ec_paramgen_curve:P-384");
      case "ec-secp256k1":
        return genpkey(name, "EC", "ec_paramgen_curve:secp256k1");
      case "rsa1024":
        return genpkey(name, "RSA", "rsa_keygen_bits:1024");
      case "rsa2048":
        return genpkey(name, "RSA", "rsa_keygen_bits:2048");
      case "ed25519":
        OpenSsl.run(dir, "genpkey", "-algorithm", "ED25519", "-out", name);
        return dir.resolve(name);
      default:
        throw new IllegalArgumentException(type);
    }
  }

  private Path genpkey(String name, String algorithm, String option) {
    OpenSsl.run(dir, "genpkey", "-algorithm", algorithm, "-pkeyopt", option, "-out", name);
    return dir.resolve(name);
  }

  /**
   * Issues an end-entity certificate (digitalSignature, nonRepudiation) for a key.
   *
   * @param name base file name; writes {@code name.crt}
   * @param key the private key (its public half is certified)
   * @param startdate notBefore, {@code YYYYMMDDHHMMSSZ}
   * @param enddate notAfter, {@code YYYYMMDDHHMMSSZ}
   * @return the PEM certificate path
   */
  public Path issue(String name, Path key, String startdate, String enddate) {
    return issue(name, key, startdate, enddate, "ee_ext");
  }

  /**
   * Issues an end-entity certificate with the extensions of a section of the CA configuration.
   *
   * @param name base file name; writes {@code name.crt}
   * @param key the private key (its public half is certified)
   * @param startdate notBefore, {@code YYYYMMDDHHMMSSZ}
   * @param enddate notAfter, {@code YYYYMMDDHHMMSSZ}
   * @param extensions {@code ee_ext} (digitalSignature, nonRepudiation) or {@code encipher_ext}
   *     (keyEncipherment only)
   * @return the PEM certificate path
   */
  public Path issue(String name, Path key, String startdate, String enddate, String extensions) {
    OpenSsl.run(
        dir,
        "req",
        "-new",
        "-key",
        key.toString(),
        "-subj",
        "/CN=" + name + "/O=Quorate Test/C=PL",
        "-out",
        name + ".csr");
    OpenSsl.run(
        dir,
        "ca",
        "-batch",
        "-config",
        "ca.cnf",
        "-in",
        name + ".csr",
        "-out",
        name + ".crt",
        "-notext",
        "-startdate",
        startdate,
        "-enddate",
        enddate,
        "-extensions",
        extensions);
    return dir.resolve(name + ".crt");
  }

  /**
   * Revokes a certificate now (reason keyCompromise).
   *
   * @param certificate the PEM certificate this CA issued
   */
  public void revoke(Path certificate) {
    OpenSsl.run(
        dir,
        "ca",
        "-batch",
        "-config",
        "ca.cnf",
        "-revoke",
        certificate.toString(),
        "-crl_reason",
        "keyCompromise");
  }

  /**
   * @return a fresh CRL of this CA (nextUpdate in 30 days)
   */
  public X509CRL crl() throws IOException, GeneralSecurityException {
    OpenSsl.run(dir, "ca", "-batch", "-config", "ca.cnf", "-gencrl", "-out", "crl.pem");
    try (InputStream in = Files.newInputStream(dir.resolve("crl.pem"))) {
      return (X509CRL) FACTORY.generateCRL(in);
    }
  }

  /**
   * @return this CA's certificate path (PEM)
   */
  public Path certificatePath() {
    return dir.resolve("ca.crt");
  }

  /**
   * @return this CA's certificate
   */
  public X509Certificate certificate() throws IOException, GeneralSecurityException {
    return load(certificatePath());
  }

  /**
   * @return this CA's private key path
   */
  public Path keyPath() {
    return dir.resolve("ca.key");
  }

  /**
   * @return the CA's directory
   */
  public Path dir() {
    return dir;
  }

  /**
   * @param pem a PEM or DER certificate file
   * @return the certificate
   */
  public static X509Certificate load(Path pem) throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(pem)) {
      return (X509Certificate) FACTORY.generateCertificate(in);
    }
  }
}
