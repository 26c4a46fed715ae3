package org.quorate.core.label;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The JSON form of a {@link ConfidentialityLabel} (SPEC §6): {@code
 * {"policy":"NATO","classification":"RESTRICTED","categories":[{"tagName":"Releasable
 * To","type":"PERMISSIVE","values":["NATO","JPN"]}]}}. {@code categories} may be absent (none).
 * Unknown fields are refused (SPEC §1). {@code policy} is the SPIF policy name (see the package
 * note).
 */
public final class LabelJson {
  /** Cap on the size of a JSON label, in bytes. */
  public static final int MAX_BYTES = 256 * 1024;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> LABEL_FIELDS = Set.of("policy", "classification", "categories");
  private static final Set<String> CATEGORY_FIELDS = Set.of("tagName", "type", "values");

  private LabelJson() {}

  /**
   * @param json UTF-8 JSON, at most {@value #MAX_BYTES} bytes
   * @return the label
   * @throws LabelFormatException on malformed JSON, an unknown or missing field, a wrong type or a
   *     cap of {@link ConfidentialityLabel} exceeded
   */
  public static ConfidentialityLabel read(byte[] json) throws LabelFormatException {
    if (json.length > MAX_BYTES) {
      throw new LabelFormatException("label exceeds " + MAX_BYTES + " bytes");
    }
    JsonNode n;
    try {
      n = MAPPER.readTree(json);
    } catch (IOException e) {
      throw new LabelFormatException("label is not JSON" + where(e), e);
    }
    if (n == null || n.isMissingNode()) {
      throw new LabelFormatException("label is empty");
    }
    return fromTree(n);
  }

  /**
   * Where a JSON parse failed, for a message that names no library internals.
   *
   * @param e the parser's exception
   * @return {@code " (line L, column C)"} when the parser knows the place, else {@code ""}
   */
  static String where(IOException e) {
    if (e instanceof JsonProcessingException p && p.getLocation() != null) {
      return " (line "
          + p.getLocation().getLineNr()
          + ", column "
          + p.getLocation().getColumnNr()
          + ")";
    }
    return "";
  }

  /**
   * Reads a label already parsed as part of a larger document (an event's {@code label}, a genesis
   * {@code posture}).
   *
   * @param n the JSON object
   * @return the label
   * @throws LabelFormatException as {@link #read(byte[])}
   */
  public static ConfidentialityLabel fromTree(JsonNode n) throws LabelFormatException {
    checkObject(n, LABEL_FIELDS, "label");
    String policy = text(n, "policy");
    String classification = text(n, "classification");
    List<SecurityCategory> categories = new ArrayList<>();
    JsonNode cats = n.get("categories");
    try {
      if (cats != null && !cats.isNull()) {
        if (!cats.isArray()) {
          throw new LabelFormatException("label categories is not an array");
        }
        if (cats.size() > ConfidentialityLabel.MAX_CATEGORIES) {
          throw new LabelFormatException(
              "label has more than " + ConfidentialityLabel.MAX_CATEGORIES + " categories");
        }
        for (JsonNode c : cats) {
          checkObject(c, CATEGORY_FIELDS, "category");
          CategoryType type;
          String t = text(c, "type");
          try {
            type = CategoryType.valueOf(t);
          } catch (IllegalArgumentException e) {
            throw new LabelFormatException(
                "category type '" + t + "' is not one of " + List.of(CategoryType.values()), e);
          }
          JsonNode vs = c.get("values");
          if (vs == null || !vs.isArray()) {
            throw new LabelFormatException("category values is missing or not an array");
          }
          if (vs.size() > ConfidentialityLabel.MAX_VALUES) {
            throw new LabelFormatException(
                "category has more than " + ConfidentialityLabel.MAX_VALUES + " values");
          }
          List<String> values = new ArrayList<>();
          for (JsonNode v : vs) {
            if (!v.isTextual()) {
              throw new LabelFormatException("category value is not a string");
            }
            values.add(v.textValue());
          }
          categories.add(new SecurityCategory(text(c, "tagName"), type, values));
        }
      }
      return new ConfidentialityLabel(policy, classification, categories);
    } catch (IllegalArgumentException e) {
      throw new LabelFormatException("label: " + e.getMessage(), e);
    }
  }

  /**
   * @param label the label
   * @return its JSON tree, fields in the order of SPEC §6
   */
  public static ObjectNode toTree(ConfidentialityLabel label) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("policy", label.policy());
    o.put("classification", label.classification());
    ArrayNode cats = o.putArray("categories");
    for (SecurityCategory c : label.categories()) {
      ObjectNode co = cats.addObject();
      co.put("tagName", c.tagName());
      co.put("type", c.type().name());
      ArrayNode vs = co.putArray("values");
      c.values().forEach(vs::add);
    }
    return o;
  }

  /**
   * @param label the label
   * @return compact UTF-8 JSON
   */
  public static byte[] write(ConfidentialityLabel label) {
    try {
      return MAPPER.writeValueAsString(toTree(label)).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("writing a JSON tree failed", e);
    }
  }

  private static void checkObject(JsonNode n, Set<String> allowed, String what)
      throws LabelFormatException {
    if (!n.isObject()) {
      throw new LabelFormatException(what + " is not a JSON object");
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!allowed.contains(f)) {
        throw new LabelFormatException(what + " has unknown field '" + f + "'");
      }
    }
  }

  private static String text(JsonNode n, String field) throws LabelFormatException {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new LabelFormatException("field '" + field + "' is missing or not a string");
    }
    return v.textValue();
  }
}
