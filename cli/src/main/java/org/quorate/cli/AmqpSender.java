package org.quorate.cli;

import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.qpid.jms.JmsConnectionFactory;

/**
 * Sends contributions over AMQP 1.0 with Qpid JMS (contract.md, Messaging): one persistent {@link
 * BytesMessage} per DER SignedData, string property {@code quorate_transport}={@code amqp}, to the
 * queue address (default {@value #DEFAULT_ADDRESS}). Persistent sends are synchronous, so a
 * returned {@link #send} means the broker accepted the message. {@link #sendPipelined} is the
 * asynchronous form (JMS 2.0 {@link CompletionListener}) with at most {@value #WINDOW} messages
 * awaiting the broker's acceptance: the load generator uses it so that one connection is not
 * bounded by one journal write per round trip; {@link #awaitAccepted} waits for them all.
 */
public final class AmqpSender implements AutoCloseable {
  /** The contributions queue's AMQP address on WildFly's Artemis. */
  public static final String DEFAULT_ADDRESS = "jms.queue.quorate.contributions";

  /** Most pipelined messages awaiting the broker's acceptance at any time, per sender. */
  static final int WINDOW = 256;

  private final String uri;
  private final Semaphore window = new Semaphore(WINDOW);
  private final AtomicReference<Exception> pipelineFailure = new AtomicReference<>();
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

  /**
   * Sends one contribution without waiting for the broker's acceptance; blocks only while {@value
   * #WINDOW} earlier ones await it.
   *
   * @param der DER CMS SignedData
   * @throws CliException if an earlier pipelined send was refused, or this one cannot be sent
   */
  public void sendPipelined(byte[] der) {
    failIfRefused();
    try {
      window.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted while sending over AMQP to " + uri, e);
    }
    try {
      BytesMessage m = session.createBytesMessage();
      m.writeBytes(der);
      m.setStringProperty("quorate_transport", "amqp");
      producer.send(
          m,
          new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
              window.release();
            }

            @Override
            public void onException(Message message, Exception exception) {
              pipelineFailure.compareAndSet(null, exception);
              window.release();
            }
          });
    } catch (JMSException | RuntimeException e) {
      window.release();
      throw new CliException("sending over AMQP to " + uri + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * Waits until the broker accepted every pipelined message.
   *
   * @param timeoutSeconds how long to wait at most
   * @throws CliException if one was refused or they were not all accepted in time
   */
  public void awaitAccepted(long timeoutSeconds) {
    try {
      if (!window.tryAcquire(WINDOW, timeoutSeconds, TimeUnit.SECONDS)) {
        throw new CliException(
            "the broker at " + uri + " did not accept every message in " + timeoutSeconds + " s");
      }
      window.release(WINDOW);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted while waiting for the broker at " + uri, e);
    }
    failIfRefused();
  }

  private void failIfRefused() {
    Exception e = pipelineFailure.get();
    if (e != null) {
      throw new CliException("the broker at " + uri + " refused a message: " + e.getMessage(), e);
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
