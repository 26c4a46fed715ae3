package org.quorate.core.quorum;

import java.time.Instant;

/**
 * A dissent, first class (SPEC §3 "Dissent"): who, in which role, under which credential, when,
 * why, whether it was late, whether it is the member's current vote, and whether it changed the
 * outcome (the status would differ had this attestation been a concur).
 *
 * @param eventId the attestation's event id
 * @param member the dissenting member
 * @param role the role it attested in
 * @param signer the credential
 * @param rationale the rationale
 * @param issued its issued time
 * @param late issued after the decision, the deadline or window, or (absent member) the declaration
 * @param current it is the member's counted vote (not superseded, retracted, or of an equivocator
 *     or byzantine member)
 * @param changedOutcome the status would differ had it been a concur
 */
public record Dissent(
    String eventId,
    String member,
    String role,
    String signer,
    String rationale,
    Instant issued,
    boolean late,
    boolean current,
    boolean changedOutcome) {}
