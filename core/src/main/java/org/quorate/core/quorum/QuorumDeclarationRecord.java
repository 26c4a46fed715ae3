package org.quorate.core.quorum;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * An admitted {@code quorum-declaration} (SPEC §1 body {@code {"proposal","reachable",
 * "unreachable","reason"}}), signed by a {@code mission-authority}.
 *
 * @param eventId its event id
 * @param proposal the proposal's event id
 * @param reachable R
 * @param unreachable U
 * @param issued the signer's claimed time; the ratification window runs from it
 */
public record QuorumDeclarationRecord(
    String eventId, String proposal, Set<String> reachable, Set<String> unreachable, Instant issued)
    implements Ordered {
  /** Checks and copies. */
  public QuorumDeclarationRecord {
    if (eventId == null || proposal == null || issued == null) {
      throw new IllegalArgumentException("a declaration needs id, proposal, issued");
    }
    reachable = Set.copyOf(new TreeSet<>(reachable));
    unreachable = Set.copyOf(new TreeSet<>(unreachable));
  }
}
