package org.quorate.ejb.messaging;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.quorate.core.mission.GenesisException;
import org.quorate.ejb.federation.PeerForwarder;
import org.quorate.ejb.mission.GenesisConflictException;
import org.quorate.ejb.mission.MissionService;

/**
 * Thin adapter from the genesis queue {@code quorate.genesis} to {@link MissionService#create}: the
 * genesis of a mission forwarded by a peer node's bridge (SPEC §4). Only the broker role {@code
 * peer} may send to that queue (jms-config federation-install.cli), so a genesis arrives here only
 * from a node whose operator was given this node's peer password. Loading is what an operator's
 * {@code POST /missions} does: the same genesis again is harmless; a malformed one, or another
 * genesis under a name this node holds, is logged at WARNING and consumed (this node keeps what it
 * holds). A database failure rolls back and Artemis redelivers.
 */
@MessageDriven(
    activationConfig = {
      @ActivationConfigProperty(
          propertyName = "destinationLookup",
          propertyValue = "java:/jms/queue/quorate.genesis"),
      @ActivationConfigProperty(
          propertyName = "destinationType",
          propertyValue = "jakarta.jms.Queue"),
      @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1")
    })
public class GenesisConsumer implements MessageListener {
  private static final Logger LOG = Logger.getLogger(GenesisConsumer.class.getName());

  /** Largest genesis read (as {@code POST /missions} allows). */
  static final long READ_CAP = 1024L * 1024;

  @Inject private MissionService missions;

  @Override
  public void onMessage(Message message) {
    try {
      String from = message.getStringProperty(PeerForwarder.TRANSPORT_PROPERTY);
      if (!(message instanceof BytesMessage bytes) || bytes.getBodyLength() > READ_CAP) {
        LOG.log(
            Level.WARNING, "Genesis message from {0} is not a BytesMessage of at most 1 MiB", from);
        return;
      }
      byte[] body = new byte[(int) bytes.getBodyLength()];
      bytes.readBytes(body);
      try {
        MissionService.Created c = missions.create(body);
        LOG.log(
            Level.INFO,
            "Genesis of mission {0} {1} (from {2})",
            new Object[] {c.mission().name(), c.created() ? "loaded" : "already held", from});
      } catch (GenesisException | GenesisConflictException e) {
        LOG.log(
            Level.WARNING, "Genesis from {0} refused: {1}", new Object[] {from, e.getMessage()});
      }
    } catch (JMSException e) {
      throw new IllegalStateException("Reading a genesis message failed", e);
    }
  }
}
