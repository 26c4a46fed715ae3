package org.quorate.core.reason;

import java.util.Locale;

/**
 * The checks of an audit bundle verification (SPEC §5 {@code quorate verify}, and the server's
 * audit): the {@code check} of every {@code AuditCheck}. The wire form ({@link #wire()}) is the
 * lower-case, hyphenated name, e.g. {@code tree-head}; it appears in the verification report.
 */
public enum VerificationCheck {
  /** The bundle as a file: ZIP layout and limits, or a verifier error on unforeseen input. */
  FORMAT,
  /** {@code manifest.json}: every file listed once with its SHA-256, nothing unlisted. */
  MANIFEST,
  /** {@code genesis.json} parses as a SPEC §1 genesis. */
  GENESIS,
  /** {@code policy.json} is the policy the evaluator resolves for the proposal. */
  POLICY,
  /** Admission stages 1–3 of an event: CMS profile, signature, content. */
  SIGNATURE,
  /** Admission stage 5: the certification path at {@code issued}. */
  PATH,
  /** Admission stage 6: anchor of the member claimed, role granted. */
  BINDING,
  /** The other admission stages, and the log's outcome against the re-check. */
  ADMISSION,
  /** A trust anchor file against the roster epochs and the pins. */
  ANCHOR,
  /** A CRL file against the CRLs delivered as {@code crl} events. */
  CRL,
  /** A log record decodes and names its input. */
  LOG_ENTRY,
  /** A log record's inclusion proof against the signed tree head. */
  INCLUSION,
  /** The signed tree head: signature, mission, time, size, signer's path and node role. */
  TREE_HEAD,
  /** The events' order against their log indexes. */
  ORDER,
  /** The roster epochs derived from the bundle's governance decisions. */
  EPOCH,
  /** A decision recomputed from the inputs it counts. */
  DECISION,
  /** The quorum state recomputed over the proposal's epoch roster. */
  QUORUM_STATE,
  /** The server's stored rows against the reconstruction (server audit only). */
  DATABASE;

  /**
   * @return the wire form, e.g. {@code "tree-head"}
   */
  public String wire() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
