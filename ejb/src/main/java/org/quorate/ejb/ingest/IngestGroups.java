package org.quorate.ejb.ingest;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.quorate.core.admission.Ledger;
import org.quorate.ejb.admission.AdmissionEngine;
import org.quorate.ejb.admission.SubmissionAnswer;

/**
 * Group commit of admissions. Transports call {@link #record} or {@link #recordUnsupported} on
 * their own threads: the stateless stages of SPEC §2 (size, CMS, signature, content) run there, in
 * parallel, outside any lock and transaction; the prepared input then joins the pending queue and
 * the caller blocks until the group holding it has committed (or failed). One writer thread takes
 * everything pending (at most {@value #MAX_GROUP} inputs), records it in one transaction ({@link
 * GroupRecorder}), then completes the waiters and fires {@link GroupRecorded}. A group that fails
 * is recorded again one input per transaction, so that one input failing fails only its own waiter:
 * nothing else is redelivered because of it.
 *
 * <p>Callers must not hold a transaction that locks what the writer needs (a mission row): the
 * node's own decisions, signed under the mission lock, go through {@code AdmissionService} in the
 * caller's transaction instead.
 */
@ApplicationScoped
public class IngestGroups {
  private static final Logger LOG = Logger.getLogger(IngestGroups.class.getName());

  /** Largest group recorded in one transaction. */
  static final int MAX_GROUP = 256;

  /**
   * Longest an input whose predecessor is in flight waits for it before it is judged as it stands
   * ({@link ChainOrder}), in milliseconds, unless the system property {@code
   * quorate.ingest.chain-hold-back-ms} says otherwise when the writer starts (0 judges every input
   * as it arrives).
   */
  static final long HOLD_BACK_MS = 500;

  /** Recorded event ids remembered to tell whether a predecessor is already recorded. */
  private static final int REMEMBER = 200_000;

  /**
   * How long the writer waits at most for more inputs when fewer than {@link #LINGER_FILL} arrived,
   * in milliseconds, unless the system property {@code quorate.ingest.linger-ms} (read per group)
   * says otherwise; 0 turns it off. Under REST load (32 clients, each waiting for its group) groups
   * grew from about 8 to 10 inputs and the server's CPU per input fell by about a tenth; a lone
   * input waits this long once.
   */
  static final long LINGER_MS = 2;

  /** A group at least this large is written without lingering. */
  static final int LINGER_FILL = 32;

  /** How long a transport waits for its group before giving up (the message is redelivered). */
  private static final long WAIT_SECONDS = 600;

  @Inject private AdmissionEngine engine;

  @Inject private GroupRecorder recorder;

  @Inject private Event<GroupRecorded> recorded;

  @Resource private ManagedThreadFactory threads;

  private final BlockingQueue<Pending> pending = new LinkedBlockingQueue<>();
  private final Object startLock = new Object();
  private volatile Thread writer;
  private volatile boolean stopping;

  /**
   * Admits one input, durably: returns once the transaction recording it has committed.
   *
   * @param der the bytes received
   * @param transport how it arrived
   * @param deliveryId the transport's message id (JMS), or null: a delivery of a message already
   *     recorded under that id adds nothing
   * @return the SPEC §1 answer
   * @throws IllegalStateException when it could not be recorded (nothing of it was kept)
   */
  public SubmissionAnswer record(byte[] der, String transport, String deliveryId) {
    Ledger.Prepared prepared = engine.ledger().prepare(der);
    return await(
        new Pending(prepared, null, null, transport, deliveryId, new CompletableFuture<>()));
  }

  /**
   * Records a message that carried nothing to decode (rejected {@code unsupported-message}).
   *
   * @param body its bytes
   * @param transport how it arrived
   * @param kind what it was
   * @param deliveryId the transport's message id, or null
   * @return the SPEC §1 answer
   */
  public SubmissionAnswer recordUnsupported(
      byte[] body, String transport, String kind, String deliveryId) {
    return await(new Pending(null, body, kind, transport, deliveryId, new CompletableFuture<>()));
  }

  private SubmissionAnswer await(Pending p) {
    if (stopping) {
      throw new IllegalStateException("The node is stopping: nothing recorded");
    }
    ensureWriter();
    pending.add(p);
    try {
      return p.answer().get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      throw c instanceof RuntimeException r
          ? r
          : new IllegalStateException("Recording the input failed", c);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "Recording the input took longer than " + WAIT_SECONDS + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while the input was being recorded", e);
    }
  }

  private void ensureWriter() {
    if (writer != null) {
      return;
    }
    synchronized (startLock) {
      if (writer == null && !stopping) {
        Thread t = threads.newThread(this::drain);
        t.setName("quorate-ingest-writer");
        t.setDaemon(true);
        t.start();
        writer = t;
      }
    }
  }

