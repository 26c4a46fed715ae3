package org.quorate.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.quorate.core.quorum.QuorumStatus;

/**
 * A decision taken across a partition (SPEC §3 "Finality is relative to what a node held"): POL and
 * LTU concur, the node decides {@code adopted} at minute 20 without LVA's dissent issued at minute
 * 15, which reaches it only later; the decision is then invalid and the node decides again over the
 * complete set. The audit bundle holds both decisions; it verifies offline, the first shown as
 * superseded. Without the valid second decision the bundle does not verify.
 */
class PartitionedDecisionBundleTest {
  private static final BundleVerifier VERIFIER =
      new BundleVerifier(VerifyOptions.trustBundleAnchors());

  private static AuditScenario partitioned(boolean decideAgain) {
    AuditScenario s = AuditScenario.baltic(AuditScenario.policy(AuditScenario.VOTING, "2/3", null));
    s.endorseAll(1);
    String p = s.propose("POL", "Open the northern corridor", 10);
    s.named.put("proposal", p);
    s.attest("POL", AuditScenario.VOTING, "concur", null, null, p, 11);
    s.attest("LTU", AuditScenario.VOTING, "concur", null, null, p, 12);
    s.named.put("first", s.decide(p, s.t0.plus(20, ChronoUnit.MINUTES)));
    // LVA's dissent, issued before the decision, arrives after it.
    s.named.put(
        "dissent", s.attest("LVA", AuditScenario.VOTING, "dissent", "Too early.", null, p, 15));
    if (decideAgain) {
      s.named.put("second", s.decide(p, s.t0.plus(25, ChronoUnit.MINUTES)));
    }
    return s;
  }

  @Test
  void theSupersededDecisionIsShownAndTheBundleVerifies() {
    AuditScenario s = partitioned(true);
    VerificationReport r =
        VERIFIER.verify(AuditScenario.roundTrip(s.bundle(s.named.get("proposal"))));

    assertThat(r.failures()).isEmpty();
    assertThat(r.passed()).isTrue();
    assertThat(r.reconstruction().finalState().status()).isEqualTo(QuorumStatus.ADOPTED);
    assertThat(r.reconstruction().decisionId()).isEqualTo(s.named.get("second"));
    assertThat(r.checks())
        .anySatisfy(
            c -> {
              assertThat(c.check()).isEqualTo("decision");
              assertThat(c.subject()).isEqualTo(s.named.get("first"));
              assertThat(c.detail())
                  .contains("superseded by valid decision " + s.named.get("second"));
              assertThat(c.detail()).contains(s.named.get("dissent"));
            });
  }

  @Test
  void withoutAValidDecisionTheInvalidOneFails() {
    AuditScenario s = partitioned(false);
    VerificationReport r =
        VERIFIER.verify(AuditScenario.roundTrip(s.bundle(s.named.get("proposal"))));

    assertThat(r.passed()).isFalse();
    assertThat(r.failures())
        .anySatisfy(
            c -> {
              assertThat(c.subject()).isEqualTo(s.named.get("first"));
              assertThat(c.reasonCode()).isEqualTo("decision-mismatch");
            });
  }
}
