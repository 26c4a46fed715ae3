package org.quorate.ejb.log;

import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Signs a tree head of every mission log that has a node credential and grew since its last head,
 * once a minute (SPEC §5). Each head is made in its own transaction; a failure is logged and
 * retried at the next tick.
 */
@Singleton
public class SthScheduler {
  private static final Logger LOG = Logger.getLogger(SthScheduler.class.getName());

  @EJB private NodeLogService log;

  /** The timer: every 60 seconds. */
  @Schedule(hour = "*", minute = "*", second = "0", persistent = false)
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public void tick() {
    List<String> logs;
    try {
      logs = log.signableLogs();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Listing logs to sign failed", e);
      return;
    }
    for (String name : logs) {
      try {
        log.signIfChanged(name);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Signing a tree head of " + name + " failed", e);
      }
    }
  }
}
