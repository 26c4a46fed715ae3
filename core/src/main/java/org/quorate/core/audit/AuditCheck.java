package org.quorate.core.audit;

import java.util.Objects;
import org.quorate.core.reason.AuditReasonCode;
import org.quorate.core.reason.ReasonCode;
import org.quorate.core.reason.VerificationCheck;

/**
 * One check of a bundle verification and its result.
 *
 * @param check what was checked: the wire form of a {@link VerificationCheck} ({@code format},
 *     {@code manifest}, {@code genesis}, {@code policy}, {@code signature}, {@code path}, {@code
 *     binding}, {@code admission}, {@code anchor}, {@code crl}, {@code log-entry}, {@code
 *     inclusion}, {@code tree-head}, {@code order}, {@code epoch}, {@code decision}, {@code
 *     quorum-state}, and {@code database} on the server)
 * @param subject what it was checked on: a file name, an event id, a log index
 * @param passed whether it passed
 * @param reasonCode null when passed; else an admission {@link ReasonCode} code where one fits
 *     (e.g. {@code bad-signature}, {@code revoked}, {@code unknown-epoch}), an {@link
 *     AuditReasonCode} code (e.g. {@code manifest-mismatch}, {@code sth-signature}, {@code
 *     decision-mismatch}), a {@link BundleFormatException} code for {@code format}, or a database
 *     code of the server's audit
 * @param detail one sentence for a human, naming what broke (or what was established)
 */
public record AuditCheck(
    String check, String subject, boolean passed, String reasonCode, String detail) {
  /** Checks non-null of {@code check}, {@code subject} and {@code detail}. */
  public AuditCheck {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(detail, "detail");
  }

  /**
   * @param check what was checked
   * @param subject on what
   * @param detail what was established
   * @return a passed check
   */
  public static AuditCheck pass(VerificationCheck check, String subject, String detail) {
    return pass(check.wire(), subject, detail);
  }

  /**
   * @param check what was checked
   * @param subject on what
   * @param reasonCode why it failed (wire form)
   * @param detail what broke
   * @return a failed check
   */
  public static AuditCheck fail(
      VerificationCheck check, String subject, String reasonCode, String detail) {
    return fail(check.wire(), subject, reasonCode, detail);
  }

  /**
   * @param check what was checked
   * @param subject on what
   * @param detail what was established
   * @return a passed check
   */
  public static AuditCheck pass(String check, String subject, String detail) {
    return new AuditCheck(check, subject, true, null, detail);
  }

  /**
   * @param check what was checked
   * @param subject on what
   * @param reasonCode why it failed
   * @param detail what broke
   * @return a failed check
   */
  public static AuditCheck fail(String check, String subject, String reasonCode, String detail) {
    return new AuditCheck(check, subject, false, Objects.requireNonNull(reasonCode), detail);
  }
}
