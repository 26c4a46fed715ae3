package org.quorate.core.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quorate.core.cms.Ids;
import org.quorate.core.cms.SignedDataVerifier;
import org.quorate.core.event.EventParser;
import org.quorate.core.pki.CertificationPathValidator;
import org.quorate.core.testing.TestPki;
import org.quorate.core.testing.TestPki.Credential;

/**
 * Stage 7 (SPEC §6) through the ledger: a label above the posture, a label not releasable to a
 * member of the epoch, and a cross-mission reference that mission A admitted but mission B (whose
 * roster includes JPN, outside the label's Releasable To list) refuses.
 */
class LedgerLabelTest {
  private static final JsonMapper JSON = new JsonMapper();
  private static final String AUTHORITY = "CN=POL Approving Authority,O=Poland,C=PL";
  private static final String POSTURE =
      "{\"policy\":\"NATO\",\"classification\":\"SECRET\",\"categories\":["
          + "{\"tagName\":\"Releasable To\",\"type\":\"PERMISSIVE\",\"values\":[\"NATO\",\"JPN\"]}]}";
  private static final String NATO_ONLY =
      "{\"policy\":\"NATO\",\"classification\":\"RESTRICTED\",\"categories\":["
          + "{\"tagName\":\"Releasable To\",\"type\":\"PERMISSIVE\",\"values\":[\"NATO\"]}]}";
  private static final String NATO_AND_JPN =
      "{\"policy\":\"NATO\",\"classification\":\"RESTRICTED\",\"categories\":["
          + "{\"tagName\":\"Releasable To\",\"type\":\"PERMISSIVE\",\"values\":[\"NATO\",\"JPN\"]}]}";
  private static final String TOP_SECRET =
      "{\"policy\":\"NATO\",\"classification\":\"TOP SECRET\",\"categories\":["
          + "{\"tagName\":\"Releasable To\",\"type\":\"PERMISSIVE\",\"values\":[\"NATO\"]}]}";

  private static Credential polCa;
  private static Credential otherCa;
  private static LoadedMission missionA;
  private static LoadedMission missionB;

  @BeforeAll
  static void missions() throws Exception {
    polCa = TestPki.rootCa("CN=POL Root CA,O=Poland,C=PL");
    otherCa = TestPki.rootCa("CN=Partner Root CA,O=Partner,C=JP");
    missionA = mission("MISSION-A", "LTU");
    missionB = mission("MISSION-B", "JPN");
  }

  private static LoadedMission mission(String name, String partner) throws Exception {
    ObjectNode g = JSON.createObjectNode();
    g.put("v", 1).put("type", "genesis").put("mission", name);
    g.set("posture", JSON.readTree(POSTURE));
    ArrayNode members = g.putArray("members");
    ObjectNode pol = members.addObject();
    pol.put("id", "POL");
    pol.putArray("trustAnchors").add(polCa.pem());
    ObjectNode grant = pol.putArray("grants").addObject();
    grant.put("subject", AUTHORITY);
    grant.putArray("roles").add("approving-authority");
    ObjectNode other = members.addObject();
    other.put("id", partner);
    other.putArray("trustAnchors").add(otherCa.pem());
    byte[] bytes = JSON.writeValueAsBytes(g);
    return new LoadedMission(name, EventParser.sha256Id(bytes), bytes, false);
  }

  private final InMemoryLedgerStore store = new InMemoryLedgerStore();
  private final Ledger ledger =
      new Ledger(
          new Admission(
              new SignedDataVerifier(), new CertificationPathValidator(), Duration.ofMinutes(5)),
          store,
          Clock.systemUTC(),
          HeldLimits.DEFAULT);

  {
    store.load(missionA);
    store.load(missionB);
  }

