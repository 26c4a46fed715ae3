package org.quorate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.quorate.it.support.Coalition.json;
import static org.quorate.it.support.Coalition.sha256Id;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quorate.core.cms.SignedDataVerifier;
import org.quorate.core.log.LogEntry;
import org.quorate.core.log.OutcomeCode;
import org.quorate.core.log.ProofVerifier;
import org.quorate.core.log.Rfc9162Hasher;
import org.quorate.core.log.SignedTreeHead;
import org.quorate.core.log.StateDigest;
import org.quorate.it.support.HttpApi;
import org.quorate.it.support.OpenSsl;
import org.quorate.it.support.PortalClient;
import org.quorate.it.support.QuorateDeployment;
import org.quorate.it.support.QuorateServer;
import org.quorate.it.support.TestUser;

/**
 * The node log of SPEC §5 end to end: a mission whose genesis grants a node credential (made with
 * the openssl binary) the role {@code node} by SPKI; contributions admitted over REST each append
 * an entry; signed tree heads verify with {@code openssl cms -verify} against the national anchor;
 * every entry's inclusion proof and the consistency proof between two heads verify with the core
 * {@link ProofVerifier} against the signed roots.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LogIT {
  private static final JsonMapper JSON = new JsonMapper();
  private static final HexFormat HEX = HexFormat.of();
  private static final String POL_AUTHORITY = "/C=PL/O=Poland/CN=POL Approving Authority";

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return QuorateDeployment.ear();
  }

  /** A one-member mission (POL) with an approving authority and a node credential. */
  private static final class Mission {
    final Path dir;
    final OpenSsl openssl;
    final String name;
    final Path ca;
    final Path authority;
    final Path node;
    long seq;
    String prev;
    byte[] lastDer;

    Mission(String prefix) throws IOException {
      dir = Files.createTempDirectory("quorate-log-it-");
      openssl = new OpenSsl(dir);
      byte[] random = new byte[4];
      new SecureRandom().nextBytes(random);
      name = prefix + "-" + HEX.formatHex(random).toUpperCase(Locale.ROOT);
      ca = openssl.rootCa("pol-ca", "/C=PL/O=Poland/CN=POL Root CA");
      authority = openssl.credential("pol-authority", POL_AUTHORITY, ca);
      node = openssl.credential("pol-node", "/C=PL/O=Poland/CN=POL Node", ca);
      ObjectNode g = JSON.createObjectNode();
      g.put("v", 1).put("type", "genesis").put("mission", name).put("name", "Log IT " + name);
      ObjectNode pol = g.putArray("members").addObject();
      pol.put("id", "POL").put("name", "Poland").put("weight", 1);
      pol.putArray("trustAnchors").add(OpenSsl.pem(ca));
      ArrayNode grants = pol.putArray("grants");
      ObjectNode official = grants.addObject();
      official.put("subject", "CN=POL Approving Authority,O=Poland,C=PL");
      official.putArray("roles").add("approving-authority");
      ObjectNode nodeGrant = grants.addObject();
      nodeGrant.put("spki", openssl.spkiHash(node));
      nodeGrant.putArray("roles").add("node");
      g.putArray("policies");
      g.put("governancePolicy", "governance");
      HttpResponse<String> r =
          HttpApi.post(
              "missions", JSON.writeValueAsBytes(g), "application/json", TestUser.OPERATOR);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
      ObjectNode endorsement = header("genesis-endorsement");
      endorsement.putObject("body").put("genesis", json(r.body()).path("genesisId").asText());
      assertThat(submit(JSON.writeValueAsBytes(endorsement)).path("outcome").asText())
          .isEqualTo("admitted");
    }

    ObjectNode header(String type) {
      ObjectNode e = JSON.createObjectNode();
      e.put("v", 1).put("mission", name).put("member", "POL");
      e.put("signer", openssl.spkiHash(authority)).put("epoch", 0).put("seq", ++seq);
      if (prev == null) {
        e.putNull("prev");
      } else {
        e.put("prev", prev);
      }
      e.put("type", type);
      e.put("issued", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
      return e;
    }

    /** Signs the next contribution of the authority's chain and submits it over REST. */
    JsonNode contribute(String title) throws IOException {
      ObjectNode e = header("contribution");
      e.putObject("body")
          .put("title", title)
          .put("digest", sha256Id(title.getBytes(StandardCharsets.UTF_8)))
          .putArray("references");
      return submit(JSON.writeValueAsBytes(e));
    }

    JsonNode submit(byte[] content) {
      byte[] der = openssl.sign(content, authority);
      lastDer = der;
      HttpResponse<String> r =
          HttpApi.post("contributions", der, "application/pkcs7-mime", TestUser.SUBMITTER);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonNode answer = json(r.body());
      if ("admitted".equals(answer.path("outcome").asText())) {
        prev = sha256Id(content);
      }
      return answer;
    }

    /** {@code PUT …/node-credential} with the node certificate and its PKCS#8 key. */
    void installNodeCredential() throws IOException {
      Path key = dir.resolve("pol-node.key");
      Path pkcs8 = dir.resolve("pol-node.p8");
      run(
          "openssl",
          "pkcs8",
          "-topk8",
          "-nocrypt",
          "-in",
          key.toString(),
          "-out",
          pkcs8.toString());
      ObjectNode body = JSON.createObjectNode();
      body.put("certificate", OpenSsl.pem(node));
      body.put("privateKey", Files.readString(pkcs8, StandardCharsets.US_ASCII));
      HttpResponse<String> r =
          put("missions/" + name + "/node-credential", JSON.writeValueAsBytes(body));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    String log(String path) {
      return "missions/" + name + "/log" + path;
    }
  }

  private static JsonNode getJson(String path) {
    HttpResponse<String> r = HttpApi.get(path, TestUser.AUDITOR);
    assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
    return json(r.body());
  }

  private static HttpResponse<String> put(String path, byte[] body) {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(QuorateServer.api(path))
                  .timeout(Duration.ofSeconds(60))
                  .header("Authorization", HttpApi.basic(TestUser.OPERATOR))
                  .header("Content-Type", "application/json")
                  .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", command) + " failed: " + new String(out, StandardCharsets.UTF_8));
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Checks an STH answer's DER with the core verifier and returns the signed head. */
  private static SignedTreeHead verified(JsonNode sth, String mission) throws Exception {
    SignedTreeHead h =
        SignedTreeHead.verify(
                Base64.getDecoder().decode(sth.path("sth").asText()), new SignedDataVerifier())
            .head();
    assertThat(h.mission()).isEqualTo(mission);
    assertThat(h.size()).isEqualTo(sth.path("size").asLong());
    assertThat(h.rootHex()).isEqualTo(sth.path("root").asText());
    return h;
  }

  private static List<byte[]> hashes(JsonNode array) {
    List<byte[]> out = new ArrayList<>();
    array.forEach(h -> out.add(HEX.parseHex(h.asText())));
    return out;
  }

  @Test
  void sthWithoutANodeCredentialIsRefused() throws Exception {
    Mission m = new Mission("IT-LOG-NOCRED");
    m.contribute("no credential");

    HttpResponse<String> r = HttpApi.get(m.log("/sth"), TestUser.AUDITOR);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
    assertThat(json(r.body()).path("reasonCode").asText()).isEqualTo("no-node-credential");
    // The log itself is kept all the same: the endorsement and the contribution.
    assertThat(getJson(m.log("")).path("size").asLong()).isEqualTo(2);
  }

  @Test
  void everyEntryIsProvedInTheSignedTreeAndTheHeadsAreConsistent() throws Exception {
    Mission m = new Mission("IT-LOG");
    m.installNodeCredential();
    List<JsonNode> answers = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      answers.add(m.contribute("first " + i));
    }
    HttpResponse<String> first =
        HttpApi.post(m.log("/sth"), new byte[0], "application/json", TestUser.OPERATOR);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    SignedTreeHead head1 = verified(json(first.body()), m.name);
    for (int i = 1; i <= 3; i++) {
      answers.add(m.contribute("second " + i));
    }
    JsonNode sth = getJson(m.log("/sth"));
    SignedTreeHead head2 = verified(sth, m.name);

    // One entry per outcome: the endorsement and six contributions.
    assertThat(head1.size()).isEqualTo(4);
    assertThat(head2.size()).isEqualTo(7);

    // The STH verifies with openssl against the national anchor, and signs exactly its JSON.
    Path der = m.dir.resolve("sth.der");
    Path content = m.dir.resolve("sth.json");
    Files.write(der, Base64.getDecoder().decode(sth.path("sth").asText()));
    run(
        "openssl",
        "cms",
        "-verify",
        "-binary",
        "-inform",
        "DER",
        "-in",
        der.toString(),
        "-CAfile",
        m.ca.toString(),
        "-purpose",
        "any",
        "-out",
        content.toString());
    assertThat(Files.readAllBytes(content)).isEqualTo(head2.content());

    // Every entry: its bytes are the SPEC §5 layout, its inclusion proof verifies.
    for (long i = 0; i < head2.size(); i++) {
      JsonNode p = getJson(m.log("/inclusion?index=" + i + "&size=" + head2.size()));
      byte[] entryBytes = HEX.parseHex(p.path("entry").asText());
      LogEntry entry = LogEntry.decode(entryBytes);
      assertThat(entry.logIndex()).isEqualTo(i);
      assertThat(entry.outcome()).isEqualTo(OutcomeCode.ADMITTED);
      byte[] leaf = Rfc9162Hasher.hashLeaf(entryBytes);
      assertThatCode(
              () ->
                  ProofVerifier.verifyInclusion(
                      p.path("index").asLong(),
                      head2.size(),
                      leaf,
                      hashes(p.path("auditPath")),
                      head2.root()))
          .doesNotThrowAnyException();
    }
    // Entry of the last contribution names its input and event ids.
    JsonNode last = answers.get(answers.size() - 1);
    JsonNode records = getJson(m.log("/entries?event=" + last.path("eventId").asText()));
    assertThat(records).hasSize(1);
    LogEntry entry = LogEntry.decode(HEX.parseHex(records.get(0).path("entry").asText()));
    assertThat(entry.logIndex()).isEqualTo(6);
    assertThat(HEX.formatHex(entry.receivedDigest()))
        .isEqualTo(last.path("inputId").asText().substring("sha256:".length()));
    assertThat(HEX.formatHex(entry.eventId().orElseThrow()))
        .isEqualTo(last.path("eventId").asText().substring("sha256:".length()));

    // The later head extends the earlier one.
    JsonNode c = getJson(m.log("/consistency?from=" + head1.size() + "&to=" + head2.size()));
    assertThatCode(
            () ->
                ProofVerifier.verifyConsistency(
                    head1.size(),
                    head2.size(),
                    hashes(c.path("proof")),
                    head1.root(),
                    head2.root()))
        .doesNotThrowAnyException();

    // The history keeps both heads.
    JsonNode history = getJson(m.log("/sth/history"));
    List<Long> sizes = new ArrayList<>();
    history.forEach(h -> sizes.add(h.path("size").asLong()));
    assertThat(sizes).contains(4L, 7L);

    // A replay of the very same bytes is logged again, as a duplicate record of that event.
    HttpResponse<String> replay =
        HttpApi.post("contributions", m.lastDer, "application/pkcs7-mime", TestUser.SUBMITTER);
    assertThat(json(replay.body()).path("outcome").asText()).isEqualTo("duplicate");
    JsonNode both = getJson(m.log("/entries?event=" + last.path("eventId").asText()));
    assertThat(both).hasSize(2);
    assertThat(both.get(1).path("index").asLong()).isEqualTo(7);
    assertThat(both.get(1).path("outcomeCode").asInt()).isEqualTo(OutcomeCode.DUPLICATE.code());
  }

  @Test
  void badRangesAreRefusedWithAReason() throws Exception {
    Mission m = new Mission("IT-LOG-RANGE");
    m.contribute("range");
    assertThat(HttpApi.get(m.log("/consistency?from=0&to=2"), TestUser.AUDITOR).statusCode())
        .isEqualTo(400);
    HttpResponse<String> beyond = HttpApi.get(m.log("/inclusion?index=0&size=3"), TestUser.AUDITOR);
    assertThat(beyond.statusCode()).isEqualTo(400);
    assertThat(json(beyond.body()).path("reasonCode").asText()).isEqualTo("log-range");
    HttpResponse<String> nan = HttpApi.get(m.log("/inclusion?index=x&size=1"), TestUser.AUDITOR);
    assertThat(nan.statusCode()).isEqualTo(400);
    assertThat(json(nan.body()).path("reasonCode").asText()).isEqualTo("malformed-parameter");
    // Without credentials the log is not served: 401 with a Basic challenge.
    HttpResponse<String> anonymous = HttpApi.get(m.log(""));
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.body()).doesNotContain("\"root\"");
    assertThat(anonymous.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Basic");
  }

  @Test
  void stateDigestIsTheRootOverTheAdmittedEventIds() throws Exception {
    Mission m = new Mission("IT-LOG-DIGEST");
    List<byte[]> ids = new ArrayList<>();
    JsonNode mission = getJson("missions/" + m.name);
    assertThat(mission.path("status").asText()).isEqualTo("active");
    ids.add(HEX.parseHex(m.prev.substring("sha256:".length())));
    for (int i = 0; i < 3; i++) {
      String id = m.contribute("digest " + i).path("eventId").asText();
      ids.add(HEX.parseHex(id.substring("sha256:".length())));
    }

    JsonNode digest = getJson("missions/" + m.name + "/state-digest");

    assertThat(digest.path("events").asLong()).isEqualTo(4);
    assertThat(digest.path("digest").asText()).isEqualTo(HEX.formatHex(StateDigest.of(ids)));
  }

  @Test
  void portalLogPageShowsTheHeadsAndAVerifiedConsistencyCheck() throws Exception {
    Mission m = new Mission("IT-LOG-PORTAL");
    m.installNodeCredential();
    long size1 = verified(getJson(m.log("/sth")), m.name).size();
    m.contribute("portal 1");
    long size2 = verified(getJson(m.log("/sth")), m.name).size();

    PortalClient portal = new PortalClient();
    portal.login(TestUser.AUDITOR, "log.xhtml?m=" + m.name);
    HttpResponse<String> page =
        portal.get("log.xhtml?m=" + m.name + "&from=" + size1 + "&to=" + size2);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("Signed tree head history")
        .contains("CN=POL Node")
        .contains("State digest")
        .contains("VERIFIED")
        .doesNotContain("NOT VERIFIED");
  }
}
