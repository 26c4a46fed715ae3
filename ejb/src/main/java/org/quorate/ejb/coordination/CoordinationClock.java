package org.quorate.ejb.coordination;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * Every 30 seconds, re-evaluates the proposals that are not final so that time outcomes (deadline
 * lapse or rejection, a ratification window's close) are recorded and, with a node credential,
 * decided (SPEC §3). A singleton: ticks never overlap.
 */
@Singleton
public class CoordinationClock {
  @Inject private CoordinationService coordination;

  @Schedule(second = "*/30", minute = "*", hour = "*", persistent = false)
  void tick() {
    coordination.tick(Instant.now());
  }
}
