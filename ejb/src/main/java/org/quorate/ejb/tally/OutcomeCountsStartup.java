package org.quorate.ejb.tally;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * At deployment, builds the outcome counters of a database that predates them (once; a no-op
 * afterwards), so that the first poll of {@code /metrics} does not pay for it. A failure is logged
 * and left to the first reader, which builds them then.
 */
@Singleton
@Startup
public class OutcomeCountsStartup {
  private static final Logger LOG = Logger.getLogger(OutcomeCountsStartup.class.getName());

  @Inject private OutcomeCounts counts;

  @PostConstruct
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void start() {
    try {
      counts.build();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Outcome counters not built at start: " + e.getMessage(), e);
    }
  }
}
