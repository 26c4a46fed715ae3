package org.quorate.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A parsed version-1 event: the signed content of a contribution (SPEC §1).
 *
 * @param eventId {@code sha256:} + hex SHA-256 of {@link #content()}
 * @param content the exact signed content bytes (UTF-8 JSON)
 * @param mission mission name, e.g. {@code BALTIC-SHIELD}
 * @param member member id (ISO 3166 alpha-3 or an organisation id)
 * @param signer {@code sha256:} + hex SHA-256 of the signing certificate's SubjectPublicKeyInfo
 * @param epoch the roster epoch the signer relies on (&ge; 0)
 * @param seq position in the signer's chain in this mission (&ge; 1)
 * @param prev event id of {@code seq - 1}, or null when {@code seq == 1}
 * @param type the event type
 * @param issued the signer's claimed time (UTC, second precision or finer)
 * @param label the STANAG 4774 label in JSON form (SPEC §6), or null: the mission posture
 * @param body the type-specific body, validated against the type's schema
 */
public record Event(
    String eventId,
    byte[] content,
    String mission,
    String member,
    String signer,
    long epoch,
    long seq,
    String prev,
    EventType type,
    Instant issued,
    JsonNode label,
    JsonNode body) {

  /**
   * @return the role named by an attestation's body, or null for other types
   */
  public String attestedRole() {
    return type == EventType.ATTESTATION ? body.path("role").asText(null) : null;
  }
}
