package org.quorate.ejb.audit;

import java.util.List;
import org.quorate.core.audit.AuditCheck;
import org.quorate.core.audit.Reconstruction;
import org.quorate.ejb.log.LogViews;

/**
 * The audit of one proposal (SPEC §5 "Reconstruction", §7 {@code …/proposals/{id}/audit}).
 *
 * @param mission mission name
 * @param proposal the proposal's event id
 * @param passed true iff every check passed
 * @param reconstruction the proposal reconstructed from the signed bytes of its audit bundle
 * @param checks every check: the core verifier's (manifest, signatures, paths, log entries,
 *     inclusion, tree head, decisions, quorum state) then the database checks (check {@code
 *     database}, subject {@code TABLE row}, detail naming the field)
 * @param sth the signed tree head the proofs are against
 * @param proofs the inclusion proof of every log record in the bundle, by event in log order
 */
public record AuditReport(
    String mission,
    String proposal,
    boolean passed,
    Reconstruction reconstruction,
    List<AuditCheck> checks,
    LogViews.SthView sth,
    List<LogViews.InclusionView> proofs) {

  /**
   * @return the checks that failed
   */
  public List<AuditCheck> failed() {
    return checks.stream().filter(c -> !c.passed()).toList();
  }
}
