package org.quorate.ejb.messaging;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.quorate.ejb.ingest.IngestGroups;

/**
 * Thin adapter from the contributions queue (JMS, and AMQP 1.0 through Artemis) to {@link
 * IngestGroups} (SPEC §1 Transport, §2 last paragraph).
 *
 * <p>Everything sent to {@code quorate.contributions} reaches this MDB on {@code
 * quorate.contributions.ingest} through a divert whose transformer ({@code
 * org.quorate.broker.AmqpBodyTransformer}, jms-config) turns each AMQP message into a core
 * BytesMessage with the string property {@value #AMQP_BODY_PROPERTY} naming what its AMQP body was.
 * A BytesMessage's body is the DER, unless that property names a body that holds no DER (an
 * amqp-value other than binary, amqp-sequence, no body, undecodable): then, as for any other
 * message kind, the bytes are recorded as rejected {@code unsupported-message}. So nothing is lost
 * and nothing blocks the queue.
 *
 * <p>Delivery is not transacted ({@code NOT_SUPPORTED}: no XA transaction spans the broker and the
 * database). The stateless stages run on this thread; {@link IngestGroups} records the input in the
 * next group transaction and returns once that committed; only then does {@code onMessage} return,
 * and the resource adapter acknowledges the message. A crash between the commit and the
 * acknowledgement redelivers a message already recorded, which adds nothing (its message id is
 * recognised, SPEC §2.8). A failure (database down) on attempts 1 to {@value
 * #MAX_DELIVERY_ATTEMPTS}&minus;1 propagates: the adapter rolls the delivery back and Artemis
 * redelivers (1 s, ×2, up to 60 s). When the last attempt fails too, this consumer sends the
 * message's bytes to {@code quorate.contributions.DLQ} with the reason (string properties {@value
 * #DEAD_LETTER_REASON}, {@value #DEAD_LETTER_ORIGINAL_ID}, the transport properties, and int
 * {@value #DEAD_LETTER_ATTEMPTS}) and returns, so the dead-lettered message says why. Should that
 * send fail as well, the delivery rolls back and Artemis dead-letters the original (its own headers
 * only). Each failed attempt is logged at WARNING with the JMS message id, the attempt and the
 * cause.
 */
