package org.quorate.core.reason;

import java.util.Locale;

/**
 * Why a file is refused as an audit bundle before any check runs (SPEC §5 layout; the caps of
 * {@code AuditBundle.readZip}): the reason code of a {@code BundleFormatException}, reported by the
 * verifier as the {@code reasonCode} of its failed {@code format} check. The wire form ({@link
 * #code()}) is the lower-case, hyphenated name, e.g. {@code path-not-allowed}.
 */
public enum BundleFormatCode {
  /** Not a ZIP file, or a ZIP that cannot be read to its end. */
  NOT_A_ZIP,
  /** More bytes (of one entry or in total, uncompressed) or entries than the caps allow. */
  TOO_LARGE,
  /** An entry name outside the SPEC §5 layout (absolute, {@code ..}, backslash, unknown file). */
  PATH_NOT_ALLOWED,
  /** Two entries of one name. */
  DUPLICATE_ENTRY,
  /** A required file is absent (manifest.json, genesis.json, sth.p7m, proofs.json, policy.json). */
  MISSING_FILE,
  /** manifest.json, proofs.json or policy.json is not of the documented shape. */
  MALFORMED_BUNDLE;

  /**
   * @return the wire form, e.g. {@code "path-not-allowed"}
   */
  public String code() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
