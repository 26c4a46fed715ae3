package org.quorate.core.quorum;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks a {@link QuorumPolicy} against the roster of the epoch it is declared in or used with
 * (SPEC §3 "Threshold"). Refusals, each with its reason:
 *
 * <ul>
 *   <li>n &lt; 3f+1 (too few members to tolerate f byzantine ones);
 *   <li>f ≥ 1 with {@code "of":"weight"} (byzantine bounds count members, not weight);
 *   <li>f ≥ 1 and ⌈minReachable·n⌉ &lt; ⌈(n+f+1)/2⌉ (two disjoint partitions could both adopt);
 *   <li>a threshold that n members cannot reach (count &gt; n, or T with the byzantine floor &gt;
 *       n), or a total weight of 0 with {@code "of":"weight"};
 *   <li>a voting role or required role no active member holds, a required {@code min} above the
 *       number of holders;
 *   <li>a veto holder that is not an active member.
 * </ul>
 *
 * Fractions above 1 or at 0, non-positive durations and unknown fields are refused by parsing.
 */
public final class PolicyValidator {

  private PolicyValidator() {}

  /**
   * @param policy the policy
   * @param roster the epoch's roster
   * @return every reason to refuse, one sentence each; empty when acceptable
   */
  public static List<String> validate(QuorumPolicy policy, RosterSnapshot roster) {
    List<String> reasons = new ArrayList<>();
    List<RosterSnapshot.Member> active = roster.active();
    int n = active.size();
    int f = policy.byzantineF();
    QuorumPolicy.Threshold th = policy.threshold();
    if (n == 0) {
      reasons.add("the roster has no active member");
    }
    if (n < 3L * f + 1) {
      reasons.add("n = " + n + " is below 3f+1 = " + (3L * f + 1) + " for byzantineF " + f);
    }
    if (f >= 1 && th.basis() == QuorumPolicy.Basis.WEIGHT) {
      reasons.add("byzantineF " + f + " cannot be combined with a threshold of weight");
    }
    long floor = f >= 1 ? ((long) n + f + 2) / 2 : 0;
    if (f >= 1 && policy.partial() != null) {
      long minR = policy.partial().minReachable().ceilOf(n);
      if (minR < floor) {
        reasons.add(
            "partial minReachable "
                + policy.partial().minReachable()
                + " gives "
                + minR
                + " reachable members, below the byzantine floor ⌈(n+f+1)/2⌉ = "
                + floor);
      }
    }
    long total = 0;
    for (RosterSnapshot.Member m : active) {
      total += m.weight();
    }
    if (th.basis() == QuorumPolicy.Basis.COUNT && th.count() > n) {
      reasons.add("threshold count " + th.count() + " exceeds n = " + n);
    }
    if (th.basis() == QuorumPolicy.Basis.WEIGHT && total == 0) {
      reasons.add("threshold of weight but the members' total weight is 0");
    }
    if (floor > n) {
      reasons.add("byzantine floor " + floor + " exceeds n = " + n);
    }
    Set<String> roles = roster.knownRoles();
    if (!roles.contains(policy.votingRole())) {
      reasons.add("no active member holds the voting role " + policy.votingRole());
    }
    for (QuorumPolicy.RoleRequirement req : policy.requireRoles()) {
      long holders = active.stream().filter(m -> m.holds(req.role())).count();
      if (holders < req.min()) {
        reasons.add(
            "required role "
                + req.role()
                + " needs "
                + req.min()
                + " members but "
                + holders
                + " hold it");
      }
    }
    for (String v : policy.veto()) {
      RosterSnapshot.Member m = roster.members().get(v);
      if (m == null || m.suspended()) {
        reasons.add("veto holder " + v + " is not an active member");
      }
    }
    return reasons;
  }

  /**
   * @param policy the policy
   * @param roster the epoch's roster
   * @throws PolicyException with every reason when the policy is refused
   */
  public static void requireValid(QuorumPolicy policy, RosterSnapshot roster)
      throws PolicyException {
    List<String> reasons = validate(policy, roster);
    if (!reasons.isEmpty()) {
      throw new PolicyException(reasons);
    }
  }
}
