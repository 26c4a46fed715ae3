package org.quorate.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The demo coalition PKI and genesis of {@code quorate pki demo}: five members (POL, LTU, LVA, EST,
 * DEU), each with a self-signed national root CA (trust anchor) and end-entity credentials under
 * it, all ECDSA P-256 (RFC 5480) signed with SHA-256, keys generated at run time.
 *
 * <p>Layout: {@code <dir>/<MEMBER>/ca.pem|ca.key} and {@code <dir>/<MEMBER>/<credential>.pem|.key}
 * for credentials {@code approving-authority}, {@code legal-advisor}, {@code mission-authority},
 * plus {@code node} for the first member; keys as unencrypted PKCS#8 PEM; {@code
 * <dir>/genesis.json} in the SPEC §1 genesis format, with grants by subject DN (RFC 4514, as {@link
 * X500Principal#getName(String) X500Principal RFC2253}) and, for the node, by SPKI hash.
 */
public final class DemoPki {
  /** One demo member. */
  public record Member(String id, String name, String organisation, String country) {}

  /** The five demo members, in roster order. */
  public static final List<Member> MEMBERS =
      List.of(
          new Member("POL", "Poland", "Republic of Poland", "PL"),
          new Member("LTU", "Lithuania", "Republic of Lithuania", "LT"),
          new Member("LVA", "Latvia", "Republic of Latvia", "LV"),
          new Member("EST", "Estonia", "Republic of Estonia", "EE"),
          new Member("DEU", "Germany", "Federal Republic of Germany", "DE"));

  /** Credential file names (without extension) granted by subject DN, with their role. */
  public static final List<String> OFFICIAL_CREDENTIALS =
      List.of("approving-authority", "legal-advisor", "mission-authority");

  /** Credential name of the node credential (first member only), granted by SPKI hash. */
  public static final String NODE = "node";

  private static final Duration CA_VALIDITY = Duration.ofDays(3653);
  private static final Duration EE_VALIDITY = Duration.ofDays(730);
  private static final Duration BACKDATE = Duration.ofHours(1);

  private final SecureRandom random = new SecureRandom();

  /**
   * Generates the PKI and genesis under {@code dir}.
   *
   * @param dir target directory (created)
   * @param mission mission name written into the genesis
   * @param posture whether to write the demo posture label (NATO RESTRICTED)
   * @return the path of {@code genesis.json}
   * @throws CliException on I/O or crypto failure
   */
  public Path generate(Path dir, String mission, boolean posture) {
    try {
      Files.createDirectories(dir);
      ObjectNode genesis = JsonNodeFactory.instance.objectNode();
      genesis.put("v", 1);
      genesis.put("type", "genesis");
      genesis.put("mission", mission);
      genesis.put("name", mission + " demo mission");
      if (posture) {
        ObjectNode label = genesis.putObject("posture");
        label.put("policy", "NATO");
        label.put("classification", "RESTRICTED");
        ObjectNode category = label.putArray("categories").addObject();
        category.put("tagName", "Context");
        category.put("type", "PERMISSIVE");
        category.putArray("values").add("NATO");
      }
      ArrayNode members = genesis.putArray("members");
      boolean first = true;
      for (Member m : MEMBERS) {
        members.add(generateMember(dir, m, first));
        first = false;
      }
      genesis.putArray("policies").add(operationalPolicy());
      genesis.put("governancePolicy", "governance");
      Path file = dir.resolve("genesis.json");
      Files.write(
          file, EventJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(genesis));
      return file;
    } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
      throw new CliException("cannot generate the demo PKI in " + dir + ": " + e.getMessage(), e);
    }
  }

  private ObjectNode generateMember(Path dir, Member m, boolean withNode)
      throws IOException, GeneralSecurityException, OperatorCreationException {
    Path memberDir = Files.createDirectories(dir.resolve(m.id()));
    KeyPair caKeys = newKeyPair();
    X500Name caName = name(m.id() + " Demo National Root CA", m);
    X509Certificate ca = certificate(caName, caKeys.getPublic(), caName, caKeys, null, true);
    write(memberDir, "ca", ca, caKeys.getPrivate());

    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("id", m.id());
    node.put("name", m.name());
    node.put("weight", 1);
    node.putArray("trustAnchors").add(Pem.toPem(ca));
    ArrayNode grants = node.putArray("grants");
    for (String credential : OFFICIAL_CREDENTIALS) {
      X509Certificate cert =
          endEntity(memberDir, credential, name(m.id() + " " + title(credential), m), ca, caKeys);
      ObjectNode grant = grants.addObject();
      grant.put("subject", cert.getSubjectX500Principal().getName(X500Principal.RFC2253));
      grant.putArray("roles").add(credential);
    }
    if (withNode) {
      X509Certificate cert =
          endEntity(memberDir, NODE, name(m.id() + " Quorate Node", m), ca, caKeys);
      ObjectNode grant = grants.addObject();
      grant.put("spki", Pem.spkiHash(cert));
      grant.putArray("roles").add("node");
    }
    return node;
  }

  private X509Certificate endEntity(
      Path memberDir, String file, X500Name subject, X509Certificate ca, KeyPair caKeys)
      throws IOException, GeneralSecurityException, OperatorCreationException {
    KeyPair keys = newKeyPair();
    X509Certificate cert =
        certificate(
            subject,
            keys.getPublic(),
            X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()),
            caKeys,
            ca,
            false);
    write(memberDir, file, cert, keys.getPrivate());
    return cert;
  }

  /** "approving-authority" → "Approving Authority". */
  static String title(String credential) {
    StringBuilder out = new StringBuilder();
    for (String word : credential.split("-")) {
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
    }
    return out.toString();
  }

  /** C, O, CN in encoding order, so the RFC 4514 string reads {@code CN=…,O=…,C=…}. */
  private static X500Name name(String commonName, Member m) {
    return new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.C, m.country())
        .addRDN(BCStyle.O, m.organisation())
        .addRDN(BCStyle.CN, commonName)
        .build();
  }

  private KeyPair newKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", Pem.BC);
    generator.initialize(new ECGenParameterSpec("secp256r1"), random);
    return generator.generateKeyPair();
  }

  private X509Certificate certificate(
      X500Name subject,
      PublicKey subjectKey,
      X500Name issuer,
      KeyPair issuerKeys,
      X509Certificate issuerCert,
      boolean ca)
      throws CertIOException, GeneralSecurityException, OperatorCreationException {
    Instant now = Instant.now();
    Date notBefore = Date.from(now.minus(BACKDATE));
    Date notAfter = Date.from(now.plus(ca ? CA_VALIDITY : EE_VALIDITY));
    BigInteger serial = new BigInteger(127, random).add(BigInteger.ONE);
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(issuer, serial, notBefore, notAfter, subject, subjectKey);
    JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    builder.addExtension(
        Extension.keyUsage,
        true,
        new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
    builder.addExtension(
        Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKey));
    builder.addExtension(
        Extension.authorityKeyIdentifier,
        false,
        issuerCert == null
            ? ext.createAuthorityKeyIdentifier(subjectKey)
            : ext.createAuthorityKeyIdentifier(issuerCert));
    return new JcaX509CertificateConverter()
        .setProvider(Pem.BC)
        .getCertificate(
            builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA")
                    .setProvider(Pem.BC)
                    .build(issuerKeys.getPrivate())));
  }

  private static void write(Path dir, String name, X509Certificate cert, PrivateKey key)
      throws IOException {
    Files.write(dir.resolve(name + ".pem"), Pem.toPem(cert).getBytes(StandardCharsets.US_ASCII));
    Path keyFile = dir.resolve(name + ".key");
    Files.deleteIfExists(keyFile);
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(
          keyFile,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    Files.write(keyFile, Pem.toPkcs8Pem(key).getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * The demo {@code operational} policy of SPEC §3: 2/3 of members in role approving-authority, at
   * least one legal-advisor concurring, f = 1, partial quorum 3/4 with a 72 h ratification window,
   * deadline 24 h.
   *
   * @return the policy object
   */
  public static ObjectNode operationalPolicy() {
    ObjectNode p = JsonNodeFactory.instance.objectNode();
    p.put("name", "operational");
    p.put("version", 1);
    p.put("votingRole", "approving-authority");
    ObjectNode threshold = p.putObject("threshold");
    threshold.put("fraction", "2/3");
    threshold.put("of", "members");
    ObjectNode require = p.putArray("requireRoles").addObject();
    require.put("role", "legal-advisor");
    require.put("min", 1);
    p.putArray("veto");
    p.put("byzantineF", 1);
    ObjectNode partial = p.putObject("partial");
    partial.put("minReachable", "3/4");
    partial.put("ratificationWindow", "PT72H");
    partial.put("onWindowClose", "adopt");
    partial.put("overturnOnDissent", true);
    p.put("deadline", "PT24H");
    return p;
  }
}
