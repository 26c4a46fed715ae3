package org.quorate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The local record of each signer's event chain (SPEC §1: {@code seq} from 1 per signer per
 * mission, {@code prev} = event id of seq−1), so that the CLI can fill {@code seq}/{@code prev}.
 *
 * <p>One file per signer: {@code <dir>/chains/<hex of the SPKI hash>.json}, shaped {@code
 * {"signer":"sha256:…","missions":{"BALTIC-SHIELD":{"seq":3,"eventId":"sha256:…"}}}}. It records
 * what this CLI signed, not what the server admitted: an event the server rejects does not count in
 * the chain there, so after such a rejection re-sign the next event with an explicit {@code
 * seq}/{@code prev}, or edit the file.
 */
public final class ChainState {
  /** The last event of a signer's chain in one mission. */
  public record Link(long seq, String eventId) {}

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final Path chainsDir;

  /**
   * @param dir the demo/working directory; the state lives in {@code dir/chains}
   */
  public ChainState(Path dir) {
    this.chainsDir = dir.resolve("chains");
  }

  /**
   * @param signer {@code sha256:…} SPKI hash
   * @param mission mission name
   * @return the last recorded link, or {@code null} if this signer has no event in the mission
   */
  public Link last(String signer, String mission) {
    Path file = file(signer);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      JsonNode m = MAPPER.readTree(Pem.readSmallFile(file)).path("missions").path(mission);
      if (!m.isObject() || !m.path("seq").canConvertToLong() || !m.path("eventId").isTextual()) {
        return null;
      }
      return new Link(m.path("seq").asLong(), m.path("eventId").asText());
    } catch (IOException e) {
      throw new CliException("chain state " + file + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  /**
   * Records an event as the new end of a chain (only if its seq is beyond the recorded one).
   *
   * @param signer {@code sha256:…} SPKI hash
   * @param mission mission name
   * @param seq the event's seq (≥ 1)
   * @param eventId the event id
   */
  public void record(String signer, String mission, long seq, String eventId) {
    Link current = last(signer, mission);
    if (current != null && current.seq() >= seq) {
      return;
    }
    Path file = file(signer);
    try {
      ObjectNode root =
          Files.isRegularFile(file)
              ? (ObjectNode) MAPPER.readTree(Pem.readSmallFile(file))
              : MAPPER.createObjectNode();
      root.put("signer", signer);
      ObjectNode missions =
          root.path("missions").isObject()
              ? (ObjectNode) root.get("missions")
              : root.putObject("missions");
      ObjectNode m = missions.putObject(mission);
      m.put("seq", seq);
      m.put("eventId", eventId);
      Files.createDirectories(chainsDir);
      Path tmp = Files.createTempFile(chainsDir, "chain", ".tmp");
      Files.write(tmp, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | ClassCastException e) {
      throw new CliException("cannot update chain state " + file + ": " + e.getMessage(), e);
    }
  }

  private Path file(String signer) {
    String hex = signer.startsWith("sha256:") ? signer.substring(7) : signer;
    if (!hex.matches("[0-9a-f]{64}")) {
      throw new CliException("signer must be sha256: followed by 64 hex digits, got " + signer);
    }
    return chainsDir.resolve(hex + ".json");
  }
}
