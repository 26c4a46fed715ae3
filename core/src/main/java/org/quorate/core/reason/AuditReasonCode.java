package org.quorate.core.reason;

import java.util.Locale;

/**
 * Why a check of an audit bundle verification failed, where no admission {@link ReasonCode} fits
 * (SPEC §5): the {@code reasonCode} of a failed {@code AuditCheck}. The wire form ({@link #code()})
 * is the lower-case, hyphenated name, e.g. {@code manifest-mismatch}.
 */
public enum AuditReasonCode {
  /** A file's SHA-256 differs from {@code manifest.json}, or a path is listed twice. */
  MANIFEST_MISMATCH,
  /** A file the manifest or the layout names is absent. */
  MISSING_FILE,
  /** A file is in the bundle but not in the manifest. */
  EXTRA_FILE,
  /** {@code genesis.json} is not a SPEC §1 genesis. */
  MALFORMED_GENESIS,
  /** A certificate file does not parse. */
  MALFORMED_CERTIFICATE,
  /** A log record is not the entry of its input. */
  ENTRY_MISMATCH,
  /** An input has no log record. */
  MISSING_RECORD,
  /** An inclusion proof does not verify against the signed tree head. */
  INCLUSION_FAILED,
  /** The tree head's CMS signature does not verify, or it is signed by another certificate. */
  STH_SIGNATURE,
  /** The tree head is of another log than the mission's. */
  STH_MISSION,
  /** The tree head's signed content is not a tree head. */
  MALFORMED_TREE_HEAD,
  /** {@code proofs.json} is for another tree size than the head states. */
  SIZE_MISMATCH,
  /** A path ends at a trust anchor that is not among the pinned ones. */
  ANCHOR_NOT_PINNED,
  /** An event is of another mission than the bundle's genesis. */
  MISSION_MISMATCH,
  /** A CRL file is not one the bundle's {@code crl} events deliver. */
  CRL_NOT_DELIVERED,
  /** The events are not in log order. */
  ORDER_MISMATCH,
  /** An event the bundle needs (the proposal, a counted attestation) is not in it. */
  MISSING_EVENT,
  /** A decision does not recompute. */
  DECISION_MISMATCH,
  /** {@code policy.json} differs from the policy resolved. */
  POLICY_MISMATCH,
  /** The proposal's policy is unknown or refused in its epoch. */
  INVALID_POLICY,
  /**
   * An anchor file is no trust anchor the genesis or a governance decision of the bundle declares.
   */
  GENESIS_MISMATCH,
  /** The log's outcome for an event differs from the re-check's. */
  OUTCOME_MISMATCH,
  /** The epochs from the events logged admitted differ from those from the re-checked ones. */
  EPOCH_MISMATCH,
  /** Verification stopped on input nobody foresaw (a defect: the report still answers). */
  VERIFIER_ERROR;

  /**
   * @return the wire form, e.g. {@code "manifest-mismatch"}
   */
  public String code() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
