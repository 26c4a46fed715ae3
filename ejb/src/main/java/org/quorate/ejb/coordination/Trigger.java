package org.quorate.ejb.coordination;

import java.time.Instant;

/**
 * What caused a quorum state to be recorded ({@link QuorumStateEntity}): an event held (its id,
 * type, member, admission outcome and issued time, each null when unknown) or the clock.
 *
 * @param id the event id, or {@link QuorumStateEntity#CLOCK}
 * @param type the event type (wire name), or null
 * @param member the event's member, or null
 * @param admission its admission outcome code, or null
 * @param issued its issued time, or null
 */
record Trigger(String id, String type, String member, String admission, Instant issued) {
  /**
   * @return the trigger of a state recorded because time passed (deadline, window)
   */
  static Trigger clock() {
    return new Trigger(QuorumStateEntity.CLOCK, null, null, null, null);
  }
}
