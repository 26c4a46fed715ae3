package org.quorate.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quorate.core.admission.InputRecord;
import org.quorate.core.admission.Outcome;
import org.quorate.core.coordination.EpochChain;
import org.quorate.core.coordination.ProposalEvaluation;
import org.quorate.core.quorum.DecisionAdvice;
import org.quorate.core.quorum.QuorumRule;
import org.quorate.core.quorum.QuorumStatus;
import org.quorate.core.testing.TestPki;
import org.quorate.core.testing.TestPki.Credential;

/**
 * Issue 10 item 1, the outside testers' attack (SPEC §1 sovereignty): under the built-in governance
 * policy POL and LTU adopt {@code rotate-trust-anchor} of LVA (which the old rule excepted from the
 * unanimity), install a root of their own for LVA, mint "LVA Authority" under it and concur as LVA
 * on a proposal where LVA holds a veto. Each layer that judges it — the node's evaluator (which
 * advises decisions), the {@link org.quorate.core.admission.Ledger}'s epoch chain and the offline
 * {@link BundleVerifier} — must refuse it alike.
 */
class AnchorTakeoverTest {
  private static final String VETO_POLICY =
      "{\"name\":\"operational\",\"version\":1,\"votingRole\":\"approving-authority\","
          + "\"threshold\":{\"fraction\":\"2/3\",\"of\":\"members\"},\"requireRoles\":[],"
          + "\"veto\":[\"LVA\"],\"byzantineF\":0,\"partial\":null,\"deadline\":\"PT24H\"}";
  private static final String LVA_SUBJECT = "CN=LVA Authority,O=LVA,C=XX";

  private final AuditScenario s = AuditScenario.baltic(VETO_POLICY);
  private final Credential rogueRoot = TestPki.rootCa("CN=LVA Root CA,O=LVA,C=XX");

  /** POL proposes to replace LVA's root by the rogue one; answers the proposal's id. */
  private String rotateLva() {
    String remove =
        org.quorate.core.cms.Ids.sha256Hex(AuditScenario.encoded(s.cas.get("LVA").certificate()));
    return s.govern(
        "POL",
        "{\"action\":\"rotate-trust-anchor\",\"member\":\"LVA\",\"add\":["
            + TextNode.valueOf(rogueRoot.pem())
            + "],\"remove\":[\""
            + remove
            + "\"]}",
        "Rotate LVA",
        5);
  }

