package org.quorate.ejb.admission;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one application service every transport (JMS/AMQP MDB, REST) hands its bytes to: the
 * admission ledger of SPEC §2 in a transaction. Bad input never throws from here: it ends as a
 * recorded outcome. Only infrastructure failures (database down) throw, rolling back the caller's
 * transaction so that JMS redelivers and, after the redelivery policy, dead-letters the message.
 */
@Stateless
public class AdmissionService {
  private static final Logger LOG = Logger.getLogger(AdmissionService.class.getName());

  @Inject private AdmissionEngine engine;

  /**
   * Admits one input.
   *
   * @param der the bytes received (a DER CMS SignedData, or anything else)
   * @param transport how it arrived, e.g. {@code jms id=ID:…}, {@code rest from=10.0.0.7}
   * @return the SPEC §1 answer (an admitted input arriving again answers {@code duplicate})
   */
  public SubmissionAnswer submit(byte[] der, String transport) {
    return SubmissionAnswer.of(engine.ledger().submit(der, transport));
  }

  /**
   * Records a message that carried no bytes to decode: rejected {@code unsupported-message}, its
   * body kept.
   *
   * @param body the message body as bytes (text as UTF-8; empty when none)
   * @param transport how it arrived
   * @param kind the message kind, e.g. {@code TextMessage}
   * @return the SPEC §1 answer
   */
  public SubmissionAnswer recordUnsupported(byte[] body, String transport, String kind) {
    return SubmissionAnswer.of(engine.ledger().unsupported(body, transport, kind));
  }

  /**
   * Judges afresh what waited for a mission now loaded (caller holds the mission row).
   *
   * @param mission the mission name
   */
  public void missionLoaded(String mission) {
    engine.ledger().missionLoaded(mission);
  }

  /**
   * Releases held inputs whose time came and rejects those held too long. The ledger's derived
   * roster epochs are kept (a release that changes a mission's epochs updates them, and they are
   * dropped for that mission once this transaction completes); all are dropped if it rolls back.
   *
   * @return how many records changed
   */
  public int sweepHeld() {
    engine.forgetDerivedIfRolledBack();
    int changed = engine.ledger().sweep();
    if (changed > 0) {
      LOG.log(Level.INFO, "Held inputs swept: {0} changed", changed);
    }
    return changed;
  }
}
