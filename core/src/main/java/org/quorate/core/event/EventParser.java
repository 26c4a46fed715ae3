package org.quorate.core.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.quorate.core.reason.AdmissionException;
import org.quorate.core.reason.ReasonCode;

/**
 * Parses and validates the signed content of a contribution: UTF-8 JSON, event version 1 (SPEC §1).
 * Strict: duplicate keys, unknown fields (top level and in each body), wrong types and missing
 * fields are refused. No exception means the content is a well-formed version-1 event.
 *
 * <p>Errors: {@link ReasonCode#MALFORMED_CONTENT} (not UTF-8, not JSON, a field missing or of the
 * wrong shape) and {@link ReasonCode#UNKNOWN_FIELD} (a field version 1 does not define).
 */
public final class EventParser {
  /** {@code sha256:} followed by 64 lower-case hex digits. */
  public static final Pattern ID = Pattern.compile("sha256:[0-9a-f]{64}");

  private static final Pattern MISSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern MEMBER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");
  private static final Pattern INSTANT =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z");
  private static final Set<String> TOP =
      Set.of(
          "v", "mission", "member", "signer", "epoch", "seq", "prev", "type", "issued", "label",
          "body");
  private static final Set<String> VERDICTS = Set.of("concur", "dissent", "abstain");

  /** Field kinds of the body schemas. */
  private enum Kind {
    STRING,
    OPT_STRING,
    ID,
    OPT_ID,
    OBJECT_OR_NULL,
    STRING_ARRAY,
    ID_ARRAY,
    REFERENCES,
    POSITIVE_INT
  }

  private static final Map<EventType, Map<String, Kind>> BODIES =
      Map.of(
          EventType.GENESIS_ENDORSEMENT, Map.of("genesis", Kind.ID),
          EventType.PROPOSAL,
              Map.of(
                  "policy", Kind.STRING,
                  "title", Kind.STRING,
                  "text", Kind.STRING,
                  "action", Kind.OBJECT_OR_NULL),
          EventType.ATTESTATION,
              Map.of(
                  "proposal", Kind.ID,
                  "role", Kind.STRING,
                  "verdict", Kind.STRING,
                  "rationale", Kind.OPT_STRING,
                  "supersedes", Kind.OPT_ID),
          EventType.QUORUM_DECLARATION,
              Map.of(
                  "proposal", Kind.ID,
                  "reachable", Kind.STRING_ARRAY,
                  "unreachable", Kind.STRING_ARRAY,
                  "reason", Kind.STRING),
          EventType.DECISION,
              Map.of(
                  "proposal", Kind.ID,
                  "outcome", Kind.STRING,
                  "counted", Kind.ID_ARRAY,
                  "declaration", Kind.OPT_ID),
          EventType.CONTRIBUTION,
              Map.of("title", Kind.STRING, "digest", Kind.ID, "references", Kind.REFERENCES),
          EventType.DISPUTE, Map.of("event", Kind.ID, "reason", Kind.STRING),
          EventType.RETRACTION, Map.of("event", Kind.ID, "reason", Kind.STRING),
          EventType.CRL, Map.of("crl", Kind.STRING),
          EventType.GAP_DECLARATION,
              Map.of("signer", Kind.ID, "seq", Kind.POSITIVE_INT, "reason", Kind.STRING));

  /** Body fields that may be absent (read as null or empty). */
  private static final Set<String> OPTIONAL_BODY =
      Set.of("action", "rationale", "supersedes", "declaration", "references");

