package org.quorate.ejb.federation;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceProperty;
import java.util.List;
import java.util.Optional;
import org.quorate.core.coordination.EpochChain;
import org.quorate.core.federation.PeerFilter;
import org.quorate.core.label.LabelFormatException;
import org.quorate.core.label.LabelPolicy;
import org.quorate.core.mission.Genesis;
import org.quorate.ejb.admission.AdmissionEngine;
import org.quorate.ejb.store.InputBytes;
import org.quorate.ejb.store.MissionEntity;
import org.quorate.ejb.store.QuoratePersistence;

/**
 * One forwarding step for one peer, in a transaction of its own: the peer's row is locked, the
 * mission's node log is read by index after the peer's {@code enqueuedIndex}, each record that
 * {@link PeerFilter} lets through is sent with the input's original bytes to the peer's queue, and
 * the new index is recorded. The JMS sends (through {@code java:/JmsXA}) and the index commit or
 * roll back together, so nothing is skipped and nothing is queued twice; what the bridge would
 * deliver twice after a transport fault the peer's broker drops by the bridge's own duplicate id.
 */
@Stateless
public class PeerForwarding {
  /** Log records examined per step. */
  static final int BATCH = 200;

  @PersistenceContext(
      unitName = QuoratePersistence.NAME,
      properties = {
        @PersistenceProperty(name = QuoratePersistence.SKIP_MIXED_SYNC_CHECK, value = "false"),
        @PersistenceProperty(name = QuoratePersistence.ALLOW_JOINED_UNSYNC, value = "false")
      })
  private EntityManager em;

  @Inject private AdmissionEngine engine;

  @Inject
  @JMSConnectionFactory("java:/JmsXA")
  private JMSContext jms;

  /**
   * Forwards the next batch of one peer's mission log.
   *
   * @param mission the mission
   * @param name the peer's name
   * @return the number of log records examined (0: the peer is up to date or not eligible)
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public int step(String mission, String name) {
    PeerEntity p =
        em.find(
            PeerEntity.class, new PeerEntity.Key(mission, name), LockModeType.PESSIMISTIC_WRITE);
    MissionEntity m = em.find(MissionEntity.class, mission);
    if (p == null || m == null) {
      return 0;
    }
    Optional<PeerFilter> filter = filter(m);
    if (filter.isEmpty() || !filter.get().memberOfCurrentEpoch(p.member())) {
      return 0;
    }
    Queue queue = jms.createQueue(PeerBroker.jmsQueueName(mission, name));
    int sent = 0;
    if (!p.genesisSent()) {
      Queue genesisQueue =
          jms.createQueue(PeerBroker.jmsQueueName(mission, name) + PeerBroker.GENESIS_SUFFIX);
      send(genesisQueue, m.genesis(), m.genesisId(), -1, true);
      p.genesisSent(true);
      sent++;
    }
    List<Object[]> rows =
        em.createQuery(
                "select e.logIndex, e.inputId, e.outcome from LogEntryEntity e"
                    + " where e.log = :m and e.logIndex > :i order by e.logIndex",
                Object[].class)
            .setParameter("m", mission)
            .setParameter("i", p.enqueuedIndex())
            .setMaxResults(BATCH)
            .getResultList();
    long last = p.enqueuedIndex();
    for (Object[] row : rows) {
      long index = ((Number) row[0]).longValue();
      String inputId = (String) row[1];
      String outcome = (String) row[2];
      last = index;
      if (!PeerFilter.FORWARDED_OUTCOMES.contains(outcome)) {
        continue;
      }
      InputBytes bytes = em.find(InputBytes.class, inputId);
      if (bytes == null) {
        continue;
      }
      byte[] der = bytes.der();
      if (filter.get().forwards(outcome, der, p.member())) {
        send(queue, der, inputId, index, false);
        sent++;
      }
    }
    p.advance(last, sent);
    return rows.size();
  }

  /**
   * Reconciliation (SPEC §4): queues for a peer the original bytes of inputs it said it lacks, in a
   * transaction of its own. Each goes only if it is still due to the peer (an authentic outcome,
   * member of the current epoch, releasable to it). The messages carry the log index after the
   * peer's position, so that its acknowledged index reads right while they are in flight.
   *
   * @param mission the mission
   * @param name the peer's name
   * @param inputIds the inputs to send (ids of inputs held here)
   * @return how many were queued
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public int resend(String mission, String name, List<String> inputIds) {
    PeerEntity p =
        em.find(
            PeerEntity.class, new PeerEntity.Key(mission, name), LockModeType.PESSIMISTIC_WRITE);
    MissionEntity m = em.find(MissionEntity.class, mission);
    if (p == null || m == null || p.paused() || !p.genesisSent()) {
      return 0;
    }
    Optional<PeerFilter> filter = filter(m);
    if (filter.isEmpty() || !filter.get().memberOfCurrentEpoch(p.member())) {
      return 0;
    }
    Queue queue = jms.createQueue(PeerBroker.jmsQueueName(mission, name));
    int sent = 0;
    for (String inputId : inputIds) {
      InputBytes bytes = em.find(InputBytes.class, inputId);
      if (bytes != null && filter.get().forwards("admitted", bytes.der(), p.member())) {
        send(queue, bytes.der(), inputId, p.enqueuedIndex() + 1, false);
        sent++;
      }
    }
    p.advance(p.enqueuedIndex(), sent);
    return sent;
  }

  /**
   * @param mission a mission
   * @param member a member id
   * @return whether the member belongs to the mission's current epoch
   */
  public boolean eligible(String mission, String member) {
    MissionEntity m = em.find(MissionEntity.class, mission);
    return m != null && filter(m).map(f -> f.memberOfCurrentEpoch(member)).orElse(false);
  }

  /**
   * @param m a mission
   * @return its forwarding filter (current epoch, posture, label policy); empty if unreadable
   */
  public Optional<PeerFilter> filter(MissionEntity m) {
    Genesis g = engine.ledger().genesisOf(m.loaded());
    Optional<EpochChain> epochs = engine.ledger().epochsOf(m.name());
    LabelPolicy labels;
    try {
      labels = LabelPolicy.fromGenesis(g.labelPolicy(), engine.spifs());
    } catch (LabelFormatException e) {
      return Optional.empty();
    }
    return epochs.map(c -> new PeerFilter(c.current(), g.posture(), labels));
  }

  private void send(Queue queue, byte[] der, String id, long index, boolean genesis) {
    BytesMessage msg = jms.createBytesMessage();
    try {
      msg.writeBytes(der);
      msg.setStringProperty(PeerForwarder.INPUT_ID_PROPERTY, id);
      msg.setLongProperty(PeerForwarder.LOG_INDEX_PROPERTY, index);
      msg.setStringProperty(
          PeerForwarder.TRANSPORT_PROPERTY,
          "peer:" + System.getProperty("quorate.node.name", "quorate"));
      if (genesis) {
        msg.setStringProperty(PeerForwarder.GENESIS_PROPERTY, "true");
      }
    } catch (jakarta.jms.JMSException e) {
      throw new IllegalStateException("Building a peer message failed", e);
    }
    JMSProducer producer = jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
    producer.send(queue, msg);
  }
}
