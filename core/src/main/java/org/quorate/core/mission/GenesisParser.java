package org.quorate.core.mission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.quorate.core.event.EventParser;

/**
 * Parses a genesis document (SPEC §1): UTF-8 JSON, version 1, type {@code genesis}, unknown fields
 * refused. Trust anchors must be PEM X.509 CA certificates; each grant names a subject DN (RFC
 * 4514) or an SPKI hash, never both. Quorum policies are kept as JSON here and validated by the
 * quorum module. At most 1 MiB and 256 members are accepted.
 */
public final class GenesisParser {
  /** Largest genesis document accepted, in bytes. */
  public static final int MAX_BYTES = 1 << 20;

  /** Most members a genesis may declare. */
  public static final int MAX_MEMBERS = 256;

  private static final Pattern MISSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern MEMBER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");
  private static final Set<String> TOP =
      Set.of(
          "v",
          "type",
          "mission",
          "name",
          "posture",
          "members",
          "policies",
          "governancePolicy",
          "labelPolicy");
  private static final Set<String> MEMBER_FIELDS =
      Set.of("id", "name", "weight", "trustAnchors", "grants");

  private final JsonMapper mapper =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private final CertificateFactory certificates;

  /**
   * The Bouncy Castle provider of every parser's X.509 factory, never installed globally: one
   * instance, since making one costs more than parsing a genesis (an audit made three parsers, a
   * fifth of its time at 100,000 inputs; issue 12). A provider is safe to share between threads.
   */
  private static final BouncyCastleProvider BC = new BouncyCastleProvider();

  /** Creates a parser using a Bouncy Castle provider instance (not installed) for X.509. */
  public GenesisParser() {
    try {
      certificates = CertificateFactory.getInstance("X.509", BC);
    } catch (CertificateException e) {
      throw new IllegalStateException("Bouncy Castle offers no X.509 factory", e);
    }
  }

