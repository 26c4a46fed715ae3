package org.quorate.core.audit;

import java.util.List;
import java.util.Optional;

/**
 * The result of verifying an audit bundle (SPEC §5).
 *
 * @param checks every check made, in the order made
 * @param reconstruction the proposal as the bundle's signed bytes tell it, or null when the bundle
 *     could not be read far enough (no genesis, no proposal)
 */
public record VerificationReport(List<AuditCheck> checks, Reconstruction reconstruction) {
  /** Copies the checks. */
  public VerificationReport {
    checks = List.copyOf(checks);
  }

  /**
   * @return true iff at least one check was made and every check passed
   */
  public boolean passed() {
    return !checks.isEmpty() && checks.stream().allMatch(AuditCheck::passed);
  }

  /**
   * @return the checks that failed, in order
   */
  public List<AuditCheck> failures() {
    return checks.stream().filter(c -> !c.passed()).toList();
  }

  /**
   * @return the first failed check, if any (the reason a CLI prints on exit)
   */
  public Optional<AuditCheck> firstFailure() {
    return checks.stream().filter(c -> !c.passed()).findFirst();
  }
}
