package org.quorate.core.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quorate.core.cms.Ids;
import org.quorate.core.cms.OpenSsl;
import org.quorate.core.cms.OpenSslCa;
import org.quorate.core.cms.SignedDataVerifier;
import org.quorate.core.event.EventParser;
import org.quorate.core.pki.CertificationPathValidator;
import org.quorate.core.testing.TestPki;

/**
 * Issue 3's pipeline-level negative cases, each its own content, made and signed with the openssl
 * binary ({@code openssl ca} credentials, {@code openssl cms -sign -binary -nodetach -outform DER
 * -md sha256}): signer not matching, credential of another member, role not granted, unknown field,
 * and a credential revoked by an earlier {@code crl} contribution ({@code void}).
 */
class OpenSslAdmissionTest {
  private static final String MISSION = "OSSL-TEST";
  private static final JsonMapper JSON = new JsonMapper();

  @TempDir static Path dir;
  private static OpenSslCa pol;
  private static OpenSslCa ltu;
  private static Path authority;
  private static Path clerk;
  private static Path ltuOfficer;
  private static LoadedMission mission;
  private static final java.util.Map<Path, Path> KEYS = new java.util.HashMap<>();

  private static Path issue(OpenSslCa ca, String name, String keyFile) {
    Path key = ca.key(keyFile, "ec256");
    Path cert = ca.issue(name, key, OpenSslCa.START_2020, OpenSslCa.END_2040);
    KEYS.put(cert, key);
    return cert;
  }

  @BeforeAll
  static void coalition() throws Exception {
    pol = OpenSslCa.root(Files.createDirectory(dir.resolve("pol")), "POL Root CA");
    ltu = OpenSslCa.root(Files.createDirectory(dir.resolve("ltu")), "LTU Root CA");
    authority = issue(pol, "POL Authority", "authority.key");
    clerk = issue(pol, "POL Clerk", "clerk.key");
    ltuOfficer = issue(ltu, "LTU Officer", "officer.key");
    ObjectNode g = JSON.createObjectNode();
    g.put("v", 1).put("type", "genesis").put("mission", MISSION);
    ArrayNode members = g.putArray("members");
    members.add(member("POL", pol, OpenSslCa.load(authority), OpenSslCa.load(clerk)));
    members.add(member("LTU", ltu, OpenSslCa.load(ltuOfficer)));
    byte[] bytes = JSON.writeValueAsBytes(g);
    mission = new LoadedMission(MISSION, EventParser.sha256Id(bytes), bytes, false);
  }

  /** Grants approving-authority to the first credential, contribution rights to all. */
  private static ObjectNode member(String id, OpenSslCa ca, X509Certificate... creds)
      throws Exception {
    ObjectNode m = JSON.createObjectNode();
    m.put("id", id);
    m.putArray("trustAnchors").add(TestPki.pem(ca.certificate()));
    ArrayNode grants = m.putArray("grants");
    for (int i = 0; i < creds.length; i++) {
      ObjectNode grant = grants.addObject();
      grant.put("subject", creds[i].getSubjectX500Principal().getName());
      grant.putArray("roles").add(i == 0 ? "approving-authority" : "clerk");
    }
    return m;
  }

  private static Ledger ledger(InMemoryLedgerStore store) {
    store.load(mission);
    return new Ledger(
        new Admission(
            new SignedDataVerifier(), new CertificationPathValidator(), Duration.ofMinutes(5)),
        store,
        Clock.systemUTC(),
        HeldLimits.DEFAULT);
  }

  private static byte[] opensslSign(String json, Path cert) throws Exception {
    Path in = Files.createTempFile(dir, "event", ".json");
    Path out = Files.createTempFile(dir, "event", ".p7m");
    Files.writeString(in, json);
    Path key = KEYS.get(cert);
    OpenSsl.run(
        dir,
        "cms",
        "-sign",
        "-binary",
        "-nodetach",
        "-outform",
        "DER",
        "-md",
        "sha256",
        "-in",
        in.toString(),
        "-signer",
        cert.toString(),
        "-inkey",
        key.toString(),
        "-out",
        out.toString());
    return Files.readAllBytes(out);
  }

  private static String event(Path cert, String member, String type, String body, String extra)
      throws Exception {
    return "{\"v\":1,\"mission\":\""
        + MISSION
        + "\",\"member\":\""
        + member
        + "\",\"signer\":\""
        + Ids.spkiHash(OpenSslCa.load(cert))
        + "\",\"epoch\":0,\"seq\":1,\"prev\":null,\"type\":\""
        + type
        + "\",\"issued\":\""
        + Instant.now().plus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS)
        + "\","
        + extra
        + "\"body\":"
        + body
        + "}";
  }

  private static final String CONTRIBUTION =
      "{\"title\":\"t\",\"digest\":\"sha256:" + "00".repeat(32) + "\"}";

  private static InputRecord admit(byte[] der) {
    return ledger(new InMemoryLedgerStore()).submit(der, "openssl").record();
  }

  @Test
  void validOpenSslContributionIsAdmitted() throws Exception {
    assertThat(
            admit(opensslSign(event(authority, "POL", "contribution", CONTRIBUTION, ""), authority))
                .outcome())
        .isEqualTo(Outcome.ADMITTED);
  }

  @Test
  void signerNotMatchingTheCertificate() throws Exception {
    String json = event(clerk, "POL", "contribution", CONTRIBUTION, "");
    InputRecord r = admit(opensslSign(json, authority));
    assertThat(r.reasonCode()).isEqualTo("signer-mismatch");
  }

  @Test
  void credentialOfAnotherMember() throws Exception {
    InputRecord r =
        admit(opensslSign(event(ltuOfficer, "POL", "contribution", CONTRIBUTION, ""), ltuOfficer));
    assertThat(r.reasonCode()).isEqualTo("anchor-not-member");
  }

  @Test
  void roleNotGranted() throws Exception {
    String body =
        "{\"proposal\":\"sha256:"
            + "11".repeat(32)
            + "\",\"role\":\"approving-authority\",\"verdict\":\"concur\"}";
    InputRecord r = admit(opensslSign(event(clerk, "POL", "attestation", body, ""), clerk));
    assertThat(r.reasonCode()).isEqualTo("role-not-granted");
  }

  @Test
  void unknownField() throws Exception {
    InputRecord r =
        admit(
            opensslSign(
                event(authority, "POL", "contribution", CONTRIBUTION, "\"colour\":\"red\","),
                authority));
    assertThat(r.reasonCode()).isEqualTo("unknown-field");
  }

  @Test
  void credentialRevokedByAnEarlierCrlContributionIsVoid() throws Exception {
    Path victim = issue(pol, "POL Victim", "victim.key");
    pol.revoke(victim);
    byte[] crl = pol.crl().getEncoded();
    InMemoryLedgerStore store = new InMemoryLedgerStore();
    Ledger ledger = ledger(store);
    String crlEvent =
        event(
            authority,
            "POL",
            "crl",
            "{\"crl\":\"" + Base64.getEncoder().encodeToString(crl) + "\"}",
            "");
    assertThat(ledger.submit(opensslSign(crlEvent, authority), "openssl").record().outcome())
        .isEqualTo(Outcome.ADMITTED);
    // The victim holds no grant: "void" is judged at the path, before the role (SPEC §2.5, §2.6).
    InputRecord r =
        ledger
            .submit(
                opensslSign(event(victim, "POL", "contribution", CONTRIBUTION, ""), victim),
                "openssl")
            .record();
    assertThat(r.outcome()).isEqualTo(Outcome.VOID);
    assertThat(r.reasonCode()).isEqualTo("revoked");
  }
}
