package org.quorate.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test PKI and CMS made by the {@code openssl} binary, as a national PKI officer would make them:
 * {@code openssl req -x509} for a national root CA, {@code openssl req} + {@code openssl x509 -req}
 * for a signer credential, and {@code openssl cms -sign -binary -nodetach -outform DER -md sha256}
 * for a contribution. Keys are generated at run time in a temporary directory.
 */
public final class OpenSsl {
  private final Path dir;

  /**
   * @param dir a scratch directory for keys, certificates and signed files
   */
  public OpenSsl(Path dir) {
    this.dir = dir;
  }

  /**
   * Makes a self-signed national root CA (ECDSA P-256, CA:TRUE, keyCertSign + cRLSign).
   *
   * @param name file stem, e.g. {@code pol-ca}
   * @param subject OpenSSL-form subject, e.g. {@code /C=PL/O=Poland/CN=POL Root CA}
   * @return the CA's PEM certificate path (key beside it as {@code name.key})
   */
  public Path rootCa(String name, String subject) {
    Path key = dir.resolve(name + ".key");
    Path cert = dir.resolve(name + ".pem");
    run("openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", key.toString());
    run(
        "openssl",
        "req",
        "-x509",
        "-new",
        "-key",
        key.toString(),
        "-subj",
        subject,
        "-days",
        "3650",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign",
        "-out",
        cert.toString());
    return cert;
  }

  /**
   * Makes a signer credential issued by a CA (ECDSA P-256, CA:FALSE, digitalSignature).
   *
   * @param name file stem
   * @param subject OpenSSL-form subject
   * @param ca the CA certificate made by {@link #rootCa}
   * @return the credential's PEM certificate path (key beside it as {@code name.key})
   */
  public Path credential(String name, String subject, Path ca) {
    Path key = dir.resolve(name + ".key");
    Path csr = dir.resolve(name + ".csr");
    Path cert = dir.resolve(name + ".pem");
    Path ext = dir.resolve(name + ".ext");
    String caKey = ca.toString().replaceAll("\\.pem$", ".key");
    write(ext, "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n");
    run("openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", key.toString());
    run("openssl", "req", "-new", "-key", key.toString(), "-subj", subject, "-out", csr.toString());
    run(
        "openssl",
        "x509",
        "-req",
        "-in",
        csr.toString(),
        "-CA",
        ca.toString(),
        "-CAkey",
        caKey,
        "-set_serial",
        Long.toString(System.nanoTime()),
        "-days",
        "365",
        "-extfile",
        ext.toString(),
        "-out",
        cert.toString());
    return cert;
  }

  /**
   * @param cert a credential certificate
   * @return {@code sha256:} + hex SHA-256 of its SubjectPublicKeyInfo, as openssl computes it
   */
  public String spkiHash(Path cert) {
    Path spki = dir.resolve(cert.getFileName() + ".spki.der");
    Path pub = dir.resolve(cert.getFileName() + ".pub.pem");
    run("openssl", "x509", "-in", cert.toString(), "-pubkey", "-noout", "-out", pub.toString());
    run(
        "openssl",
        "pkey",
        "-pubin",
        "-in",
        pub.toString(),
        "-outform",
        "DER",
        "-out",
        spki.toString());
    String out = run("openssl", "dgst", "-sha256", "-r", spki.toString());
    return "sha256:" + out.substring(0, 64);
  }

  /**
   * Signs content with {@code openssl cms -sign -binary -nodetach -outform DER -md sha256}.
   *
   * @param content the event JSON bytes
   * @param cert the signer certificate (key beside it)
   * @return the DER CMS SignedData
   */
  public byte[] sign(byte[] content, Path cert) {
    try {
      Path in = Files.createTempFile(dir, "event", ".json");
      Path out = Files.createTempFile(dir, "event", ".p7m");
      Files.write(in, content);
      String key = cert.toString().replaceAll("\\.pem$", ".key");
      run(
          "openssl",
          "cms",
          "-sign",
          "-binary",
          "-nodetach",
          "-outform",
          "DER",
          "-md",
          "sha256",
          "-in",
          in.toString(),
          "-signer",
          cert.toString(),
          "-inkey",
          key,
          "-out",
          out.toString());
      return Files.readAllBytes(out);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Verifies a DER CMS SignedData as SPEC §5 says an auditor can: {@code openssl cms -verify
   * -binary -inform DER -CAfile ANCHOR.pem -purpose any}.
   *
   * @param p7m the DER file
   * @param anchor the trust anchor's PEM file
   * @return the signed content
   * @throws IllegalStateException with openssl's output when verification fails
   */
  public byte[] verifyCms(Path p7m, Path anchor) {
    try {
      Path out = Files.createTempFile(dir, "verified", ".bin");
      run(
          "openssl",
          "cms",
          "-verify",
          "-binary",
          "-inform",
          "DER",
          "-in",
          p7m.toString(),
          "-CAfile",
          anchor.toString(),
          "-purpose",
          "any",
          "-out",
          out.toString());
      return Files.readAllBytes(out);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * @param cert a PEM certificate path
   * @return its PEM text
   */
  public static String pem(Path cert) {
    try {
      return Files.readString(cert, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void write(Path p, String s) {
    try {
      Files.writeString(p, s, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String run(String... command) {
    try {
      Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", new ArrayList<>(List.of(command)))
                + " failed: "
                + new String(out, StandardCharsets.UTF_8));
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("openssl is needed by the integration tests", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
