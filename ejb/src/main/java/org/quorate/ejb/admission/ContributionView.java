package org.quorate.ejb.admission;

import java.time.Instant;
import org.quorate.core.admission.InputRecord;

/**
 * A recorded input as REST, CLI and the portal show it (never the entity itself).
 *
 * @param eventId event id or null
 * @param inputId input id
 * @param outcome current outcome
 * @param reasonCode reason code or null
 * @param reason reason sentence or null
 * @param mission mission named by the content, or null
 * @param member member named by the content, or null
 * @param type event type, or null
 * @param signerSubject signing certificate subject, or null
 * @param seq chain position, or null
 * @param issued claimed issue time, or null
 * @param waitingOn what a held input waits for, or null
 * @param path certification path subjects (end entity first), or null
 * @param transport how it arrived
 * @param receivedAt when it arrived
 * @param decidedAt when its current outcome was decided
 * @param replays how many times the same bytes arrived again
 * @param marking display marking of the label that applies (SPEC §6), or null
 * @param crlUsed the CRLs the outcome's revocation check was judged with ({@link
 *     InputRecord#crlUsed()}: {@code sha256:<CRL DER hash>@<thisUpdate>}, comma separated; {@code
 *     none}; or null when revocation was not judged)
 * @param revocationHint set when an operator-imported CRL lists the credential as revoked before
 *     the event's issued time and the member has not delivered it yet ({@link
 *     org.quorate.core.pki.ImportedCrls}); never changes the outcome; else null
 */
public record ContributionView(
    String eventId,
    String inputId,
    String outcome,
    String reasonCode,
    String reason,
    String mission,
    String member,
    String type,
    String signerSubject,
    Long seq,
    String issued,
    String waitingOn,
    String path,
    String transport,
    Instant receivedAt,
    Instant decidedAt,
    int replays,
    String marking,
    String crlUsed,
    String revocationHint) {

  /** Most rows one listing of inputs (or of a mission's CRLs) returns. */
  public static final int MAX_ROWS = 5000;

  /**
   * @param r a record
   * @return its view
   */
  public static ContributionView of(InputRecord r) {
    return new ContributionView(
        r.eventId(),
        r.inputId(),
        r.outcome().code(),
        r.reasonCode(),
        r.reason(),
        r.mission(),
        r.member(),
        r.type(),
        r.signerSubject(),
        r.seq(),
        r.issued(),
        r.waitingOn(),
        r.path(),
        r.transport(),
        r.received(),
        r.decided(),
        r.replays(),
        r.marking(),
        r.crlUsed(),
        null);
  }

  /**
   * @param hint a revocation hint, or null
   * @return this view with {@link #revocationHint()} set
   */
  public ContributionView withRevocationHint(String hint) {
    return new ContributionView(
        eventId,
        inputId,
        outcome,
        reasonCode,
        reason,
        mission,
        member,
        type,
        signerSubject,
        seq,
        issued,
        waitingOn,
        path,
        transport,
        receivedAt,
        decidedAt,
        replays,
        marking,
        crlUsed,
        hint);
  }

  /**
   * @return the SPEC §1 answer shape
   */
  public SubmissionAnswer answer() {
    return new SubmissionAnswer(eventId, inputId, outcome, reasonCode, reason);
  }
}
