package org.quorate.core.admission;

import java.util.List;
import java.util.Set;

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
 */
public record Judgement(
    Outcome outcome,
    ReasonCode reasonCode,
    String reason,
    String waitingOn,
    String conflictsWith,
    Set<String> roles,
    List<String> path) {

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
