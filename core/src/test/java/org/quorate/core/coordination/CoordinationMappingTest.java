package org.quorate.core.coordination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quorate.core.event.Event;
import org.quorate.core.event.EventParser;
import org.quorate.core.event.EventType;
import org.quorate.core.mission.Genesis;
import org.quorate.core.mission.Grant;
import org.quorate.core.mission.Member;
import org.quorate.core.quorum.AttestationRecord;
import org.quorate.core.quorum.DecisionAdvice;
import org.quorate.core.quorum.DecisionRecord;
import org.quorate.core.quorum.DecisionValidator;
import org.quorate.core.quorum.ProposalRecord;
import org.quorate.core.quorum.QuorumDeclarationRecord;
import org.quorate.core.quorum.QuorumStatus;
import org.quorate.core.quorum.RosterSnapshot;
import org.quorate.core.quorum.Verdict;

class CoordinationMappingTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
  private static final String OPERATIONAL =
      "{\"name\":\"operational\",\"votingRole\":\"approving-authority\","
          + "\"threshold\":{\"fraction\":\"2/3\",\"of\":\"members\"},"
          + "\"requireRoles\":[{\"role\":\"legal-advisor\",\"min\":1}],\"deadline\":\"PT24H\"}";

  private static JsonNode json(String s) {
    try {
      return MAPPER.readTree(s);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String id(String seed) {
    return EventParser.sha256Id(seed.getBytes(StandardCharsets.UTF_8));
  }

  private static Event event(String member, EventType type, Instant issued, String body) {
    String content = member + type + issued + body;
    return new Event(
        id(content),
        content.getBytes(StandardCharsets.UTF_8),
        "BALTIC-SHIELD",
        member,
        id("signer-" + member),
        0,
        1,
        null,
        type,
        issued,
        null,
        json(body));
  }

  private static Member member(String id, long weight, String... roles) {
    return new Member(
        id,
        id,
        weight,
        List.of(),
        List.of(
            new Grant(null, id("credential-" + id), Set.of(roles[0])),
            new Grant(null, id("other-" + id), Set.of(roles))));
  }

  private static Genesis genesis(String... policies) {
    List<JsonNode> ps = new ArrayList<>();
    for (String p : policies) {
      ps.add(json(p));
    }
    return new Genesis(
        id("genesis"),
        new byte[0],
        "BALTIC-SHIELD",
        "Baltic Shield",
        null,
        List.of(
            member("POL", 2, "approving-authority", "legal-advisor", "node"),
            member("DEU", 1, "approving-authority"),
            member("FRA", 1, "approving-authority")),
        ps,
        "governance",
        null);
  }

  private static String attestationBody(String proposal, String role, String verdict, String why) {
    return String.format(
        Locale.ROOT,
        "{\"proposal\":\"%s\",\"role\":\"%s\",\"verdict\":\"%s\",\"rationale\":%s,"
            + "\"supersedes\":null}",
        proposal,
        role,
        verdict,
        why == null ? "null" : "\"" + why + "\"");
  }

  @Test
  void rosterOfEpochZeroUnitesTheRolesOfEveryGrantWithTheGenesisWeights() {
    RosterSnapshot r = CoordinationMapping.roster(genesis());
    assertThat(r.epoch()).isZero();
    assertThat(r.members()).containsOnlyKeys("DEU", "FRA", "POL");
    assertThat(r.members().get("POL").roles())
        .containsExactlyInAnyOrder("approving-authority", "legal-advisor", "node");
    assertThat(r.members().get("POL").weight()).isEqualTo(2);
    assertThat(r.members().get("DEU").roles()).containsExactly("approving-authority");
    assertThat(r.active()).hasSize(3);
  }

  @Test
  void attestationBodyMapsToTheRecordWithItsSignerMemberAndIssued() throws Exception {
    String p = id("p");
    Event e =
        event(
            "DEU",
            EventType.ATTESTATION,
            T0,
            attestationBody(p, "approving-authority", "dissent", "too risky"));
    AttestationRecord a = CoordinationMapping.attestation(e);
    assertThat(a.eventId()).isEqualTo(e.eventId());
    assertThat(a.proposal()).isEqualTo(p);
    assertThat(a.member()).isEqualTo("DEU");
    assertThat(a.signer()).isEqualTo(e.signer());
    assertThat(a.verdict()).isEqualTo(Verdict.DISSENT);
    assertThat(a.rationale()).isEqualTo("too risky");
    assertThat(a.supersedes()).isNull();
    assertThat(a.issued()).isEqualTo(T0);
    assertThat(ProposalScope.proposalOf(e)).isEqualTo(p);
    assertThat(ProposalScope.target(e)).isNull();
  }

  @Test
  void governanceProposalNamesTheMemberItsActionIsAbout() throws Exception {
    Event suspend =
        event(
            "POL",
            EventType.PROPOSAL,
            T0,
            "{\"policy\":\"governance\",\"title\":\"t\",\"text\":\"x\","
                + "\"action\":{\"action\":\"suspend-member\",\"member\":\"FRA\"}}");
    Event admit =
        event(
            "POL",
            EventType.PROPOSAL,
            T0,
            "{\"policy\":\"governance\",\"title\":\"t\",\"text\":\"y\","
                + "\"action\":{\"action\":\"admit-member\",\"member\":{\"id\":\"NOR\"}}}");
    Event posture =
        event(
            "POL",
            EventType.PROPOSAL,
            T0,
            "{\"policy\":\"governance\",\"title\":\"t\",\"text\":\"z\","
                + "\"action\":{\"action\":\"change-posture\",\"label\":{}}}");
    assertThat(CoordinationMapping.proposal(suspend).actionSubject()).isEqualTo("FRA");
    assertThat(CoordinationMapping.proposal(admit).actionSubject()).isEqualTo("NOR");
    assertThat(CoordinationMapping.proposal(posture).actionSubject()).isNull();
    assertThat(ProposalScope.proposalOf(suspend)).isEqualTo(suspend.eventId());
  }

  @Test
  void declarationAndRetractionAndDisputeMap() throws Exception {
    String p = id("p");
    Event d =
        event(
            "POL",
            EventType.QUORUM_DECLARATION,
            T0,
            "{\"proposal\":\""
                + p
                + "\",\"reachable\":[\"POL\",\"DEU\"],\"unreachable\":[\"FRA\"],"
                + "\"reason\":\"link down\"}");
    QuorumDeclarationRecord q = CoordinationMapping.declaration(d);
    assertThat(q.reachable()).containsExactlyInAnyOrder("POL", "DEU");
    assertThat(q.unreachable()).containsExactly("FRA");
    Event r =
        event("DEU", EventType.RETRACTION, T0, "{\"event\":\"" + id("a") + "\",\"reason\":\"r\"}");
    assertThat(CoordinationMapping.retraction(r).event()).isEqualTo(id("a"));
    Event dispute =
        event("FRA", EventType.DISPUTE, T0, "{\"event\":\"" + id("a") + "\",\"reason\":\"no\"}");
    assertThat(ProposalScope.target(dispute)).isEqualTo(id("a"));
    assertThat(ProposalScope.proposalOf(dispute)).isNull();
    assertThat(CoordinationMapping.projected(EventType.DISPUTE)).isTrue();
    assertThat(CoordinationMapping.projected(EventType.CRL)).isFalse();
  }

  @Test
  void wrongTypeOrShapeIsRefusedWithTheEventId() {
    Event e =
        event(
            "DEU",
            EventType.ATTESTATION,
            T0,
            "{\"proposal\":7,\"role\":\"r\",\"verdict\":\"concur\"}");
    assertThatThrownBy(() -> CoordinationMapping.attestation(e))
        .isInstanceOf(CoordinationException.class)
        .hasMessageContaining(e.eventId())
        .hasMessageContaining("\"proposal\" is not text");
    assertThatThrownBy(() -> CoordinationMapping.proposal(e))
        .isInstanceOf(CoordinationException.class)
        .hasMessageContaining("not a proposal");
    Event bad =
        event("DEU", EventType.ATTESTATION, T0, attestationBody(id("p"), "r", "maybe", null));
    assertThatThrownBy(() -> CoordinationMapping.attestation(bad))
        .isInstanceOf(CoordinationException.class)
        .hasMessageContaining("unknown verdict maybe");
  }

  @Test
  void policyResolutionFindsValidatesOrRefusesWithReasons() {
    Genesis g =
        genesis(
            OPERATIONAL,
            "{\"name\":\"too-many\",\"votingRole\":\"approving-authority\","
                + "\"threshold\":{\"count\":5},\"deadline\":\"PT1H\"}");
    RosterSnapshot r = CoordinationMapping.roster(g);
    PolicyResolution ok = PolicyResolution.resolve(g, "operational", r);
    assertThat(ok.valid()).isTrue();
    assertThat(ok.policy().votingRole()).isEqualTo("approving-authority");
    PolicyResolution unknown = PolicyResolution.resolve(g, "nope", r);
    assertThat(unknown.valid()).isFalse();
    assertThat(unknown.reason()).contains("no policy named nope");
    PolicyResolution refused = PolicyResolution.resolve(g, "too-many", r);
    assertThat(refused.valid()).isFalse();
    assertThat(refused.reason()).contains("threshold count 5 exceeds n = 3");
    PolicyResolution governance = PolicyResolution.resolve(g, "governance", r);
    assertThat(governance.valid()).isTrue();
    assertThat(governance.policy().exceptActionSubject()).isTrue();
  }

  @Test
  void proposalAdoptedWithOneDissentYieldsADecisionThatParsesAndValidates() throws Exception {
    Genesis g = genesis(OPERATIONAL);
    Event pe =
        event(
            "POL",
            EventType.PROPOSAL,
            T0,
            "{\"policy\":\"operational\",\"title\":\"Move\",\"text\":\"x\",\"action\":null}");
    ProposalRecord p = CoordinationMapping.proposal(pe);
    List<AttestationRecord> atts = new ArrayList<>();
    atts.add(
        CoordinationMapping.attestation(
            event(
                "POL",
                EventType.ATTESTATION,
                T0.plusSeconds(10),
                attestationBody(p.id(), "approving-authority", "concur", null))));
    atts.add(
        CoordinationMapping.attestation(
            event(
                "POL",
                EventType.ATTESTATION,
                T0.plusSeconds(11),
                attestationBody(p.id(), "legal-advisor", "concur", null))));
    ProposalEvaluation open =
        ProposalEvaluation.evaluate(
            g, p, atts, List.of(), List.of(), List.of(), Set.of(), T0.plusSeconds(12));
    assertThat(open.status()).isEqualTo("open");
    assertThat(open.advice()).isEmpty();
    atts.add(
        CoordinationMapping.attestation(
            event(
                "DEU",
                EventType.ATTESTATION,
                T0.plusSeconds(20),
                attestationBody(p.id(), "approving-authority", "concur", null))));
    atts.add(
        CoordinationMapping.attestation(
            event(
                "FRA",
                EventType.ATTESTATION,
                T0.plusSeconds(30),
                attestationBody(p.id(), "approving-authority", "dissent", "Not releasable yet"))));
    Instant now = T0.plusSeconds(31).plusMillis(700);
    ProposalEvaluation adopted =
        ProposalEvaluation.evaluate(g, p, atts, List.of(), List.of(), List.of(), Set.of(), now);
    assertThat(adopted.status()).isEqualTo("adopted");
    assertThat(adopted.state().isFinal()).isFalse();
    assertThat(adopted.state().dissents()).hasSize(1);
    assertThat(adopted.state().dissents().get(0).rationale()).isEqualTo("Not releasable yet");
    DecisionAdvice advice = adopted.advice().orElseThrow();
    assertThat(advice.outcome()).isEqualTo(QuorumStatus.ADOPTED);
    assertThat(advice.counted()).hasSize(4);
    // Issued now, to the millisecond: no attestation held shares that instant (issue 10 item 9).
    assertThat(advice.issued()).isEqualTo(now);

    DecisionContent dc =
        DecisionContent.build("BALTIC-SHIELD", "POL", id("node-POL"), 0, 3, id("prev"), advice);
    Event parsed = new EventParser().parse(dc.content());
    assertThat(parsed.eventId()).isEqualTo(dc.eventId());
    assertThat(parsed.type()).isEqualTo(EventType.DECISION);
    assertThat(parsed.seq()).isEqualTo(3);
    assertThat(parsed.label()).isNull();
    DecisionRecord fromWire = CoordinationMapping.decision(parsed);
    assertThat(fromWire).isEqualTo(dc.record());
    assertThat(DecisionValidator.validate(adopted.inputs(), dc.record()).valid()).isTrue();

    ProposalEvaluation decided =
        ProposalEvaluation.evaluate(
            g, p, atts, List.of(), List.of(), List.of(dc.record()), Set.of(), now.plusSeconds(60));
    assertThat(decided.status()).isEqualTo("adopted");
    assertThat(decided.state().isFinal()).isTrue();
    assertThat(decided.state().decision()).isEqualTo(dc.eventId());
    assertThat(decided.advice()).isEmpty();
  }

  @Test
  void decisionSeqAndPrevMustAgree() {
    DecisionAdvice a = new DecisionAdvice(id("p"), QuorumStatus.ADOPTED, List.of(), null, T0, null);
    assertThatThrownBy(() -> DecisionContent.build("M", "POL", id("s"), 0, 1, id("x"), a))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DecisionContent.build("M", "POL", id("s"), 0, 2, null, a))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void unknownPolicyAndLaterEpochGiveNoStateButAReason() throws Exception {
    Genesis g = genesis(OPERATIONAL);
    ProposalRecord unknown = new ProposalRecord(id("u"), "nope", 0, T0, null);
    ProposalEvaluation e =
        ProposalEvaluation.evaluate(
            g, unknown, List.of(), List.of(), List.of(), List.of(), Set.of(), T0);
    assertThat(e.status()).isEqualTo(ProposalEvaluation.INVALID_POLICY);
    assertThat(e.reason()).contains("no policy named nope");
    assertThat(e.state()).isNull();
    assertThat(e.advice()).isEqualTo(Optional.empty());
    ProposalRecord later = new ProposalRecord(id("l"), "operational", 2, T0, null);
    ProposalEvaluation l =
        ProposalEvaluation.evaluate(
            g, later, List.of(), List.of(), List.of(), List.of(), Set.of(), T0);
    assertThat(l.status()).isEqualTo(ProposalEvaluation.UNKNOWN_EPOCH);
  }

  @Test
  void byzantineMemberCountsForNobody() throws Exception {
    Genesis g = genesis(OPERATIONAL);
    ProposalRecord p = new ProposalRecord(id("b"), "operational", 0, T0, null);
    List<AttestationRecord> atts = new ArrayList<>();
    for (String m : List.of("POL", "DEU")) {
      atts.add(
          CoordinationMapping.attestation(
              event(
                  m,
                  EventType.ATTESTATION,
                  T0.plusSeconds(5),
                  attestationBody(p.id(), "approving-authority", "concur", null))));
    }
    atts.add(
        CoordinationMapping.attestation(
            event(
                "POL",
                EventType.ATTESTATION,
                T0.plusSeconds(6),
                attestationBody(p.id(), "legal-advisor", "concur", null))));
    ProposalEvaluation honest =
        ProposalEvaluation.evaluate(
            g, p, atts, List.of(), List.of(), List.of(), Set.of(), T0.plusSeconds(7));
    assertThat(honest.status()).isEqualTo("adopted");
    ProposalEvaluation forked =
        ProposalEvaluation.evaluate(
            g, p, atts, List.of(), List.of(), List.of(), Set.of("DEU"), T0.plusSeconds(7));
    assertThat(forked.status()).isNotEqualTo("adopted");
    assertThat(forked.state().byzantineMembers()).containsExactly("DEU");
  }
}
