package org.quorate.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quorate.core.admission.InputRecord;
import org.quorate.core.quorum.QuorumStatus;

/**
 * A proposal of roster epoch 1 (SPEC §3 "Governance", §5 "Audit bundle"): EST is admitted by a
 * governance decision of epoch 0 and its vote carries the epoch-1 proposal; the verifier derives
 * epoch 1 from the bundle's governance decision with the node's rule and counts over its roster.
 */
class GovernanceBundleTest {
  private static AuditScenario s;
  private static final BundleVerifier VERIFIER =
      new BundleVerifier(VerifyOptions.trustBundleAnchors());

  @BeforeAll
  static void scenario() {
    s = AuditScenario.governanceAdmission();
  }

  private static List<String> failures(VerificationReport r) {
    return r.failures().stream().map(c -> c.check() + "/" + c.reasonCode()).toList();
  }

  @Test
  void aProposalOfEpochOneVerifiesOverTheAdmittedMembersRoster() {
    AuditBundle b = AuditScenario.roundTrip(s.bundle(s.named.get("proposal")));

    VerificationReport r = VERIFIER.verify(b);

    assertThat(failures(r)).isEmpty();
    assertThat(r.passed()).isTrue();
    Reconstruction rc = r.reconstruction();
    assertThat(rc.epoch()).isEqualTo(1);
    assertThat(rc.finalState().status()).isEqualTo(QuorumStatus.ADOPTED);
    assertThat(rc.finalState().isFinal()).isTrue();
    assertThat(rc.finalState().counts().concur()).isEqualTo(3);
    assertThat(rc.decisionId()).isEqualTo(s.named.get("decision"));
    // EST's vote is re-checked against the epoch-1 roster and its anchor travels in anchors/.
    ReconstructedEvent est =
        rc.events().stream()
            .filter(e -> e.eventId().equals(s.named.get("est")))
            .findFirst()
            .orElseThrow();
    assertThat(est.member()).isEqualTo("EST");
    assertThat(est.outcome()).isEqualTo("admitted");
    assertThat(est.lineage().validation()).startsWith("valid at");
    assertThat(b.anchors().keySet()).anyMatch(n -> n.contains("EST"));
    assertThat(r.checks())
        .anyMatch(
            c ->
                c.check().equals("epoch")
                    && c.subject().equals(s.named.get("governance-decision"))
                    && c.passed()
                    && c.detail().contains("opens epoch 1"));
  }

  @Test
  void withoutTheGovernanceDecisionEveryEpochOneEventFailsAsUnknownEpoch() {
    String decisionInput =
        s.store.byEventId(s.named.get("governance-decision")).stream()
            .map(InputRecord::inputId)
            .findFirst()
            .orElseThrow();

    VerificationReport r =
        VERIFIER.verify(
            AuditScenario.roundTrip(
                s.bundle(s.named.get("proposal"), in -> !in.equals(decisionInput))));

    assertThat(r.passed()).isFalse();
    assertThat(failures(r)).contains("epoch/unknown-epoch", "quorum-state/unknown-epoch");
    assertThat(r.failures())
        .filteredOn(c -> c.subject().equals(s.named.get("est")))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.reasonCode()).isEqualTo("unknown-epoch");
              assertThat(c.detail()).contains("no adopted governance decision opening it");
            });
    // EST's anchor is then declared by no epoch the bundle opens.
    assertThat(failures(r)).contains("anchor/genesis-mismatch");
  }

  @Test
  void aGovernanceDecisionMissingACountedAttestationOpensNoEpoch() {
    String polVote =
        s.store.all().stream()
            .filter(x -> "attestation".equals(x.type()) && "POL".equals(x.member()))
            .map(InputRecord::inputId)
            .findFirst()
            .orElseThrow();

    VerificationReport r =
        VERIFIER.verify(
            AuditScenario.roundTrip(s.bundle(s.named.get("proposal"), in -> !in.equals(polVote))));

    assertThat(r.passed()).isFalse();
    assertThat(failures(r)).contains("epoch/unknown-epoch");
  }
}
