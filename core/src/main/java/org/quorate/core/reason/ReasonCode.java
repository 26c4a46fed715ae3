package org.quorate.core.reason;

import java.util.Locale;

/**
 * Why an input was not admitted, or why it waits: the reason codes of SPEC §2, in the order of the
 * admission stages. The wire form ({@link #code()}) is the lower-case, hyphenated name, e.g. {@code
 * bad-signature}; it appears in REST answers, JMS outcomes, the portal and the log.
 */
public enum ReasonCode {
  /** Stage 1: the DER exceeds the configured size cap (4 MiB by default). */
  TOO_LARGE,
  /** Stage 1: not a DER CMS SignedData (RFC 5652 §5) of the profile in SPEC §1. */
  MALFORMED_CMS,
  /** Stage 1: the SignerInfo carries no signed attributes (RFC 5652 §5.3). */
  NO_SIGNED_ATTRIBUTES,
  /** Stage 1: the eContent is absent (detached signature); Quorate needs it attached. */
  DETACHED_CONTENT,
  /** Stage 1: not exactly one SignerInfo, or its certificate is not in the SignedData. */
  SIGNER_COUNT,
  /** Stage 1: a digest or signature algorithm outside SPEC §1 (SHA-1, MD5, DSA, …). */
  ALGORITHM_NOT_ALLOWED,
  /** Stage 1: an allowed algorithm with a key too short (RSA below 2048 bits). */
  WEAK_KEY,
  /** Stage 2: the signature over the signed attributes, or the message digest, does not verify. */
  BAD_SIGNATURE,
  /** Stage 3: the content is not UTF-8 JSON of the event schema (SPEC §1). */
  MALFORMED_CONTENT,
  /** Stage 3: the content carries a field that version 1 does not define. */
  UNKNOWN_FIELD,
  /** Stage 3: {@code signer} is not the SHA-256 of the certificate's SubjectPublicKeyInfo. */
  SIGNER_MISMATCH,
  /** Stage 3: {@code issued} lies beyond the allowed clock skew ahead of the node (held). */
  ISSUED_IN_FUTURE,
  /** Stage 4: the mission is not known to this node (held, then rejected). */
  UNKNOWN_MISSION,
  /** Stage 4: the mission is pending: its genesis is not yet endorsed by every founder (held). */
  MISSION_PENDING,
  /** Stage 4: the epoch is not known yet (held). */
  UNKNOWN_EPOCH,
  /** Stage 4: the epoch was superseded before the event was issued. */
  STALE_EPOCH,
  /** Stage 5: no valid certification path (RFC 5280 §6) to the member's trust anchors. */
  PATH_INVALID,
  /** Stage 5: a certificate of the path had expired at {@code issued}. */
  EXPIRED,
  /** Stage 5: a certificate of the path was not yet valid at {@code issued}. */
  NOT_YET_VALID,
  /** Stage 5: the credential was revoked before {@code issued} (outcome {@code void}). */
  REVOKED,
  /** Stage 6: the path ends at a trust anchor of another member than the one claimed. */
  ANCHOR_NOT_MEMBER,
  /** Stage 6: the credential does not hold the role the event type needs in that epoch. */
  ROLE_NOT_GRANTED,
  /** Stage 7: the mission posture does not admit the event's label (SPEC §6). */
  ABOVE_POSTURE,
  /** Stage 7: the label is not releasable to every member of the epoch (SPEC §6). */
  NOT_RELEASABLE,
  /** Stage 7: a referenced event of another mission fails the composite rule (SPEC §6). */
  REFERENCE_NOT_ADMISSIBLE,
  /** Stage 7: a referenced event is not known yet (held). */
  UNKNOWN_REFERENCE,
  /** Stage 9: the signer's predecessor event ({@code prev}) has not arrived (held). */
  CHAIN_GAP,
  /** Stage 9: two different events of one signer at one {@code seq} (evidence). */
  CHAIN_FORK,
  /** Held events are bounded: this one was held past the count or age limit. */
  HELD_LIMIT,
  /** The JMS message was not a BytesMessage (or had no body): nothing to decode. */
  UNSUPPORTED_MESSAGE;

  /**
   * @return the wire form, e.g. {@code "bad-signature"}
   */
  public String code() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Parses the wire form.
   *
   * @param code e.g. {@code "bad-signature"}
   * @return the reason code
   * @throws IllegalArgumentException when no reason code has that wire form
   */
  public static ReasonCode fromCode(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
