package org.quorate.core.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quorate.core.cms.Ids;
import org.quorate.core.cms.SignedDataVerifier;
import org.quorate.core.mission.Genesis;
import org.quorate.core.mission.GenesisParser;
import org.quorate.core.pki.CertificationPathValidator;
import org.quorate.core.reason.AdmissionException;
import org.quorate.core.reason.ReasonCode;
import org.quorate.core.testing.TestPki;
import org.quorate.core.testing.TestPki.Credential;

/** The admission façade over a small coalition (POL, LTU) built with Bouncy Castle at run time. */
class AdmissionTest {
  private static final String MISSION = "BALTIC-SHIELD";
  private static final JsonMapper JSON = new JsonMapper();
  private static final String POL_AUTHORITY = "CN=POL Approving Authority,O=Poland,C=PL";
  private static final String LTU_AUTHORITY = "CN=LTU Approving Authority,O=Lithuania,C=LT";
  private static Credential polCa;
  private static Credential ltuCa;
  private static Credential polAuthority;
  private static Credential ltuAuthority;
  private static Credential ltuIssuedClaimingPol;
  private static Genesis genesis;

  private final Admission admission =
      new Admission(
          new SignedDataVerifier(), new CertificationPathValidator(), Duration.ofMinutes(5));
  private InMemoryMissionFacts facts;
  private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @BeforeAll
  static void coalition() throws Exception {
    polCa = TestPki.rootCa("CN=POL Root CA,O=Poland,C=PL");
    ltuCa = TestPki.rootCa("CN=LTU Root CA,O=Lithuania,C=LT");
    polAuthority = TestPki.signer(polCa, POL_AUTHORITY);
    ltuAuthority = TestPki.signer(ltuCa, LTU_AUTHORITY);
    // Same subject as POL's authority, but issued by LTU's CA.
    ltuIssuedClaimingPol = TestPki.signer(ltuCa, POL_AUTHORITY);
    ObjectNode g = JSON.createObjectNode();
    g.put("v", 1).put("type", "genesis").put("mission", MISSION).put("name", "Baltic Shield");
    ArrayNode members = g.putArray("members");
    members.add(member("POL", polCa, POL_AUTHORITY));
    members.add(member("LTU", ltuCa, LTU_AUTHORITY));
    g.putArray("policies");
    g.put("governancePolicy", "governance");
    genesis = new GenesisParser().parse(JSON.writeValueAsBytes(g));
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

  @BeforeEach
  void freshMission() {
    facts = new InMemoryMissionFacts(genesis);
  }

  private static byte[] event(
      Credential signer, String member, long seq, String prev, String type, String body) {
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
            + Instant.now().truncatedTo(ChronoUnit.SECONDS)
            + "\",\"body\":"
            + body
            + "}");
  }

  private static String contribution(String title) {
    return "{\"title\":\"" + title + "\",\"digest\":\"sha256:" + "00".repeat(32) + "\"}";
  }

  private Judgement admit(byte[] der) throws AdmissionException {
    DecodedContribution d = admission.decode(der);
    Judgement j = admission.judge(d, facts, now);
    facts.record(d.event(), j.outcome());
    return j;
  }

  @Test
  void authorityOfTheClaimedMemberIsAdmittedWithRolesAndPath() throws Exception {
    Judgement j =
        admit(
            TestPki.sign(
                event(polAuthority, "POL", 1, null, "contribution", contribution("a")),
                polAuthority));
    assertThat(j.outcome()).isEqualTo(Outcome.ADMITTED);
    assertThat(j.roles()).containsExactly("approving-authority");
    assertThat(j.path()).isNotEmpty();
  }

