package org.quorate.core.audit;

import java.util.List;

/**
 * A contribution's lineage (SPEC §5 "Reconstruction"): the certification path of its signer's
 * credential and what validating it at the event's {@code issued} found.
 *
 * @param pathSubjects RFC 4514 subject names, the signer's credential first, the trust anchor last;
 *     empty when no path was found
 * @param anchorSha256Hex SHA-256 of the trust anchor certificate's DER in lower-case hex, or null
 *     when no path was found
 * @param validation {@code valid at <issued>}, or the reason code and sentence of the failure
 * @param revocation {@code not revoked}, {@code revoked: <sentence naming the revocation time and
 *     CRL>}, or {@code not checked} when no path was found
 */
public record Lineage(
    List<String> pathSubjects, String anchorSha256Hex, String validation, String revocation) {
  /** Copies the subjects. */
  public Lineage {
    pathSubjects = List.copyOf(pathSubjects);
  }
}
