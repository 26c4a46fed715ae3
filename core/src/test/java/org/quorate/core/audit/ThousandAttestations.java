package org.quorate.core.audit;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * 200 members, each official attesting in 5 roles (1,000 attestations); every tenth member dissents
 * in the voting role; the node decides {@code adopted}. Shared by the unit test and the JMH
 * benchmark.
 */
public final class ThousandAttestations {
  public static final int MEMBERS = 200;
  public static final List<String> ROLES =
      List.of(AuditScenario.VOTING, "legal-advisor", "intelligence", "operations", "logistics");

  public final AuditScenario scenario;
  public final String proposal;
  public final String decision;
  public final AuditBundle bundle;

  private ThousandAttestations(AuditScenario s, String proposal, String decision) {
    this.scenario = s;
    this.proposal = proposal;
    this.decision = decision;
    this.bundle = AuditScenario.roundTrip(s.bundle(proposal));
  }

  /**
   * @return the scenario, run through the ledger, and its bundle
   */
  public static ThousandAttestations build() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < MEMBERS; i++) {
      ids.add(String.format(java.util.Locale.ROOT, "M%03d", i));
    }
    AuditScenario s =
        new AuditScenario(
            ids, ROLES, AuditScenario.policy(AuditScenario.VOTING, "2/3", "legal-advisor"));
    s.endorseAll(1);
    String p = s.propose(ids.get(0), "Adopt the coalition rules of engagement", 10);
    int k = 0;
    for (int i = 0; i < MEMBERS; i++) {
      for (String role : ROLES) {
        boolean dissent = i % 10 == 9 && role.equals(AuditScenario.VOTING);
        s.attestAt(
            ids.get(i),
            role,
            dissent ? "dissent" : "concur",
            dissent ? "Member " + ids.get(i) + " objects." : null,
            null,
            p,
            s.t0.plus(11, ChronoUnit.MINUTES).plusSeconds(k++));
      }
    }
    String d = s.decide(p, s.t0.plus(11, ChronoUnit.MINUTES).plusSeconds(k + 1));
    return new ThousandAttestations(s, p, d);
  }
}
