package org.quorate.ejb.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IngestLingerTest {
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  @Test
  void aSmallGroupTakesWhatArrivesWhileItLingersUpToTheFill() throws Exception {
    BlockingQueue<Integer> queue = new LinkedBlockingQueue<>();
    List<Integer> arrived = new ArrayList<>(List.of(0));
    Thread feeder =
        new Thread(
            () -> {
              for (int i = 1; i <= 10; i++) {
                queue.add(i);
                try {
                  Thread.sleep(1);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    feeder.start();
    IngestGroups.linger(queue, arrived, 10 * SECOND, 6);
    feeder.join();
    assertThat(arrived).hasSizeGreaterThanOrEqualTo(6).startsWith(0, 1, 2, 3, 4, 5);
    assertThat(arrived.size() + queue.size()).as("nothing lost or doubled").isEqualTo(11);
  }

  @Test
  void nothingMoreComingEndsTheWaitAtTheLinger() throws Exception {
    BlockingQueue<Integer> queue = new LinkedBlockingQueue<>();
    List<Integer> arrived = new ArrayList<>(List.of(0));
    long start = System.nanoTime();
    IngestGroups.linger(queue, arrived, TimeUnit.MILLISECONDS.toNanos(20), 32);
    long waited = System.nanoTime() - start;
    assertThat(arrived).containsExactly(0);
    assertThat(waited).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(20)).isLessThan(SECOND);
  }

  @Test
  void aFullGroupOrNoLingerDoesNotWait() throws Exception {
    BlockingQueue<Integer> queue = new LinkedBlockingQueue<>(List.of(7, 8));
    List<Integer> full = new ArrayList<>(List.of(1, 2, 3));
    long start = System.nanoTime();
    IngestGroups.linger(queue, full, 10 * SECOND, 3);
    List<Integer> off = new ArrayList<>(List.of(1));
    IngestGroups.linger(queue, off, 0, 32);
    assertThat(System.nanoTime() - start).isLessThan(SECOND);
    assertThat(full).containsExactly(1, 2, 3);
    assertThat(off).containsExactly(1);
    assertThat(queue).containsExactly(7, 8);
  }
}
