package org.quorate.core.quorum;

import java.time.Instant;

/**
 * An admitted {@code retraction} event (SPEC §1 body {@code {"event":id,"reason":"…"}}); only a
 * member's own events can be retracted, so one naming another member's attestation is ignored.
 *
 * @param eventId its event id
 * @param member the retracting member
 * @param event the retracted event id
 * @param issued the signer's claimed time
 */
public record RetractionRecord(String eventId, String member, String event, Instant issued)
    implements Ordered {
  /** Checks required fields. */
  public RetractionRecord {
    if (eventId == null || member == null || event == null || issued == null) {
      throw new IllegalArgumentException("a retraction needs id, member, event, issued");
    }
  }
}
