package org.quorate.core.mission;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * A mission's genesis document (SPEC §1), as loaded by an operator.
 *
 * @param genesisId {@code sha256:} + hex SHA-256 of the exact bytes received
 * @param bytes the exact bytes received (kept: the mission is bound to them)
 * @param mission mission name, e.g. {@code BALTIC-SHIELD}
 * @param name display name
 * @param posture the posture label (SPEC §6) or null: no ceiling
 * @param members the founding members, in document order
 * @param policies the declared quorum policies (SPEC §3), as JSON objects
 * @param governancePolicy the name of the policy governing roster changes
 * @param labelPolicy the SPIF hash and group table (SPEC §6), or null for the shipped defaults
 */
public record Genesis(
    String genesisId,
    byte[] bytes,
    String mission,
    String name,
    JsonNode posture,
    List<Member> members,
    List<JsonNode> policies,
    String governancePolicy,
    JsonNode labelPolicy) {

  /**
   * @param id a member id
   * @return the founding member of that id
   */
  public Optional<Member> member(String id) {
    return members.stream().filter(m -> m.id().equals(id)).findFirst();
  }
}
