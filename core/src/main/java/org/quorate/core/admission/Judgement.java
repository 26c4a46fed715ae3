package org.quorate.core.admission;

import java.security.cert.X509CRL;
import java.util.List;
import java.util.Set;
import org.quorate.core.reason.AdmissionException;
import org.quorate.core.reason.ReasonCode;

/**
 * The result of the stateful admission stages for one authentic contribution.
 *
 * @param outcome the outcome to record
 * @param reasonCode why, or null when admitted
 * @param reason one sentence for a human, or null when admitted
 * @param waitingOn for {@link Outcome#HELD}: the key of what it waits for ({@code mission:M},
 *     {@code pending:M}, {@code epoch:M:n}, {@code event:ID}); else null
 * @param conflictsWith for a chain fork: the other event at the same position; else null
 * @param roles the roles the credential holds in the epoch (empty when not established)
 * @param path certification path subjects, end entity first, trust anchor last (empty when none)
 * @param crlsUsed the CRLs stage 5 (SPEC §2.5) judged revocation with: for a {@code revoked}
 *     outcome the CRL that revokes, otherwise the CRLs consulted for the validated path (empty when
 *     none of the mission's CRLs covers it); null when stage 5 did not get as far as revocation
 */
public record Judgement(
    Outcome outcome,
    ReasonCode reasonCode,
    String reason,
    String waitingOn,
    String conflictsWith,
    Set<String> roles,
    List<String> path,
    List<X509CRL> crlsUsed) {

  /** A judgement that did not reach revocation checking ({@link #crlsUsed()} null). */
  public Judgement(
      Outcome outcome,
      ReasonCode reasonCode,
      String reason,
      String waitingOn,
      String conflictsWith,
      Set<String> roles,
      List<String> path) {
    this(outcome, reasonCode, reason, waitingOn, conflictsWith, roles, path, null);
  }

  /**
   * @param crls the CRLs revocation was judged with, or null
   * @return this judgement with {@link #crlsUsed()} set
   */
  Judgement withCrlsUsed(List<X509CRL> crls) {
    return new Judgement(
        outcome,
        reasonCode,
        reason,
        waitingOn,
        conflictsWith,
        roles,
        path,
        crls == null ? null : List.copyOf(crls));
  }

  static Judgement admitted(Set<String> roles, List<String> path) {
    return new Judgement(Outcome.ADMITTED, null, null, null, null, roles, path);
  }

  static Judgement of(Outcome outcome, AdmissionException e) {
    return new Judgement(outcome, e.reasonCode(), e.getMessage(), null, null, Set.of(), List.of());
  }

  static Judgement held(ReasonCode code, String reason, String waitingOn, List<String> path) {
    return new Judgement(Outcome.HELD, code, reason, waitingOn, null, Set.of(), path);
  }
}