  private void drain() {
    engine.becomeWriter();
    ChainOrder<Pending> order =
        new ChainOrder<>(
            IngestGroups::link,
            TimeUnit.MILLISECONDS.toNanos(
                Long.getLong("quorate.ingest.chain-hold-back-ms", HOLD_BACK_MS)),
            REMEMBER);
    while (!stopping) {
      List<Pending> group = List.of();
      try {
        long untilDeadline = order.nanosToNextDeadline(System.nanoTime());
        Pending first =
            pending.poll(
                untilDeadline < 0 ? TimeUnit.SECONDS.toNanos(1) : Math.max(untilDeadline, 100_000),
                TimeUnit.NANOSECONDS);
        List<Pending> arrived = new ArrayList<>();
        if (first != null) {
          arrived.add(first);
          pending.drainTo(arrived, MAX_GROUP - 1);
          linger(
              pending,
              arrived,
              TimeUnit.MILLISECONDS.toNanos(Long.getLong("quorate.ingest.linger-ms", LINGER_MS)),
              LINGER_FILL);
        }
        group = order.next(arrived, MAX_GROUP, System.nanoTime());
        if (group.isEmpty()) {
          continue;
        }
        write(group, order.waiting());
        order.recorded(group);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail(group, new IllegalStateException("The node is stopping: nothing recorded", e));
        break;
      } catch (RuntimeException | Error e) {
        // Never let the writer die: whatever escaped fails the group's waiters.
        fail(group, e);
      }
    }
    fail(order.drain(), new IllegalStateException("The node is stopping: nothing recorded"));
  }

  /**
   * Waits up to {@code lingerNanos} for more inputs while fewer than {@code fill} arrived, adding
   * each to {@code arrived} (with whatever else is queued, up to {@link #MAX_GROUP}): a group
   * commit's fixed cost (H2 rewrites the last pages of every table and index a group touched) is
   * then shared by more inputs. Returns at once when {@code arrived} holds {@code fill} or more, or
   * when nothing more comes in time.
   *
   * @param queue where inputs arrive
   * @param arrived the group so far (added to)
   * @param lingerNanos longest wait in all, in nanoseconds (0 or less: none)
   * @param fill a group at least this large is not waited for
   * @throws InterruptedException if interrupted while waiting
   */
  static <T> void linger(BlockingQueue<T> queue, List<T> arrived, long lingerNanos, int fill)
      throws InterruptedException {
    if (lingerNanos <= 0) {
      return;
    }
    long end = System.nanoTime() + lingerNanos;
    while (arrived.size() < fill) {
      long left = end - System.nanoTime();
      T more = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
      if (more == null) {
        return;
      }
      arrived.add(more);
      queue.drainTo(arrived, MAX_GROUP - arrived.size());
    }
  }

  private static ChainOrder.Link link(Pending p) {
    String mission = p.mission();
    String signer = p.signer();
    return mission == null || signer == null
        ? null
        : new ChainOrder.Link(mission + '\n' + signer, p.seq(), p.eventId(), p.prev());
  }

  private void write(List<Pending> group, int waiting) {
    long start = System.nanoTime();
    try {
      GroupRecorder.Result r = recorder.record(group);
      complete(r);
      LOG.log(
          Level.FINE,
          "Group of {0} inputs recorded in {1} ms: {2} log entries; {3} inputs wait for their"
              + " predecessor",
          new Object[] {
            group.size(),
            (System.nanoTime() - start) / 1_000_000,
            r.appended().values().stream().mapToInt(List::size).sum(),
            waiting
          });
      return;
    } catch (RuntimeException e) {
      engine.ledger().forgetDerived();
      if (group.size() == 1) {
        fail(group, e);
        return;
      }
      LOG.log(
          Level.FINE,
          "Group of {0} inputs rolled back ({1}); recording them one by one",
          new Object[] {group.size(), e.toString()});
    }
    for (Pending p : group) {
      try {
        complete(recorder.record(List.of(p)));
      } catch (RuntimeException e) {
        engine.ledger().forgetDerived();
        fail(List.of(p), e);
      }
    }
  }

  private void complete(GroupRecorder.Result r) {
    for (Map.Entry<Pending, SubmissionAnswer> e : r.answers().entrySet()) {
      e.getKey().answer().complete(e.getValue());
    }
    try {
      recorded.fire(new GroupRecorded(r.appended(), r.answers().size()));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "An observer of a recorded group failed", e);
    }
  }

  private static void fail(List<Pending> group, Throwable cause) {
    for (Pending p : group) {
      p.answer().completeExceptionally(cause);
    }
  }

  @PreDestroy
  void stop() {
    stopping = true;
    Thread t = writer;
    if (t != null) {
      t.interrupt();
      try {
        t.join(TimeUnit.SECONDS.toMillis(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    List<Pending> left = new ArrayList<>();
    pending.drainTo(left);
    fail(left, new IllegalStateException("The node is stopping: nothing recorded"));
  }
}
