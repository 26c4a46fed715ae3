package org.quorate.web.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.quorate.core.audit.AuditCheck;
import org.quorate.core.audit.Lineage;
import org.quorate.core.audit.ReconstructedEvent;
import org.quorate.core.audit.Reconstruction;
import org.quorate.core.quorum.Dissent;
import org.quorate.core.quorum.QuorumPolicy;
import org.quorate.core.quorum.QuorumState;
import org.quorate.ejb.audit.AuditReport;
import org.quorate.ejb.log.LogViews;

/**
 * The JSON shape of {@code GET …/proposals/{id}/audit} (SPEC §5 "Reconstruction", §7): the audit
 * report with statuses, rules and verdicts in their wire forms ({@code adopted}, {@code
 * threshold-met}), as {@code …/proposals/{id}} answers them.
 *
 * @param mission mission name
 * @param proposal proposal id
 * @param passed every check passed
 * @param reconstruction the reconstruction, or null when the bundle could not be reconstructed
 * @param checks every check (core verifier, then {@code database})
 * @param sth the signed tree head the proofs are against
 * @param proofs the inclusion proofs of the bundle's log records
 */
public record AuditView(
    String mission,
    String proposal,
    boolean passed,
    ReconstructionView reconstruction,
    List<AuditCheck> checks,
    LogViews.SthView sth,
    List<LogViews.InclusionView> proofs) {

  /**
   * @param r the report
   * @return its JSON view
   */
  public static AuditView of(AuditReport r) {
    return new AuditView(
        r.mission(),
        r.proposal(),
        r.passed(),
        r.reconstruction() == null ? null : ReconstructionView.of(r.reconstruction()),
        r.checks(),
        r.sth(),
        r.proofs());
  }

  /**
   * A proposal reconstructed from signed bytes.
   *
   * @param mission mission
   * @param genesisId genesis id
   * @param proposalId proposal id
   * @param title proposal title
   * @param policyName policy name
   * @param epoch roster epoch
   * @param policy the policy in force (name, version, votingRole, threshold, deadline, …)
   * @param events the events in log order with the state after each
   * @param finalState the state at the end (at the decision when there is one)
   * @param dissents every dissent with rationale and role
   * @param decisionId the decision id, or null
   * @param sthRootHex the signed tree head's root
   * @param sthSize the signed tree head's size
   */
  public record ReconstructionView(
      String mission,
      String genesisId,
      String proposalId,
      String title,
      String policyName,
      long epoch,
      Map<String, Object> policy,
      List<EventView> events,
      StateView finalState,
      List<Dissent> dissents,
      String decisionId,
      String sthRootHex,
      long sthSize) {

    static ReconstructionView of(Reconstruction r) {
      List<EventView> events = new ArrayList<>();
      for (ReconstructedEvent e : r.events()) {
        events.add(EventView.of(e));
      }
      return new ReconstructionView(
          r.mission(),
          r.genesisId(),
          r.proposalId(),
          r.title(),
          r.policyName(),
          r.epoch(),
          policy(r.policy()),
          events,
          StateView.of(r.finalState()),
          r.dissents(),
          r.decisionId(),
          r.sthRootHex(),
          r.sthSize());
    }

    private static Map<String, Object> policy(QuorumPolicy p) {
      if (p == null) {
        return null;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", p.name());
      m.put("version", p.version());
      m.put("votingRole", p.votingRole());
      QuorumPolicy.Threshold t = p.threshold();
      m.put(
          "threshold",
          t.fraction() == null
              ? t.count() + " (count)"
              : t.fraction() + " of " + t.basis().name().toLowerCase(java.util.Locale.ROOT));
      m.put("requireRoles", p.requireRoles());
      m.put("veto", p.veto());
      m.put("byzantineF", p.byzantineF());
      m.put("partial", p.partial() == null ? null : String.valueOf(p.partial()));
      m.put("deadline", p.deadline().toString());
      return m;
    }
  }

  /**
   * One event of the reconstruction.
   *
   * @param eventId event id
   * @param inputId input id
   * @param type event type
   * @param member member
   * @param role role (attestations), or null
   * @param issued issued, RFC 3339
   * @param outcome the outcome its log record proves
   * @param reasonCode its reason code, or null
   * @param logIndexes its log records' indexes
   * @param stateAfter the quorum state after it, or null
   * @param lineage path subjects to the anchor, validation and revocation
   */
  public record EventView(
      String eventId,
      String inputId,
      String type,
      String member,
      String role,
      String issued,
      String outcome,
      String reasonCode,
      List<Long> logIndexes,
      StateView stateAfter,
      Lineage lineage) {

    static EventView of(ReconstructedEvent e) {
      return new EventView(
          e.eventId(),
          e.inputId(),
          e.type(),
          e.member(),
          e.role(),
          e.issued() == null ? null : e.issued().toString(),
          e.outcome(),
          e.reasonCode(),
          e.logIndexes(),
          StateView.of(e.stateAfter()),
          e.lineage());
    }
  }

  /**
   * A quorum state in wire forms.
   *
   * @param status e.g. {@code adopted}
   * @param isFinal backed by a valid final decision
   * @param rule e.g. {@code threshold-met}
   * @param explanation one sentence with the numbers
   * @param threshold T
   * @param n members that count
   * @param concur concurs counted
   * @param dissent dissents counted
   * @param abstain abstentions counted
   * @param missingPerRole per required role, members still missing
   * @param missingVoters members with no counted vote
   * @param decision the decision backing the status, or null
   */
  public record StateView(
      String status,
      boolean isFinal,
      String rule,
      String explanation,
      long threshold,
      int n,
      int concur,
      int dissent,
      int abstain,
      Map<String, List<String>> missingPerRole,
      List<String> missingVoters,
      String decision) {

    static StateView of(QuorumState s) {
      if (s == null) {
        return null;
      }
      return new StateView(
          s.status().wire(),
          s.isFinal(),
          s.rule() == null ? null : s.rule().wire(),
          s.explanation(),
          s.threshold(),
          s.n(),
          s.counts().concur(),
          s.counts().dissent(),
          s.counts().abstain(),
          s.missingPerRole(),
          s.missingVoters(),
          s.decision());
    }
  }
}
