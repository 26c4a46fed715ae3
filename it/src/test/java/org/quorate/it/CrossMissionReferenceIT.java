package org.quorate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quorate.it.support.Coalition.json;
import static org.quorate.it.support.Coalition.sha256Id;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quorate.it.support.HttpApi;
import org.quorate.it.support.OpenSsl;
import org.quorate.it.support.QuorateDeployment;
import org.quorate.it.support.TestUser;

/**
 * Issue 6 end to end: mission B, whose roster includes JPN, refuses a cross-mission reference to an
 * event that mission A admitted with a label releasable to NATO only (SPEC §6 composite rule),
 * naming JPN; a reference to an event releasable to NATO and JPN is admitted. Every event shows its
 * display marking.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CrossMissionReferenceIT {
  private static final JsonMapper JSON = new JsonMapper();
  private static final String POSTURE =
      "{\"policy\":\"NATO\",\"classification\":\"SECRET\",\"categories\":["
          + "{\"tagName\":\"Releasable To\",\"type\":\"PERMISSIVE\",\"values\":[\"NATO\",\"JPN\"]}]}";
  private static final String NATO_ONLY =
      "{\"policy\":\"NATO\",\"classification\":\"RESTRICTED\",\"categories\":["
          + "{\"tagName\":\"Releasable To\",\"type\":\"PERMISSIVE\",\"values\":[\"NATO\"]}]}";
  private static final String NATO_AND_JPN =
      "{\"policy\":\"NATO\",\"classification\":\"RESTRICTED\",\"categories\":["
          + "{\"tagName\":\"Releasable To\",\"type\":\"PERMISSIVE\",\"values\":[\"NATO\",\"JPN\"]}]}";
  private static final String POL = "/C=PL/O=Poland/CN=POL Approving Authority";

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return QuorateDeployment.ear();
  }

  private OpenSsl openssl;
  private Path polCa;
  private int credentials;

  private Path credential(String subject, Path ca) {
    return openssl.credential("cred-" + (++credentials), subject, ca);
  }

  /** Loads a mission of POL and one partner, posture SECRET releasable to NATO and JPN. */
  private String mission(String prefix, String partner, Path partnerCa, String partnerSubject)
      throws Exception {
    byte[] random = new byte[3];
    new SecureRandom().nextBytes(random);
    String name = prefix + "-" + HexFormat.of().formatHex(random).toUpperCase(Locale.ROOT);
    ObjectNode g = JSON.createObjectNode();
    g.put("v", 1).put("type", "genesis").put("mission", name);
    g.set("posture", JSON.readTree(POSTURE));
    ArrayNode members = g.putArray("members");
    members.add(member("POL", polCa, "CN=POL Approving Authority,O=Poland,C=PL"));
    members.add(member(partner, partnerCa, partnerSubject));
    HttpResponse<String> r =
        HttpApi.post("missions", JSON.writeValueAsBytes(g), "application/json", TestUser.OPERATOR);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    String genesisId = json(r.body()).path("genesisId").asText();
    endorse(name, genesisId, "POL", credential(POL, polCa));
    String rfc = partnerSubject;
    String openSslSubject = "/" + String.join("/", reversed(rfc.split(",")));
    endorse(name, genesisId, partner, credential(openSslSubject, partnerCa));
    return name;
  }

  private static String[] reversed(String[] parts) {
    String[] out = new String[parts.length];
    for (int i = 0; i < parts.length; i++) {
      out[i] = parts[parts.length - 1 - i];
    }
    return out;
  }

  private static ObjectNode member(String id, Path ca, String grantSubject) {
    ObjectNode m = JSON.createObjectNode();
    m.put("id", id);
    m.putArray("trustAnchors").add(OpenSsl.pem(ca));
    ObjectNode grant = m.putArray("grants").addObject();
    grant.put("subject", grantSubject);
    grant.putArray("roles").add("approving-authority");
    return m;
  }

  private void endorse(String mission, String genesisId, String member, Path cert)
      throws Exception {
    ObjectNode e = header(mission, member, cert, "genesis-endorsement");
    e.putObject("body").put("genesis", genesisId);
    assertThat(submit(openssl.sign(JSON.writeValueAsBytes(e), cert)).path("outcome").asText())
        .isEqualTo("admitted");
  }

  private ObjectNode header(String mission, String member, Path cert, String type) {
    ObjectNode e = JSON.createObjectNode();
    e.put("v", 1).put("mission", mission).put("member", member);
    e.put("signer", openssl.spkiHash(cert)).put("epoch", 0).put("seq", 1).putNull("prev");
    e.put("type", type).put("issued", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    return e;
  }

  private byte[] contribution(
      String mission, Path cert, String label, String refMission, String ref) throws Exception {
    ObjectNode e = header(mission, "POL", cert, "contribution");
    if (label != null) {
      e.set("label", JSON.readTree(label));
    }
    ObjectNode body = e.putObject("body");
    body.put("title", "shared " + (++credentials)).put("digest", sha256Id(new byte[] {1}));
    ArrayNode refs = body.putArray("references");
    if (ref != null) {
      refs.addObject().put("mission", refMission).put("event", ref);
    }
    return JSON.writeValueAsBytes(e);
  }

  private static JsonNode submit(byte[] der) {
    HttpResponse<String> r =
        HttpApi.post("contributions", der, "application/pkcs7-mime", TestUser.SUBMITTER);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return json(r.body());
  }

  @Test
  void missionBRefusesAReferenceMissionAAdmittedAndNamesTheMemberThatFailed() throws Exception {
    openssl = new OpenSsl(Files.createTempDirectory("quorate-it-labels-"));
    polCa = openssl.rootCa("pol-ca", "/C=PL/O=Poland/CN=POL Root CA");
    Path ltuCa = openssl.rootCa("ltu-ca", "/C=LT/O=Lithuania/CN=LTU Root CA");
    Path jpnCa = openssl.rootCa("jpn-ca", "/C=JP/O=Japan/CN=JPN Root CA");
    String a = mission("IT-LABEL-A", "LTU", ltuCa, "CN=LTU Approving Authority,O=Lithuania,C=LT");
    String b = mission("IT-LABEL-B", "JPN", jpnCa, "CN=JPN Approving Authority,O=Japan,C=JP");

    Path inA1 = credential(POL, polCa);
    byte[] natoOnly = contribution(a, inA1, NATO_ONLY, null, null);
    JsonNode admittedInA = submit(openssl.sign(natoOnly, inA1));
    Path inA2 = credential(POL, polCa);
    byte[] withJpn = contribution(a, inA2, NATO_AND_JPN, null, null);
    assertThat(submit(openssl.sign(withJpn, inA2)).path("outcome").asText()).isEqualTo("admitted");
    assertThat(admittedInA.path("outcome").asText()).isEqualTo("admitted");

    Path inB1 = credential(POL, polCa);
    JsonNode refused =
        submit(openssl.sign(contribution(b, inB1, null, a, sha256Id(natoOnly)), inB1));
    Path inB2 = credential(POL, polCa);
    JsonNode admitted =
        submit(openssl.sign(contribution(b, inB2, null, a, sha256Id(withJpn)), inB2));

    assertThat(refused.path("outcome").asText()).isEqualTo("rejected");
    assertThat(refused.path("reasonCode").asText()).isEqualTo("reference-not-admissible");
    assertThat(refused.path("reason").asText()).contains("JPN");
    assertThat(admitted.path("outcome").asText()).as(admitted.toString()).isEqualTo("admitted");
    JsonNode shown =
        json(HttpApi.get("contributions/" + sha256Id(natoOnly), TestUser.AUDITOR).body());
    assertThat(shown.path("marking").asText()).contains("RESTRICTED");
  }
}
