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
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The demo coalition PKI and the geneses of {@code quorate pki demo}: five members (POL, LTU, LVA,
 * EST, DEU) of the first mission and a partner outside NATO (JPN) of the second, each with a
 * self-signed national root CA (trust anchor) and end-entity credentials under it, all ECDSA P-256
 * (RFC 5480) signed with SHA-256, keys generated at run time.
 *
 * <p>Layout: {@code <dir>/<MEMBER>/ca.pem|ca.key} and {@code <dir>/<MEMBER>/<credential>.pem|.key}
 * for credentials {@code approving-authority}, {@code legal-advisor}, {@code mission-authority},
 * plus {@code node} for the first member and the {@link #EXTRA_CREDENTIALS} ({@code POL
 * field-officer}, {@code LTU clerk}); {@code <dir>/JPN/ca.pem|ca.key|approving-authority.pem|.key}
 * and {@code JPN/clerk.pem|.key} (granted {@code clerk} in the second mission); keys as unencrypted
 * PKCS#8 PEM. {@code <dir>/genesis.json} is the first mission's genesis (SPEC §1), posture {@link
 * #POSTURE_A}; {@code <dir>/genesis-<SECOND>.json} the second mission's (members POL and JPN,
 * posture {@link #POSTURE_B}). Grants are by subject DN (RFC 4514, as {@link
 * X500Principal#getName(String) X500Principal RFC2253}) and, for the node, by SPKI hash. Because a
 * grant by subject DN holds for any credential of that subject under the member's anchor, {@link
 * #reissue} can give the field officer and the clerk a fresh key for each demo run.
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

  /** The partner outside NATO, member of the second mission only. */
  public static final Member PARTNER = new Member("JPN", "Japan", "Government of Japan", "JP");

  /** Default name of the second demo mission. */
  public static final String SECOND_MISSION = "NORDIC-GUARD";

  /** POL's field officer: granted role {@code field-officer}; revoked by the demo's CRL. */
  public static final String FIELD_OFFICER = "field-officer";

  /**
   * Clerks (LTU's in the first mission, JPN's in the second): granted role {@code clerk}; JPN's
   * signs the demo's chain fork.
   */
  public static final String CLERK = "clerk";

  /** Credentials beyond the officials, as {member, credential}; role = credential name. */
  public static final List<List<String>> EXTRA_CREDENTIALS =
      List.of(List.of("POL", FIELD_OFFICER), List.of("LTU", CLERK));

  /**
   * Posture of the first mission (SPEC §6): NATO SECRET, Releasable To NATO and JPN, so that it
   * admits labels releasable to NATO only and to NATO and JPN alike.
   */
  public static final String POSTURE_A =
      "{\"policy\":\"NATO\",\"classification\":\"SECRET\",\"categories\":[{\"tagName\":"
          + "\"Releasable To\",\"type\":\"PERMISSIVE\",\"values\":[\"NATO\",\"JPN\"]}]}";

  /** Posture of the second mission: NATO RESTRICTED, Releasable To NATO and JPN. */
  public static final String POSTURE_B =
      "{\"policy\":\"NATO\",\"classification\":\"RESTRICTED\",\"categories\":[{\"tagName\":"
          + "\"Releasable To\",\"type\":\"PERMISSIVE\",\"values\":[\"NATO\",\"JPN\"]}]}";

  /** Credential file names (without extension) granted by subject DN, with their role. */
  public static final List<String> OFFICIAL_CREDENTIALS =
      List.of("approving-authority", "legal-advisor", "mission-authority");

  /** Credential name of the node credential (first member only), granted by SPKI hash. */
  public static final String NODE = "node";

  private static final Duration CA_VALIDITY = Duration.ofDays(3653);
  private static final Duration EE_VALIDITY = Duration.ofDays(730);
  private static final Duration BACKDATE = Duration.ofHours(1);
  private static final Duration CRL_VALIDITY = Duration.ofDays(7);

  private final SecureRandom random = new SecureRandom();

  /**
   * Generates the PKI and both geneses under {@code dir}, the second mission named {@link
   * #SECOND_MISSION}.
   *
   * @param dir target directory (created)
   * @param mission mission name written into the first genesis
   * @param posture whether to write the first mission's posture ({@link #POSTURE_A})
   * @return the path of {@code genesis.json}
   * @throws CliException on I/O or crypto failure
   */
  public Path generate(Path dir, String mission, boolean posture) {
    return generate(dir, mission, SECOND_MISSION, posture);
  }

  /**
   * Generates the PKI and both geneses under {@code dir}.
   *
   * @param dir target directory (created)
   * @param mission mission name written into the first genesis
   * @param secondMission mission name of the second genesis ({@link #secondGenesis})
   * @param posture whether to write the first mission's posture ({@link #POSTURE_A}); the second
   *     mission always has {@link #POSTURE_B}
   * @return the path of {@code genesis.json}
   * @throws CliException on I/O or crypto failure
   */
  public Path generate(Path dir, String mission, String secondMission, boolean posture) {
    if (mission.equals(secondMission)) {
      throw new CliException("the two demo missions need different names, both are " + mission);
    }
    try {
      Files.createDirectories(dir);
      ObjectNode genesis = genesisHead(mission, posture ? POSTURE_A : null);
      ArrayNode members = genesis.putArray("members");
      boolean first = true;
      for (Member m : MEMBERS) {
        members.add(generateMember(dir, m, first));
        first = false;
      }
      genesis.putArray("policies").add(operationalPolicy()).add(drillPolicy()).add(partialPolicy());
      genesis.put("governancePolicy", "governance");

      ObjectNode second = genesisHead(secondMission, POSTURE_B);
      ArrayNode secondMembers = second.putArray("members");
      secondMembers.add(officialsOnly(members.get(0), "approving-authority"));
      Path partnerDir = Files.createDirectories(dir.resolve(PARTNER.id()));
      KeyPair caKeys = newKeyPair();
      X500Name caName = name(PARTNER.id() + " Demo National Root CA", PARTNER);
      X509Certificate ca = certificate(caName, caKeys.getPublic(), caName, caKeys, null, true);
      write(partnerDir, "ca", ca, caKeys.getPrivate());
      ObjectNode partner = memberNode(PARTNER, ca);
      addGrant(
          partner,
          endEntity(
              partnerDir,
              "approving-authority",
              name(PARTNER.id() + " Approving Authority", PARTNER),
              ca,
              caKeys),
          "approving-authority");
      // The partner's clerk signs the demo's chain fork in the second mission (a fork makes its
      // member byzantine there; the first mission's quorums stay clean).
      addGrant(
          partner,
          endEntity(
              partnerDir, CLERK, name(PARTNER.id() + " " + title(CLERK), PARTNER), ca, caKeys),
          CLERK);
      secondMembers.add(partner);
      second.putArray("policies").add(operationalPolicy());
      second.put("governancePolicy", "governance");

      Files.write(
          secondGenesisFile(dir, secondMission),
          EventJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(second));
      Path file = dir.resolve("genesis.json");
      Files.write(
          file, EventJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(genesis));
      return file;
    } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
      throw new CliException("cannot generate the demo PKI in " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * @param dir demo directory
   * @param secondMission the second mission's name
   * @return {@code <dir>/genesis-<secondMission>.json}
   */
  public static Path secondGenesisFile(Path dir, String secondMission) {
    if (!secondMission.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
      throw new CliException(
          "the second mission's name must be letters, digits, '.', '_' or '-': " + secondMission);
    }
    return dir.resolve("genesis-" + secondMission + ".json");
  }

  /**
   * Finds the second mission's genesis in a demo directory.
   *
   * @param dir demo directory
   * @return the only {@code genesis-*.json} file in it, or {@code null} if there is none
   * @throws CliException if there are several, or the directory cannot be read
   */
  public static Path secondGenesis(Path dir) {
    try (java.util.stream.Stream<Path> files = Files.list(dir)) {
      List<Path> found =
          files
              .filter(
                  f -> {
                    String n = f.getFileName().toString();
                    return n.startsWith("genesis-") && n.endsWith(".json");
                  })
              .sorted()
              .toList();
      if (found.size() > 1) {
        throw new CliException(
            dir + " holds several second-mission geneses " + found + "; keep one of them");
      }
      return found.isEmpty() ? null : found.get(0);
    } catch (IOException e) {
      throw new CliException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  private static ObjectNode genesisHead(String mission, String posture) throws IOException {
    ObjectNode genesis = JsonNodeFactory.instance.objectNode();
    genesis.put("v", 1);
    genesis.put("type", "genesis");
    genesis.put("mission", mission);
    genesis.put("name", mission + " demo mission");
    if (posture != null) {
      genesis.set("posture", EventJson.MAPPER.readTree(posture));
    }
    return genesis;
  }

  /** A member entry of the first genesis reduced to the grants of the given roles. */
  private static ObjectNode officialsOnly(
      com.fasterxml.jackson.databind.JsonNode member, String role) {
    ObjectNode copy = member.deepCopy();
    ArrayNode grants = copy.putArray("grants");
    for (com.fasterxml.jackson.databind.JsonNode g : member.path("grants")) {
      if (g.has("subject") && g.path("roles").get(0).asText().equals(role)) {
        grants.add(g.deepCopy());
      }
    }
    return copy;
  }

  /**
   * The partner (JPN) as a member object of the genesis form, for the demo's governance {@code
   * admit-member} action into the first mission: its national root CA and its approving authority
   * granted {@code approving-authority} by subject DN.
   *
   * @param dir demo directory
   * @return the member object
   */
  public static ObjectNode partnerMember(Path dir) {
    Path partnerDir = dir.resolve(PARTNER.id());
    ObjectNode node = memberNode(PARTNER, Pem.readCertificate(partnerDir.resolve("ca.pem")));
    addGrant(
        node,
        Pem.readCertificate(partnerDir.resolve("approving-authority.pem")),
        "approving-authority");
    return node;
  }

  /** Name of the first mission's policy with a short deadline (the demo lets one lapse). */
  public static final String DRILL_POLICY = "drill";

  /** Name of the first mission's policy for the demo's partial quorum (provisional, ratified). */
  public static final String PARTIAL_POLICY = "partial";

  /** Deadline of {@link #DRILL_POLICY}, in seconds. */
  public static final int DRILL_DEADLINE_SECONDS = 20;

  /**
   * @return policy {@link #DRILL_POLICY}: simple majority of approving authorities, deadline {@link
   *     #DRILL_DEADLINE_SECONDS} seconds (a proposal left alone lapses)
   */
  public static ObjectNode drillPolicy() {
    ObjectNode p = JsonNodeFactory.instance.objectNode();
    p.put("name", DRILL_POLICY);
    p.put("version", 1);
    p.put("votingRole", "approving-authority");
    ObjectNode threshold = p.putObject("threshold");
    threshold.put("fraction", "1/2");
    threshold.put("of", "members");
    p.putArray("requireRoles");
    p.putArray("veto");
    p.put("byzantineF", 0);
    p.putNull("partial");
    p.put("deadline", "PT" + DRILL_DEADLINE_SECONDS + "S");
    return p;
  }

  /**
   * @return policy {@link #PARTIAL_POLICY}: unanimity of approving authorities; with 3 of 5 members
   *     declared reachable the rule over them adopts provisionally, ratified when the absent
   *     members concur (window 1 hour, adopt on close, overturned by an absent dissent)
   */
  public static ObjectNode partialPolicy() {
    ObjectNode p = JsonNodeFactory.instance.objectNode();
    p.put("name", PARTIAL_POLICY);
    p.put("version", 1);
    p.put("votingRole", "approving-authority");
    ObjectNode threshold = p.putObject("threshold");
    threshold.put("fraction", "1/1");
    threshold.put("of", "members");
    p.putArray("requireRoles");
    p.putArray("veto");
    p.put("byzantineF", 0);
    ObjectNode partial = p.putObject("partial");
    partial.put("minReachable", "3/5");
    partial.put("ratificationWindow", "PT1H");
    partial.put("onWindowClose", "adopt");
    partial.put("overturnOnDissent", true);
    p.put("deadline", "PT24H");
    return p;
  }

  private static ObjectNode memberNode(Member m, X509Certificate ca) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("id", m.id());
    node.put("name", m.name());
    node.put("weight", 1);
    node.putArray("trustAnchors").add(Pem.toPem(ca));
    node.putArray("grants");
    return node;
  }

  private static void addGrant(ObjectNode member, X509Certificate cert, String role) {
    ObjectNode grant = ((ArrayNode) member.get("grants")).addObject();
    grant.put("subject", cert.getSubjectX500Principal().getName(X500Principal.RFC2253));
    grant.putArray("roles").add(role);
  }

  /**
   * Issues a fresh credential (new key pair, new serial) with the same subject as the demo
   * credential {@code <dir>/<member>/<credential>.pem}, under the member's CA, and replaces the
   * credential's files. The genesis grant by subject DN holds for it as for the first.
   *
   * @param dir demo directory
   * @param member member id, e.g. {@code POL}
   * @param credential credential file name, e.g. {@link #FIELD_OFFICER}
   * @return the new certificate
   * @throws CliException if the CA or the credential is missing, or on crypto failure
   */
  public X509Certificate reissue(Path dir, String member, String credential) {
    Path memberDir = dir.resolve(member);
    X509Certificate old = Pem.readCertificate(memberDir.resolve(credential + ".pem"));
    X509Certificate ca = Pem.readCertificate(memberDir.resolve("ca.pem"));
    PrivateKey caKey = Pem.readPrivateKey(memberDir.resolve("ca.key"));
    try {
      KeyPair keys = newKeyPair();
      X509Certificate cert =
          certificate(
              X500Name.getInstance(old.getSubjectX500Principal().getEncoded()),
              keys.getPublic(),
              X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()),
              new KeyPair(ca.getPublicKey(), caKey),
              ca,
              false);
      write(memberDir, credential, cert, keys.getPrivate());
      return cert;
    } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
      throw new CliException(
          "cannot reissue " + member + " " + credential + ": " + e.getMessage(), e);
    }
  }

  /**
   * Issues the member CA's next CRL (RFC 5280 §5, version 2, signed SHA256withECDSA by the national
   * root CA, the member's trust anchor): every entry of the previous CRL in {@code
   * <dir>/<member>/ca.crl} plus {@code certificate} revoked at {@code revocationDate} (reason
   * keyCompromise), thisUpdate = {@code revocationDate}, nextUpdate 7 days later, CRL number one
   * above the previous, authority key identifier of the CA. Writes the DER to {@code ca.crl}.
   *
   * @param dir demo directory
   * @param member member id whose CA revokes
   * @param certificate the credential revoked (issued by that CA)
   * @param revocationDate revocation time (CRL times have whole seconds)
   * @return the DER of the CRL
   * @throws CliException if the CA files are missing or on crypto failure
   */
  public byte[] revoke(
      Path dir, String member, X509Certificate certificate, Instant revocationDate) {
    Path memberDir = dir.resolve(member);
    X509Certificate ca = Pem.readCertificate(memberDir.resolve("ca.pem"));
    if (!ca.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
      throw new CliException(
          "the credential to revoke is not issued by "
              + member
              + "'s CA "
              + ca.getSubjectX500Principal());
    }
    PrivateKey caKey = Pem.readPrivateKey(memberDir.resolve("ca.key"));
    Path crlFile = memberDir.resolve("ca.crl");
    try {
      Date now = Date.from(revocationDate);
      X509v2CRLBuilder builder =
          new X509v2CRLBuilder(
              X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()), now);
      builder.setNextUpdate(Date.from(revocationDate.plus(CRL_VALIDITY)));
      BigInteger number = BigInteger.ONE;
      if (Files.isRegularFile(crlFile)) {
        X509CRLHolder previous = new X509CRLHolder(Pem.readSmallFile(crlFile));
        builder.addCRL(previous);
        Extension n = previous.getExtension(Extension.cRLNumber);
        if (n != null) {
          number = CRLNumber.getInstance(n.getParsedValue()).getCRLNumber().add(BigInteger.ONE);
        }
      }
      builder.addCRLEntry(certificate.getSerialNumber(), now, CRLReason.keyCompromise);
      builder.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
      builder.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca));
      byte[] der =
          builder
              .build(
                  new JcaContentSignerBuilder("SHA256withECDSA").setProvider(Pem.BC).build(caKey))
              .getEncoded();
      Files.write(crlFile, der);
      return der;
    } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
      throw new CliException("cannot issue " + member + "'s CRL: " + e.getMessage(), e);
    }
  }

  private ObjectNode generateMember(Path dir, Member m, boolean withNode)
      throws IOException, GeneralSecurityException, OperatorCreationException {
    Path memberDir = Files.createDirectories(dir.resolve(m.id()));
    KeyPair caKeys = newKeyPair();
    X500Name caName = name(m.id() + " Demo National Root CA", m);
    X509Certificate ca = certificate(caName, caKeys.getPublic(), caName, caKeys, null, true);
    write(memberDir, "ca", ca, caKeys.getPrivate());
    Files.deleteIfExists(memberDir.resolve("ca.crl"));

    ObjectNode node = memberNode(m, ca);
    for (String credential : OFFICIAL_CREDENTIALS) {
      addGrant(
          node,
          endEntity(memberDir, credential, name(m.id() + " " + title(credential), m), ca, caKeys),
          credential);
    }
    for (List<String> extra : EXTRA_CREDENTIALS) {
      if (extra.get(0).equals(m.id())) {
        String credential = extra.get(1);
        addGrant(
            node,
            endEntity(memberDir, credential, name(m.id() + " " + title(credential), m), ca, caKeys),
            credential);
      }
    }
    if (withNode) {
      X509Certificate cert =
          endEntity(memberDir, NODE, name(m.id() + " Quorate Node", m), ca, caKeys);
      ObjectNode grant = ((ArrayNode) node.get("grants")).addObject();
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
