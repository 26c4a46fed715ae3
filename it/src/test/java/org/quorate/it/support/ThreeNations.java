package org.quorate.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The coordination ITs' coalition: POL, LTU and LVA (each its own root CA and approving authority,
 * made with openssl) and a POL node credential granted the role {@code node}; the genesis has one
 * policy {@code operational} (voting role approving-authority, 2/3 of members: T = 2 of n = 3) and
 * is loaded under a fresh mission name (the PostgreSQL database outlives test runs). The founders
 * have not endorsed it yet ({@link #endorsement}); the node credential is not installed.
 */
public final class ThreeNations {
  private static final JsonMapper JSON = new JsonMapper();

  public final Path dir;
  public final OpenSsl openssl;
  public final String mission;
  public final Path polCa;
  public final Path ltuCa;
  public final Path lvaCa;
  public final Path pol;
  public final Path ltu;
  public final Path lva;
  public final Path node;
  public final MissionEvents events;
  public final String genesisId;

  private ThreeNations(String prefix, String deadline, JsonNode posture) throws IOException {
    dir = Files.createTempDirectory("quorate-" + prefix.toLowerCase(Locale.ROOT) + "-");
    openssl = new OpenSsl(dir);
    byte[] random = new byte[4];
    new SecureRandom().nextBytes(random);
    mission = prefix + "-" + HexFormat.of().formatHex(random).toUpperCase(Locale.ROOT);
    polCa = openssl.rootCa("pol-ca", "/C=PL/O=Poland/CN=POL Root CA");
    ltuCa = openssl.rootCa("ltu-ca", "/C=LT/O=Lithuania/CN=LTU Root CA");
    lvaCa = openssl.rootCa("lva-ca", "/C=LV/O=Latvia/CN=LVA Root CA");
    pol = openssl.credential("pol", "/C=PL/O=Poland/CN=POL Approving Authority", polCa);
    ltu = openssl.credential("ltu", "/C=LT/O=Lithuania/CN=LTU Approving Authority", ltuCa);
    lva = openssl.credential("lva", "/C=LV/O=Latvia/CN=LVA Approving Authority", lvaCa);
    node = openssl.credential("pol-node", "/C=PL/O=Poland/CN=POL Quorate Node", polCa);
    events = new MissionEvents(openssl, mission);

    ObjectNode g = JSON.createObjectNode();
    g.put("v", 1).put("type", "genesis").put("mission", mission).put("name", "IT " + mission);
    if (posture != null) {
      g.set("posture", posture);
    }
    ArrayNode members = g.putArray("members");
    ObjectNode polMember =
        Coalition.member("POL", polCa, "CN=POL Approving Authority,O=Poland,C=PL");
    ObjectNode nodeGrant = ((ArrayNode) polMember.get("grants")).addObject();
    nodeGrant.put("spki", openssl.spkiHash(node));
    nodeGrant.putArray("roles").add("node");
    members.add(polMember);
    members.add(Coalition.member("LTU", ltuCa, "CN=LTU Approving Authority,O=Lithuania,C=LT"));
    members.add(Coalition.member("LVA", lvaCa, "CN=LVA Approving Authority,O=Latvia,C=LV"));
    ObjectNode policy = g.putArray("policies").addObject();
    policy.put("name", "operational").put("version", 1).put("votingRole", "approving-authority");
    policy.putObject("threshold").put("fraction", "2/3").put("of", "members");
    policy.put("deadline", deadline);
    g.put("governancePolicy", "governance");
    HttpResponse<String> created =
        HttpApi.post("missions", JSON.writeValueAsBytes(g), "application/json", TestUser.OPERATOR);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    genesisId = Coalition.json(created.body()).path("genesisId").asText();
  }

  /**
   * Makes the PKI and loads the genesis through {@code POST /quorate/api/missions} (201 expected).
   *
   * @param prefix mission name prefix (e.g. {@code IT-COORD}); also names the temp directory
   * @param deadline the policy's deadline (ISO-8601 duration)
   * @param posture the genesis posture label, or null for none
   * @return the loaded coalition, pending until its founders endorse it
   */
  public static ThreeNations load(String prefix, String deadline, JsonNode posture) {
    try {
      return new ThreeNations(prefix, deadline, posture);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * @return the founders' approving-authority credentials with their member ids, in genesis order
   */
  public Map<Path, String> founders() {
    Map<Path, String> m = new LinkedHashMap<>();
    m.put(pol, "POL");
    m.put(ltu, "LTU");
    m.put(lva, "LVA");
    return m;
  }

  /**
   * @param cert a credential of this coalition
   * @return its member's trust anchor
   */
  public Path anchorOf(Path cert) {
    return cert.equals(pol) || cert.equals(node) ? polCa : cert.equals(ltu) ? ltuCa : lvaCa;
  }

  /**
   * @param founder a founder's credential (a key of {@link #founders})
   * @return its {@code genesis-endorsement} of this genesis, the credential's next event, unsigned
   */
  public ObjectNode endorsement(Path founder) {
    ObjectNode e = events.event(founder, founders().get(founder), "genesis-endorsement");
    e.putObject("body").put("genesis", genesisId);
    return e;
  }

  /** Every founder endorses (each expected {@code admitted}); the mission is then active. */
  public void endorse() {
    for (Path f : founders().keySet()) {
      MissionEvents.admitted(events.sign(endorsement(f), f));
    }
  }
}
