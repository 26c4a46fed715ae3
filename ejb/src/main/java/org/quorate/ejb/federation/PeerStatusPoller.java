package org.quorate.ejb.federation;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceProperty;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.quorate.ejb.store.QuoratePersistence;

/**
 * The status and reconciliation loop (SPEC §4): a period after the previous round ends (system
 * property {@code quorate.federation.status-period-ms}, default {@value #DEFAULT_PERIOD_MS} ms),
 * runs {@link PeerReconciler#round} for every peer of every mission. Its own timer, apart from
 * {@link PeerForwarder}, so that a peer that does not answer never slows forwarding.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class PeerStatusPoller {
  private static final Logger LOG = Logger.getLogger(PeerStatusPoller.class.getName());

  static final long DEFAULT_PERIOD_MS = 5_000;

  @Resource private TimerService timers;

  @PersistenceContext(
      unitName = QuoratePersistence.NAME,
      properties = {
        @PersistenceProperty(name = QuoratePersistence.SKIP_MIXED_SYNC_CHECK, value = "false"),
        @PersistenceProperty(name = QuoratePersistence.ALLOW_JOINED_UNSYNC, value = "false")
      })
  private EntityManager em;

  @Inject private PeerReconciler reconciler;

  private final AtomicBoolean running = new AtomicBoolean();

  /** Arms the first round. */
  @PostConstruct
  void start() {
    next();
  }

  private void next() {
    timers.createSingleActionTimer(
        Long.getLong("quorate.federation.status-period-ms", DEFAULT_PERIOD_MS),
        new TimerConfig(null, false));
  }

  /** One round over every peer, then the next one a period after this one ends. */
  @Timeout
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public void round() {
    if (!running.compareAndSet(false, true)) {
      return;
    }
    try {
      List<Object[]> peers =
          em.createQuery("select p.mission, p.name from PeerEntity p", Object[].class)
              .getResultList();
      for (Object[] p : peers) {
        try {
          reconciler.round((String) p[0], (String) p[1]);
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "Peer status of " + p[0] + "/" + p[1] + " failed", e);
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Peer status round failed", e);
    } finally {
      running.set(false);
      next();
    }
  }
}
