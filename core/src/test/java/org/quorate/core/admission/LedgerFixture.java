package org.quorate.core.admission;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import org.quorate.core.cms.Ids;
import org.quorate.core.cms.SignedDataVerifier;
import org.quorate.core.event.EventParser;
import org.quorate.core.mission.GenesisParser;
import org.quorate.core.pki.CertificationPathValidator;
import org.quorate.core.testing.TestPki;
import org.quorate.core.testing.TestPki.Credential;

/** A small coalition (POL, LTU) and a way to make fresh in-memory ledgers for it. */
final class LedgerFixture {
  static final String MISSION = "BALTIC-SHIELD";
  static final String POL_AUTHORITY = "CN=POL Approving Authority,O=Poland,C=PL";
  static final String POL_MISSION_AUTHORITY = "CN=POL Mission Authority,O=Poland,C=PL";
  static final String LTU_AUTHORITY = "CN=LTU Approving Authority,O=Lithuania,C=LT";
  static final Instant T0 =
      Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS);
  private static final JsonMapper JSON = new JsonMapper();

  final Credential polCa = TestPki.rootCa("CN=POL Root CA,O=Poland,C=PL");
  final Credential ltuCa = TestPki.rootCa("CN=LTU Root CA,O=Lithuania,C=LT");
  final LoadedMission mission;
  private final Admission admission =
      new Admission(
          new SignedDataVerifier(), new CertificationPathValidator(), Duration.ofMinutes(5));

  LedgerFixture() {
    try {
      ObjectNode g = JSON.createObjectNode();
      g.put("v", 1).put("type", "genesis").put("mission", MISSION).put("name", "Baltic Shield");
      ArrayNode members = g.putArray("members");
      ObjectNode pol = member("POL", polCa, POL_AUTHORITY);
      ObjectNode ma = ((ArrayNode) pol.get("grants")).addObject();
      ma.put("subject", POL_MISSION_AUTHORITY);
      ma.putArray("roles").add("mission-authority");
      members.add(pol);
      members.add(member("LTU", ltuCa, LTU_AUTHORITY));
      g.putArray("policies");
      byte[] bytes = JSON.writeValueAsBytes(g);
      new GenesisParser().parse(bytes);
      mission = new LoadedMission(MISSION, EventParser.sha256Id(bytes), bytes, false);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode member(String id, Credential ca, String subject) {
    ObjectNode m = JSON.createObjectNode();
    m.put("id", id).put("name", id).put("weight", 1);
    m.putArray("trustAnchors").add(ca.pem());
    ObjectNode grant = m.putArray("grants").addObject();
    grant.put("subject", subject);
    grant.putArray("roles").add("approving-authority");
    return m;
  }

  /** A fresh ledger over an empty in-memory store; the mission is loaded unless told not to. */
  Ledger ledger(InMemoryLedgerStore store, boolean loaded) {
    if (loaded) {
      store.load(mission);
    }
    return new Ledger(
        admission,
        store,
        Clock.fixed(T0.plus(2, ChronoUnit.HOURS), ZoneOffset.UTC),
        HeldLimits.DEFAULT);
  }

  /**
   * A ledger over a store as it is (a node restarted over its stored records: nothing cached),
   * telling a listener what it records.
   */
  Ledger ledger(InMemoryLedgerStore store, OutcomeListener listener) {
    return new Ledger(
        admission,
        store,
        Clock.fixed(T0.plus(2, ChronoUnit.HOURS), ZoneOffset.UTC),
        HeldLimits.DEFAULT,
        listener);
  }

  Credential ltuAuthority() {
    return TestPki.signer(
        ltuCa, LTU_AUTHORITY, T0.minus(1, ChronoUnit.DAYS), T0.plus(365, ChronoUnit.DAYS));
  }

  /** The same mission, pending its founders' endorsements. */
  LoadedMission pendingMission() {
    return new LoadedMission(mission.name(), mission.genesisId(), mission.genesis(), true);
  }

  Credential polMissionAuthority() {
    return TestPki.signer(
        polCa, POL_MISSION_AUTHORITY, T0.minus(1, ChronoUnit.DAYS), T0.plus(365, ChronoUnit.DAYS));
  }

  Credential polAuthority() {
    return TestPki.signer(
        polCa, POL_AUTHORITY, T0.minus(1, ChronoUnit.DAYS), T0.plus(365, ChronoUnit.DAYS));
  }

  /** The content of a contribution event, issued at T0 + minutes. */
  static byte[] contribution(
      Credential signer, String member, long seq, String prev, String title, int minutes) {
    return event(
        signer,
        member,
        seq,
        prev,
        "contribution",
        "{\"title\":\"" + title + "\",\"digest\":\"sha256:" + "00".repeat(32) + "\"}",
        minutes);
  }

  /** The content of a crl event carrying a DER CRL. */
  static byte[] crl(
      Credential signer, String member, long seq, String prev, byte[] crl, int minutes) {
    return event(
        signer,
        member,
        seq,
        prev,
        "crl",
        "{\"crl\":\"" + Base64.getEncoder().encodeToString(crl) + "\"}",
        minutes);
  }

  static byte[] event(
      Credential signer,
      String member,
      long seq,
      String prev,
      String type,
      String body,
      int minutes) {
    return TestPki.utf8(
        "{\"v\":1,\"mission\":\""
            + MISSION
            + "\",\"member\":\""
            + member
            + "\",\"signer\":\""
            + Ids.spkiHash(signer.certificate())
            + "\",\"epoch\":0,\"seq\":"
            + seq
            + ",\"prev\":"
            + (prev == null ? "null" : "\"" + prev + "\"")
            + ",\"type\":\""
            + type
            + "\",\"issued\":\""
            + T0.plus(minutes, ChronoUnit.MINUTES)
            + "\",\"body\":"
            + body
            + "}");
  }

  static String id(byte[] content) {
    return Ids.sha256Id(content);
  }
}
