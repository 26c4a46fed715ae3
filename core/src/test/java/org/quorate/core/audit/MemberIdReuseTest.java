package org.quorate.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.quorate.core.coordination.EpochChain;
import org.quorate.core.testing.TestPki;
import org.quorate.core.testing.TestPki.Credential;

/**
 * Issue 10 item 11 (SPEC §1: a withdrawn member's id is never admitted again): POL and LTU withdraw
 * LVA (the built-in governance policy excepts the member withdrawn), then adopt the admission of a
 * "new" LVA with a root of their own making. The admission is shown as not applied, with why, and
 * no epoch gives the LVA id to anyone else.
 */
class MemberIdReuseTest {
  @Test
  void memberIdTakeoverByWithdrawAndReadmitIsRefused() {
    AuditScenario s = AuditScenario.baltic(AuditScenario.policy(AuditScenario.VOTING, "2/3", null));
    s.endorseAll(1);
    String withdraw =
        s.govern("POL", "{\"action\":\"withdraw-member\",\"member\":\"LVA\"}", "Withdraw LVA", 5);
    s.attest("POL", AuditScenario.VOTING, "concur", null, null, withdraw, 6);
    s.attest("LTU", AuditScenario.VOTING, "concur", null, null, withdraw, 6);
    s.decide(withdraw, s.t0.plus(7, ChronoUnit.MINUTES));
    assertThat(s.ledger.epochsOf(AuditScenario.MISSION).orElseThrow().epochs()).hasSize(2);

    s.epoch = 1;
    Credential rogue = TestPki.rootCa("CN=LVA Root CA,O=LVA,C=XX");
    String member =
        "{\"id\":\"LVA\",\"name\":\"LVA\",\"weight\":1,\"trustAnchors\":["
            + TextNode.valueOf(rogue.pem())
            + "],\"grants\":[{\"subject\":\"CN=LVA Authority,O=LVA,C=XX\","
            + "\"roles\":[\"approving-authority\"]}]}";
    String admit =
        s.govern("POL", "{\"action\":\"admit-member\",\"member\":" + member + "}", "Admit LVA", 10);
    s.attest("POL", AuditScenario.VOTING, "concur", null, null, admit, 11);
    s.attest("LTU", AuditScenario.VOTING, "concur", null, null, admit, 11);
    String decision = s.decide(admit, s.t0.plus(12, ChronoUnit.MINUTES));

    EpochChain chain = s.ledger.epochsOf(AuditScenario.MISSION).orElseThrow();
    assertThat(chain.epochs()).hasSize(2);
    assertThat(chain.current().member("LVA")).isEmpty();
    assertThat(chain.current().withdrawn()).containsExactly("LVA");
    assertThat(chain.decisions())
        .filteredOn(d -> d.decision().equals(decision))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.applied()).isFalse();
              assertThat(d.action()).isEqualTo("admit-member");
              assertThat(d.reason())
                  .contains("LVA was withdrawn")
                  .contains("never admitted again")
                  .contains("new id");
            });
  }
}
