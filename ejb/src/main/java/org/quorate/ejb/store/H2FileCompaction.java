package org.quorate.ejb.store;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

/**
 * Online compaction of an embedded H2 database file (the embedded default's {@code quorate.mv.db}).
 *
 * <p>H2's MVStore writes every changed B-tree page of a commit to a new chunk at the end of the
 * file (copy on write) and reuses a chunk's space only once none of its pages is live any more. Its
 * background thread, which rewrites the live pages of sparse chunks so that they can be freed, runs
 * only with {@code WRITE_DELAY} above 0 (H2 issue 442); Quorate runs with {@code WRITE_DELAY=0}, so
 * that a commit is written before the broker is acknowledged (issue 12: nothing acknowledged is
 * lost on {@code kill -9}). Without compaction the file grew by the pages written, not by the data:
 * 27–80 KiB per input (14.3 GB for a 239,000-input mission). This does what the background thread
 * would: {@link MVStore#compact(int, int)}, which takes the store lock only if it is free within a
 * few milliseconds, rewrites the live pages of the chunks below the target fill rate and drops the
 * chunks left empty, whose space the next commits reuse.
 */
public final class H2FileCompaction {
  /** What one call did. */
  public record Result(
      boolean embeddedH2,
      int rounds,
      long fileBytesBefore,
      long fileBytesAfter,
      int chunksFillRateBefore,
      int chunksFillRateAfter) {}

  private H2FileCompaction() {}

  /**
   * Compacts the H2 file behind a connection, in rounds of at most {@code writeBytes} rewritten,
   * until the chunks' fill rate reaches {@code targetFillRate}, a round rewrites nothing, or {@code
   * maxMillis} have passed.
   *
   * @param connection a connection (a pooled wrapper is unwrapped); anything but an embedded H2
   *     database is left alone
   * @param targetFillRate the live share of the chunks to reach, percent (1–100)
   * @param writeBytes the most bytes rewritten per round
   * @param maxMillis time budget, ms
   * @return what was done ({@code embeddedH2} false: not an embedded H2 file database, nothing
   *     done; true with no round: a closed or read-only store, or nothing below the target)
   * @throws SQLException when the connection cannot be unwrapped
   */
  public static Result compact(
      Connection connection, int targetFillRate, int writeBytes, long maxMillis)
      throws SQLException {
    if (!connection.isWrapperFor(JdbcConnection.class)) {
      return new Result(false, 0, 0, 0, 0, 0);
    }
    JdbcConnection h2 = connection.unwrap(JdbcConnection.class);
    if (!(h2.getSession() instanceof SessionLocal session)) {
      return new Result(false, 0, 0, 0, 0, 0);
    }
    MVStore store = session.getDatabase().getStore().getMvStore();
    if (store.getFileStore() == null) {
      return new Result(false, 0, 0, 0, 0, 0); // an in-memory database: no file
    }
    if (store.isClosed() || store.isReadOnly()) {
      return new Result(true, 0, 0, 0, 0, 0); // nothing to do now; perhaps at the next call
    }
    long before = store.getFileStore().size();
    int fillBefore = store.getFileStore().getChunksFillRate();
    long deadline = System.nanoTime() + maxMillis * 1_000_000L;
    int rounds = 0;
    while (System.nanoTime() < deadline
        && !store.isClosed()
        && store.getFileStore().getChunksFillRate() < targetFillRate
        && store.compact(targetFillRate, writeBytes)) {
      // The rewritten pages are written as the next chunk, as H2's own background writer does
      // after its housekeeping; the chunks they left are dropped once older than the retention
      // time.
      store.commit();
      rounds++;
    }
    return new Result(
        true,
        rounds,
        before,
        store.getFileStore().size(),
        fillBefore,
        store.getFileStore().getChunksFillRate());
  }
}
