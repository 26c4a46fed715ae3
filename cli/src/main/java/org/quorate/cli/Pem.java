package org.quorate.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.quorate.core.cms.Ids;

/**
 * PEM files (RFC 7468) of certificates and PKCS#8 private keys, and the identifiers of SPEC §1
 * ({@code sha256:} + lowercase hex). All crypto goes through one explicit {@link
 * BouncyCastleProvider} instance; no provider is installed globally.
 */
public final class Pem {
  /** The Bouncy Castle provider instance every CLI operation passes explicitly. */
  public static final Provider BC = new BouncyCastleProvider();

  /** Largest PEM or JSON file the CLI reads (1 MiB): certificates, keys and events are small. */
  public static final long MAX_FILE_BYTES = 1L << 20;

  private Pem() {}

  /**
   * Reads a file of at most {@link #MAX_FILE_BYTES}.
   *
   * @param file the file
   * @return its bytes
   * @throws CliException if it is missing, unreadable or too large
   */
  public static byte[] readSmallFile(Path file) {
    try {
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        throw new CliException(
            file + " is " + size + " bytes; the limit is " + MAX_FILE_BYTES + " bytes");
      }
      return Files.readAllBytes(file);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new CliException("file not found: " + file, e);
    } catch (IOException e) {
      throw new CliException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads every certificate of a PEM file ({@code -----BEGIN CERTIFICATE-----} blocks).
   *
   * @param file PEM file
   * @return the certificates in file order, at least one
   * @throws CliException if the file holds no certificate or a malformed one
   */
  public static List<X509Certificate> readCertificates(Path file) {
    String text = new String(readSmallFile(file), StandardCharsets.UTF_8);
    List<X509Certificate> certs = parseCertificates(text, file.toString());
    if (certs.isEmpty()) {
      throw new CliException(file + " holds no PEM certificate");
    }
    return certs;
  }

  /**
   * Reads the first certificate of a PEM file.
   *
   * @param file PEM file
   * @return the certificate
   * @throws CliException if there is none
   */
  public static X509Certificate readCertificate(Path file) {
    return readCertificates(file).get(0);
  }

  /**
   * Parses PEM certificates from text.
   *
   * @param pem PEM text
   * @param source name of the source, for error messages
   * @return the certificates found (possibly none)
   * @throws CliException on a malformed block
   */
  public static List<X509Certificate> parseCertificates(String pem, String source) {
    List<X509Certificate> certs = new ArrayList<>();
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      JcaX509CertificateConverter converter = new JcaX509CertificateConverter().setProvider(BC);
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        if (o instanceof X509CertificateHolder) {
          certs.add(converter.getCertificate((X509CertificateHolder) o));
        }
      }
    } catch (IOException | CertificateException e) {
      throw new CliException(source + " holds a malformed certificate: " + e.getMessage(), e);
    }
    return certs;
  }

  /**
   * Reads an unencrypted private key: PKCS#8 ({@code PRIVATE KEY}) or the OpenSSL traditional forms
   * ({@code EC PRIVATE KEY}, {@code RSA PRIVATE KEY}).
   *
   * @param file PEM file
   * @return the private key
   * @throws CliException if the file holds no usable key, or an encrypted one
   */
  public static PrivateKey readPrivateKey(Path file) {
    String text = new String(readSmallFile(file), StandardCharsets.UTF_8);
    try (Reader reader = new StringReader(text);
        PEMParser parser = new PEMParser(reader)) {
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(BC);
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        if (o instanceof PrivateKeyInfo) {
          return converter.getPrivateKey((PrivateKeyInfo) o);
        }
        if (o instanceof PEMKeyPair) {
          return converter.getKeyPair((PEMKeyPair) o).getPrivate();
        }
        if (o.getClass().getSimpleName().contains("Encrypted")) {
          throw new CliException(
              file + " holds an encrypted private key; decrypt it first (openssl pkey -in …)");
        }
      }
    } catch (IOException e) {
      throw new CliException(file + " holds a malformed private key: " + e.getMessage(), e);
    }
    throw new CliException(file + " holds no PEM private key");
  }

  /**
   * Encodes a certificate as PEM text.
   *
   * @param cert certificate
   * @return PEM text ending with a newline
   */
  public static String toPem(X509Certificate cert) {
    return write(cert);
  }

  /**
   * Encodes a private key as unencrypted PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}).
   *
   * @param key private key
   * @return PEM text ending with a newline
   */
  public static String toPkcs8Pem(PrivateKey key) {
    try {
      return write(new JcaPKCS8Generator(key, null));
    } catch (IOException e) {
      throw new CliException("cannot encode private key: " + e.getMessage(), e);
    }
  }

  private static String write(Object o) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(o);
    } catch (IOException e) {
      throw new CliException("cannot encode PEM: " + e.getMessage(), e);
    }
    return out.toString();
  }

  /**
   * The {@code signer} value of SPEC §1: {@code sha256:} + hex SHA-256 of the DER
   * SubjectPublicKeyInfo exactly as it appears in the certificate.
   *
   * @param cert the credential
   * @return {@code sha256:} followed by 64 lowercase hex digits
   */
  public static String spkiHash(X509Certificate cert) {
    try {
      return sha256Id(
          new X509CertificateHolder(cert.getEncoded()).getSubjectPublicKeyInfo().getEncoded("DER"));
    } catch (IOException | CertificateException e) {
      throw new CliException("cannot read the certificate's public key: " + e.getMessage(), e);
    }
  }

  /**
   * SPEC §1 identifier: {@code sha256:} + lowercase hex SHA-256 of the bytes (event id over the
   * signed content, input id over the whole DER, genesis id over the genesis file).
   *
   * @param bytes the exact bytes
   * @return the identifier
   */
  public static String sha256Id(byte[] bytes) {
    return Ids.sha256Id(bytes);
  }

  /**
   * @param bytes input
   * @return the 32-byte SHA-256 digest
   */
  public static byte[] sha256(byte[] bytes) {
    return Ids.sha256(bytes);
  }
}
