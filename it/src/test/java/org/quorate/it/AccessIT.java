package org.quorate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.quorate.it.support.Coalition.json;
import static org.quorate.it.support.Coalition.member;
import static org.quorate.it.support.MissionEvents.admitted;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quorate.it.support.HttpApi;
import org.quorate.it.support.MissionEvents;
import org.quorate.it.support.NodeCredentials;
import org.quorate.it.support.OpenSsl;
import org.quorate.it.support.PortalClient;
import org.quorate.it.support.QuorateDeployment;
import org.quorate.it.support.QuorateServer;
import org.quorate.it.support.TestUser;
import org.quorate.it.support.ThreeNations;

/**
 * Clearances, redaction and session hardening (issue 15, SPEC §6, §7). A mission with posture NATO
 * SECRET holds a proposal without a label (it carries the posture: SECRET), a SECRET dissent and a
 * RESTRICTED dissent. Two auditors read it: {@code auditor-secret} (cleared NATO SECRET) sees
 * everything; {@code auditor-restricted} (cleared NATO RESTRICTED) sees ids, members, roles,
 * verdicts, counts and the RESTRICTED rationale, with the title, text and SECRET rationale null and
 * named in {@code redacted}, on every resource and page, and is refused the audit and the bundle
 * (403). {@code auditor} has no clearance and sees every labelled field withheld. Then the headers,
 * the session cookie, CSRF refusals and logout.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AccessIT {
  private static final JsonMapper JSON = new JsonMapper();
  private static final String TITLE = "Strike package K-7";
  private static final String TEXT = "Release strike package K-7 at 04:00Z.";
  private static final String SECRET_RATIONALE = "Collateral estimate exceeds the ROE.";
  private static final String RESTRICTED_RATIONALE = "Fuel is short on the northern route.";
  private static final String MARKER = "[withheld: above your clearance]";

  private MissionEvents events;
  private Path pol;
  private Path ltu;
  private Path lva;
  private String mission;
  private String proposalId;
  private String secretDissentId;
  private String restrictedDissentId;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return QuorateDeployment.ear();
  }

  static String label(String classification) {
    return "{\"policy\":\"NATO\",\"classification\":\""
        + classification
        + "\",\"categories\":[{\"tagName\":\"Releasable To\",\"type\":\"PERMISSIVE\","
        + "\"values\":[\"NATO\"]}]}";
  }

  private static void clear(TestUser user, String classification) {
    HttpResponse<String> r =
        HttpApi.put(
            "clearances/" + user.username(),
            ("[" + label(classification) + "]").getBytes(StandardCharsets.UTF_8),
            "application/json",
            TestUser.OPERATOR);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  @Test
  void eachAuditorSeesWhatTheirClearanceAdmitsOnEveryResourceAndPage() throws Exception {
    scenario();
    clear(TestUser.AUDITOR_SECRET, "SECRET");
    clear(TestUser.AUDITOR_RESTRICTED, "RESTRICTED");

    // proposals list
    JsonNode high = get("missions/" + mission + "/proposals", TestUser.AUDITOR_SECRET).get(0);
    JsonNode low = get("missions/" + mission + "/proposals", TestUser.AUDITOR_RESTRICTED).get(0);
    JsonNode none = get("missions/" + mission + "/proposals", TestUser.AUDITOR).get(0);
    assertThat(high.path("title").asText()).isEqualTo(TITLE);
    assertThat(high.path("redacted")).isEmpty();
    for (JsonNode withheld : List.of(low, none)) {
      assertThat(withheld.path("title").isNull()).as(withheld.toString()).isTrue();
      assertThat(strings(withheld.path("redacted"))).containsExactly("title");
      assertThat(withheld.path("proposal").asText()).isEqualTo(proposalId);
      assertThat(withheld.path("status").asText()).isEqualTo(high.path("status").asText());
      assertThat(withheld.path("dissents").asInt()).isEqualTo(2);
    }

    // proposal detail: title, text, rationales
    JsonNode h = get(proposalPath(), TestUser.AUDITOR_SECRET);
    JsonNode l = get(proposalPath(), TestUser.AUDITOR_RESTRICTED);
    JsonNode n = get(proposalPath(), TestUser.AUDITOR);
    assertThat(h.path("title").asText()).isEqualTo(TITLE);
    assertThat(h.path("text").asText()).isEqualTo(TEXT);
    assertThat(rationale(h.path("dissents"), secretDissentId)).isEqualTo(SECRET_RATIONALE);
    assertThat(rationale(h.path("dissents"), restrictedDissentId)).isEqualTo(RESTRICTED_RATIONALE);
    assertThat(l.path("title").isNull()).isTrue();
    assertThat(l.path("text").isNull()).isTrue();
    assertThat(strings(l.path("redacted"))).containsExactly("title", "text");
    JsonNode lowSecret = byId(l.path("dissents"), secretDissentId);
    assertThat(lowSecret.path("rationale").isNull()).isTrue();
    assertThat(strings(lowSecret.path("redacted"))).containsExactly("title", "rationale");
    assertThat(lowSecret.path("member").asText()).isEqualTo("LVA");
    assertThat(lowSecret.path("role").asText()).isEqualTo("approving-authority");
    assertThat(lowSecret.path("signer").asText())
        .isEqualTo(byId(h.path("dissents"), secretDissentId).path("signer").asText());
    JsonNode lowRestricted = byId(l.path("dissents"), restrictedDissentId);
    assertThat(lowRestricted.path("rationale").asText()).isEqualTo(RESTRICTED_RATIONALE);
    assertThat(strings(lowRestricted.path("redacted"))).containsExactly("title");
    JsonNode lowAttestation = byId(l.path("attestations"), secretDissentId);
    assertThat(lowAttestation.path("verdict").asText()).isEqualTo("dissent");
    assertThat(lowAttestation.path("rationale").isNull()).isTrue();
    assertThat(strings(lowAttestation.path("redacted"))).containsExactly("rationale");
    assertThat(l.path("counts")).isEqualTo(h.path("counts"));
    assertThat(l.path("status")).isEqualTo(h.path("status"));
    assertThat(l.path("attestations")).hasSameSizeAs(h.path("attestations"));
    // no clearance: every labelled field withheld
    assertThat(n.path("title").isNull()).isTrue();
    assertThat(rationale(n.path("dissents"), restrictedDissentId)).isNull();
    assertThat(n.toString()).doesNotContain(TITLE, TEXT, SECRET_RATIONALE, RESTRICTED_RATIONALE);
    assertThat(l.toString()).doesNotContain(TITLE, TEXT, SECRET_RATIONALE);

    // every other resource the restricted auditor reads carries no withheld text
    for (String path :
        List.of(
            proposalPath() + "/timeline",
            "missions/" + mission + "/proposals",
            "missions/" + mission + "/epochs",
            "missions/" + mission + "/contributions",
            "missions/" + mission + "/log/entries?event=" + secretDissentId,
            "missions/" + mission + "/log/entries",
            "quarantine")) {
      HttpResponse<String> r = HttpApi.get(path, TestUser.AUDITOR_RESTRICTED);
      assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
      assertThat(r.body()).as(path).doesNotContain(TITLE, TEXT, SECRET_RATIONALE);
    }
    assertThat(get(proposalPath() + "/timeline", TestUser.AUDITOR_RESTRICTED))
        .isEqualTo(get(proposalPath() + "/timeline", TestUser.AUDITOR_SECRET));

    // audit and bundle: all or nothing
    HttpResponse<String> bundleHigh =
        HttpApi.get(proposalPath() + "/bundle", TestUser.AUDITOR_SECRET);
    assertThat(bundleHigh.statusCode()).as(bundleHigh.body()).isEqualTo(200);
    assertThat(bundleHigh.headers().firstValue("Content-Type").orElse("")).contains("zip");
    assertThat(HttpApi.get(proposalPath() + "/audit", TestUser.AUDITOR_SECRET).statusCode())
        .isEqualTo(200);
    for (TestUser u : List.of(TestUser.AUDITOR_RESTRICTED, TestUser.AUDITOR)) {
      for (String what : List.of("/bundle", "/audit")) {
        HttpResponse<String> r = HttpApi.get(proposalPath() + what, u);
        assertThat(r.statusCode()).as(u + what + " " + r.body()).isEqualTo(403);
        assertThat(json(r.body()).path("reasonCode").asText()).isEqualTo("clearance-insufficient");
        assertThat(r.body()).doesNotContain(TITLE, SECRET_RATIONALE);
        // the reason is about the user's clearance, never a mission "posture"
        assertThat(json(r.body()).path("reason").asText()).doesNotContain("posture");
      }
    }

    // the open GET /contributions/{id} answers only the SPEC §1 shape
    HttpResponse<String> open = HttpApi.get("contributions/" + proposalId);
    assertThat(open.statusCode()).isEqualTo(200);
    assertThat(fieldNames(json(open.body())))
        .containsExactlyInAnyOrder("eventId", "inputId", "outcome", "reasonCode", "reason");
    JsonNode whole = get("contributions/" + proposalId, TestUser.AUDITOR_RESTRICTED);
    assertThat(whole.path("marking").asText())
        .as("an auditor gets the whole record")
        .contains("SECRET");
    assertThat(whole.path("member").asText()).isEqualTo("POL");

    // portal pages
    PortalClient lowPortal = new PortalClient();
    lowPortal.login(TestUser.AUDITOR_RESTRICTED, "missions.xhtml");
    String page = lowPortal.get(portalProposal()).body();
    assertThat(page).contains(MARKER, RESTRICTED_RATIONALE, "LVA", "RESTRICTED");
    assertThat(page).doesNotContain(TITLE, TEXT, SECRET_RATIONALE);
    String dashboard = lowPortal.get("dashboard.xhtml?m=" + mission).body();
    assertThat(dashboard).contains(MARKER).doesNotContain(TITLE, SECRET_RATIONALE);
    assertThat(lowPortal.get("audit.xhtml?m=" + mission + "&p=" + proposalId).body())
        .contains("clearance")
        .doesNotContain(TITLE, SECRET_RATIONALE);
    for (String each :
        List.of(
            "missions.xhtml",
            "mission.xhtml?m=" + mission,
            "quarantine.xhtml",
            "log.xhtml?m=" + mission,
            "dashboard.xhtml?m=" + mission,
            portalProposal(),
            "audit.xhtml?m=" + mission + "&p=" + proposalId,
            "event.xhtml?id=" + proposalId,
            "event.xhtml?id=" + secretDissentId,
            "member.xhtml?m=" + mission + "&id=LVA",
            "member.xhtml?m=" + mission + "&id=POL",
            "search.xhtml?q=strike+package",
            "search.xhtml?q=" + proposalId,
            "bridges.xhtml")) {
      HttpResponse<String> r = lowPortal.get(each);
      assertThat(r.statusCode()).as(each).isEqualTo(200);
      assertThat(r.body()).as(each).contains("auditor-restricted", "RESTRICTED", "Log out");
      assertThat(r.body()).as(each).doesNotContain(TITLE, TEXT, SECRET_RATIONALE);
    }
    PortalClient highPortal = new PortalClient();
    highPortal.login(TestUser.AUDITOR_SECRET, "missions.xhtml");
    String highPage = highPortal.get(portalProposal()).body();
    assertThat(highPage).contains(TITLE, TEXT, SECRET_RATIONALE, "SECRET").doesNotContain(MARKER);

    // the event page: a withheld event's body fields are shown withheld, never omitted
    String lowProposalEvent = lowPortal.get("event.xhtml?id=" + proposalId).body();
    assertThat(lowProposalEvent)
        .contains(MARKER, "Title", "Text", "POL")
        .doesNotContain(TITLE, TEXT);
    String lowSecretEvent = lowPortal.get("event.xhtml?id=" + secretDissentId).body();
    assertThat(lowSecretEvent)
        .contains(MARKER, "Rationale", "dissent", "LVA")
        .doesNotContain(SECRET_RATIONALE, TITLE);
    assertThat(lowPortal.get("event.xhtml?id=" + restrictedDissentId).body())
        .contains(RESTRICTED_RATIONALE)
        .doesNotContain(TITLE);
    assertThat(highPortal.get("event.xhtml?id=" + proposalId).body())
        .contains(TITLE, TEXT)
        .doesNotContain(MARKER);
    assertThat(highPortal.get("event.xhtml?id=" + secretDissentId).body())
        .contains(SECRET_RATIONALE, TITLE)
        .doesNotContain(MARKER);

    // the member view: positions' rationale and proposal title
    assertThat(lowPortal.get("member.xhtml?m=" + mission + "&id=LVA").body())
        .contains(MARKER)
        .doesNotContain(SECRET_RATIONALE, TITLE);
    assertThat(highPortal.get("member.xhtml?m=" + mission + "&id=LVA").body())
        .contains(SECRET_RATIONALE, TITLE);

    // search: a withheld title or rationale word finds nothing for the restricted auditor
    String noMatch = "Nothing this node holds matches";
    assertThat(lowPortal.get("search.xhtml?q=strike+package").body())
        .contains(noMatch)
        .doesNotContain(TITLE, urlId(proposalId));
    assertThat(highPortal.get("search.xhtml?q=strike+package").body())
        .contains(TITLE, urlId(proposalId))
        .doesNotContain(noMatch);
    assertThat(lowPortal.get("search.xhtml?q=collateral+estimate").body())
        .contains(noMatch)
        .doesNotContain(SECRET_RATIONALE);
    assertThat(highPortal.get("search.xhtml?q=collateral+estimate").body())
        .contains(SECRET_RATIONALE)
        .doesNotContain(noMatch);
    // ... while the restricted rationale is found (it is admitted)
    assertThat(lowPortal.get("search.xhtml?q=northern+route").body())
        .contains(RESTRICTED_RATIONALE);

    // a new clearance applies from the user's next request
    clear(TestUser.AUDITOR_RESTRICTED, "SECRET");
    assertThat(get(proposalPath(), TestUser.AUDITOR_RESTRICTED).path("title").asText())
        .isEqualTo(TITLE);
    assertThat(lowPortal.get(portalProposal()).body()).contains(TITLE);
    clear(TestUser.AUDITOR_RESTRICTED, "RESTRICTED");
    assertThat(get(proposalPath(), TestUser.AUDITOR_RESTRICTED).path("title").isNull()).isTrue();
  }

  @Test
  void clearancesAreSetAndReadByOperatorsOnly() {
    clear(TestUser.AUDITOR_SECRET, "SECRET");
    JsonNode read = get("clearances/auditor-secret", TestUser.OPERATOR);
    assertThat(read.path("labels").get(0).path("classification").asText()).isEqualTo("SECRET");
    assertThat(read.path("markings").get(0).asText()).contains("SECRET");
    HttpResponse<String> readByAuditor = HttpApi.get("clearances/auditor-secret", TestUser.AUDITOR);
    assertThat(readByAuditor.statusCode()).isEqualTo(403);
    assertRoleRequired(readByAuditor);
    assertThat(HttpApi.get("clearances/auditor-secret").statusCode()).isEqualTo(401);
    HttpResponse<String> byAuditor =
        HttpApi.put(
            "clearances/auditor",
            ("[" + label("TOP SECRET") + "]").getBytes(StandardCharsets.UTF_8),
            "application/json",
            TestUser.AUDITOR);
    assertThat(byAuditor.statusCode()).isEqualTo(403);
    assertRoleRequired(byAuditor);
    // a body that is not JSON: the API's error shape, no parser internals
    for (String notJson : List.of("[{\"policy\":", "not json", "[{\"policy\":\"NATO\",}]")) {
      HttpResponse<String> r =
          HttpApi.put(
              "clearances/auditor-secret",
              notJson.getBytes(StandardCharsets.UTF_8),
              "application/json",
              TestUser.OPERATOR);
      assertThat(r.statusCode()).as(notJson + " " + r.body()).isEqualTo(400);
      assertThat(json(r.body()).path("reasonCode").asText()).isEqualTo("malformed-clearance");
      assertThat(json(r.body()).path("reason").asText())
          .startsWith("clearance is not JSON")
          .doesNotContainIgnoringCase("jackson")
          .doesNotContain("Unexpected", "Source:", "[truncated");
    }
    // a user the node does not know: refused, nothing stored
    HttpResponse<String> unknown =
        HttpApi.put(
            "clearances/nobody-here",
            ("[" + label("SECRET") + "]").getBytes(StandardCharsets.UTF_8),
            "application/json",
            TestUser.OPERATOR);
    assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
    assertThat(json(unknown.body()).path("reasonCode").asText()).isEqualTo("unknown-user");
    for (String bad :
        List.of(
            label("SECRET"),
            "[" + label("SECRET") + "," + label("RESTRICTED") + "]",
            "[" + label("NO SUCH LEVEL") + "]",
            "[{\"policy\":\"NO-SUCH-POLICY\",\"classification\":\"SECRET\",\"categories\":[]}]")) {
      HttpResponse<String> r =
          HttpApi.put(
              "clearances/auditor-secret",
              bad.getBytes(StandardCharsets.UTF_8),
              "application/json",
              TestUser.OPERATOR);
      assertThat(r.statusCode()).as(bad + " " + r.body()).isEqualTo(400);
      assertThat(json(r.body()).path("reasonCode").asText()).isEqualTo("clearance-refused");
    }
    assertThat(HttpApi.get("clearances/nobody-here", TestUser.OPERATOR).statusCode())
        .isEqualTo(404);
  }

  private static void assertRoleRequired(HttpResponse<String> r) {
    assertThat(r.headers().firstValue("Content-Type").orElse(""))
        .as(r.body())
        .startsWith("application/json");
    assertThat(json(r.body()).path("reasonCode").asText()).isEqualTo("role-required");
  }

  @Test
  void everyAnswerCarriesTheSecurityHeaders() throws Exception {
    HttpClient raw = HttpClient.newHttpClient();
    for (URI uri :
        List.of(
            QuorateServer.api("health"),
            QuorateServer.api("missions"),
            QuorateServer.portal("missions.xhtml"),
            QuorateServer.api("openapi.json"))) {
      HttpResponse<String> r =
          raw.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.headers().firstValue("X-Frame-Options")).as(uri.toString()).hasValue("DENY");
      assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
      assertThat(r.headers().firstValue("Content-Security-Policy").orElse(""))
          .contains("frame-ancestors 'none'", "default-src 'self'", "object-src 'none'");
    }
  }

  @Test
  void theOpenApiDocumentIsServed() throws Exception {
    HttpClient raw = HttpClient.newHttpClient();
    for (String[] d :
        List.of(
            new String[] {"openapi.json", "application/json"},
            new String[] {"openapi.yaml", "application/yaml"})) {
      HttpResponse<String> r =
          raw.send(
              HttpRequest.newBuilder(QuorateServer.api(d[0])).header("Accept", d[1]).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(d[0]).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith(d[1]);
      JsonNode doc = json(r.body());
      assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
      assertThat(doc.path("paths").has("/clearances/{user}")).isTrue();
    }
  }

  @Test
  void sessionCookieIsHttpOnlyAndSameSiteStrict() throws Exception {
    HttpClient raw = HttpClient.newHttpClient();
    HttpResponse<String> r =
        raw.send(
            HttpRequest.newBuilder(QuorateServer.portal("missions.xhtml")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    List<String> cookies =
        r.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("JSESSIONID="))
            .toList();
    assertThat(cookies).as(r.headers().map().toString()).isNotEmpty();
    for (String c : cookies) {
      String lower = c.toLowerCase(Locale.ROOT);
      assertThat(lower).contains("httponly", "samesite=strict");
      // plain HTTP here: Secure is only added behind TLS
      assertThat(java.util.Arrays.stream(lower.split(";")).map(String::strip))
          .doesNotContain("secure");
    }
  }

  @Test
  void crossSiteStateChangesWithTheSessionCookieAreRefusedAndBasicStillWorks() throws Exception {
    PortalClient browser = new PortalClient();
    browser.login(TestUser.OPERATOR, "missions.xhtml");
    String own = "http://" + QuorateServer.HOST + ":" + QuorateServer.httpPort();

    String foreignName = newMissionName();
    HttpResponse<String> foreign =
        browser.send(cookiePost(genesis(foreignName), "text/plain", "https://evil.example"));
    assertThat(foreign.statusCode()).as(foreign.body()).isEqualTo(403);
    assertThat(json(foreign.body()).path("reasonCode").asText()).isEqualTo("csrf-foreign-origin");
    HttpResponse<String> foreignJson =
        browser.send(cookiePost(genesis(foreignName), "application/json", "https://evil.example"));
    assertThat(foreignJson.statusCode()).isEqualTo(403);
    HttpResponse<String> textPlain =
        browser.send(cookiePost(genesis(foreignName), "text/plain", own));
    assertThat(textPlain.statusCode()).as(textPlain.body()).isEqualTo(403);
    assertThat(json(textPlain.body()).path("reasonCode").asText()).isEqualTo("csrf-content-type");
    HttpResponse<String> form =
        browser.send(cookiePost(genesis(foreignName), "application/x-www-form-urlencoded", own));
    assertThat(form.statusCode()).isEqualTo(403);
    HttpResponse<String> noOrigin =
        browser.send(cookiePost(genesis(foreignName), "application/json", null));
    assertThat(noOrigin.statusCode()).isEqualTo(403);
    assertThat(json(noOrigin.body()).path("reasonCode").asText()).isEqualTo("csrf-no-origin");
    assertThat(HttpApi.get("missions/" + foreignName, TestUser.AUDITOR).statusCode())
        .as("nothing was created")
        .isEqualTo(404);

    // the same text/plain request with HTTP Basic (the CLI's way) works
    HttpResponse<String> basic =
        HttpApi.post("missions", genesis(foreignName), "text/plain", TestUser.OPERATOR);
    assertThat(basic.statusCode()).as(basic.body()).isEqualTo(201);
    // the portal's own same-origin JSON call with its session works too
    String sameOrigin = newMissionName();
    HttpResponse<String> own201 =
        browser.send(cookiePost(genesis(sameOrigin), "application/json", own));
    assertThat(own201.statusCode()).as(own201.body()).isEqualTo(201);
  }

  @Test
  void logoutEndsTheSession() {
    PortalClient browser = new PortalClient();
    HttpResponse<String> in = browser.login(TestUser.AUDITOR, "missions.xhtml");
    assertThat(in.body()).contains("Signed in as", "auditor", "Log out");
    assertThat(browser.get("missions.xhtml").body()).doesNotContain("type=\"password\"");
    HttpResponse<String> out = browser.get("logout");
    assertThat(out.body()).as("back at the login form").contains("type=\"password\"");
    assertThat(browser.get("missions.xhtml").body()).contains("type=\"password\"");
  }

  // --- scenario -------------------------------------------------------------------------------

  /** An id as the search page writes it in a link's query string. */
  private static String urlId(String id) {
    return id.replace(":", "%3A");
  }

  private String proposalPath() {
    return "missions/" + mission + "/proposals/" + proposalId;
  }

  private String portalProposal() {
    return "proposal.xhtml?m=" + mission + "&p=" + proposalId;
  }

  private HttpRequest cookiePost(byte[] body, String contentType, String origin) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(QuorateServer.api("missions"))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (origin != null) {
      b.header("Origin", origin);
    }
    return b.build();
  }

  private static String newMissionName() {
    byte[] random = new byte[4];
    new SecureRandom().nextBytes(random);
    return "IT-CSRF-" + HexFormat.of().formatHex(random).toUpperCase(Locale.ROOT);
  }

  /** A small valid genesis (one member, its own fresh anchor). */
  private static byte[] genesis(String name) throws IOException {
    OpenSsl o = new OpenSsl(Files.createTempDirectory("quorate-csrf-it-"));
    Path ca = o.rootCa("est-ca", "/C=EE/O=Estonia/CN=EST Root CA");
    ObjectNode g = JSON.createObjectNode();
    g.put("v", 1).put("type", "genesis").put("mission", name).put("name", "IT " + name);
    g.putArray("members").add(member("EST", ca, "CN=EST Approving Authority,O=Estonia,C=EE"));
    g.putArray("policies");
    g.put("governancePolicy", "governance");
    return JSON.writeValueAsBytes(g);
  }

  private void scenario() throws Exception {
    ThreeNations coalition = ThreeNations.load("IT-ACCESS", "PT1H", JSON.readTree(label("SECRET")));
    events = coalition.events;
    mission = coalition.mission;
    pol = coalition.pol;
    ltu = coalition.ltu;
    lva = coalition.lva;
    coalition.endorse();
    NodeCredentials.install(mission, coalition.node);

    // no label: the proposal carries the posture (SECRET)
    ObjectNode proposal = events.proposal(pol, "POL", "operational", TITLE, TEXT);
    proposalId = MissionEvents.id(proposal);
    admitted(events.sign(proposal, pol));
    admitted(events.sign(attestation(pol, "POL", "concur", null, label("RESTRICTED")), pol));
    ObjectNode secret = attestation(lva, "LVA", "dissent", SECRET_RATIONALE, label("SECRET"));
    secretDissentId = MissionEvents.id(secret);
    admitted(events.sign(secret, lva));
    ObjectNode restricted =
        attestation(ltu, "LTU", "dissent", RESTRICTED_RATIONALE, label("RESTRICTED"));
    restrictedDissentId = MissionEvents.id(restricted);
    admitted(events.sign(restricted, ltu));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(get(proposalPath(), TestUser.OPERATOR).path("dissents").size())
                    .isEqualTo(2));
  }

  /** A labelled attestation on {@link #proposalId} (label null: none, the posture applies). */
  private ObjectNode attestation(
      Path cert, String member, String verdict, String rationale, String label) throws IOException {
    ObjectNode e = events.attestation(cert, member, proposalId, verdict, rationale);
    if (label != null) {
      JsonNode body = e.remove("body");
      e.set("label", JSON.readTree(label));
      e.set("body", body);
    }
    return e;
  }

  private static JsonNode get(String path, TestUser user) {
    HttpResponse<String> r = HttpApi.get(path, user);
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return json(r.body());
  }

  private static JsonNode byId(JsonNode list, String eventId) {
    for (JsonNode x : list) {
      if (eventId.equals(x.path("eventId").asText())) {
        return x;
      }
    }
    throw new AssertionError(eventId + " not in " + list);
  }

  private static String rationale(JsonNode dissents, String eventId) {
    JsonNode r = byId(dissents, eventId).path("rationale");
    return r.isNull() ? null : r.asText();
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(x -> out.add(x.asText()));
    return out;
  }

  private static List<String> fieldNames(JsonNode o) {
    List<String> out = new ArrayList<>();
    for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }
}
