package org.quorate.core.audit;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.InputStream;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.quorate.core.admission.Admission;
import org.quorate.core.cms.SignedDataVerifier;
import org.quorate.core.coordination.EpochChain;
import org.quorate.core.coordination.ProposalEvaluation;
import org.quorate.core.log.LogEntry;
import org.quorate.core.pki.CertificationPathValidator;
import org.quorate.core.quorum.DecisionValidator;
import org.quorate.core.reason.AuditReasonCode;
import org.quorate.core.reason.VerificationCheck;

/**
 * Verifies an audit bundle offline (SPEC §5 {@code quorate verify BUNDLE}) and reconstructs its
 * proposal, with the same code a node admits and counts with.
 *
 * <p>Each input is re-checked as admission does ({@link Admission#decode}: CMS profile and
 * signature, content schema and {@code signer}; {@link Admission#judge}: certification path at
 * {@code issued} against the anchors of the roster epoch the event names and the CRLs of the
 * bundle's admitted {@code crl} events, binding and role, posture). The roster epochs are derived
 * as the node derives them ({@link EpochChain#derive}, {@code GovernanceAction}) from the bundle's
 * governance decisions, their proposals and counted attestations (SPEC §3 "Governance", §5); an
 * event naming an epoch the bundle opens no governance decision for fails with {@code
 * unknown-epoch}, and the quorum is counted over the proposal's epoch roster. The chain position,
 * idempotency and cross-mission references cannot be recomputed from a bundle (predecessors and
 * other missions are not in it), so each event's outcome is taken from its last log record (a
 * {@code duplicate} record of a replay aside), and that record is proven by its inclusion proof
 * against the signed tree head, whose signature by the node certificate, path and {@code node} role
 * are checked too. An event whose record says admitted (or void) but that the re-check judges
 * otherwise is a failed check. The quorum state is then recomputed ({@link ProposalEvaluation})
 * over the events admitted so far after each event bearing on the proposal, evaluated at the latest
 * {@code issued} seen, and every decision is validated by recomputation ({@link
 * DecisionValidator}); the final state is evaluated at the tree head's time.
 *
 * <p>Never throws for bad bundle content: every failure is a failed {@link AuditCheck}. Thread-safe
 * (each call uses its own state).
 */
public final class BundleVerifier {
  private static final JsonMapper JSON = new JsonMapper();
  private static final HexFormat HEX = HexFormat.of();

  private final VerifyOptions options;
  private final SignedDataVerifier signedData = new SignedDataVerifier();
  private final CertificationPathValidator validator = new CertificationPathValidator();
  private final Admission admission = new Admission(signedData, validator, Admission.DEFAULT_SKEW);

  /**
   * @param options the pinned anchors and the auditor's clock
   */
  public BundleVerifier(VerifyOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * Reads a ZIP with {@link AuditBundle#readZip} and verifies it; a bundle that cannot be read
   * gives a report with one failed {@code format} check carrying the {@link BundleFormatException}
   * reason code.
   *
   * @param zip the ZIP bytes
   * @return the report
   */
  public VerificationReport verifyZip(InputStream zip) {
    try {
      return verify(AuditBundle.readZip(zip));
    } catch (BundleFormatException e) {
      return new VerificationReport(
          List.of(
              AuditCheck.fail(
                  VerificationCheck.FORMAT, "bundle", e.reasonCode().code(), e.getMessage())),
          null);
    }
  }

  /**
   * @param bundle a bundle as read
   * @return every check and the reconstruction
   */
  public VerificationReport verify(AuditBundle bundle) {
    return verify(bundle, null);
  }

  /**
   * Verifies as {@link #verify(AuditBundle)} does, the events' CMS profile, signature and content
   * checks (each independent of the others) on up to {@link ParallelMap#processors()} threads: the
   * checks, their order and the reconstruction are the same (issue 12, a node's audit).
   *
   * @param bundle a bundle as read
   * @param executor runs the helper threads (a container's managed executor); null: all on the
   *     calling thread
   * @return every check and the reconstruction
   */
  public VerificationReport verify(AuditBundle bundle, Executor executor) {
    Objects.requireNonNull(bundle, "bundle");
    Run run = new Run(bundle, options, validator, admission);
    run.decodeOn = executor;
    try {
      return run.go();
    } catch (RuntimeException e) {
      // A defect of ours or a library on input we did not foresee: still a report, never a crash.
      run.fail(
          VerificationCheck.FORMAT,
          "bundle",
          AuditReasonCode.VERIFIER_ERROR,
          "verification stopped on unexpected input: "
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage());
      return new VerificationReport(run.checks, null);
    }
  }

  /** One verification: the checks in order ({@link VerificationRun} and its subclasses). */
  private static final class Run extends Recount {
    Run(
        AuditBundle bundle,
        VerifyOptions options,
        CertificationPathValidator validator,
        Admission admission) {
      super(bundle, options, validator, admission);
    }

    VerificationReport go() {
      manifest();
      if (!genesis()) {
        return new VerificationReport(checks, null);
      }
      treeHead();
      Map<String, List<LogEntry>> records = logRecords();
      decodeEvents(records);
      orphanRecords(records);
      order();
      collectCrls();
      epochs();
      anchors();
      nodeCredential();
      crlFiles();
      recheck();
      rederive();
      endorsements();
      return reconstruct();
    }
  }
}
