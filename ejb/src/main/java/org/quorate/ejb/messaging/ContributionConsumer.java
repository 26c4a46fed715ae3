package org.quorate.ejb.messaging;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
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
 * <p>A {@link JMSException} or a database failure propagates: the transaction rolls back and
 * Artemis redelivers, then dead-letters to {@code quorate.contributions.DLQ} per the address
 * settings. Each failed attempt is logged at WARNING with the JMS message id, the attempt and the
 * cause (the last attempt says it goes to the dead-letter queue), since a dead-lettered message
 * only carries Artemis' own headers.
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

  @Inject private AdmissionService admission;

  @Override
  public void onMessage(Message message) {
    try {
      consume(message);
    } catch (JMSException | RuntimeException e) {
      logFailure(message, e);
      throw e instanceof RuntimeException r
          ? r
          : new IllegalStateException("Reading a contribution message failed", e);
    }
  }

  private void consume(Message message) throws JMSException {
    String transport = transport(message);
    String amqpBody = message.getStringProperty(AMQP_BODY_PROPERTY);
    if (message instanceof BytesMessage bytes) {
      long length = bytes.getBodyLength();
      byte[] body = new byte[(int) Math.min(length, READ_CAP)];
      bytes.readBytes(body);
      if (amqpBody == null || "data".equals(amqpBody) || "amqp-value-binary".equals(amqpBody)) {
        admission.submit(body, transport);
      } else {
        admission.recordUnsupported(body, transport, "AMQP " + amqpBody);
      }
    } else {
      byte[] body =
          message instanceof TextMessage text && text.getText() != null
              ? text.getText().getBytes(StandardCharsets.UTF_8)
              : new byte[0];
      admission.recordUnsupported(body, transport, message.getClass().getSimpleName());
    }
    failOnceForTests(message);
  }

  private static void failOnceForTests(Message message) throws JMSException {
    if (Boolean.getBoolean(FAIL_ONCE_FLAG)
        && message.getStringProperty(FAIL_ONCE_PROPERTY) != null
        && !message.getJMSRedelivered()) {
      throw new IllegalStateException(
          "Test failure injected on the first delivery (" + FAIL_ONCE_FLAG + "=true)");
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
              ? " and goes to quorate.contributions.DLQ"
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
