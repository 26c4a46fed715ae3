package org.quorate.core.audit;

import java.util.Objects;
import org.quorate.core.reason.BundleFormatCode;

/**
 * A file that is not an audit bundle of SPEC §5's layout, or one that breaks a safety limit of
 * {@link AuditBundle#readZip}: too large, too many entries, a path outside the layout (traversal),
 * a duplicate entry, a missing or malformed {@code manifest.json}, {@code proofs.json} or {@code
 * policy.json}. The bundle is refused as a whole; nothing of it is used.
 */
public class BundleFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  private final BundleFormatCode reasonCode;

  /**
   * @param reasonCode why the file is refused
   * @param message what is wrong, naming the entry
   */
  public BundleFormatException(BundleFormatCode reasonCode, String message) {
    super(message);
    this.reasonCode = Objects.requireNonNull(reasonCode, "reasonCode");
  }

  /**
   * @return the reason code, e.g. {@link BundleFormatCode#PATH_NOT_ALLOWED} ({@code
   *     path-not-allowed})
   */
  public BundleFormatCode reasonCode() {
    return reasonCode;
  }
}
