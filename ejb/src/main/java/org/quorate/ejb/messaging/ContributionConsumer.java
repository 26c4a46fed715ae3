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
import org.quorate.ejb.admission.AdmissionService;

/**
 * Thin adapter from the contributions queue (JMS, and AMQP 1.0 through Artemis) to {@link
 * AdmissionService}. A BytesMessage's body is the DER; any other message is recorded as rejected
 * ({@code unsupported-message}) with whatever bytes it carried, so nothing is lost and nothing
 * blocks the queue. A {@link JMSException} or a database failure propagates: the transaction rolls
 * back and Artemis redelivers, then dead-letters per the address settings.
 */
@MessageDriven(
    activationConfig = {
      @ActivationConfigProperty(
          propertyName = "destinationLookup",
          propertyValue = "java:/jms/queue/quorate.contributions"),
      @ActivationConfigProperty(
          propertyName = "destinationType",
          propertyValue = "jakarta.jms.Queue"),
      @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "8")
    })
public class ContributionConsumer implements MessageListener {
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

  @Inject private AdmissionService admission;

  @Override
  public void onMessage(Message message) {
    try {
      String transport = transport(message);
      if (message instanceof BytesMessage bytes) {
        long length = bytes.getBodyLength();
        byte[] der = new byte[(int) Math.min(length, READ_CAP)];
        bytes.readBytes(der);
        admission.submit(der, transport);
      } else {
        byte[] body =
            message instanceof TextMessage text && text.getText() != null
                ? text.getText().getBytes(StandardCharsets.UTF_8)
                : new byte[0];
        admission.recordUnsupported(body, transport, message.getClass().getSimpleName());
      }
    } catch (JMSException e) {
      throw new IllegalStateException("Reading a contribution message failed", e);
    }
  }

  private static String transport(Message m) throws JMSException {
    String via = m.getStringProperty(TRANSPORT_PROPERTY);
    return (via == null ? "jms" : via)
        + " id="
        + m.getJMSMessageID()
        + (m.getJMSRedelivered() ? " redelivered" : "");
  }
}
