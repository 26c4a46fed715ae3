package org.quorate.ejb.coordination;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * Every 30 seconds, counts again the proposals a time boundary reached so that time outcomes
 * (deadline lapse or rejection, a ratification window's close) are recorded and, with a node
 * credential, decided (SPEC §3). Only the due proposals, in short transactions of their own ({@link
 * CoordinationService#tick}): the tick itself runs outside any transaction, so that it never holds
 * a mission's lock for long. A singleton: ticks never overlap.
 */
@Singleton
public class CoordinationClock {
  @Inject private CoordinationService coordination;

  @Schedule(second = "*/30", minute = "*", hour = "*", persistent = false)
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void tick() {
    coordination.tick(Instant.now());
  }
}
