package org.quorate.core.audit;

import java.io.InputStream;
import java.util.List;
import java.util.Objects;

/**
 * Verifies an audit bundle offline (SPEC §5 {@code quorate verify BUNDLE}) and reconstructs its
 * proposal, with the same code a node admits and counts with.
 *
 * <p>Each input is re-checked as admission does (CMS profile and signature, content schema and
 * {@code signer}, certification path at {@code issued} against the genesis anchors and the CRLs the
 * bundle delivers, binding and role). The chain position cannot be recomputed from a bundle (the
 * predecessors are not in it), so each event's outcome is taken from its last log record, and that
 * record is proven by its inclusion proof against the signed tree head, whose signature by the node
 * certificate is checked too. An event whose record says admitted but that fails a re-check is a
 * failed check. The quorum state is then recomputed over the admitted events after each event and
 * at every decision, and every decision is validated by recomputation ({@link
 * org.quorate.core.quorum.DecisionValidator}).
 *
 * <p>Never throws for bad bundle content: every failure is a failed {@link AuditCheck}. Thread-safe
 * (each call uses its own state).
 */
public final class BundleVerifier {
  private final VerifyOptions options;

  /**
   * @param options the pinned anchors and the auditor's clock
   */
  public BundleVerifier(VerifyOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * @param bundle a bundle as read
   * @return every check and the reconstruction
   */
  public VerificationReport verify(AuditBundle bundle) {
    Objects.requireNonNull(bundle, "bundle");
    return new VerificationReport(
        List.of(
            AuditCheck.fail(
                "format", "bundle", "not-implemented", "verification is not implemented yet")),
        null);
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
          List.of(AuditCheck.fail("format", "bundle", e.reasonCode(), e.getMessage())), null);
    }
  }
}
