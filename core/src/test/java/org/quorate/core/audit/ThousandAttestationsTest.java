package org.quorate.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quorate.core.quorum.QuorumState;
import org.quorate.core.quorum.QuorumStatus;

/**
 * Reconstruction of a decision with 1,000 attestations answers correctly (its time: the JMH bench).
 */
class ThousandAttestationsTest {
  private static ThousandAttestations t;

  @BeforeAll
  static void build() {
    t = ThousandAttestations.build();
  }

  @Test
  void reconstructionOfADecisionWith1000AttestationsAnswersCorrectly() {
    VerificationReport r = new BundleVerifier(VerifyOptions.trustBundleAnchors()).verify(t.bundle);

    assertThat(r.failures()).isEmpty();
    Reconstruction rc = r.reconstruction();
    assertThat(rc.events().stream().filter(e -> e.type().equals("attestation"))).hasSize(1000);
    // 200 endorsements, the proposal, 1,000 attestations, the decision.
    assertThat(rc.events()).hasSize(1202);
    QuorumState s = rc.finalState();
    assertThat(s.status()).isEqualTo(QuorumStatus.ADOPTED);
    assertThat(s.isFinal()).isTrue();
    assertThat(s.n()).isEqualTo(ThousandAttestations.MEMBERS);
    assertThat(s.counts().concur()).isEqualTo(180);
    assertThat(s.counts().dissent()).isEqualTo(20);
    assertThat(s.counts().abstain()).isZero();
    assertThat(s.threshold()).isEqualTo(134); // ceil(2/3 of 200)
    assertThat(rc.dissents()).hasSize(20).allSatisfy(d -> assertThat(d.rationale()).isNotBlank());
    assertThat(rc.decisionId()).isEqualTo(t.decision);
    assertThat(r.checks())
        .filteredOn(c -> c.check().equals("decision"))
        .singleElement()
        .satisfies(c -> assertThat(c.detail()).contains("valid (1000 counted)"));
    // It agrees with the evaluator over the ledger's own admitted events.
    QuorumState expected =
        t.scenario
            .evaluate(
                t.proposal, rc.finalState().decision() == null ? Instant.now() : Instant.now())
            .state();
    assertThat(s.counts()).isEqualTo(expected.counts());
    assertThat(s.status()).isEqualTo(expected.status());
    // The state after the 134th concurring voting-role attestation is the first adopted one.
    List<ReconstructedEvent> votes =
        rc.events().stream()
            .filter(e -> "attestation".equals(e.type()) && AuditScenario.VOTING.equals(e.role()))
            .toList();
    assertThat(votes).hasSize(200);
    long firstAdopted =
        rc.events().stream()
            .filter(e -> e.stateAfter() != null && e.stateAfter().status() == QuorumStatus.ADOPTED)
            .findFirst()
            .map(e -> e.stateAfter().counts().concur())
            .orElseThrow();
    assertThat(firstAdopted).isEqualTo(134);
    long size = t.bundle.files().values().stream().mapToLong(b -> b.length).sum();
    assertThat(size).as("uncompressed bundle bytes").isBetween(1L << 20, 8L << 20);
  }

  @Test
  void decodingOnSeveralThreadsGivesTheSameReport() {
    BundleVerifier verifier = new BundleVerifier(VerifyOptions.trustBundleAnchors());
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(3);
    try {
      VerificationReport parallel = verifier.verify(t.bundle, pool);
      VerificationReport sequential = verifier.verify(t.bundle);

      assertThat(parallel.passed()).isTrue();
      assertThat(ReportJson.text(parallel)).isEqualTo(ReportJson.text(sequential));
    } finally {
      pool.shutdownNow();
    }
  }
}
