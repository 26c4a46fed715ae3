package org.quorate.core.quorum;

import java.time.Instant;

/**
 * An admitted {@code attestation} event (SPEC §1 body {@code {"proposal","role","verdict",
 * "rationale","supersedes"}}).
 *
 * @param eventId its event id
 * @param proposal the proposal's event id
 * @param member the signer's member
 * @param signer the credential ({@code sha256:} of its SubjectPublicKeyInfo)
 * @param role the role it attests in
 * @param verdict concur, dissent or abstain
 * @param rationale required for dissent, else may be null
 * @param supersedes the event id of the attestation it replaces, or null
 * @param issued the signer's claimed time
 * @param epoch the roster epoch the attestation names (its certification path was validated against
 *     the member's anchors of that epoch, SPEC §2 stages 5–6); -1 when not known
 */
public record AttestationRecord(
    String eventId,
    String proposal,
    String member,
    String signer,
    String role,
    Verdict verdict,
    String rationale,
    String supersedes,
    Instant issued,
    long epoch)
    implements Ordered {
  /** Checks required fields. */
  public AttestationRecord {
    if (eventId == null
        || proposal == null
        || member == null
        || role == null
        || verdict == null
        || issued == null) {
      throw new IllegalArgumentException(
          "an attestation needs id, proposal, member, role, verdict, issued");
    }
  }

  /**
   * An attestation whose epoch is not known (-1): it never gives a member's own consent ({@link
   * ProposalRecord.SubjectRule#CONSENT}).
   *
   * @param eventId its event id
   * @param proposal the proposal's event id
   * @param member the signer's member
   * @param signer the credential
   * @param role the role it attests in
   * @param verdict the verdict
   * @param rationale the rationale, or null
   * @param supersedes the attestation it replaces, or null
   * @param issued the signer's claimed time
   */
  public AttestationRecord(
      String eventId,
      String proposal,
      String member,
      String signer,
      String role,
      Verdict verdict,
      String rationale,
      String supersedes,
      Instant issued) {
    this(eventId, proposal, member, signer, role, verdict, rationale, supersedes, issued, -1);
  }
}
