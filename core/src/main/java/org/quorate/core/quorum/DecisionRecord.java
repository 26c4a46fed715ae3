package org.quorate.core.quorum;

import java.time.Instant;
import java.util.List;

/**
 * An admitted {@code decision} (SPEC §1 body {@code {"proposal","outcome","counted",
 * "declaration"}}); admission already checked it is signed by a {@code node} credential.
 *
 * @param eventId its event id
 * @param proposal the proposal's event id
 * @param outcome the outcome as on the wire, e.g. {@code adopted}
 * @param counted the attestation ids it counted, in wire order
 * @param declaration the quorum declaration it relied on, or null
 * @param issued the node's claimed time
 */
public record DecisionRecord(
    String eventId,
    String proposal,
    String outcome,
    List<String> counted,
    String declaration,
    Instant issued)
    implements Ordered {
  /** Checks and copies. */
  public DecisionRecord {
    if (eventId == null || proposal == null || outcome == null || issued == null) {
      throw new IllegalArgumentException("a decision needs id, proposal, outcome, issued");
    }
    counted = List.copyOf(counted);
  }
}
