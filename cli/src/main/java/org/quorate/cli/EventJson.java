package org.quorate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The event content of SPEC §1, version 1: {@code
 * {"v":1,"mission":…,"member":…,"signer":…,"epoch":0,"seq":n,"prev":id|null,"type":…,
 * "issued":"…Z","label":{…},"body":{…}}}, serialised as compact UTF-8 JSON in that field order.
 */
public final class EventJson {
  /** Field order of SPEC §1; other fields are kept after these (the server refuses them). */
  public static final List<String> FIELD_ORDER =
      List.of(
          "v", "mission", "member", "signer", "epoch", "seq", "prev", "type", "issued", "label",
          "body");

  static final ObjectMapper MAPPER = new ObjectMapper();

  private EventJson() {}

  /**
   * Starts an event with {@code v}, mission, member, epoch, type and body; signer, seq, prev and
   * issued are left for {@link #fill}.
   *
   * @param mission mission name
   * @param member member id (e.g. {@code POL})
   * @param epoch roster epoch relied on
   * @param type event type (SPEC §1 table)
   * @param body the body object
   * @return a new ordered event node
   */
  public static ObjectNode event(
      String mission, String member, long epoch, String type, JsonNode body) {
    ObjectNode e = JsonNodeFactory.instance.objectNode();
    e.put("v", 1);
    e.put("mission", mission);
    e.put("member", member);
    e.put("epoch", epoch);
    e.put("type", type);
    e.set("body", body);
    return e;
  }

  /** What {@link #fill} did. */
  public record Filled(ObjectNode event, boolean changed, boolean chainFilled) {}

  /**
   * Fills what the event lacks: {@code signer} (the credential's SPKI hash), {@code issued} (now,
   * UTC, whole seconds), {@code seq}/{@code prev} (next in the local chain state of this signer in
   * the event's mission), {@code v} (1), {@code epoch} (0). Fields present are kept as they are.
   *
   * @param input the event object
   * @param signer the credential's SPKI hash
   * @param chains the chain state, or {@code null} to start chains at seq 1
   * @param clock the clock for {@code issued}
   * @return the event in SPEC field order and whether anything was added
   * @throws CliException if {@code mission} is missing where seq/prev must be filled
   */
  public static Filled fill(ObjectNode input, String signer, ChainState chains, Clock clock) {
    ObjectNode e = input.deepCopy();
    boolean changed = false;
    boolean chainFilled = false;
    if (!e.has("v")) {
      e.put("v", 1);
      changed = true;
    }
    if (!e.has("signer")) {
      e.put("signer", signer);
      changed = true;
    }
    if (!e.has("epoch")) {
      e.put("epoch", 0);
      changed = true;
    }
    if (!e.has("issued")) {
      e.put("issued", Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
      changed = true;
    }
    if (!e.has("seq") || !e.has("prev")) {
      if (e.has("seq") != e.has("prev")) {
        throw new CliException("give both seq and prev, or neither (then they are filled)");
      }
      if (!e.path("mission").isTextual()) {
        throw new CliException("the event has no \"mission\"; cannot fill seq/prev");
      }
      ChainState.Link last =
          chains == null ? null : chains.last(e.path("signer").asText(), e.get("mission").asText());
      e.put("seq", last == null ? 1 : last.seq() + 1);
      if (last == null) {
        e.putNull("prev");
      } else {
        e.put("prev", last.eventId());
      }
      changed = true;
      chainFilled = true;
    }
    return new Filled(ordered(e), changed, chainFilled);
  }

  /**
   * @param e event
   * @return a copy with the SPEC §1 fields first, in SPEC order, then any others
   */
  public static ObjectNode ordered(ObjectNode e) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (String f : FIELD_ORDER) {
      if (e.has(f)) {
        out.set(f, e.get(f));
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      if (!out.has(f.getKey())) {
        out.set(f.getKey(), f.getValue());
      }
    }
    return out;
  }

  /**
   * @param event event
   * @return compact UTF-8 JSON bytes
   */
  public static byte[] bytes(JsonNode event) {
    try {
      return MAPPER.writeValueAsBytes(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  /**
   * Parses an event object.
   *
   * @param bytes UTF-8 JSON
   * @param source where it came from, for messages
   * @return the object
   * @throws CliException if it is not a JSON object
   */
  public static ObjectNode parse(byte[] bytes, String source) {
    try {
      JsonNode n = MAPPER.readTree(bytes);
      if (n == null || !n.isObject()) {
        throw new CliException(source + " is not a JSON object");
      }
      return (ObjectNode) n;
    } catch (JsonProcessingException e) {
      throw new CliException(source + " is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new CliException("cannot read " + source + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses an arbitrary JSON value (for bodies given on the command line).
   *
   * @param text JSON text
   * @param what name for messages
   * @return the value
   */
  public static JsonNode parseValue(String text, String what) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new CliException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }
}