  @Test
  void anchorTakeoverByTwoMembersIsRefused() {
    s.endorseAll(1);
    String rotate = rotateLva();
    String pol = s.attest("POL", AuditScenario.VOTING, "concur", null, null, rotate, 6);
    String ltu = s.attest("LTU", AuditScenario.VOTING, "concur", null, null, rotate, 7);

    // The evaluator: LVA is not excepted, so POL and LTU alone do not adopt; no decision is due.
    Instant at = s.t0.plus(8, ChronoUnit.MINUTES);
    ProposalEvaluation ev = s.evaluate(rotate, at);
    assertThat(ev.state().status()).isEqualTo(QuorumStatus.OPEN);
    assertThat(ev.state().n()).isEqualTo(3);
    assertThat(ev.state().missingVoters()).containsExactly("LVA");
    assertThat(ev.advice()).isEmpty();

    // POL's node signs "adopted" anyway: the Ledger's epoch chain does not apply it.
    String forged =
        s.decide(
            new DecisionAdvice(
                rotate,
                QuorumStatus.ADOPTED,
                List.of(pol, ltu),
                null,
                at,
                QuorumRule.THRESHOLD_MET));
    EpochChain chain = s.ledger.epochsOf(AuditScenario.MISSION).orElseThrow();
    assertThat(chain.epochs()).hasSize(1);
    assertThat(chain.decisions())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.decision()).isEqualTo(forged);
              assertThat(d.applied()).isFalse();
              assertThat(d.reason()).contains("not valid").contains("recount yields open");
            });

    // LVA's real official dissents on a proposal where LVA holds a veto; "LVA Authority" minted
    // under the rogue root concurs, naming epoch 1 (never opened) or epoch 0 (not LVA's root).
    String strike = s.propose("POL", "Strike the bridge", 20);
    s.attest("POL", AuditScenario.VOTING, "concur", null, null, strike, 21);
    s.attest("LTU", AuditScenario.VOTING, "concur", null, null, strike, 22);
    s.attest("LVA", AuditScenario.VOTING, "dissent", "Not in our sector.", null, strike, 23);
    Credential minted =
        TestPki.signer(
            rogueRoot, LVA_SUBJECT, s.t0.minus(1, ChronoUnit.DAYS), s.t0.plus(30, ChronoUnit.DAYS));
    s.epoch = 1;
    InputRecord inEpochOne = rogueConcur(minted, strike, 24);
    s.epoch = 0;
    InputRecord inEpochZero = rogueConcur(minted, strike, 25);
    assertThat(inEpochOne.outcome()).isEqualTo(Outcome.HELD);
    assertThat(inEpochOne.reasonCode()).isEqualTo("unknown-epoch");
    assertThat(inEpochZero.outcome()).isEqualTo(Outcome.REJECTED);
    ProposalEvaluation vetoed = s.evaluate(strike, s.t0.plus(30, ChronoUnit.MINUTES));
    assertThat(vetoed.state().status()).isEqualTo(QuorumStatus.REJECTED);
    assertThat(vetoed.state().rule()).isEqualTo(QuorumRule.VETO);
    assertThat(vetoed.state().equivocations()).isEmpty();

    // The offline verifier judges the governance proposal alike: the forged decision does not
    // recompute and no epoch 1 is derived from the bundle.
    VerificationReport r =
        new BundleVerifier(VerifyOptions.trustBundleAnchors())
            .verify(AuditScenario.roundTrip(s.bundle(rotate)));
    assertThat(r.passed()).isFalse();
    assertThat(r.failures())
        .anySatisfy(
            c -> {
              assertThat(c.check()).isEqualTo("decision");
              assertThat(c.subject()).isEqualTo(forged);
              assertThat(c.reasonCode()).isEqualTo("decision-mismatch");
            });
    assertThat(r.checks()).noneMatch(c -> c.passed() && c.detail().contains("opens epoch 1"));
    assertThat(r.reconstruction().finalState().status()).isEqualTo(QuorumStatus.OPEN);
  }

  @Test
  void anchorRotationWithTheMembersOwnConcurOpensTheNextEpoch() {
    s.endorseAll(1);
    String rotate = rotateLva();
    s.attest("POL", AuditScenario.VOTING, "concur", null, null, rotate, 6);
    s.attest("LTU", AuditScenario.VOTING, "concur", null, null, rotate, 7);
    s.attest("LVA", AuditScenario.VOTING, "concur", null, null, rotate, 8);

    String decision = s.decide(rotate, s.t0.plus(9, ChronoUnit.MINUTES));

    EpochChain chain = s.ledger.epochsOf(AuditScenario.MISSION).orElseThrow();
    assertThat(chain.epochs()).hasSize(2);
    assertThat(chain.current().opened().decision()).isEqualTo(decision);
    assertThat(chain.current().member("LVA").orElseThrow().trustAnchors())
        .containsExactly(rogueRoot.certificate());
  }

  private InputRecord rogueConcur(Credential minted, String proposal, int minutes) {
    byte[] content =
        s.content(
            minted,
            "LVA",
            "attestation",
            AuditScenario.attestationBody(AuditScenario.VOTING, "concur", null, null, proposal),
            s.t0.plus(minutes, ChronoUnit.MINUTES));
    return s.ledger.submit(TestPki.sign(content, minted), "test").record();
  }
}
