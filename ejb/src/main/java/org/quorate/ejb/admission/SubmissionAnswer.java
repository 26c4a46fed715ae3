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
    String eventId, String inputId, String outcome, String reasonCode, String reason) {}
