package org.quorate.web.audit;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.quorate.ejb.access.ClearanceInsufficientException;
import org.quorate.ejb.access.ClearanceService;
import org.quorate.ejb.audit.AuditReport;
import org.quorate.ejb.audit.AuditService;
import org.quorate.ejb.audit.UnknownProposalException;
import org.quorate.ejb.log.NoNodeCredentialException;
import org.quorate.ejb.log.NodeLogService;
import org.quorate.ejb.log.UnknownLogException;

/**
 * The portal's audit reports, kept per what they verified (issue 16: the audit page answers in
 * under 1 s): a report is reused while the mission's node log has the same size (every recorded
 * outcome appends to it, SPEC §5, so nothing the bundle holds has changed) and for the same user
 * with the same clearance (SPEC §6: the audit needs a clearance admitting every event). The page's
 * Verify button always verifies afresh ({@link #fresh}): a row altered in the database behind the
 * application is found then, as by the REST {@code …/audit}, which never reads this cache.
 *
 * <p>A report not kept yet is made in the background ({@link #kept}): the page answers at once,
 * saying that the bundle is being verified, and shows the report when it is ready. The background
 * task runs as the caller (the container propagates the security identity to managed executors), so
 * the clearance check of SPEC §6 applies to it as to the request. At most {@link #MAX_ENTRIES}
 * reports are kept, the least recently used dropped first.
 */
@ApplicationScoped
public class AuditCache {
  /** Reports kept at most. */
  public static final int MAX_ENTRIES = 32;

  @EJB private AuditService audits;
  @EJB private NodeLogService logs;
  @EJB private ClearanceService clearances;
  @Resource private ManagedExecutorService executor;

  /** How long a request waits for a background verification before it answers without it. */
  static final long WAIT_MILLIS = 400;

  private final Map<Key, Future<Verified>> running = new ConcurrentHashMap<>();

  /** What a report verified and for whom. */
  private record Key(
      String mission, String proposal, long logSize, String user, String clearance) {}

  /**
   * A report and when it was made.
   *
   * @param report the audit
   * @param verifiedAt when its checks ran
   * @param logSize the node log's size then
   */
  public record Verified(AuditReport report, Instant verifiedAt, long logSize) {}

  private final Map<Key, Verified> reports =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Verified> eldest) {
          return size() > MAX_ENTRIES;
        }
      };

  /**
   * The report of the log's current size if kept or made within {@link #WAIT_MILLIS}; else starts
   * (once) its verification in the background and answers empty: ask again later.
   *
   * @param mission mission name
   * @param proposal proposal id
   * @return the report, or empty while it is being made
   * @throws UnknownProposalException as {@link AuditService#audit}, also when the background
   *     verification ended so
   * @throws NoNodeCredentialException as {@link AuditService#audit}, also when the background
   *     verification ended so
   * @throws ClearanceInsufficientException as {@link AuditService#audit}, also when the background
   *     verification ended so
   */
  public Optional<Verified> kept(String mission, String proposal)
      throws UnknownProposalException, NoNodeCredentialException, ClearanceInsufficientException {
    Optional<Key> key = key(mission, proposal);
    if (key.isEmpty()) {
      return Optional.of(fresh(mission, proposal));
    }
    synchronized (reports) {
      Verified kept = reports.get(key.get());
      if (kept != null) {
        return Optional.of(kept);
      }
    }
    if (running.size() > MAX_ENTRIES) {
      running.values().removeIf(Future::isDone);
    }
    Future<Verified> task =
        running.computeIfAbsent(key.get(), k -> executor.submit(() -> fresh(mission, proposal)));
    try {
      Verified v = task.get(task.isDone() ? 0 : WAIT_MILLIS, TimeUnit.MILLISECONDS);
      running.remove(key.get(), task);
      return Optional.of(v);
    } catch (TimeoutException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (ExecutionException e) {
      running.remove(key.get(), task);
      Throwable cause = e.getCause();
      if (cause instanceof UnknownProposalException u) {
        throw u;
      }
      if (cause instanceof NoNodeCredentialException n) {
        throw n;
      }
      if (cause instanceof ClearanceInsufficientException c) {
        throw c;
      }
      throw new IllegalStateException("The audit of " + proposal + " failed", cause);
    }
  }

  /**
   * Verifies now (the Verify button) and keeps the result.
   *
   * @param mission mission name
   * @param proposal proposal id
   * @return the new report
   * @throws UnknownProposalException as {@link AuditService#audit}
   * @throws NoNodeCredentialException as {@link AuditService#audit}
   * @throws ClearanceInsufficientException as {@link AuditService#audit}
   */
  public Verified fresh(String mission, String proposal)
      throws UnknownProposalException, NoNodeCredentialException, ClearanceInsufficientException {
    Optional<Key> before = key(mission, proposal);
    AuditReport report = audits.audit(mission, proposal);
    Verified v =
        new Verified(report, Instant.now(), before.map(Key::logSize).orElse(report.sth().size()));
    // Kept only when the log did not grow while it was verified (else the next request verifies).
    Optional<Key> after = key(mission, proposal);
    if (before.isPresent() && before.equals(after)) {
      synchronized (reports) {
        reports.put(before.get(), v);
      }
    }
    return v;
  }

  private Optional<Key> key(String mission, String proposal) {
    if (mission == null || proposal == null) {
      return Optional.empty();
    }
    long size;
    try {
      size = logs.size(mission).size();
    } catch (UnknownLogException e) {
      return Optional.empty();
    }
    String user = clearances.callerName();
    String clearance =
        user == null
            ? ""
            : clearances.get(user).map(c -> c.labels().toString() + c.setAt()).orElse("");
    return Optional.of(new Key(mission, proposal, size, user, clearance));
  }
}
