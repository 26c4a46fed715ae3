package org.quorate.core.audit;

/**
 * A file that is not an audit bundle of SPEC §5's layout, or one that breaks a safety limit of
 * {@link AuditBundle#readZip}: too large, too many entries, a path outside the layout (traversal),
 * a duplicate entry, a missing or malformed {@code manifest.json}, {@code proofs.json} or {@code
 * policy.json}. The bundle is refused as a whole; nothing of it is used.
 */
public class BundleFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Not a ZIP file, or a ZIP that cannot be read to its end. */
  public static final String NOT_A_ZIP = "not-a-zip";

  /** More bytes (of one entry or in total, uncompressed) or entries than the caps allow. */
  public static final String TOO_LARGE = "too-large";

  /** An entry name outside the SPEC §5 layout (absolute, {@code ..}, backslash, unknown file). */
  public static final String PATH_NOT_ALLOWED = "path-not-allowed";

  /** Two entries of one name. */
  public static final String DUPLICATE_ENTRY = "duplicate-entry";

  /** A required file is absent (manifest.json, genesis.json, sth.p7m, proofs.json, policy.json). */
  public static final String MISSING_FILE = "missing-file";

  /** manifest.json, proofs.json or policy.json is not of the documented shape. */
  public static final String MALFORMED = "malformed-bundle";

  private final String reasonCode;

  /**
   * @param reasonCode one of the constants of this class
   * @param message what is wrong, naming the entry
   */
  public BundleFormatException(String reasonCode, String message) {
    super(message);
    this.reasonCode = reasonCode;
  }

  /**
   * @return the reason code, e.g. {@value #PATH_NOT_ALLOWED}
   */
  public String reasonCode() {
    return reasonCode;
  }
}
