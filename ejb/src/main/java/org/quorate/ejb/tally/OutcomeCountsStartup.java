package org.quorate.ejb.tally;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * At deployment, builds the outcome counters of a database that predates them (once; a no-op
 * afterwards), so that the first poll of {@code /metrics} does not pay for it; a failure is logged
 * and left to the first reader, which builds them then. Counters built earlier are then checked
 * against the records once, in the background ({@link OutcomeCounts#differences}): each counter
 * that differs is logged SEVERE with both numbers.
 */
@Singleton
@Startup
public class OutcomeCountsStartup {
  private static final Logger LOG = Logger.getLogger(OutcomeCountsStartup.class.getName());

  /** Most differences logged one by one. */
  private static final int LOGGED = 50;

  @Inject private OutcomeCounts counts;

  @Resource private TimerService timers;

  @PostConstruct
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void start() {
    try {
      if (!counts.build()) {
        timers.createSingleActionTimer(1_000, new TimerConfig(null, false));
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Outcome counters not built at start: " + e.getMessage(), e);
    }
  }

  /** The self-check of counters built before this start. */
  @Timeout
  void check() {
    long started = System.nanoTime();
    java.util.List<OutcomeCounts.Difference> found;
    try {
      found = counts.differences();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Outcome counters not checked: " + e.getMessage(), e);
      return;
    }
    long ms = (System.nanoTime() - started) / 1_000_000;
    if (found.isEmpty()) {
      LOG.log(Level.INFO, "Outcome counters equal the records ({0} ms)", ms);
      return;
    }
    LOG.log(
        Level.SEVERE,
        "{0} outcome counters differ from the records ({1} ms); /metrics and the dashboard show"
            + " the counters",
        new Object[] {found.size(), ms});
    for (OutcomeCounts.Difference d : found.subList(0, Math.min(LOGGED, found.size()))) {
      LOG.log(
          Level.SEVERE,
          "Outcome counter {0}: records {1}, counter {2}",
          new Object[] {d.standing(), d.records(), d.counter()});
    }
  }
}
