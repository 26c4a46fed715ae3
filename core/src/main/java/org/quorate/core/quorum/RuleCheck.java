package org.quorate.core.quorum;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rule of SPEC §3 checked over a vote map against a threshold, for {@link Engine}: who
 * concurred, dissented, abstained or is missing, the required roles, the vetoes and the consent of
 * the member whose anchors or grants change; {@link #describe()} says it in words.
 */
final class RuleCheck {
  private final Engine e;

  final Map<String, Map<String, AttestationRecord>> votes;
  final long threshold;
  final Set<String> concur = new TreeSet<>();
  final Set<String> dissent = new TreeSet<>();
  final Set<String> abstain = new TreeSet<>();
  final Set<String> vetoDissent = new TreeSet<>();
  final Map<String, List<String>> missingPerRole = new LinkedHashMap<>();
  final List<String> missingVoters = new ArrayList<>();
  boolean rolesMet = true;
  boolean roleUnreachable;
  long maxConcur;

  /** No own concur is needed, or the member whose anchors or grants change concurred. */
  boolean consentGiven = true;

  /**
   * The member whose own concur is needed cannot give it as the votes stand: it dissented,
   * abstained or equivocated, or does not hold the voting role in the proposal's epoch.
   */
  boolean consentWithheld;

  RuleCheck(
      Engine e,
      Map<String, Map<String, AttestationRecord>> votes,
      long threshold,
      Set<String> faulty) {
    this.e = e;
    this.votes = votes;
    this.threshold = threshold;
    String vr = e.policy.votingRole();
    for (String m : e.voters.keySet()) {
      AttestationRecord a = vote(m, vr);
      if (a == null) {
        if (!faulty.contains(m)) {
          missingVoters.add(m);
        }
        continue;
      }
      switch (a.verdict()) {
        case CONCUR:
          concur.add(m);
          break;
        case DISSENT:
          dissent.add(m);
          if (e.policy.veto().contains(m)) {
            vetoDissent.add(m);
          }
          break;
        default:
          abstain.add(m);
      }
    }
    maxConcur = e.measure(concur) + e.measure(missingVoters);
    for (QuorumPolicy.RoleRequirement req : e.policy.requireRoles()) {
      int concurred = 0;
      int possible = 0;
      List<String> missing = new ArrayList<>();
      for (RosterSnapshot.Member m : e.voters.values()) {
        if (!m.holds(req.role())) {
          continue;
        }
        AttestationRecord a = vote(m.id(), req.role());
        if (a != null && a.verdict() == Verdict.CONCUR) {
          concurred++;
          possible++;
        } else {
          missing.add(m.id());
          if (a == null && !faulty.contains(m.id())) {
            possible++;
          }
        }
      }
      missingPerRole.put(req.role(), List.copyOf(missing));
      if (concurred < req.min()) {
        rolesMet = false;
      }
      if (possible < req.min()) {
        roleUnreachable = true;
      }
    }
    if (e.proposal.consentOf() != null) {
      String m = e.proposal.consentOf();
      AttestationRecord a = vote(m, vr);
      consentGiven = a != null && a.verdict() == Verdict.CONCUR;
      consentWithheld =
          !consentGiven
              && (a != null
                  || faulty.contains(m)
                  || e.consenting == null
                  || !e.consenting.holds(vr));
    }
  }

  AttestationRecord vote(String member, String role) {
    Map<String, AttestationRecord> byRole = votes.get(member);
    return byRole == null ? null : byRole.get(role);
  }

  long concurMeasure() {
    return e.measure(concur);
  }

  boolean met() {
    return concurMeasure() >= threshold && rolesMet && vetoDissent.isEmpty() && consentGiven;
  }

  /** The check in words, for the status explanation. */
  String describe() {
    StringBuilder roles = new StringBuilder();
    for (QuorumPolicy.RoleRequirement req : e.policy.requireRoles()) {
      int got = 0;
      for (RosterSnapshot.Member m : e.voters.values()) {
        AttestationRecord a = vote(m.id(), req.role());
        if (m.holds(req.role()) && a != null && a.verdict() == Verdict.CONCUR) {
          got++;
        }
      }
      if (got < req.min()) {
        roles
            .append(roles.length() == 0 ? "" : "; ")
            .append("required role ")
            .append(req.role())
            .append(": ")
            .append(got)
            .append(" of min ")
            .append(req.min())
            .append(" concurred, missing ")
            .append(missingPerRole.get(req.role()));
      }
    }
    String prefix = roles.length() == 0 ? "" : roles + "; ";
    if (!consentGiven) {
      prefix += "awaiting " + e.proposal.consentOf() + "'s own concur; ";
    }
    return prefix
        + concurMeasure()
        + " concur ("
        + e.policy.threshold().basis().name().toLowerCase(java.util.Locale.ROOT)
        + "), "
        + dissent.size()
        + " dissent, "
        + abstain.size()
        + " abstain, T = "
        + threshold
        + ", n = "
        + e.n;
  }
}
