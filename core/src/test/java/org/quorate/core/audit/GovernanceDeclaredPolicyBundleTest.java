package org.quorate.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quorate.core.coordination.EpochChain;
import org.quorate.core.testing.TestPki;

/**
 * Issue 10 item 3 (SPEC §5 {@code policy.json}): the policy in force for a proposal of epoch 1 is
 * the one a governance {@code declare-policy} decision of epoch 0 redeclared; the bundle states it
 * with {@code declaredBy}, the offline verifier resolves it as the evaluator does and refuses the
 * stale genesis version.
 */
class GovernanceDeclaredPolicyBundleTest {
  /** The redeclared policy: unanimity instead of the genesis' 2/3, version 2. */
  static final String UNANIMOUS =
      "{\"name\":\"operational\",\"version\":2,\"votingRole\":\"approving-authority\","
          + "\"threshold\":{\"fraction\":\"1/1\",\"of\":\"members\"},\"requireRoles\":[],"
          + "\"veto\":[],\"byzantineF\":0,\"partial\":null,\"deadline\":\"PT24H\"}";

  private static AuditScenario s;
  private static String declaredBy;
  private static String proposal;
  private static final BundleVerifier VERIFIER =
      new BundleVerifier(VerifyOptions.trustBundleAnchors());

  @BeforeAll
  static void scenario() {
    s = AuditScenario.baltic(AuditScenario.policy(AuditScenario.VOTING, "2/3", null));
    s.endorseAll(1);
    String g =
        s.govern(
            "POL", "{\"action\":\"declare-policy\",\"policy\":" + UNANIMOUS + "}", "Unanimity", 5);
    for (String m : List.of("POL", "LTU", "LVA")) {
      s.attest(m, AuditScenario.VOTING, "concur", null, null, g, 6);
    }
    declaredBy = s.decide(g, s.t0.plus(8, ChronoUnit.MINUTES));
    EpochChain chain = s.ledger.epochsOf(AuditScenario.MISSION).orElseThrow();
    if (chain.epochs().size() != 2) {
      throw new IllegalStateException("the declare-policy decision opened no epoch 1");
    }
    s.epoch = 1;
    proposal = s.propose("POL", "Open the western corridor", 10);
    for (String m : List.of("POL", "LTU", "LVA")) {
      s.attest(m, AuditScenario.VOTING, "concur", null, null, proposal, 11);
    }
    s.decide(proposal, s.t0.plus(20, ChronoUnit.MINUTES));
  }

  @Test
  void aGovernanceDeclaredPolicyIsStatedInThePolicyFileAndVerifies() {
    AuditBundle b = AuditScenario.roundTrip(s.bundle(proposal));

    assertThat(b.policy().path("epoch").asLong()).isEqualTo(1);
    assertThat(b.policy().path("name").asText()).isEqualTo("operational");
    assertThat(b.policy().path("declaredBy").asText()).isEqualTo(declaredBy);
    assertThat(b.policy().path("policy")).isEqualTo(Tamper.json(TestPki.utf8(UNANIMOUS)));
    VerificationReport r = VERIFIER.verify(b);
    assertThat(r.failures()).isEmpty();
    assertThat(r.checks())
        .filteredOn(c -> c.check().equals("policy"))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.passed()).isTrue();
              assertThat(c.detail()).contains("epoch 1").contains(declaredBy);
            });
    assertThat(r.reconstruction().policy().version()).isEqualTo(2);
    assertThat(r.reconstruction().finalState().threshold()).isEqualTo(3);
  }

  @Test
  void staleGenesisPolicySubstitutedInThePolicyFileIsCaught() {
    Map<String, byte[]> f = Tamper.files(s.bundle(proposal));
    ObjectNode p = Tamper.json(f, AuditBundle.POLICY);
    p.set("policy", s.parsed.policies().get(0).deepCopy());
    p.putNull("declaredBy");
    f.put(AuditBundle.POLICY, Tamper.bytes(p));

    VerificationReport r = VERIFIER.verify(Tamper.remanifested(f));

    assertThat(r.passed()).isFalse();
    assertThat(r.failures())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.check()).isEqualTo("policy");
              assertThat(c.reasonCode()).isEqualTo("policy-mismatch");
              assertThat(c.detail())
                  .contains("declaredBy null where \"" + declaredBy + "\" is in force")
                  .contains("\"version\":1");
            });
  }
}
