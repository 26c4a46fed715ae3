package org.quorate.ejb.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quorate.core.admission.Outcome;
import org.quorate.core.coordination.ProposalScope;
import org.quorate.core.reason.ReasonCode;

/**
 * The node's byzantine members ({@link Recounter#byzantine}) follow the one rule, {@link
 * ProposalScope#makesByzantine}: over every outcome and every reason code (or none), the query's
 * outcomes never leave out a record the rule accepts, and the records found are judged as the rule
 * judges them.
 */
class RecounterByzantineTest {

  /** Every (member, outcome, reason code) an input record can hold, one member each. */
  private static List<Object[]> everyRecord() {
    List<Object[]> rows = new ArrayList<>();
    for (Outcome o : Outcome.values()) {
      rows.add(new Object[] {o.name() + "/none", o.code(), null});
      for (ReasonCode c : ReasonCode.values()) {
        rows.add(new Object[] {o.name() + "/" + c.code(), o.code(), c.code()});
      }
    }
    return rows;
  }

  private static boolean rule(Object[] row) {
    return ProposalScope.makesByzantine(
        Outcome.valueOf(((String) row[1]).toUpperCase(java.util.Locale.ROOT)).log(),
        (String) row[2]);
  }

  @Test
  void theQuerySelectsEveryOutcomeTheRuleCanAccept() {
    for (Object[] row : everyRecord()) {
      if (rule(row)) {
        assertThat(Recounter.byzantineOutcomes())
            .as("a record the rule makes byzantine: " + row[0])
            .extracting(Outcome::code)
            .contains((String) row[1]);
      }
    }
    assertThat(Recounter.byzantineOutcomes()).as("the rule accepts some record").isNotEmpty();
  }

  @Test
  void theRecordsFoundAreJudgedAsTheRuleJudgesThem() {
    List<Object[]> rows = everyRecord();
    List<String> expected = new ArrayList<>();
    for (Object[] row : rows) {
      if (rule(row)) {
        expected.add((String) row[0]);
      }
    }
    assertThat(Recounter.byzantineAmong(rows)).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void aRecordWithoutMemberMakesNobodyByzantine() {
    Object[] fork = {null, Outcome.EVIDENCE.code(), ReasonCode.CHAIN_FORK.code()};
    assertThat(rule(fork)).isTrue();
    assertThat(Recounter.byzantineAmong(List.<Object[]>of(fork))).isEmpty();
  }
}
