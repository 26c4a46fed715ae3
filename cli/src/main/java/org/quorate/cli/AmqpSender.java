package org.quorate.cli;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.apache.qpid.jms.JmsConnectionFactory;

/**
 * Sends contributions over AMQP 1.0 with Qpid JMS (contract.md, Messaging): one persistent {@link
 * BytesMessage} per DER SignedData, string property {@code quorate_transport}={@code amqp}, to the
 * queue address (default {@value #DEFAULT_ADDRESS}). Persistent sends are synchronous, so a
 * returned {@link #send} means the broker accepted the message.
 */
public final class AmqpSender implements AutoCloseable {
  /** The contributions queue's AMQP address on WildFly's Artemis. */
  public static final String DEFAULT_ADDRESS = "jms.queue.quorate.contributions";

  private final String uri;
  private final Connection connection;
  private final Session session;
  private final MessageProducer producer;

  /**
   * Connects.
   *
   * @param uri e.g. {@code amqp://localhost:5673}
   * @param user user, or {@code null} for an anonymous connection
   * @param password password (with {@code user})
   * @param address queue address
   * @throws CliException if the broker cannot be reached or refuses the login
   */
  public AmqpSender(String uri, String user, String password, String address) {
    this.uri = uri;
    if (!uri.startsWith("amqp://") && !uri.startsWith("amqps://")) {
      throw new CliException("the AMQP URL must start with amqp:// or amqps://, got " + uri);
    }
    Connection c = null;
    try {
      JmsConnectionFactory factory =
          user == null
              ? new JmsConnectionFactory(uri)
              : new JmsConnectionFactory(user, password, uri);
      c = factory.createConnection();
      Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
      MessageProducer p = s.createProducer(s.createQueue(address));
      p.setDeliveryMode(DeliveryMode.PERSISTENT);
      this.connection = c;
      this.session = s;
      this.producer = p;
    } catch (JMSException | RuntimeException e) {
      closeQuietly(c);
      throw new CliException(
          "cannot connect to the AMQP acceptor at "
              + uri
              + " as "
              + (user == null ? "anonymous" : user)
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /**
   * Sends one contribution.
   *
   * @param der DER CMS SignedData
   * @throws CliException if the broker does not accept it
   */
  public void send(byte[] der) {
    try {
      BytesMessage m = session.createBytesMessage();
      m.writeBytes(der);
      m.setStringProperty("quorate_transport", "amqp");
      producer.send(m);
    } catch (JMSException | RuntimeException e) {
      throw new CliException("sending over AMQP to " + uri + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    closeQuietly(connection);
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (JMSException e) {
        // closing after use; nothing left to report
      }
    }
  }
}
