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
 * The forwarding loop (SPEC §4): a second after the previous round ends, for every peer of every
 * mission, runs {@link PeerForwarding#step} until the peer's queue holds everything of the log that
 * is due to it (at most {@value #MAX_STEPS} steps per tick, so that one long backfill does not
 * starve the others). At the first tick after a start it makes every peer's broker link again from
 * the peers table (bridges and connectors made at run time do not survive a restart; the queues
 * do). It reads the log by index, so it needs no hook into admission and loses nothing across
 * restarts.
 *
 * <p>Message properties of a forwarded input: {@value #INPUT_ID_PROPERTY} = the input id, {@value
 * #LOG_INDEX_PROPERTY} = its index in this node's log ({@code -1} for the genesis), {@value
 * #TRANSPORT_PROPERTY} = {@code peer:<this node>}, and on the genesis {@value #GENESIS_PROPERTY} =
 * {@code true}. The genesis travels on its own queue and bridge to the peer's {@code
 * quorate.genesis} queue, where only the peer role may send ({@code GenesisConsumer} loads it); the
 * inputs go to the peer's contributions address.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class PeerForwarder {
  private static final Logger LOG = Logger.getLogger(PeerForwarder.class.getName());

  /**
   * String property: the input id. Deliberately not Artemis' {@code _AMQ_DUPL_ID}: Artemis 2.44
   * answers a duplicate send with {@code ActiveMQDuplicateIdException}, and a core bridge then
   * leaves that message unacknowledged, so a link whose peer already holds an input (received from
   * another peer, or its own coming back) would stall for good. Transport faults are covered by the
   * bridge's own duplicate detection; an input that reaches a node twice by two routes is answered
   * {@code duplicate} by admission (SPEC §2.8, §4).
   */
  public static final String INPUT_ID_PROPERTY = "quorate_input_id";

  /** Long property: the input's index in the sending node's mission log. */
  public static final String LOG_INDEX_PROPERTY = "quorate_log_index";

  /** String property {@code true} on a forwarded genesis. */
  public static final String GENESIS_PROPERTY = "quorate_genesis";

  /** The admission transport string property (as {@code ContributionConsumer} reads it). */
  public static final String TRANSPORT_PROPERTY = "quorate_transport";

  static final int MAX_STEPS = 20;

  /** Pause between the end of one tick and the next. */
  static final long PERIOD_MS = 1000;

  /** Delay of the first tick after deployment. */
  static final long INITIAL_DELAY_MS = 3000;

  @Resource private TimerService timers;

  @PersistenceContext(
      unitName = QuoratePersistence.NAME,
      properties = {
        @PersistenceProperty(name = QuoratePersistence.SKIP_MIXED_SYNC_CHECK, value = "false"),
        @PersistenceProperty(name = QuoratePersistence.ALLOW_JOINED_UNSYNC, value = "false")
      })
  private EntityManager em;

  @Inject private PeerForwarding forwarding;

  @Inject private PeerBroker broker;

  private final AtomicBoolean linked = new AtomicBoolean();
  private final AtomicBoolean running = new AtomicBoolean();

  /** Arms the first tick. */
  @PostConstruct
  void start() {
    next(INITIAL_DELAY_MS);
  }

  private void next(long delayMillis) {
    timers.createSingleActionTimer(delayMillis, new TimerConfig(null, false));
  }

  /** One tick, then the next one a second after this one ends (ticks never overlap). */
  @Timeout
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public void tick() {
    if (!running.compareAndSet(false, true)) {
      return;
    }
    try {
      List<Object[]> peers =
          em.createQuery("select p.mission, p.name from PeerEntity p", Object[].class)
              .getResultList();
      if (!linked.get()) {
        relink();
      }
      for (Object[] p : peers) {
        String mission = (String) p[0];
        String name = (String) p[1];
        try {
          for (int i = 0; i < MAX_STEPS; i++) {
            if (forwarding.step(mission, name) < PeerForwarding.BATCH) {
              break;
            }
          }
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "Forwarding to peer " + mission + "/" + name + " failed", e);
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Peer forwarding tick failed", e);
    } finally {
      running.set(false);
      next(PERIOD_MS);
    }
  }

  private void relink() {
    List<PeerEntity> all =
        em.createQuery("select p from PeerEntity p", PeerEntity.class).getResultList();
    boolean ok = true;
    for (PeerEntity p : all) {
      try {
        broker.link(p);
      } catch (RuntimeException e) {
        ok = false;
        LOG.log(Level.WARNING, "Making the link to peer " + p.mission() + "/" + p.name(), e);
      }
    }
    linked.set(ok);
  }
}
