package org.quorate.ejb.ingest;

import java.util.concurrent.CompletableFuture;
import org.quorate.core.admission.Ledger;
import org.quorate.ejb.admission.SubmissionAnswer;

/**
 * One input waiting for its group to commit.
 *
 * @param prepared the input after the stateless stages, or null for an unsupported message
 * @param body the bytes of an unsupported message (null otherwise)
 * @param kind what an unsupported message was, e.g. {@code TextMessage} (null otherwise)
 * @param transport how it arrived
 * @param deliveryId the transport's message id (JMS), or null
 * @param answer completed once its group committed, exceptionally when it could not be recorded
 */
record Pending(
    Ledger.Prepared prepared,
    byte[] body,
    String kind,
    String transport,
    String deliveryId,
    CompletableFuture<SubmissionAnswer> answer) {

  /**
   * @return the mission the content names (null when none or undecodable): groups lock missions in
   *     this order
   */
  String mission() {
    return prepared == null || prepared.decoded() == null
        ? null
        : prepared.decoded().event().mission();
  }

  /**
   * @return the signer SPKI hash of the decoded event (null when undecodable)
   */
  String signer() {
    return prepared == null || prepared.decoded() == null
        ? null
        : prepared.decoded().event().signer();
  }

  /**
   * @return the chain position of the decoded event (0 when undecodable)
   */
  long seq() {
    return prepared == null || prepared.decoded() == null ? 0 : prepared.decoded().event().seq();
  }

  /**
   * @return the event id of the decoded event (null when undecodable)
   */
  String eventId() {
    return prepared == null || prepared.decoded() == null
        ? null
        : prepared.decoded().event().eventId();
  }

  /**
   * @return the event id of its predecessor in the signer's chain (null for a chain's first event
   *     or when undecodable)
   */
  String prev() {
    return prepared == null || prepared.decoded() == null
        ? null
        : prepared.decoded().event().prev();
  }
}