@MessageDriven(
    activationConfig = {
      @ActivationConfigProperty(
          propertyName = "destinationLookup",
          propertyValue = "java:/jms/queue/quorate.contributions.ingest"),
      @ActivationConfigProperty(
          propertyName = "destinationType",
          propertyValue = "jakarta.jms.Queue"),
      @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "256")
    })
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ContributionConsumer implements MessageListener {
  private static final Logger LOG = Logger.getLogger(ContributionConsumer.class.getName());

  /**
   * Largest body read from a BytesMessage (16 MiB, four times the default admission cap): a longer
   * one is kept truncated to this length and rejected {@code too-large}, so that a huge message
   * cannot exhaust the database.
   */
  static final long READ_CAP = 16L * 1024 * 1024;

  /**
   * Optional string property naming the transport (e.g. {@code amqp}); JMS property names are Java
   * identifiers, hence the underscore.
   */
  public static final String TRANSPORT_PROPERTY = "quorate_transport";

  /** String property set by the broker's divert transformer on messages that were AMQP. */
  public static final String AMQP_BODY_PROPERTY = "quorate_amqp_body";

  /** Delivery attempts before Artemis dead-letters (jms-config, max-delivery-attempts). */
  static final int MAX_DELIVERY_ATTEMPTS = 5;

  /** String property on a message this consumer dead-letters: the root cause of the failure. */
  public static final String DEAD_LETTER_REASON = "quorate_dead_letter_reason";

  /** String property on a message this consumer dead-letters: the original JMS message id. */
  public static final String DEAD_LETTER_ORIGINAL_ID = "quorate_original_message_id";

  /** Int property on a message this consumer dead-letters: the delivery attempts made. */
  public static final String DEAD_LETTER_ATTEMPTS = "quorate_delivery_attempts";

  @Inject private IngestGroups ingest;

  @Inject
  @JMSConnectionFactory("java:/JmsXA")
  private JMSContext jms;

  @Resource(lookup = "java:/jms/queue/quorate.contributions.DLQ")
  private Queue deadLetterQueue;

  @Override
  public void onMessage(Message message) {
    boolean last = attempt(message) >= MAX_DELIVERY_ATTEMPTS;
    byte[][] read = new byte[1][];
    try {
      consume(message, read);
    } catch (JMSException | RuntimeException e) {
      logFailure(message, e);
      if (last) {
        deadLetter(message, read[0], e);
        return;
      }
      throw e instanceof RuntimeException r
          ? r
          : new IllegalStateException("Reading a contribution message failed", e);
    }
  }

  private void consume(Message message, byte[][] read) throws JMSException {
    String transport = transport(message);
    String id = message.getJMSMessageID();
    String amqpBody = message.getStringProperty(AMQP_BODY_PROPERTY);
    if (message instanceof BytesMessage bytes) {
      long length = bytes.getBodyLength();
      byte[] body = new byte[(int) Math.min(length, READ_CAP)];
      bytes.readBytes(body);
      read[0] = body;
      if (amqpBody == null || "data".equals(amqpBody) || "amqp-value-binary".equals(amqpBody)) {
        ingest.record(body, transport, id);
      } else {
        ingest.recordUnsupported(body, transport, "AMQP " + amqpBody, id);
      }
    } else {
      byte[] body =
          message instanceof TextMessage text && text.getText() != null
              ? text.getText().getBytes(StandardCharsets.UTF_8)
              : new byte[0];
      read[0] = body;
      ingest.recordUnsupported(body, transport, message.getClass().getSimpleName(), id);
    }
  }

  /**
   * Sends the message's bytes to the dead-letter queue with the reason; the message is then
   * acknowledged when {@code onMessage} returns. A failure here propagates, and Artemis
   * dead-letters the original.
   */
  private void deadLetter(Message message, byte[] body, Exception cause) {
    try {
      BytesMessage copy = jms.createBytesMessage();
      copy.writeBytes(body == null ? new byte[0] : body);
      for (String p : new String[] {TRANSPORT_PROPERTY, AMQP_BODY_PROPERTY}) {
        String v = message.getStringProperty(p);
        if (v != null) {
          copy.setStringProperty(p, v);
        }
      }
      copy.setStringProperty(DEAD_LETTER_REASON, rootCause(cause));
      copy.setStringProperty(DEAD_LETTER_ORIGINAL_ID, message.getJMSMessageID());
      copy.setIntProperty(DEAD_LETTER_ATTEMPTS, attempt(message));
      jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).send(deadLetterQueue, copy);
    } catch (JMSException | RuntimeException e) {
      throw new IllegalStateException("Dead-lettering a contribution message failed", e);
    }
  }

  private static int attempt(Message message) {
    try {
      return message.getIntProperty("JMSXDeliveryCount");
    } catch (JMSException | RuntimeException e) {
      return 0;
    }
  }

  private static void logFailure(Message message, Exception e) {
    String id;
    int attempt;
    try {
      id = message.getJMSMessageID();
      attempt = message.getIntProperty("JMSXDeliveryCount");
    } catch (JMSException | RuntimeException ignored) {
      id = "?";
      attempt = 0;
    }
    LOG.log(
        Level.WARNING,
        "Contribution message {0} failed on delivery attempt {1} of {2}{3}: {4}",
        new Object[] {
          id,
          attempt,
          MAX_DELIVERY_ATTEMPTS,
          attempt >= MAX_DELIVERY_ATTEMPTS
              ? " and goes to quorate.contributions.DLQ with the reason"
              : ", rolled back for redelivery",
          rootCause(e)
        });
  }

  private static String rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getName() + ": " + t.getMessage();
  }

  private static String transport(Message m) throws JMSException {
    String via = m.getStringProperty(TRANSPORT_PROPERTY);
    return (via == null ? "jms" : via)
        + " id="
        + m.getJMSMessageID()
        + (m.getJMSRedelivered() ? " redelivered" : "");
  }
}
