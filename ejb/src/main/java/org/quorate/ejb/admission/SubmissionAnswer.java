package org.quorate.ejb.admission;

/**
 * The answer to a submission and to {@code GET /contributions/{id}} (SPEC §1 "REST answer").
 *
 * @param eventId the event id, or null when the input is not authentic
 * @param inputId {@code sha256:} of the bytes received
 * @param outcome {@code admitted}, {@code held}, {@code rejected}, {@code evidence}, {@code void}
 *     or {@code duplicate}
 * @param reasonCode SPEC §2 reason code, or null
 * @param reason the reason in one sentence, or null
 */
public record SubmissionAnswer(
    String eventId, String inputId, String outcome, String reasonCode, String reason) {

  /**
   * @param s a ledger submission
   * @return its SPEC §1 answer (an admitted input arriving again answers {@code duplicate})
   */
  public static SubmissionAnswer of(org.quorate.core.admission.Ledger.Submission s) {
    org.quorate.core.admission.InputRecord r = s.record();
    org.quorate.core.admission.Outcome o = s.answered();
    if (o == org.quorate.core.admission.Outcome.DUPLICATE) {
      return new SubmissionAnswer(
          r.eventId(),
          r.inputId(),
          o.code(),
          null,
          "Event " + r.eventId() + " is already held; it is stored once.");
    }
    return new SubmissionAnswer(r.eventId(), r.inputId(), o.code(), r.reasonCode(), r.reason());
  }
}
