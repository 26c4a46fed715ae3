package org.quorate.ejb.messaging;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
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
import org.quorate.ejb.admission.AdmissionService;

/**
 * Thin adapter from the contributions queue (JMS, and AMQP 1.0 through Artemis) to {@link
 * AdmissionService} (SPEC §1 Transport, §2 last paragraph).
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
 * <p>A {@link JMSException} or a database failure on attempts 1 to {@value
 * #MAX_DELIVERY_ATTEMPTS}&minus;1 propagates: the transaction rolls back and Artemis redelivers (1
 * s, ×2, up to 60 s). The last attempt runs admission in a transaction of its own ({@link
 * FinalAttempt}); if that fails too, this consumer sends the message's bytes to {@code
 * quorate.contributions.DLQ} with the reason (string properties {@value #DEAD_LETTER_REASON},
 * {@value #DEAD_LETTER_ORIGINAL_ID}, the transport properties, and int {@value
 * #DEAD_LETTER_ATTEMPTS}) and commits, so the dead-lettered message says why. Should that send fail
 * as well, the transaction rolls back and Artemis dead-letters the original (its own headers only).
 * Each failed attempt is logged at WARNING with the JMS message id, the attempt and the cause.
 */
@MessageDriven(
    activationConfig = {
      @ActivationConfigProperty(
          propertyName = "destinationLookup",
          propertyValue = "java:/jms/queue/quorate.contributions.ingest"),
      @ActivationConfigProperty(
          propertyName = "destinationType",
          propertyValue = "jakarta.jms.Queue"),
      @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "8")
    })
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

  /**
   * TEST ONLY, off unless this system property is {@code true} on the server: a message whose
   * string property {@value #FAIL_ONCE_PROPERTY} is set fails its first delivery after admission,
   * as a database failure would, so that tests see a real rollback and redelivery.
   */
  static final String FAIL_ONCE_FLAG = "quorate.test.fail-first-delivery";

  /** TEST ONLY message property honoured when {@value #FAIL_ONCE_FLAG} is {@code true}. */
  static final String FAIL_ONCE_PROPERTY = "quorate_test_fail_once";

  /** String property on a message this consumer dead-letters: the root cause of the failure. */
  public static final String DEAD_LETTER_REASON = "quorate_dead_letter_reason";

  /** String property on a message this consumer dead-letters: the original JMS message id. */
  public static final String DEAD_LETTER_ORIGINAL_ID = "quorate_original_message_id";

  /** Int property on a message this consumer dead-letters: the delivery attempts made. */
  public static final String DEAD_LETTER_ATTEMPTS = "quorate_delivery_attempts";

  @Inject private AdmissionService admission;

  @Inject private FinalAttempt finalAttempt;

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
      consume(message, last, read);
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

  /** Where one delivery records its input: the consumer's transaction, or its own. */
  private interface Recorder {
    void submit(byte[] der, String transport);

    void unsupported(byte[] body, String transport, String kind);
  }

  private Recorder recorder(boolean last) {
    return new Recorder() {
      @Override
      public void submit(byte[] der, String transport) {
        if (last) {
          finalAttempt.submit(der, transport);
        } else {
          admission.submit(der, transport);
        }
      }

      @Override
      public void unsupported(byte[] body, String transport, String kind) {
        if (last) {
          finalAttempt.recordUnsupported(body, transport, kind);
        } else {
          admission.recordUnsupported(body, transport, kind);
        }
      }
    };
  }

  private void consume(Message message, boolean last, byte[][] read) throws JMSException {
    Recorder to = recorder(last);
    String transport = transport(message);
    String amqpBody = message.getStringProperty(AMQP_BODY_PROPERTY);
    if (message instanceof BytesMessage bytes) {
      long length = bytes.getBodyLength();
      byte[] body = new byte[(int) Math.min(length, READ_CAP)];
      bytes.readBytes(body);
      read[0] = body;
      injectTestFailure(message, last, true);
      if (amqpBody == null || "data".equals(amqpBody) || "amqp-value-binary".equals(amqpBody)) {
        to.submit(body, transport);
      } else {
        to.unsupported(body, transport, "AMQP " + amqpBody);
      }
    } else {
      byte[] body =
          message instanceof TextMessage text && text.getText() != null
              ? text.getText().getBytes(StandardCharsets.UTF_8)
              : new byte[0];
      read[0] = body;
      to.unsupported(body, transport, message.getClass().getSimpleName());
    }
    injectTestFailure(message, last, false);
  }

  /**
   * TEST ONLY (nothing happens unless the server sets {@value #FAIL_ONCE_FLAG}): property {@value
   * #FAIL_ONCE_PROPERTY} = {@code always} fails every delivery before admission, as a database that
   * is down would (the last attempt fails inside its own transaction, see {@link FinalAttempt});
   * any other value fails the first delivery after admission.
   */
  private void injectTestFailure(Message message, boolean last, boolean beforeAdmission)
      throws JMSException {
    if (!Boolean.getBoolean(FAIL_ONCE_FLAG)) {
      return;
    }
    String mode = message.getStringProperty(FAIL_ONCE_PROPERTY);
    if (mode == null) {
      return;
    }
    boolean always = "always".equals(mode);
    if (always && beforeAdmission) {
      IllegalStateException failure =
          new IllegalStateException(
              "Test failure injected on every delivery (" + FAIL_ONCE_FLAG + "=true)");
      if (last) {
        finalAttempt.fail(failure);
      }
      throw failure;
    }
    if (!always && !beforeAdmission && !message.getJMSRedelivered()) {
      throw new IllegalStateException(
          "Test failure injected on the first delivery (" + FAIL_ONCE_FLAG + "=true)");
    }
  }

  /**
   * Sends the message's bytes to the dead-letter queue with the reason, in this consumer's
   * transaction (which then commits: the original is consumed and the copy is dead-lettered
   * together). A failure here propagates, and Artemis dead-letters the original.
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