  private static byte[] contribution(
      Credential c, String mission, long seq, String prev, String label, String references) {
    ObjectNode e = JSON.createObjectNode();
    e.put("v", 1).put("mission", mission).put("member", "POL");
    e.put("signer", Ids.spkiHash(c.certificate())).put("epoch", 0).put("seq", seq);
    if (prev == null) {
      e.putNull("prev");
    } else {
      e.put("prev", prev);
    }
    e.put("type", "contribution");
    e.put("issued", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    try {
      if (label != null) {
        e.set("label", JSON.readTree(label));
      }
      ObjectNode body = e.putObject("body");
      body.put("title", "t" + seq).put("digest", "sha256:" + "00".repeat(32));
      body.set("references", JSON.readTree(references));
      return JSON.writeValueAsBytes(e);
    } catch (Exception ex) {
      throw new IllegalStateException(ex);
    }
  }

  private InputRecord submit(Credential c, byte[] content) {
    return ledger.submit(TestPki.sign(content, c), "test").record();
  }

  @Test
  void labelAboveThePostureIsRefused() {
    Credential c = TestPki.signer(polCa, AUTHORITY);
    InputRecord r = submit(c, contribution(c, "MISSION-A", 1, null, TOP_SECRET, "[]"));
    assertThat(r.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(r.reasonCode()).isEqualTo("above-posture");
  }

  @Test
  void labelNotReleasableToAMemberIsRefusedNamingIt() {
    Credential c = TestPki.signer(polCa, AUTHORITY);
    InputRecord r = submit(c, contribution(c, "MISSION-B", 1, null, NATO_ONLY, "[]"));
    assertThat(r.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(r.reasonCode()).isEqualTo("not-releasable");
    assertThat(r.reason()).contains("JPN");
  }

  @Test
  void crossMissionReferenceAdmittedInAIsRefusedByB() {
    Credential a = TestPki.signer(polCa, AUTHORITY);
    byte[] inA = contribution(a, "MISSION-A", 1, null, NATO_ONLY, "[]");
    byte[] shared = contribution(a, "MISSION-A", 2, Ids.sha256Id(inA), NATO_AND_JPN, "[]");
    assertThat(submit(a, inA).outcome()).isEqualTo(Outcome.ADMITTED);
    assertThat(submit(a, shared).outcome()).isEqualTo(Outcome.ADMITTED);

    Credential b = TestPki.signer(polCa, AUTHORITY);
    String refusedRef = "[{\"mission\":\"MISSION-A\",\"event\":\"" + Ids.sha256Id(inA) + "\"}]";
    String admittedRef = "[{\"mission\":\"MISSION-A\",\"event\":\"" + Ids.sha256Id(shared) + "\"}]";
    InputRecord refused = submit(b, contribution(b, "MISSION-B", 1, null, null, refusedRef));
    Credential b2 = TestPki.signer(polCa, AUTHORITY);
    InputRecord admitted = submit(b2, contribution(b2, "MISSION-B", 1, null, null, admittedRef));

    assertThat(refused.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(refused.reasonCode()).isEqualTo("reference-not-admissible");
    assertThat(refused.reason()).contains("JPN");
    assertThat(admitted.outcome()).isEqualTo(Outcome.ADMITTED);
    // Markings as the NATO SPIF writes them: the event's own label, else the mission posture.
    assertThat(record(inA).marking()).contains("RESTRICTED");
    assertThat(admitted.marking()).contains("SECRET");
  }

  private InputRecord record(byte[] content) {
    return store.all().stream()
        .filter(r -> Ids.sha256Id(content).equals(r.eventId()))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void referenceToAnEventNotYetHeldWaitsForIt() {
    Credential a = TestPki.signer(polCa, AUTHORITY);
    byte[] later = contribution(a, "MISSION-A", 1, null, NATO_AND_JPN, "[]");
    Credential b = TestPki.signer(polCa, AUTHORITY);
    String ref = "[{\"mission\":\"MISSION-A\",\"event\":\"" + Ids.sha256Id(later) + "\"}]";
    InputRecord waiting = submit(b, contribution(b, "MISSION-B", 1, null, null, ref));
    assertThat(waiting.outcome()).isEqualTo(Outcome.HELD);
    assertThat(waiting.reasonCode()).isEqualTo("unknown-reference");

    submit(a, later);

    assertThat(waiting.outcome()).isEqualTo(Outcome.ADMITTED);
  }
}
