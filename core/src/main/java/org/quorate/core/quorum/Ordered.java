package org.quorate.core.quorum;

import java.time.Instant;
import java.util.Comparator;

/**
 * An event placed in SPEC §1 order: by {@code issued}, ties broken by event id (string order of
 * {@code sha256:…}), never by arrival.
 */
public interface Ordered {
  /** SPEC §1 order. */
  Comparator<Ordered> ORDER = Comparator.comparing(Ordered::issued).thenComparing(Ordered::eventId);

  /**
   * @return the event id
   */
  String eventId();

  /**
   * @return the signer's claimed time
   */
  Instant issued();

  /**
   * @param other another event
   * @return whether this event is at or before {@code other} in SPEC §1 order
   */
  default boolean atOrBefore(Ordered other) {
    return ORDER.compare(this, other) <= 0;
  }
}
