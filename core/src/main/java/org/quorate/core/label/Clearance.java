package org.quorate.core.label;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A portal or REST user's clearance (SPEC §6): a list of labels in the posture form, at most one
 * per security policy. Whether it admits an event's label is {@link
 * org.quorate.core.access.Redaction}; this type only holds and reads it.
 *
 * @param labels the labels, one per security policy (none twice), at most {@value #MAX_LABELS}
 */
public record Clearance(List<ConfidentialityLabel> labels) {
  /** Most labels one clearance holds. */
  public static final int MAX_LABELS = 16;

  /** Most bytes of a clearance's JSON. */
  public static final int MAX_BYTES = 64 * 1024;

  private static final JsonMapper MAPPER = new JsonMapper();

  /**
   * @throws IllegalArgumentException when two labels name the same policy or there are too many
   */
  public Clearance {
    Objects.requireNonNull(labels, "labels");
    if (labels.size() > MAX_LABELS) {
      throw new IllegalArgumentException("more than " + MAX_LABELS + " labels");
    }
    for (int i = 0; i < labels.size(); i++) {
      for (int j = 0; j < i; j++) {
        if (labels.get(i).policy().equals(labels.get(j).policy())) {
          throw new IllegalArgumentException(
              "two labels under policy " + labels.get(i).policy() + ": one per policy");
        }
      }
    }
    labels = List.copyOf(labels);
  }

  /**
   * @param json UTF-8 JSON array of labels (SPEC §6 JSON form), at most {@value #MAX_BYTES} bytes
   * @return the clearance
   * @throws LabelFormatException when it is not such an array, a label is malformed, or two labels
   *     name one policy
   */
  public static Clearance read(byte[] json) throws LabelFormatException {
    if (json.length > MAX_BYTES) {
      throw new LabelFormatException("clearance exceeds " + MAX_BYTES + " bytes");
    }
    JsonNode n;
    try {
      n = MAPPER.readTree(json);
    } catch (IOException e) {
      throw new LabelFormatException("clearance is not JSON" + LabelJson.where(e), e);
    }
    if (n == null || !n.isArray()) {
      throw new LabelFormatException("a clearance is a JSON array of labels, one per policy");
    }
    if (n.size() > MAX_LABELS) {
      throw new LabelFormatException("more than " + MAX_LABELS + " labels");
    }
    List<ConfidentialityLabel> labels = new ArrayList<>();
    for (JsonNode l : n) {
      labels.add(LabelJson.fromTree(l));
    }
    try {
      return new Clearance(labels);
    } catch (IllegalArgumentException e) {
      throw new LabelFormatException(e.getMessage(), e);
    }
  }

  /**
   * @return the JSON array form {@link #read} reads
   */
  public byte[] write() {
    ArrayNode a = MAPPER.createArrayNode();
    for (ConfidentialityLabel l : labels) {
      a.add(LabelJson.toTree(l));
    }
    return a.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * @param policy a security policy
   * @return this clearance's label under it (named by its name or OID), if any
   */
  public Optional<ConfidentialityLabel> under(SecurityPolicy policy) {
    return labels.stream().filter(l -> policy.isNamedBy(l.policy())).findFirst();
  }
}
