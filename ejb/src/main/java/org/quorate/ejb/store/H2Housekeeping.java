package org.quorate.ejb.store;

import jakarta.annotation.Resource;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Keeps the embedded H2 database file from growing by the pages written rather than the data held
 * ({@link H2FileCompaction}): every 10 seconds, compacts it for at most {@code
 * quorate.h2.compact-millis} (system property, default {@value #DEFAULT_MILLIS} ms; 0 turns it off)
 * towards a {@code quorate.h2.compact-fill-rate} percent live share (default {@value
 * #DEFAULT_FILL_RATE}). On PostgreSQL it does nothing. Logs each compaction that freed space at
 * FINE, a failure at WARNING (retried at the next tick).
 */
@Singleton
public class H2Housekeeping {
  private static final Logger LOG = Logger.getLogger(H2Housekeeping.class.getName());

  /** Default time budget per tick, ms. */
  static final long DEFAULT_MILLIS = 2000;

  /** Default target fill rate, percent. */
  static final int DEFAULT_FILL_RATE = 80;

  /**
   * Most bytes rewritten per compaction round: each round holds the store lock, which commits wait
   * for.
   */
  private static final int ROUND_BYTES = 4 * 1024 * 1024;

  @Resource(lookup = "java:jboss/datasources/QuorateDS")
  private DataSource dataSource;

  private boolean notH2;

  private boolean announced;

  /** The timer: every 10 seconds. */
  @Schedule(hour = "*", minute = "*", second = "*/10", persistent = false)
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public void tick() {
    long millis = Long.getLong("quorate.h2.compact-millis", DEFAULT_MILLIS);
    if (notH2 || millis <= 0) {
      return;
    }
    int fillRate = Integer.getInteger("quorate.h2.compact-fill-rate", DEFAULT_FILL_RATE);
    try (Connection c = dataSource.getConnection()) {
      H2FileCompaction.Result r =
          H2FileCompaction.compact(c, Math.max(1, Math.min(fillRate, 100)), ROUND_BYTES, millis);
      if (!r.embeddedH2()) {
        notH2 = true;
        LOG.log(
            Level.INFO, "H2 compaction off: the datasource is not an embedded H2 file database");
        return;
      }
      if (!announced) {
        announced = true;
        LOG.log(
            Level.INFO,
            "H2 compaction on: file {0} bytes, chunks {1}% live (every 10 s, at most {2} ms towards"
                + " {3}%)",
            new Object[] {r.fileBytesAfter(), r.chunksFillRateAfter(), millis, fillRate});
      }
      if (r.rounds() > 0 && LOG.isLoggable(Level.FINE)) {
        LOG.log(
            Level.FINE,
            "H2 compaction: {0} rounds, chunks {1}% -> {2}% live, file {3} -> {4} bytes",
            new Object[] {
              r.rounds(),
              r.chunksFillRateBefore(),
              r.chunksFillRateAfter(),
              r.fileBytesBefore(),
              r.fileBytesAfter()
            });
      }
    } catch (LinkageError e) {
      // No H2 module visible to the deployment: no embedded H2 database to compact either.
      notH2 = true;
      LOG.log(Level.INFO, "H2 compaction off: the H2 driver is not visible ({0})", e.toString());
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.WARNING, "Compacting the H2 database file failed (retried in 10 s)", e);
    }
  }
}
