package org.quorate.core.audit;

import java.time.Instant;
import java.util.List;
import org.quorate.core.quorum.QuorumState;

/**
 * One input of a bundle as the reconstruction tells it (SPEC §5).
 *
 * @param eventId {@code sha256:} of the signed content, or null when the DER does not decode
 * @param inputId {@code sha256:} of the DER
 * @param type the event type's wire name ({@code attestation}, …), or null when unknown
 * @param member the member the event claims
 * @param role for an attestation the role it names; for other events the role its type needs (null
 *     for "any granted role")
 * @param issued the signer's claimed time
 * @param outcome the outcome of its last log record: {@code admitted}, {@code held}, {@code
 *     rejected}, {@code evidence}, {@code duplicate}, {@code void} (log code 6), or {@code
 *     unlogged} when no record of it is in the bundle
 * @param reasonCode the reason code the re-check gives when it is not admitted (e.g. {@code
 *     revoked} for a void event), else null
 * @param logIndexes indexes of its log records, ascending
 * @param stateAfter the quorum state of the proposal after this event (null for events that do not
 *     bear on the proposal: endorsements, CRLs, others)
 * @param lineage its signer's certification path and its validation
 */
public record ReconstructedEvent(
    String eventId,
    String inputId,
    String type,
    String member,
    String role,
    Instant issued,
    String outcome,
    String reasonCode,
    List<Long> logIndexes,
    QuorumState stateAfter,
    Lineage lineage) {
  /** Copies the indexes. */
  public ReconstructedEvent {
    logIndexes = List.copyOf(logIndexes);
  }
}