  @Test
  void credentialOfAnotherMembersAnchorIsRefusedNamingThatMember() throws Exception {
    Judgement j =
        admit(
            TestPki.sign(
                event(ltuIssuedClaimingPol, "POL", 1, null, "contribution", contribution("x")),
                ltuIssuedClaimingPol));
    assertThat(j.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(j.reasonCode()).isEqualTo(ReasonCode.ANCHOR_NOT_MEMBER);
    assertThat(j.reason()).contains("LTU").contains("POL");
  }

  @Test
  void signerFieldNotMatchingTheCertificateIsRefused() {
    byte[] content = event(ltuAuthority, "POL", 1, null, "contribution", contribution("y"));
    assertThatThrownBy(() -> admission.decode(TestPki.sign(content, polAuthority)))
        .isInstanceOfSatisfying(
            AdmissionException.class,
            e -> assertThat(e.reasonCode()).isEqualTo(ReasonCode.SIGNER_MISMATCH));
  }

  @Test
  void roleNotGrantedIsRefused() throws Exception {
    String body =
        "{\"proposal\":\"sha256:"
            + "11".repeat(32)
            + "\",\"role\":\"legal-advisor\",\"verdict\":\"concur\"}";
    Judgement j =
        admit(TestPki.sign(event(polAuthority, "POL", 1, null, "attestation", body), polAuthority));
    assertThat(j.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(j.reasonCode()).isEqualTo(ReasonCode.ROLE_NOT_GRANTED);
    assertThat(j.reason()).contains("legal-advisor");
  }

  @Test
  void unknownMissionIsHeldNotRejected() throws Exception {
    facts = new InMemoryMissionFacts(null);
    Judgement j =
        admit(
            TestPki.sign(
                event(polAuthority, "POL", 1, null, "contribution", contribution("z")),
                polAuthority));
    assertThat(j.outcome()).isEqualTo(Outcome.HELD);
    assertThat(j.reasonCode()).isEqualTo(ReasonCode.UNKNOWN_MISSION);
    assertThat(j.waitingOn()).isEqualTo("mission:" + MISSION);
  }

  @Test
  void outOfOrderChainIsHeldUntilItsPredecessorThenAdmitted() throws Exception {
    byte[] first = event(polAuthority, "POL", 1, null, "contribution", contribution("1"));
    String firstId = Ids.sha256Id(first);
    byte[] second = event(polAuthority, "POL", 2, firstId, "contribution", contribution("2"));
    Judgement early = admit(TestPki.sign(second, polAuthority));
    assertThat(early.outcome()).isEqualTo(Outcome.HELD);
    assertThat(early.reasonCode()).isEqualTo(ReasonCode.CHAIN_GAP);
    assertThat(early.waitingOn()).isEqualTo("event:" + firstId);
    assertThat(admit(TestPki.sign(first, polAuthority)).outcome()).isEqualTo(Outcome.ADMITTED);
    assertThat(admit(TestPki.sign(second, polAuthority)).outcome()).isEqualTo(Outcome.ADMITTED);
  }

  @Test
  void twoEventsAtOneSeqAreAChainFork() throws Exception {
    assertThat(
            admit(
                    TestPki.sign(
                        event(polAuthority, "POL", 1, null, "contribution", contribution("a")),
                        polAuthority))
                .outcome())
        .isEqualTo(Outcome.ADMITTED);
    Judgement fork =
        admit(
            TestPki.sign(
                event(polAuthority, "POL", 1, null, "contribution", contribution("b")),
                polAuthority));
    assertThat(fork.outcome()).isEqualTo(Outcome.EVIDENCE);
    assertThat(fork.reasonCode()).isEqualTo(ReasonCode.CHAIN_FORK);
    assertThat(fork.conflictsWith()).startsWith("sha256:");
  }

  @Test
  void theSameEventSignedAgainIsADuplicate() throws Exception {
    byte[] content = event(polAuthority, "POL", 1, null, "contribution", contribution("d"));
    assertThat(admit(TestPki.sign(content, polAuthority)).outcome()).isEqualTo(Outcome.ADMITTED);
    // A second SignedData over the same content: a different input, the same event.
    assertThat(admit(TestPki.sign(content, polAuthority)).outcome()).isEqualTo(Outcome.DUPLICATE);
  }

  @Test
  void expiredCredentialIsRefusedAtIssued() throws Exception {
    Credential old =
        TestPki.signer(
            polCa, POL_AUTHORITY, now.minus(30, ChronoUnit.DAYS), now.minus(1, ChronoUnit.DAYS));
    Judgement j =
        admit(TestPki.sign(event(old, "POL", 1, null, "contribution", contribution("e")), old));
    assertThat(j.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(j.reasonCode()).isEqualTo(ReasonCode.EXPIRED);
  }

  @Test
  void pendingMissionHoldsAllButEndorsements() throws Exception {
    facts.pending = true;
    Judgement j =
        admit(
            TestPki.sign(
                event(polAuthority, "POL", 1, null, "contribution", contribution("p")),
                polAuthority));
    assertThat(j.outcome()).isEqualTo(Outcome.HELD);
    assertThat(j.reasonCode()).isEqualTo(ReasonCode.MISSION_PENDING);
    String endorsement = "{\"genesis\":\"" + genesis.genesisId() + "\"}";
    assertThat(
            admit(
                    TestPki.sign(
                        event(ltuAuthority, "LTU", 1, null, "genesis-endorsement", endorsement),
                        ltuAuthority))
                .outcome())
        .isEqualTo(Outcome.ADMITTED);
  }
}
