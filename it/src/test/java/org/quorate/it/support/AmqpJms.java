package org.quorate.it.support;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import org.apache.qpid.jms.JmsConnectionFactory;

/**
 * Sends contributions over AMQP 1.0 with Qpid JMS, as the {@code submitter} user, to the
 * contributions queue (address {@link QuorateServer#CONTRIBUTIONS_ADDRESS}) on the test server's
 * AMQP acceptor ({@link QuorateServer#amqpUri()}).
 *
 * <p>Payload per contract.md (Messaging): a {@code BytesMessage} holding the DER CMS SignedData,
 * string property {@code quorate_transport}.
 */
public final class AmqpJms {

  private AmqpJms() {}

  /**
   * Sends one persistent BytesMessage with {@code quorate_transport=amqp}; returns when the broker
   * has accepted it (Qpid JMS sends persistent messages synchronously).
   *
   * @param der the DER bytes, sent as they are
   * @throws IllegalStateException if connecting or sending fails
   */
  public static void send(byte[] der) {
    send(der, "amqp");
  }

  /**
   * Sends one persistent BytesMessage.
   *
   * @param der the DER bytes, sent as they are
   * @param transport value of the {@code quorate_transport} string property
   * @throws IllegalStateException if connecting or sending fails
   */
  public static void send(byte[] der, String transport) {
    JmsConnectionFactory factory = new JmsConnectionFactory(QuorateServer.amqpUri());
    try (Connection connection =
        factory.createConnection(TestUser.SUBMITTER.username(), TestUser.SUBMITTER.password())) {
      Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
      Queue queue = session.createQueue(QuorateServer.CONTRIBUTIONS_ADDRESS);
      MessageProducer producer = session.createProducer(queue);
      producer.setDeliveryMode(DeliveryMode.PERSISTENT);
      BytesMessage message = session.createBytesMessage();
      message.writeBytes(der);
      message.setStringProperty("quorate_transport", transport);
      producer.send(message);
    } catch (JMSException e) {
      throw new IllegalStateException(
          "AMQP send to " + QuorateServer.amqpUri() + " " + QuorateServer.CONTRIBUTIONS_ADDRESS, e);
    }
  }
}
