package org.quorate.it.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * A two-nation test coalition (POL, LTU) made with the openssl binary, loaded as a fresh mission of
 * a unique name (the PostgreSQL database outlives test runs), and helpers to sign events of SPEC §1
 * and read outcomes back over REST.
 */
public final class Coalition {
  /** Subject every POL approving-authority credential carries (the genesis grants it). */
  public static final String POL_AUTHORITY = "/C=PL/O=Poland/CN=POL Approving Authority";

  /** Subject of LTU's approving authority. */
  public static final String LTU_AUTHORITY = "/C=LT/O=Lithuania/CN=LTU Approving Authority";

  private static final JsonMapper JSON = new JsonMapper();

  public final OpenSsl openssl;
  public final String mission;
  public final Path polCa;
  public final Path ltuCa;
  private int credentials;

  private Coalition(Path dir, String mission) {
    this.openssl = new OpenSsl(dir);
    this.mission = mission;
    this.polCa = openssl.rootCa("pol-ca", "/C=PL/O=Poland/CN=POL Root CA");
    this.ltuCa = openssl.rootCa("ltu-ca", "/C=LT/O=Lithuania/CN=LTU Root CA");
  }

  /**
   * Makes the PKI and loads the mission through {@code POST /quorate/api/missions}.
   *
   * @param prefix mission name prefix
   * @return the loaded coalition
   */
  public static Coalition load(String prefix) {
    try {
      byte[] random = new byte[4];
      new SecureRandom().nextBytes(random);
      String name =
          prefix + "-" + HexFormat.of().formatHex(random).toUpperCase(java.util.Locale.ROOT);
      Coalition c = new Coalition(Files.createTempDirectory("quorate-it-"), name);
      ObjectNode g = JSON.createObjectNode();
      g.put("v", 1).put("type", "genesis").put("mission", name).put("name", "IT " + name);
      ArrayNode members = g.putArray("members");
      members.add(member("POL", c.polCa, "CN=POL Approving Authority,O=Poland,C=PL"));
      members.add(member("LTU", c.ltuCa, "CN=LTU Approving Authority,O=Lithuania,C=LT"));
      g.putArray("policies");
      g.put("governancePolicy", "governance");
      HttpResponse<String> r =
          HttpApi.post(
              "missions", JSON.writeValueAsBytes(g), "application/json", TestUser.OPERATOR);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
      JsonNode created = JSON.readTree(r.body());
      assertThat(created.path("status").asText()).isEqualTo("pending");
      c.endorse(created.path("genesisId").asText());
      return c;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every founder endorses the genesis (SPEC §2.4); the mission is then active. */
  private void endorse(String genesisId) throws IOException {
    Path pol = polAuthority();
    Path ltu = credential(LTU_AUTHORITY, ltuCa);
    for (Object[] founder : new Object[][] {{pol, "POL"}, {ltu, "LTU"}}) {
      Path cert = (Path) founder[0];
      ObjectNode e = header(cert, (String) founder[1], 1, null, "genesis-endorsement");
      e.putObject("body").put("genesis", genesisId);
      byte[] der = openssl.sign(JSON.writeValueAsBytes(e), cert);
      HttpResponse<String> r =
          HttpApi.post("contributions", der, "application/pkcs7-mime", TestUser.SUBMITTER);
      assertThat(JSON.readTree(r.body()).path("outcome").asText())
          .as(r.body())
          .isEqualTo("admitted");
    }
    HttpResponse<String> m = HttpApi.get("missions/" + mission, TestUser.AUDITOR);
    assertThat(JSON.readTree(m.body()).path("status").asText()).as(m.body()).isEqualTo("active");
  }

  private ObjectNode header(Path cert, String member, long seq, String prev, String type) {
    ObjectNode e = JSON.createObjectNode();
    e.put("v", 1).put("mission", mission).put("member", member);
    e.put("signer", openssl.spkiHash(cert)).put("epoch", 0).put("seq", seq);
    if (prev == null) {
      e.putNull("prev");
    } else {
      e.put("prev", prev);
    }
    e.put("type", type);
    e.put("issued", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    return e;
  }

  /**
   * @param id member id
   * @param ca its trust anchor
   * @param grantSubject the RFC 4514 subject granted {@code approving-authority}
   * @return the genesis member object (weight 1)
   */
  public static ObjectNode member(String id, Path ca, String grantSubject) {
    ObjectNode m = JSON.createObjectNode();
    m.put("id", id).put("name", id).put("weight", 1);
    m.putArray("trustAnchors").add(OpenSsl.pem(ca));
    ObjectNode grant = m.putArray("grants").addObject();
    grant.put("subject", grantSubject);
    grant.putArray("roles").add("approving-authority");
    return m;
  }

  /**
   * @return a new POL approving-authority credential (its own key, so its own chain from seq 1)
   */
  public Path polAuthority() {
    return openssl.credential("pol-authority-" + (++credentials), POL_AUTHORITY, polCa);
  }

  /**
   * @param subject OpenSSL-form subject
   * @param ca issuing CA
   * @return a new credential
   */
  public Path credential(String subject, Path ca) {
    return openssl.credential("cred-" + (++credentials), subject, ca);
  }

  /**
   * @param cert signer certificate
   * @param member member claimed
   * @param seq chain position
   * @param prev previous event id or null
   * @param title contribution title (makes the event unique)
   * @return the event JSON bytes (a {@code contribution})
   */
  public byte[] contribution(Path cert, String member, long seq, String prev, String title) {
    ObjectNode e = header(cert, member, seq, prev, "contribution");
    ObjectNode body = e.putObject("body");
    body.put("title", title).put("digest", sha256Id(title.getBytes(StandardCharsets.UTF_8)));
    body.putArray("references");
    try {
      return JSON.writeValueAsBytes(e);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /**
   * @param bytes any bytes
   * @return {@code sha256:} + hex
   */
  public static String sha256Id(byte[] bytes) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Waits until the input has a recorded outcome that is not {@code held} (or any, when {@code
   * acceptHeld}) and returns it.
   *
   * @param inputOrEventId id to read with {@code GET /contributions/{id}} (as {@code auditor}: the
   *     whole record, not only the open answer shape)
   * @param expectedOutcome the outcome to wait for
   * @return the JSON answer once it shows that outcome (fails after 60 s)
   */
  public static JsonNode awaitOutcome(String inputOrEventId, String expectedOutcome) {
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              HttpResponse<String> r =
                  HttpApi.get("contributions/" + inputOrEventId, TestUser.AUDITOR);
              assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
              last[0] = JSON.readTree(r.body());
              assertThat(last[0].path("outcome").asText()).as(r.body()).isEqualTo(expectedOutcome);
            });
    return last[0];
  }

  /**
   * @param body a JSON text
   * @return its tree
   */
  public static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
