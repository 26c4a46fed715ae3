package org.quorate.ejb.messaging;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.quorate.ejb.admission.AdmissionService;

/**
 * The last delivery attempt of a contribution message runs its admission in a transaction of its
 * own, so that when it fails (an infrastructure failure such as the database being down) the
 * consumer's own transaction is still able to commit the message's move to the dead-letter queue
 * with the reason ({@link ContributionConsumer}). Earlier attempts run in the consumer's
 * transaction, so admission and acknowledgement commit or roll back together.
 */
@Stateless
public class FinalAttempt {
  @Inject private AdmissionService admission;

  /**
   * @param der the body, as {@link AdmissionService#submit}
   * @param transport transport metadata
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void submit(byte[] der, String transport) {
    admission.submit(der, transport);
  }

  /**
   * @param body the bytes kept
   * @param transport transport metadata
   * @param kind what the message was
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void recordUnsupported(byte[] body, String transport, String kind) {
    admission.recordUnsupported(body, transport, kind);
  }

  /**
   * Runs a test-only injected failure inside the isolated transaction (see {@link
   * ContributionConsumer#FAIL_PROPERTY}).
   *
   * @param failure the failure to throw
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void fail(RuntimeException failure) {
    throw failure;
  }
}
