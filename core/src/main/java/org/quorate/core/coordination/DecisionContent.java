package org.quorate.core.coordination;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.quorate.core.event.EventParser;
import org.quorate.core.quorum.DecisionAdvice;
import org.quorate.core.quorum.DecisionRecord;

/**
 * The signed content of a node's {@code decision} event (SPEC §1): {@code
 * {"v":1,"mission":…,"member":…,"signer":…,"epoch":0,"seq":n,"prev":id|null,"type":"decision",
 * "issued":"…Z","body":{"proposal":id,"outcome":"…","counted":[ids],"declaration":id|null}}},
 * compact UTF-8 JSON in that field order, without {@code label} (a decision takes the posture).
 *
 * @param content the content bytes to sign
 * @param eventId {@code sha256:} of the content
 * @param record the decision as quorum counting sees it (to check with {@code DecisionValidator}
 *     before it is signed)
 */
public record DecisionContent(byte[] content, String eventId, DecisionRecord record) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * Builds the content of a decision from the evaluator's advice.
   *
   * @param mission mission name
   * @param member the member of the node credential
   * @param signer the node credential's SPKI hash ({@code sha256:…})
   * @param epoch the roster epoch relied on (the one in force when signing)
   * @param seq the next position in the node credential's chain in this mission (&ge; 1)
   * @param prev the event id at {@code seq - 1}, or null when {@code seq == 1}
   * @param advice what {@code DecisionTrigger} advised; its {@code issued} is used, to the
   *     millisecond (the advice picks an instant no held event of the proposal shares)
   * @return the content, its event id and its record
   * @throws IllegalArgumentException when seq and prev disagree (seq 1 with a prev, or a later seq
   *     without one)
   */
  public static DecisionContent build(
      String mission,
      String member,
      String signer,
      long epoch,
      long seq,
      String prev,
      DecisionAdvice advice) {
    if (seq < 1 || (seq == 1) != (prev == null)) {
      throw new IllegalArgumentException("seq " + seq + " does not fit prev " + prev);
    }
    Instant issued = advice.issued().truncatedTo(ChronoUnit.MILLIS);
    ObjectNode e = JsonNodeFactory.instance.objectNode();
    e.put("v", 1);
    e.put("mission", mission);
    e.put("member", member);
    e.put("signer", signer);
    e.put("epoch", epoch);
    e.put("seq", seq);
    if (prev == null) {
      e.putNull("prev");
    } else {
      e.put("prev", prev);
    }
    e.put("type", "decision");
    e.put("issued", issued.toString());
    ObjectNode body = e.putObject("body");
    body.put("proposal", advice.proposal());
    body.put("outcome", advice.outcome().wire());
    ArrayNode counted = body.putArray("counted");
    advice.counted().forEach(counted::add);
    if (advice.declaration() == null) {
      body.putNull("declaration");
    } else {
      body.put("declaration", advice.declaration());
    }
    byte[] content;
    try {
      content = MAPPER.writeValueAsBytes(e);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("a JSON tree always serialises", ex);
    }
    String id = EventParser.sha256Id(content);
    return new DecisionContent(
        content,
        id,
        new DecisionRecord(
            id,
            advice.proposal(),
            advice.outcome().wire(),
            advice.counted(),
            advice.declaration(),
            issued));
  }
}