  private final JsonMapper mapper =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  /**
   * Parses signed content.
   *
   * @param content the eContent of the SignedData (at most the admission size cap)
   * @return the event, with its event id computed over exactly these bytes
   * @throws AdmissionException with {@code malformed-content} or {@code unknown-field}
   */
  public Event parse(byte[] content) throws AdmissionException {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(content))
              .toString();
    } catch (CharacterCodingException e) {
      throw malformed("The signed content is not valid UTF-8.");
    }
    JsonNode root;
    try {
      root = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      throw malformed("The signed content is not JSON: " + e.getOriginalMessage() + ".");
    }
    if (root == null || !root.isObject()) {
      throw malformed("The signed content is not a JSON object.");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!TOP.contains(f)) {
        throw new AdmissionException(
            ReasonCode.UNKNOWN_FIELD, "Event version 1 has no field \"" + f + "\".");
      }
    }
    JsonNode v = require(root, "v");
    if (!v.isIntegralNumber() || v.asLong() != 1) {
      throw malformed("Field \"v\" must be 1, found " + v + ".");
    }
    String mission = text(root, "mission", MISSION);
    String member = text(root, "member", MEMBER);
    String signer = text(root, "signer", ID);
    long epoch = nonNegative(root, "epoch");
    long seq = nonNegative(root, "seq");
    if (seq < 1) {
      throw malformed("Field \"seq\" starts at 1, found 0.");
    }
    JsonNode prevNode = require(root, "prev");
    String prev = null;
    if (!prevNode.isNull()) {
      prev = text(root, "prev", ID);
    }
    if ((seq == 1) != (prev == null)) {
      throw malformed(
          "Field \"prev\" must be null exactly when \"seq\" is 1 (seq "
              + seq
              + ", prev "
              + prev
              + ").");
    }
    String typeName = text(root, "type", null);
    EventType type =
        EventType.fromWire(typeName)
            .orElseThrow(() -> malformed("Unknown event type \"" + typeName + "\"."));
    String issuedText = text(root, "issued", INSTANT);
    Instant issued;
    try {
      issued = parseInstant(issuedText);
    } catch (DateTimeException e) {
      throw malformed("Field \"issued\" is not an RFC 3339 UTC time: \"" + issuedText + "\".");
    }
    JsonNode label = root.get("label");
    if (label != null && !label.isObject()) {
      throw malformed("Field \"label\" must be an object (SPEC §6).");
    }
    JsonNode body = require(root, "body");
    if (!body.isObject()) {
      throw malformed("Field \"body\" must be an object.");
    }
    checkBody(type, body);
    return new Event(
        sha256Id(content),
        content,
        mission,
        member,
        signer,
        epoch,
        seq,
        prev,
        type,
        issued,
        label,
        body);
  }

  private static void checkBody(EventType type, JsonNode body) throws AdmissionException {
    Map<String, Kind> schema = BODIES.get(type);
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!schema.containsKey(f)) {
        throw new AdmissionException(
            ReasonCode.UNKNOWN_FIELD, "A " + type.wireName() + " body has no field \"" + f + "\".");
      }
    }
    for (Map.Entry<String, Kind> e : schema.entrySet()) {
      String name = e.getKey();
      JsonNode n = body.get(name);
      if (n == null) {
        if (OPTIONAL_BODY.contains(name) || e.getValue() == Kind.OPT_STRING) {
          continue;
        }
        throw malformed("A " + type.wireName() + " body needs \"" + name + "\".");
      }
      checkKind(type, name, e.getValue(), n);
    }
    if (type == EventType.ATTESTATION) {
      String verdict = body.get("verdict").asText();
      if (!VERDICTS.contains(verdict)) {
        throw malformed("Verdict must be concur, dissent or abstain, found \"" + verdict + "\".");
      }
      JsonNode rationale = body.get("rationale");
      if ("dissent".equals(verdict)
          && (rationale == null || rationale.isNull() || rationale.asText().isBlank())) {
        throw malformed("A dissent needs a rationale (SPEC §1).");
      }
    }
  }

  private static void checkKind(EventType type, String name, Kind kind, JsonNode n)
      throws AdmissionException {
    String where = "\"" + name + "\" of a " + type.wireName() + " body";
    boolean ok =
        switch (kind) {
          case STRING -> n.isTextual() && !n.asText().isBlank();
          case OPT_STRING -> n.isNull() || n.isTextual();
          case ID -> n.isTextual() && ID.matcher(n.asText()).matches();
          case OPT_ID -> n.isNull() || (n.isTextual() && ID.matcher(n.asText()).matches());
          case OBJECT_OR_NULL -> n.isNull() || n.isObject();
          case POSITIVE_INT -> n.isIntegralNumber() && n.canConvertToLong() && n.asLong() >= 1;
          case STRING_ARRAY ->
              allElements(n, e -> e.isTextual() && MEMBER.matcher(e.asText()).matches());
          case ID_ARRAY -> allElements(n, e -> e.isTextual() && ID.matcher(e.asText()).matches());
          case REFERENCES -> allElements(n, EventParser::isReference);
        };
    if (!ok) {
      throw malformed("Field " + where + " has the wrong shape (" + kind.name() + ").");
    }
  }

  private static boolean isReference(JsonNode e) {
    if (!e.isObject() || e.size() != 2) {
      return false;
    }
    JsonNode m = e.get("mission");
    JsonNode ev = e.get("event");
    return m != null
        && m.isTextual()
        && MISSION.matcher(m.asText()).matches()
        && ev != null
        && ev.isTextual()
        && ID.matcher(ev.asText()).matches();
  }

  private static boolean allElements(JsonNode n, java.util.function.Predicate<JsonNode> p) {
    if (!n.isArray()) {
      return false;
    }
    for (JsonNode e : n) {
      if (!p.test(e)) {
        return false;
      }
    }
    return true;
  }

  private static JsonNode require(JsonNode root, String field) throws AdmissionException {
    JsonNode n = root.get(field);
    if (n == null) {
      throw malformed("The event has no \"" + field + "\" field.");
    }
    return n;
  }

  private static String text(JsonNode root, String field, Pattern pattern)
      throws AdmissionException {
    JsonNode n = require(root, field);
    if (!n.isTextual()) {
      throw malformed("Field \"" + field + "\" must be a string.");
    }
    String s = n.asText();
    if (pattern != null && !pattern.matcher(s).matches()) {
      throw malformed("Field \"" + field + "\" has the wrong form: \"" + abbreviate(s) + "\".");
    }
    return s;
  }

  private static long nonNegative(JsonNode root, String field) throws AdmissionException {
    JsonNode n = require(root, field);
    if (!n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < 0) {
      throw malformed("Field \"" + field + "\" must be a non-negative integer, found " + n + ".");
    }
    return n.asLong();
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }

  private static AdmissionException malformed(String sentence) {
    return new AdmissionException(ReasonCode.MALFORMED_CONTENT, sentence);
  }

  /**
   * @param bytes any bytes
   * @return {@code sha256:} + lower-case hex SHA-256 of the bytes (SPEC §1 ids)
   * @see org.quorate.core.cms.Ids#sha256Id(byte[])
   */
  public static String sha256Id(byte[] bytes) {
    return org.quorate.core.cms.Ids.sha256Id(bytes);
  }

  /**
   * {@link Instant#parse} of a text the {@code INSTANT} pattern matched, without the formatter for
   * the common whole-second form below 24:00:00 and second 60 (the formatter's leap-second and
   * end-of-day cases): the same instant, or the same refusal (an invalid date or time throws).
   *
   * @param text {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, ASCII digits
   * @return the instant
   * @throws DateTimeException when it is not a valid date and time
   */
  static Instant parseInstant(String text) {
    if (text.length() == 20) {
      int hour = digits(text, 11, 13);
      int second = digits(text, 17, 19);
      if (hour < 24 && second < 60) {
        return LocalDateTime.of(
                digits(text, 0, 4),
                digits(text, 5, 7),
                digits(text, 8, 10),
                hour,
                digits(text, 14, 16),
                second)
            .toInstant(ZoneOffset.UTC);
      }
    }
    return Instant.parse(text);
  }

  private static int digits(String text, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      n = n * 10 + (text.charAt(i) - '0');
    }
    return n;
  }
}
