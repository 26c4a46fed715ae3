package org.quorate.core.admission;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.quorate.core.cms.Ids;
import org.quorate.core.cms.SignedDataVerifier;
import org.quorate.core.event.EventParser;
import org.quorate.core.mission.GenesisParser;
import org.quorate.core.pki.CertificationPathValidator;
import org.quorate.core.testing.TestPki;
import org.quorate.core.testing.TestPki.Credential;

/**
 * A coalition of POL and LTU (approving authorities; POL runs the node) with EST waiting to be
 * admitted by governance, and the signed events of a governance admission. Every event is signed by
 * a fresh credential of its subject (seq 1), so chains never interfere with what is tested.
 */
final class GovernanceFixture {
  static final String MISSION = "NORTHERN-GATE";
  static final String POL_AUTHORITY = "CN=POL Approving Authority,O=Poland,C=PL";
  static final String POL_NODE = "CN=POL Node,O=Poland,C=PL";
  static final String LTU_AUTHORITY = "CN=LTU Approving Authority,O=Lithuania,C=LT";
  static final String EST_AUTHORITY = "CN=EST Approving Authority,O=Estonia,C=EE";
  static final Instant T0 =
      Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS);
  private static final JsonMapper JSON = new JsonMapper();

  final Credential polCa = TestPki.rootCa("CN=POL Root CA,O=Poland,C=PL");
  final Credential ltuCa = TestPki.rootCa("CN=LTU Root CA,O=Lithuania,C=LT");
  final Credential estCa = TestPki.rootCa("CN=EST Root CA,O=Estonia,C=EE");
  final LoadedMission mission;
  private final Admission admission =
      new Admission(
          new SignedDataVerifier(), new CertificationPathValidator(), Duration.ofMinutes(5));

  GovernanceFixture() {
    try {
      ObjectNode g = JSON.createObjectNode();
      g.put("v", 1).put("type", "genesis").put("mission", MISSION).put("name", "Northern Gate");
      ArrayNode members = g.putArray("members");
      ObjectNode pol = member("POL", polCa, POL_AUTHORITY);
      ObjectNode node = ((ArrayNode) pol.get("grants")).addObject();
      node.put("subject", POL_NODE);
      node.putArray("roles").add("node");
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

  static ObjectNode member(String id, Credential ca, String subject) {
    ObjectNode m = JSON.createObjectNode();
    m.put("id", id).put("name", id).put("weight", 1);
    m.putArray("trustAnchors").add(ca.pem());
    ObjectNode grant = m.putArray("grants").addObject();
    grant.put("subject", subject);
    grant.putArray("roles").add("approving-authority");
    return m;
  }

  /** The {@code admit-member} action for EST. */
  String admitEst() {
    return "{\"action\":\"admit-member\",\"member\":"
        + member("EST", estCa, EST_AUTHORITY).toString()
        + "}";
  }

  /**
   * The second governance proposal of the tests, of epoch 0: grant LTU's approving authority the
   * role {@code legal-advisor}, issued at 70 s.
   */
  Signed grantLtuLegalAdvisor() {
    return proposal(
        "{\"action\":\"grant-role\",\"member\":\"LTU\",\"grant\":{\"subject\":\""
            + LTU_AUTHORITY
            + "\",\"roles\":[\"legal-advisor\"]}}",
        "LTU legal advisor",
        70);
  }

  /** A governance proposal and the concurrences of POL's and LTU's approving authorities. */
  record Concurred(Signed proposal, Signed pol, Signed ltu) {
    /**
     * @return the concurrences a decision counts
     */
    List<Signed> counted() {
      return List.of(pol, ltu);
    }

    /**
     * Names them {@code proposal<suffix>}, {@code concur<suffix> POL} and {@code concur<suffix>
     * LTU}, in that order.
     *
     * @param events name to signed event, in the reference order
     * @param suffix e.g. {@code " 2"}, or empty
     */
    void putInto(Map<String, Signed> events, String suffix) {
      events.put("proposal" + suffix, proposal);
      events.put("concur" + suffix + " POL", pol);
      events.put("concur" + suffix + " LTU", ltu);
    }
  }

  /**
   * @param proposal a governance proposal of epoch 0
   * @param polSeconds when POL concurs (seconds after {@link #T0})
   * @param ltuSeconds when LTU concurs
   * @return the proposal with both concurrences (epoch 0)
   */
  Concurred concurred(Signed proposal, int polSeconds, int ltuSeconds) {
    return new Concurred(
        proposal,
        concur(POL_AUTHORITY, "POL", 0, proposal, polSeconds),
        concur(LTU_AUTHORITY, "LTU", 0, proposal, ltuSeconds));
  }

  /** A node's ledger after the events were submitted, and their outcomes. */
  record Run(Ledger ledger, Map<String, String> outcomes) {}

  /**
   * Submits named events to a fresh node in the given order.
   *
   * @param events name to signed event
   * @param order the names, in arrival order
   * @return the ledger, and each event's outcome by name ({@code "rejected stale-epoch"}: the
   *     outcome, then the reason code when there is one), sorted by name
   */
  Run run(Map<String, Signed> events, List<String> order) {
    InMemoryLedgerStore store = new InMemoryLedgerStore();
    Ledger ledger = ledger(store);
    for (String name : order) {
      ledger.submit(events.get(name).der(), "test");
    }
    Map<String, String> out = new TreeMap<>();
    for (Map.Entry<String, Signed> e : events.entrySet()) {
      InputRecord r = store.byInputId(Ids.sha256Id(e.getValue().der())).get();
      out.put(
          e.getKey(), r.outcome().code() + (r.reasonCode() == null ? "" : " " + r.reasonCode()));
    }
    return new Run(ledger, out);
  }

  Ledger ledger(InMemoryLedgerStore store) {
    store.load(mission);
    return new Ledger(
        admission,
        store,
        Clock.fixed(T0.plus(2, ChronoUnit.HOURS), ZoneOffset.UTC),
        HeldLimits.DEFAULT);
  }

  /** A ledger over a store the caller loaded the mission into, with its own clock and limits. */
  Ledger ledger(LedgerStore store, Clock clock, HeldLimits limits) {
    return new Ledger(admission, store, clock, limits);
  }

  Credential credential(String subject) {
    Credential ca = subject.endsWith("C=PL") ? polCa : subject.endsWith("C=LT") ? ltuCa : estCa;
    return TestPki.signer(ca, subject, T0.minus(1, ChronoUnit.DAYS), T0.plus(365, ChronoUnit.DAYS));
  }

  /** A signed event: content and DER. */
  record Signed(String id, byte[] der) {}

  Signed sign(String subject, String member, long epoch, String type, String body, int seconds) {
    return sign(credential(subject), member, epoch, type, body, seconds, 1, null);
  }

  /**
   * A signed event at a chain position of one credential.
   *
   * @param prev the event id at seq−1, null at seq 1
   */
  Signed sign(
      Credential c,
      String member,
      long epoch,
      String type,
      String body,
      int seconds,
      long seq,
      String prev) {
    byte[] content =
        TestPki.utf8(
            "{\"v\":1,\"mission\":\""
                + MISSION
                + "\",\"member\":\""
                + member
                + "\",\"signer\":\""
                + Ids.spkiHash(c.certificate())
                + "\",\"epoch\":"
                + epoch
                + ",\"seq\":"
                + seq
                + ",\"prev\":"
                + (prev == null ? "null" : "\"" + prev + "\"")
                + ",\"type\":\""
                + type
                + "\",\"issued\":\""
                + T0.plus(seconds, ChronoUnit.SECONDS)
                + "\",\"body\":"
                + body
                + "}");
    return new Signed(Ids.sha256Id(content), TestPki.sign(content, c));
  }

  Signed proposal(String action, String title, int seconds) {
    return sign(
        POL_AUTHORITY,
        "POL",
        0,
        "proposal",
        "{\"policy\":\"governance\",\"title\":\""
            + title
            + "\",\"text\":\"t\",\"action\":"
            + action
            + "}",
        seconds);
  }

  Signed concur(String subject, String member, long epoch, Signed proposal, int seconds) {
    return sign(
        subject,
        member,
        epoch,
        "attestation",
        "{\"proposal\":\""
            + proposal.id()
            + "\",\"role\":\"approving-authority\",\"verdict\":\"concur\"}",
        seconds);
  }

  Signed decision(long epoch, Signed proposal, List<Signed> counted, int seconds) {
    return decision(credential(POL_NODE), epoch, proposal, counted, seconds, 1, null);
  }

  /** A decision ({@code adopted}) signed by a given node credential at a chain position. */
  Signed decision(
      Credential node,
      long epoch,
      Signed proposal,
      List<Signed> counted,
      int seconds,
      long seq,
      String prev) {
    StringBuilder ids = new StringBuilder();
    for (Signed s : counted) {
      ids.append(ids.length() == 0 ? "" : ",").append('"').append(s.id()).append('"');
    }
    return sign(
        node,
        "POL",
        epoch,
        "decision",
        "{\"proposal\":\""
            + proposal.id()
            + "\",\"outcome\":\"adopted\",\"counted\":["
            + ids
            + "],\"declaration\":null}",
        seconds,
        seq,
        prev);
  }

  Signed contribution(String subject, String member, long epoch, String title, int seconds) {
    return sign(
        subject,
        member,
        epoch,
        "contribution",
        "{\"title\":\"" + title + "\",\"digest\":\"sha256:" + "00".repeat(32) + "\"}",
        seconds);
  }
}
