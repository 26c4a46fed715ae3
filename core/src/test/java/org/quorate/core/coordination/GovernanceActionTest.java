package org.quorate.core.coordination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quorate.core.mission.Genesis;
import org.quorate.core.mission.GenesisParser;
import org.quorate.core.mission.Member;
import org.quorate.core.mission.Roster;
import org.quorate.core.quorum.AttestationRecord;
import org.quorate.core.quorum.ProposalRecord;
import org.quorate.core.quorum.RosterSnapshot;
import org.quorate.core.quorum.Verdict;
import org.quorate.core.testing.TestPki;
import org.quorate.core.testing.TestPki.Credential;

/** Each governance action of SPEC §1 applied to a roster epoch, and its refusals. */
class GovernanceActionTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Credential POL_CA = TestPki.rootCa("CN=POL Root CA,O=Poland,C=PL");
  private static final Credential LTU_CA = TestPki.rootCa("CN=LTU Root CA,O=Lithuania,C=LT");
  private static final Credential EST_CA = TestPki.rootCa("CN=EST Root CA,O=Estonia,C=EE");
  private static final Instant T = Instant.parse("2026-11-29T10:00:00Z");
  private final GenesisParser parser = new GenesisParser();
  private final Genesis genesis = genesis();
  private final Roster epoch0 = Roster.genesis(genesis);
  private final Roster.Opening opening = new Roster.Opening("sha256:d", "sha256:p", T, "x");

  private Genesis genesis() {
    String g =
        "{\"v\":1,\"type\":\"genesis\",\"mission\":\"M\",\"members\":["
            + member("POL", POL_CA, "CN=POL AA,C=PL")
            + ","
            + member("LTU", LTU_CA, "CN=LTU AA,C=LT")
            + "],\"policies\":[]}";
    try {
      return new GenesisParser().parse(g.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String member(String id, Credential ca, String subject) {
    return "{\"id\":\""
        + id
        + "\",\"weight\":1,\"trustAnchors\":["
        + MAPPER.valueToTree(ca.pem())
        + "],\"grants\":[{\"subject\":\""
        + subject
        + "\",\"roles\":[\"approving-authority\"]}]}";
  }

  private Roster apply(String action) throws Exception {
    return GovernanceAction.apply(epoch0, MAPPER.readTree(action), opening, parser);
  }

  private static List<String> ids(Roster r) {
    return r.members().stream().map(Member::id).toList();
  }

  @Test
  void admitMemberAppendsItAndOpensTheNextEpoch() throws Exception {
    Roster r =
        apply("{\"action\":\"admit-member\",\"member\":" + member("EST", EST_CA, "CN=E") + "}");
    assertThat(r.epoch()).isEqualTo(1);
    assertThat(ids(r)).containsExactly("POL", "LTU", "EST");
    assertThat(r.opened()).isEqualTo(opening);
    assertThat(ids(epoch0)).containsExactly("POL", "LTU");
  }

  @Test
  void admittingAMemberTwiceIsRefused() {
    assertThatThrownBy(
            () ->
                apply(
                    "{\"action\":\"admit-member\",\"member\":"
                        + member("LTU", LTU_CA, "CN=L")
                        + "}"))
        .isInstanceOf(GovernanceException.class)
        .hasMessageContaining("LTU is already a member in epoch 0");
  }

  @Test
  void aSuspendedMemberStaysButIsLeftOutOfN() throws Exception {
    Roster r = apply("{\"action\":\"suspend-member\",\"member\":\"LTU\"}");
    assertThat(ids(r)).containsExactly("POL", "LTU");
    assertThat(r.suspended()).containsExactly("LTU");
    RosterSnapshot s = CoordinationMapping.roster(r);
    assertThat(s.active()).extracting(RosterSnapshot.Member::id).containsExactly("POL");
    assertThatThrownBy(
            () ->
                GovernanceAction.apply(
                    r,
                    MAPPER.readTree("{\"action\":\"suspend-member\",\"member\":\"LTU\"}"),
                    opening,
                    parser))
        .hasMessageContaining("already suspended");
  }

  @Test
  void aSuspendedMemberIsReinstatedIntoN() throws Exception {
    Roster suspended = apply("{\"action\":\"suspend-member\",\"member\":\"LTU\"}");
    Roster r =
        GovernanceAction.apply(
            suspended,
            MAPPER.readTree("{\"action\":\"reinstate-member\",\"member\":\"LTU\"}"),
            opening,
            parser);
    assertThat(r.epoch()).isEqualTo(2);
    assertThat(r.suspended()).isEmpty();
    assertThat(CoordinationMapping.roster(r).active())
        .extracting(RosterSnapshot.Member::id)
        .containsExactly("LTU", "POL");
    assertThatThrownBy(() -> apply("{\"action\":\"reinstate-member\",\"member\":\"LTU\"}"))
        .isInstanceOf(GovernanceException.class)
        .hasMessageContaining("LTU is not suspended in epoch 0");
  }

  @Test
  void memberIdTakeoverAfterWithdrawalIsRefused() throws Exception {
    Roster withdrawn = apply("{\"action\":\"withdraw-member\",\"member\":\"LTU\"}");
    assertThat(withdrawn.withdrawn()).containsExactly("LTU");
    Credential rogue = TestPki.rootCa("CN=LTU Root CA,O=Lithuania,C=LT");
    assertThatThrownBy(
            () ->
                GovernanceAction.apply(
                    withdrawn,
                    MAPPER.readTree(
                        "{\"action\":\"admit-member\",\"member\":"
                            + member("LTU", rogue, "CN=LTU AA,C=LT")
                            + "}"),
                    opening,
                    parser))
        .isInstanceOf(GovernanceException.class)
        .hasMessageContaining("LTU was withdrawn")
        .hasMessageContaining("never admitted again");
    // The memory of the withdrawal outlives later epochs.
    Roster later =
        GovernanceAction.apply(
            withdrawn,
            MAPPER.readTree("{\"action\":\"change-posture\",\"label\":null}"),
            opening,
            parser);
    assertThat(later.isWithdrawn("LTU")).isTrue();
  }

  @Test
  void whoMustAgreeDependsOnTheAction() {
    assertThat(GovernanceAction.subjectRule("suspend-member"))
        .isEqualTo(ProposalRecord.SubjectRule.EXCEPTED);
    assertThat(GovernanceAction.subjectRule("withdraw-member"))
        .isEqualTo(ProposalRecord.SubjectRule.EXCEPTED);
    for (String own : List.of("rotate-trust-anchor", "grant-role", "revoke-role")) {
      assertThat(GovernanceAction.subjectRule(own))
          .as(own)
          .isEqualTo(ProposalRecord.SubjectRule.CONSENT);
    }
    for (String other : List.of("admit-member", "reinstate-member", "change-posture")) {
      assertThat(GovernanceAction.subjectRule(other))
          .as(other)
          .isEqualTo(ProposalRecord.SubjectRule.COUNTED);
    }
  }

  @Test
  void withdrawRemovesTheMemberButNeverTheLast() throws Exception {
    Roster r = apply("{\"action\":\"withdraw-member\",\"member\":\"LTU\"}");
    assertThat(ids(r)).containsExactly("POL");
    assertThatThrownBy(
            () ->
                GovernanceAction.apply(
                    r,
                    MAPPER.readTree("{\"action\":\"withdraw-member\",\"member\":\"POL\"}"),
                    opening,
                    parser))
        .hasMessageContaining("last member");
    assertThatThrownBy(() -> apply("{\"action\":\"withdraw-member\",\"member\":\"FRA\"}"))
        .hasMessageContaining("FRA is not a member in epoch 0");
  }

  @Test
  void grantAndRevokeRole() throws Exception {
    String grant =
        "\"member\":\"LTU\",\"grant\":{\"subject\":\"CN=LTU AA,C=LT\",\"roles\":[\"legal-advisor\"]}";
    Roster granted = apply("{\"action\":\"grant-role\"," + grant + "}");
    assertThat(CoordinationMapping.roster(granted).members().get("LTU").roles())
        .containsExactlyInAnyOrder("approving-authority", "legal-advisor");
    Roster revoked =
        GovernanceAction.apply(
            granted,
            MAPPER.readTree("{\"action\":\"revoke-role\"," + grant + "}"),
            opening,
            parser);
    assertThat(CoordinationMapping.roster(revoked).members().get("LTU").roles())
        .containsExactly("approving-authority");
    assertThatThrownBy(() -> apply("{\"action\":\"revoke-role\"," + grant + "}"))
        .hasMessageContaining("holds none of the roles");
  }

  @Test
  void changePostureAndDeclarePolicy() throws Exception {
    Roster r = apply("{\"action\":\"change-posture\",\"label\":null}");
    assertThat(r.posture()).isNull();
    String policy =
        "{\"name\":\"operational\",\"version\":2,\"votingRole\":\"approving-authority\","
            + "\"threshold\":{\"fraction\":\"1/2\",\"of\":\"members\"},\"deadline\":\"PT24H\"}";
    Roster declared = apply("{\"action\":\"declare-policy\",\"policy\":" + policy + "}");
    assertThat(declared.policies()).hasSize(1);
    assertThat(declared.policies().get(0).path("version").asInt()).isEqualTo(2);
    assertThat(
            PolicyResolution.resolve(declared, "operational", CoordinationMapping.roster(declared))
                .valid())
        .isTrue();
    assertThatThrownBy(
            () -> apply("{\"action\":\"declare-policy\",\"policy\":{\"name\":\"x\",\"bogus\":1}}"))
        .isInstanceOf(GovernanceException.class)
        .hasMessageStartingWith("declare-policy");
  }

  @Test
  void rotateTrustAnchorAddsAndRemovesByHash() throws Exception {
    Credential newCa = TestPki.rootCa("CN=POL Root CA 2,O=Poland,C=PL");
    String old =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256").digest(POL_CA.certificate().getEncoded()));
    Roster r =
        apply(
            "{\"action\":\"rotate-trust-anchor\",\"member\":\"POL\",\"add\":["
                + MAPPER.valueToTree(newCa.pem())
                + "],\"remove\":[\"sha256:"
                + old
                + "\"]}");
    assertThat(r.member("POL").orElseThrow().trustAnchors()).containsExactly(newCa.certificate());
    assertThatThrownBy(
            () ->
                apply(
                    "{\"action\":\"rotate-trust-anchor\",\"member\":\"POL\",\"remove\":[\""
                        + old
                        + "\"]}"))
        .hasMessageContaining("without a trust anchor");
  }

  @Test
  void anUnknownActionIsRefused() {
    assertThatThrownBy(() -> apply("{\"action\":\"dissolve-mission\"}"))
        .hasMessageContaining("\"dissolve-mission\" is not a governance action");
  }

  @Test
  void aMemberAdmittedLaterCannotVoteOnAnOlderProposal() throws Exception {
    Roster epoch1 =
        apply("{\"action\":\"admit-member\",\"member\":" + member("EST", EST_CA, "CN=E") + "}");
    String policy =
        "{\"name\":\"operational\",\"version\":1,\"votingRole\":\"approving-authority\","
            + "\"threshold\":{\"fraction\":\"1/2\",\"of\":\"members\"},\"deadline\":\"PT24H\"}";
    JsonNode p = MAPPER.readTree(policy);
    Roster e0 = new Roster(0, epoch0.members(), Set.of(), null, List.of(p), "governance", null);
    Roster e1 = new Roster(1, epoch1.members(), Set.of(), null, List.of(p), "governance", opening);
    List<AttestationRecord> atts =
        List.of(
            new AttestationRecord(
                "sha256:a1",
                "sha256:p0",
                "EST",
                "sha256:s",
                "approving-authority",
                Verdict.CONCUR,
                null,
                null,
                T.plusSeconds(10)));
    var old =
        ProposalEvaluation.evaluate(
            genesis,
            e0,
            new ProposalRecord("sha256:p0", "operational", 0, T, null),
            atts,
            List.of(),
            List.of(),
            List.of(),
            Set.of(),
            T.plusSeconds(20));
    assertThat(old.state().n()).isEqualTo(2);
    assertThat(old.state().ineligible()).containsExactly("sha256:a1");
    List<AttestationRecord> atts1 =
        List.of(
            new AttestationRecord(
                "sha256:a2",
                "sha256:p1",
                "EST",
                "sha256:s",
                "approving-authority",
                Verdict.CONCUR,
                null,
                null,
                T.plusSeconds(10)));
    var current =
        ProposalEvaluation.evaluate(
            genesis,
            e1,
            new ProposalRecord("sha256:p1", "operational", 1, T, null),
            atts1,
            List.of(),
            List.of(),
            List.of(),
            Set.of(),
            T.plusSeconds(20));
    assertThat(current.state().n()).isEqualTo(3);
    assertThat(current.state().ineligible()).isEmpty();
    assertThat(current.state().counts().concur()).isEqualTo(1);
  }
}
