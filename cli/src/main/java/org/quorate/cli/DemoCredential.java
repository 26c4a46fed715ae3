package org.quorate.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * A credential of the demo PKI ({@link DemoPki} layout): {@code <dir>/<member>/<name>.pem|.key}.
 *
 * @param member member id the credential's CA belongs to
 * @param name credential file name, e.g. {@code approving-authority}
 * @param key private key
 * @param cert certificate
 * @param spki {@code sha256:} SPKI hash, the event's {@code signer}
 */
record DemoCredential(
    String member, String name, PrivateKey key, X509Certificate cert, String spki) {

  static DemoCredential load(Path dir, String member, String name) {
    Path cert = dir.resolve(member).resolve(name + ".pem");
    Path key = dir.resolve(member).resolve(name + ".key");
    if (!Files.isRegularFile(cert) || !Files.isRegularFile(key)) {
      throw new CliException(
          "the demo PKI in "
              + dir
              + " lacks "
              + cert
              + " or "
              + key
              + "; regenerate it with"
              + " 'quorate pki demo --force'");
    }
    X509Certificate c = Pem.readCertificate(cert);
    return new DemoCredential(member, name, Pem.readPrivateKey(key), c, Pem.spkiHash(c));
  }

  /** e.g. {@code POL approving-authority}. */
  String label() {
    return member + " " + name;
  }
}
