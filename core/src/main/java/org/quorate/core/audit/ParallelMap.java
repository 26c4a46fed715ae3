package org.quorate.core.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Applies a function to independent items on several threads and answers the results in the items'
 * order, so that what a caller does with them does not depend on which thread ran first (issue 12:
 * the signature checks of an audit bundle's 1,000 events, each independent of the others).
 *
 * <p>The items are cut into contiguous slices. The calling thread takes slices itself and hands the
 * executor at most {@code parallelism - 1} helpers that take slices too: a helper that starts after
 * every slice is taken does nothing, and an executor that refuses or delays helpers only leaves
 * more slices to the caller, which therefore never waits for a task that was not started.
 */
public final class ParallelMap {
  /** Slices per thread: uneven items (a CRL, a long rationale) even out. */
  private static final int SLICES_PER_THREAD = 4;

  private ParallelMap() {}

  /**
   * @return the threads worth using here: the processors the JVM sees
   */
  public static int processors() {
    return Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  /**
   * Requires {@code f} to be safe to call from several threads at once on different items.
   *
   * @param items the items, not null (an empty list answers an empty list)
   * @param f the function; what it throws for an item is rethrown here once every slice is done
   *     (the throw of the lowest index when several items throw), as if applied in order
   * @param executor runs the helpers (e.g. a container's managed executor); null: all on the
   *     calling thread
   * @param parallelism threads at most, the caller's included; 1 or less: all on the calling thread
   * @param <T> the items' type
   * @param <R> the results' type
   * @return {@code f} of each item, in the items' order, a new list
   */
  public static <T, R> List<R> map(
      List<T> items, Function<? super T, ? extends R> f, Executor executor, int parallelism) {
    Objects.requireNonNull(items, "items");
    Objects.requireNonNull(f, "f");
    int n = items.size();
    Object[] out = new Object[n];
    Throwable[] thrown = new Throwable[n];
    int threads = executor == null ? 1 : Math.max(1, Math.min(parallelism, n));
    int slices = threads == 1 ? Math.min(n, 1) : Math.min(n, threads * SLICES_PER_THREAD);
    AtomicInteger next = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(slices);
    Runnable worker =
        () -> {
          for (int s = next.getAndIncrement(); s < slices; s = next.getAndIncrement()) {
            try {
              int from = (int) ((long) s * n / slices);
              int to = (int) ((long) (s + 1) * n / slices);
              for (int i = from; i < to; i++) {
                try {
                  out[i] = f.apply(items.get(i));
                } catch (RuntimeException | Error e) {
                  thrown[i] = e;
                }
              }
            } finally {
              done.countDown();
            }
          }
        };
    for (int h = 1; h < threads; h++) {
      try {
        executor.execute(worker);
      } catch (RejectedExecutionException e) {
        break;
      }
    }
    worker.run();
    awaitUninterruptibly(done);
    for (Throwable t : thrown) {
      if (t instanceof RuntimeException r) {
        throw r;
      }
      if (t instanceof Error e) {
        throw e;
      }
    }
    List<R> results = new ArrayList<>(n);
    for (Object o : out) {
      @SuppressWarnings("unchecked")
      R r = (R) o;
      results.add(r);
    }
    return results;
  }

  /** Every slice was taken by a thread that runs it to the end: this wait always ends. */
  private static void awaitUninterruptibly(CountDownLatch done) {
    boolean interrupted = false;
    while (true) {
      try {
        done.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
