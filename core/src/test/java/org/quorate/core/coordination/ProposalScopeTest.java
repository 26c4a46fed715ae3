package org.quorate.core.coordination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quorate.core.event.Event;
import org.quorate.core.event.EventParser;
import org.quorate.core.event.EventType;
import org.quorate.core.log.OutcomeCode;
import org.quorate.core.quorum.ProposalRecord;

class ProposalScopeTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

  private static String id(String seed) {
    return EventParser.sha256Id(seed.getBytes(StandardCharsets.UTF_8));
  }

  private static Event event(String member, EventType type, String body) throws Exception {
    String content = member + type + body;
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
        T0,
        null,
        MAPPER.readTree(body));
  }

  private static Event proposal(String text) throws Exception {
    return event(
        "POL",
        EventType.PROPOSAL,
        "{\"policy\":\"operational\",\"title\":\"t\",\"text\":\"" + text + "\"}");
  }

  private static Event attestation(String member, Event proposal) throws Exception {
    return event(
        member,
        EventType.ATTESTATION,
        "{\"proposal\":\""
            + proposal.eventId()
            + "\",\"role\":\"approving-authority\",\"verdict\":\"concur\"}");
  }

  private static Event naming(String member, EventType type, Event target) throws Exception {
    return event(member, type, "{\"event\":\"" + target.eventId() + "\",\"reason\":\"r\"}");
  }

  @Test
  void bearsOnTransitivelyWhateverTheOrderAndNotOnAnotherProposal() throws Exception {
    Event p = proposal("one");
    Event other = proposal("two");
    Event a = attestation("DEU", p);
    Event dispute = naming("FRA", EventType.DISPUTE, a);
    Event retraction = naming("FRA", EventType.RETRACTION, dispute);
    Event elsewhere = attestation("DEU", other);
    Event stray = naming("FRA", EventType.RETRACTION, elsewhere);
    // the retraction of the dispute comes first: the closure still finds it
    List<Event> held = List.of(retraction, stray, dispute, elsewhere, a, other, p);

    List<Event> on = ProposalScope.bearingOn(held, e -> e, Set.of(p.eventId()));

    assertThat(on).containsExactly(retraction, dispute, a, p);
  }

  @Test
  void closureInLogOrderFindsATargetOnlyOnceItsTargetWasSeen() throws Exception {
    Event p = proposal("one");
    Event a = attestation("DEU", p);
    Event r = naming("DEU", EventType.RETRACTION, a);
    ProposalScope.Closure early = new ProposalScope.Closure(Set.of(p.eventId()));
    assertThat(early.add(r)).isFalse();
    ProposalScope.Closure ordered = new ProposalScope.Closure(Set.of(p.eventId()));
    assertThat(ordered.add(p)).isTrue();
    assertThat(ordered.add(a)).isTrue();
    assertThat(ordered.add(r)).isTrue();
    assertThat(ordered.contains(r.eventId())).isTrue();
  }

  @Test
  void aBodyOfTheWrongShapeBearsOnNothing() throws Exception {
    Event p = proposal("one");
    Event bad = event("DEU", EventType.ATTESTATION, "{\"proposal\":7}");
    assertThatThrownBy(() -> ProposalScope.proposalOf(bad))
        .isInstanceOf(CoordinationException.class)
        .hasMessageContaining("proposal");
    assertThat(ProposalScope.namedProposal(bad)).isEmpty();
    assertThat(ProposalScope.bearingOn(List.of(bad, p), e -> e, Set.of(p.eventId())))
        .containsExactly(p);
  }

  @Test
  void onlyChainForkEvidenceMakesAMemberByzantine() {
    assertThat(ProposalScope.makesByzantine(OutcomeCode.EVIDENCE, "chain-fork")).isTrue();
    assertThat(ProposalScope.makesByzantine(OutcomeCode.EVIDENCE, null)).isTrue();
    assertThat(ProposalScope.makesByzantine(OutcomeCode.EVIDENCE, "bad-signature")).isFalse();
    assertThat(ProposalScope.makesByzantine(OutcomeCode.ADMITTED, null)).isFalse();
    assertThat(ProposalScope.makesByzantine(OutcomeCode.VOID, "revoked")).isFalse();
  }

  @Test
  void tallyCountsWhatBearsAndCountsAndRecordsEvidenceForEveryProposal() throws Exception {
    Event p = proposal("one");
    Event other = proposal("two");
    ProposalRecord pr = CoordinationMapping.proposal(p);
    ProposalScope.Tally tally = new ProposalScope.Tally(pr);
    assertThat(tally.add(new ProposalScope.Held(p, true, false))).isTrue();
    assertThat(tally.add(new ProposalScope.Held(attestation("DEU", p), true, false))).isTrue();
    // void: bears on the proposal, but counts for nobody
    assertThat(tally.add(new ProposalScope.Held(attestation("FRA", p), false, false))).isTrue();
    // evidence on another proposal: its member is byzantine here too
    assertThat(tally.add(new ProposalScope.Held(attestation("NOR", other), false, true))).isTrue();
    assertThat(tally.add(new ProposalScope.Held(attestation("DNK", other), true, false))).isFalse();

    assertThat(tally.byzantine()).containsExactly("NOR");
    assertThat(
            tally
                .inputs(
                    org.quorate.core.quorum.QuorumPolicy.governance(),
                    org.quorate.core.quorum.RosterSnapshot.of(0, List.of()),
                    T0)
                .attestations())
        .extracting(x -> x.member())
        .containsExactly("DEU");
  }

  @Test
  void referenceNamesWhatBearingDependsOn() throws Exception {
    Event p = proposal("one");
    Event a = attestation("DEU", p);
    Event d = naming("FRA", EventType.DISPUTE, a);
    assertThat(ProposalScope.reference(p)).isNull();
    assertThat(ProposalScope.reference(a)).isEqualTo(p.eventId());
    assertThat(ProposalScope.reference(d)).isEqualTo(a.eventId());
    assertThat(ProposalScope.reference(naming("FRA", EventType.RETRACTION, d)))
        .isEqualTo(d.eventId());
    assertThat(ProposalScope.reference(event("DEU", EventType.ATTESTATION, "{\"proposal\":7}")))
        .isNull();
    assertThat(ProposalScope.reference(event("DEU", EventType.CONTRIBUTION, "{\"title\":\"x\"}")))
        .isNull();
  }

  /**
   * What a store indexing {@link ProposalScope#reference} reads for some proposals (the proposals,
   * then the events referring to what was read, until nothing new) is a superset of what bears on
   * them: {@link ProposalScope#bearingOn} over it answers as over everything held.
   */
  @Test
  void readingByReferenceFromTheProposalsLosesNothingThatBearsOnThem() throws Exception {
    Event p = proposal("one");
    Event other = proposal("two");
    Event a = attestation("DEU", p);
    Event dispute = naming("FRA", EventType.DISPUTE, a);
    Event retraction = naming("FRA", EventType.RETRACTION, dispute);
    Event retractsProposal = naming("NOR", EventType.RETRACTION, p);
    Event elsewhere = attestation("DEU", other);
    Event stray = naming("FRA", EventType.RETRACTION, elsewhere);
    Event namesAnAttestation = attestation("DNK", a); // an attestation naming a non-proposal
    Event bad = event("DEU", EventType.ATTESTATION, "{\"proposal\":7}");
    List<Event> held =
        List.of(
            retraction,
            stray,
            dispute,
            elsewhere,
            a,
            other,
            retractsProposal,
            namesAnAttestation,
            bad,
            p);
    for (Set<String> proposals :
        List.of(
            Set.of(p.eventId()),
            Set.of(other.eventId()),
            Set.of(p.eventId(), other.eventId()),
            Set.of(a.eventId()))) {
      java.util.Set<Event> read = new java.util.LinkedHashSet<>();
      java.util.Set<String> frontier = new java.util.HashSet<>(proposals);
      for (Event e : held) {
        if (proposals.contains(e.eventId())) {
          read.add(e);
        }
      }
      while (!frontier.isEmpty()) {
        java.util.Set<String> next = new java.util.HashSet<>();
        for (Event e : held) {
          if (frontier.contains(ProposalScope.reference(e)) && read.add(e)) {
            next.add(e.eventId());
          }
        }
        frontier = next;
      }
      List<Event> inStoreOrder = held.stream().filter(read::contains).toList();
      assertThat(ProposalScope.bearingOn(inStoreOrder, e -> e, proposals))
          .as("bearing on %s", proposals)
          .isEqualTo(ProposalScope.bearingOn(held, e -> e, proposals));
    }
    assertThat(ProposalScope.bearingOn(held, e -> e, Set.of(p.eventId())))
        .containsExactlyInAnyOrder(retraction, dispute, a, retractsProposal, p);
  }
}