  /**
   * @param bytes the exact genesis bytes received
   * @return the genesis, bound to {@code sha256:} of these bytes
   * @throws GenesisException naming the first field that is wrong
   */
  public Genesis parse(byte[] bytes) throws GenesisException {
    if (bytes.length > MAX_BYTES) {
      throw new GenesisException(
          "The genesis is " + bytes.length + " bytes; at most " + MAX_BYTES + " are accepted.");
    }
    JsonNode root;
    try {
      root = mapper.readTree(new String(bytes, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new GenesisException("The genesis is not JSON: " + e.getOriginalMessage() + ".");
    }
    if (root == null || !root.isObject()) {
      throw new GenesisException("The genesis is not a JSON object.");
    }
    unknown(root, TOP, "genesis");
    if (root.path("v").asInt(-1) != 1 || !root.path("v").isIntegralNumber()) {
      throw new GenesisException("Field \"v\" must be 1.");
    }
    if (!"genesis".equals(root.path("type").asText(null))) {
      throw new GenesisException("Field \"type\" must be \"genesis\".");
    }
    String mission = text(root, "mission");
    if (!MISSION.matcher(mission).matches()) {
      throw new GenesisException("Mission name \"" + mission + "\" has the wrong form.");
    }
    String name = root.has("name") ? text(root, "name") : mission;
    JsonNode posture = root.get("posture");
    if (posture != null && !posture.isObject() && !posture.isNull()) {
      throw new GenesisException("Field \"posture\" must be a label object (SPEC §6).");
    }
    JsonNode membersNode = root.get("members");
    if (membersNode == null || !membersNode.isArray() || membersNode.isEmpty()) {
      throw new GenesisException("Field \"members\" must be a non-empty array.");
    }
    if (membersNode.size() > MAX_MEMBERS) {
      throw new GenesisException("At most " + MAX_MEMBERS + " members are accepted.");
    }
    List<Member> members = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (JsonNode m : membersNode) {
      Member member = member(m);
      if (!ids.add(member.id())) {
        throw new GenesisException("Member \"" + member.id() + "\" appears twice.");
      }
      members.add(member);
    }
    List<JsonNode> policies = new ArrayList<>();
    JsonNode policiesNode = root.get("policies");
    if (policiesNode != null) {
      if (!policiesNode.isArray()) {
        throw new GenesisException("Field \"policies\" must be an array.");
      }
      Set<String> names = new HashSet<>();
      for (JsonNode p : policiesNode) {
        if (!p.isObject() || !p.path("name").isTextual()) {
          throw new GenesisException("Every policy must be an object with a \"name\".");
        }
        if (!names.add(p.get("name").asText())) {
          throw new GenesisException("Policy \"" + p.get("name").asText() + "\" appears twice.");
        }
        policies.add(p);
      }
    }
    String governance =
        root.has("governancePolicy") ? text(root, "governancePolicy") : "governance";
    JsonNode labelPolicy = root.get("labelPolicy");
    if (labelPolicy != null && !labelPolicy.isObject()) {
      throw new GenesisException("Field \"labelPolicy\" must be an object (SPEC §6).");
    }
    try {
      if (posture != null && !posture.isNull()) {
        org.quorate.core.label.LabelJson.fromTree(posture);
      }
    } catch (org.quorate.core.label.LabelFormatException e) {
      throw new GenesisException("Posture (SPEC §6): " + e.getMessage() + ".");
    }
    return new Genesis(
        EventParser.sha256Id(bytes),
        bytes.clone(),
        mission,
        name,
        posture == null || posture.isNull() ? null : posture,
        List.copyOf(members),
        List.copyOf(policies),
        governance,
        labelPolicy);
  }

  /**
   * Parses one member object of the genesis form (also the {@code member} of a governance {@code
   * admit-member} action, SPEC §1).
   *
   * @param m the member JSON
   * @return the member
   * @throws GenesisException naming the field that is wrong
   */
  public Member member(JsonNode m) throws GenesisException {
    if (!m.isObject()) {
      throw new GenesisException("Every member must be an object.");
    }
    unknown(m, MEMBER_FIELDS, "member");
    String id = text(m, "id");
    if (!MEMBER.matcher(id).matches()) {
      throw new GenesisException("Member id \"" + id + "\" has the wrong form.");
    }
    String name = m.has("name") ? text(m, "name") : id;
    long weight = 1;
    if (m.has("weight")) {
      JsonNode w = m.get("weight");
      if (!w.isIntegralNumber() || w.asLong() < 1) {
        throw new GenesisException("Member " + id + ": \"weight\" must be an integer >= 1.");
      }
      weight = w.asLong();
    }
    JsonNode anchorsNode = m.get("trustAnchors");
    if (anchorsNode == null || !anchorsNode.isArray() || anchorsNode.isEmpty()) {
      throw new GenesisException("Member " + id + " needs at least one trust anchor.");
    }
    List<X509Certificate> anchors = new ArrayList<>();
    for (JsonNode a : anchorsNode) {
      if (!a.isTextual()) {
        throw new GenesisException("Member " + id + ": each trust anchor is a PEM string.");
      }
      anchors.add(certificate(id, a.asText()));
    }
    List<Grant> grants = new ArrayList<>();
    JsonNode grantsNode = m.get("grants");
    if (grantsNode != null) {
      if (!grantsNode.isArray()) {
        throw new GenesisException("Member " + id + ": \"grants\" must be an array.");
      }
      for (JsonNode g : grantsNode) {
        grants.add(grant(id, g));
      }
    }
    return new Member(id, name, weight, List.copyOf(anchors), List.copyOf(grants));
  }

  /**
   * Parses one grant object ({@code {"subject":DN,"roles":[…]}} or {@code {"spki":…}}).
   *
   * @param memberId the member it belongs to, for messages
   * @param g the grant JSON
   * @return the grant
   * @throws GenesisException when it names neither or both, or has no roles
   */
  public static Grant grant(String memberId, JsonNode g) throws GenesisException {
    if (!g.isObject()) {
      throw new GenesisException("Member " + memberId + ": each grant is an object.");
    }
    unknown(g, Set.of("subject", "spki", "roles"), "grant");
    boolean hasSubject = g.hasNonNull("subject");
    boolean hasSpki = g.hasNonNull("spki");
    if (hasSubject == hasSpki) {
      throw new GenesisException(
          "Member " + memberId + ": a grant names a \"subject\" or an \"spki\", exactly one.");
    }
    JsonNode rolesNode = g.get("roles");
    if (rolesNode == null || !rolesNode.isArray() || rolesNode.isEmpty()) {
      throw new GenesisException("Member " + memberId + ": a grant needs a non-empty \"roles\".");
    }
    Set<String> roles = new LinkedHashSet<>();
    for (JsonNode r : rolesNode) {
      if (!r.isTextual() || r.asText().isBlank()) {
        throw new GenesisException("Member " + memberId + ": roles are non-empty strings.");
      }
      roles.add(r.asText());
    }
    if (hasSpki) {
      String spki = g.get("spki").asText();
      if (!EventParser.ID.matcher(spki).matches()) {
        throw new GenesisException(
            "Member " + memberId + ": \"spki\" must be sha256: and 64 hex digits.");
      }
      return new Grant(null, spki, Set.copyOf(roles));
    }
    try {
      return new Grant(new X500Principal(g.get("subject").asText()), null, Set.copyOf(roles));
    } catch (IllegalArgumentException e) {
      throw new GenesisException(
          "Member "
              + memberId
              + ": grant subject \""
              + g.get("subject").asText()
              + "\" is not an RFC 4514 distinguished name.");
    }
  }

  /**
   * Parses one PEM trust anchor (also those a {@code rotate-trust-anchor} action adds).
   *
   * @param id the member it belongs to, for messages
   * @param pem one PEM certificate
   * @return the certificate
   * @throws GenesisException when it is not a PEM certificate
   */
  public X509Certificate certificate(String id, String pem) throws GenesisException {
    try {
      X509Certificate c =
          (X509Certificate)
              certificates.generateCertificate(
                  new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
      if (c == null) {
        throw new GenesisException("Member " + id + ": a trust anchor holds no certificate.");
      }
      return c;
    } catch (CertificateException | ClassCastException e) {
      throw new GenesisException("Member " + id + ": a trust anchor is not a PEM certificate.");
    }
  }

  private static void unknown(JsonNode node, Set<String> allowed, String what)
      throws GenesisException {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!allowed.contains(f)) {
        throw new GenesisException("A " + what + " has no field \"" + f + "\".");
      }
    }
  }

  private static String text(JsonNode node, String field) throws GenesisException {
    JsonNode n = node.get(field);
    if (n == null || !n.isTextual() || n.asText().isBlank()) {
      throw new GenesisException("Field \"" + field + "\" must be a non-empty string.");
    }
    return n.asText();
  }
}
