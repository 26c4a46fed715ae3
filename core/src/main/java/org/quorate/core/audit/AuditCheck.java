package org.quorate.core.audit;

import java.util.Objects;

/**
 * One check of a bundle verification and its result.
 *
 * @param check what was checked: {@code format}, {@code manifest}, {@code genesis}, {@code policy},
 *     {@code signature}, {@code path}, {@code binding}, {@code admission}, {@code anchor}, {@code
 *     crl}, {@code log-entry}, {@code inclusion}, {@code tree-head}, {@code order}, {@code
 *     decision}, {@code quorum-state} (and {@code database} on the server)
 * @param subject what it was checked on: a file name, an event id, a log index
 * @param passed whether it passed
 * @param reasonCode null when passed; else an admission {@link org.quorate.core.reason.ReasonCode}
 *     code where one fits (e.g. {@code bad-signature}, {@code revoked}), or an audit code: {@code
 *     manifest-mismatch}, {@code missing-file}, {@code extra-file}, {@code entry-mismatch}, {@code
 *     missing-record}, {@code inclusion-failed}, {@code sth-signature}, {@code anchor-not-pinned},
 *     {@code order-mismatch}, {@code missing-event}, {@code decision-mismatch}, {@code
 *     state-mismatch}, {@code policy-mismatch}, {@code genesis-mismatch}, {@code outcome-mismatch}
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
