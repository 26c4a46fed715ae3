package org.quorate.core.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.quorate.core.cms.SignedDataVerifier;
import org.quorate.core.cms.VerifiedSignedData;
import org.quorate.core.reason.AdmissionException;

/**
 * The signed content of a signed tree head (STH, SPEC §5): a node's statement that its log of one
 * mission had {@code size} entries with RFC 9162 root {@code root} at {@code time}. Its bytes are
 * UTF-8 JSON, fields in this order, no white space:
 *
 * <pre>
 *   {"mission":"BALTIC-SHIELD","size":42,"root":"64 lower-case hex digits","time":"2026-11-29T10:15:00.123Z"}
 * </pre>
 *
 * <p>{@code time} is RFC 3339 in UTC, truncated to milliseconds. The node signs these bytes as a
 * CMS SignedData (RFC 5652, the SPEC §1 profile) with its node credential for the mission; {@link
 * #verify} checks such a SignedData and parses its content. Immutable.
 */
public final class SignedTreeHead {
  /** Largest signed content {@link #parse} reads, in bytes. */
  public static final int MAX_CONTENT_BYTES = 1024;

  /** Longest log name, in characters (a mission name, or {@code _quarantine}). */
  public static final int MAX_LOG_NAME = 64;

  private static final Set<String> FIELDS = Set.of("mission", "size", "root", "time");
  private static final Pattern ROOT = Pattern.compile("[0-9a-f]{64}");
  private static final JsonMapper JSON = new JsonMapper();
  private static final HexFormat HEX = HexFormat.of();

  private final String mission;
  private final long size;
  private final byte[] root;
  private final Instant time;

  /**
   * @param mission the log's name: the mission name (or {@code _quarantine}), 1 to {@value
   *     #MAX_LOG_NAME} characters
   * @param size the tree size, {@code >= 0}
   * @param root the RFC 9162 root at that size, 32 bytes (copied)
   * @param time when the node made the head (kept to the millisecond)
   * @throws IllegalArgumentException if a value is out of range
   */
  public SignedTreeHead(String mission, long size, byte[] root, Instant time) {
    Objects.requireNonNull(mission, "mission");
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(time, "time");
    if (mission.isEmpty() || mission.length() > MAX_LOG_NAME) {
      throw new IllegalArgumentException(
          "log name must be 1 to " + MAX_LOG_NAME + " characters, is " + mission.length());
    }
    if (size < 0) {
      throw new IllegalArgumentException("tree size " + size + " is negative");
    }
    if (root.length != Rfc9162Hasher.HASH_LENGTH) {
      throw new IllegalArgumentException(
          "root is " + root.length + " bytes, expected " + Rfc9162Hasher.HASH_LENGTH);
    }
    this.mission = mission;
    this.size = size;
    this.root = root.clone();
    this.time = time.truncatedTo(ChronoUnit.MILLIS);
  }

  /**
   * @return the signed content: UTF-8 JSON {@code {"mission":…,"size":n,"root":"hex","time":"…"}}
   */
  public byte[] content() {
    ObjectNode o = JSON.createObjectNode();
    o.put("mission", mission);
    o.put("size", size);
    o.put("root", HEX.formatHex(root));
    o.put("time", DateTimeFormatter.ISO_INSTANT.format(time));
    try {
      return JSON.writeValueAsBytes(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("rendering a tree head failed", e);
    }
  }

  /**
   * Parses signed content strictly: at most {@value #MAX_CONTENT_BYTES} bytes of UTF-8 JSON, one
   * object with exactly the four fields, {@code size} an integer in {@code [0, 2^63)}, {@code root}
   * 64 lower-case hex digits, {@code time} an RFC 3339 instant.
   *
   * @param content the signed content bytes, not null
   * @return the tree head
   * @throws MalformedTreeHeadException naming the field at fault
   */
  public static SignedTreeHead parse(byte[] content) throws MalformedTreeHeadException {
    Objects.requireNonNull(content, "content");
    if (content.length > MAX_CONTENT_BYTES) {
      throw new MalformedTreeHeadException(
          "tree head is " + content.length + " bytes, at most " + MAX_CONTENT_BYTES + " allowed");
    }
    JsonNode o;
    try {
      o = JSON.readTree(content);
    } catch (IOException e) {
      throw new MalformedTreeHeadException("tree head is not JSON: " + e.getMessage());
    }
    if (o == null || !o.isObject()) {
      throw new MalformedTreeHeadException("tree head is not a JSON object");
    }
    for (Iterator<String> names = o.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw new MalformedTreeHeadException("tree head has unknown field \"" + name + "\"");
      }
    }
    JsonNode mission = o.get("mission");
    if (mission == null
        || !mission.isTextual()
        || mission.asText().isEmpty()
        || mission.asText().length() > MAX_LOG_NAME) {
      throw new MalformedTreeHeadException(
          "\"mission\" must be a string of 1 to " + MAX_LOG_NAME + " characters");
    }
    JsonNode size = o.get("size");
    if (size == null || !size.isIntegralNumber() || !size.canConvertToLong() || size.asLong() < 0) {
      throw new MalformedTreeHeadException("\"size\" must be an integer from 0 to 2^63-1");
    }
    JsonNode root = o.get("root");
    if (root == null || !root.isTextual() || !ROOT.matcher(root.asText()).matches()) {
      throw new MalformedTreeHeadException("\"root\" must be 64 lower-case hex digits");
    }
    JsonNode time = o.get("time");
    if (time == null || !time.isTextual()) {
      throw new MalformedTreeHeadException("\"time\" must be an RFC 3339 string");
    }
    Instant at;
    try {
      at = Instant.parse(time.asText());
    } catch (DateTimeParseException e) {
      throw new MalformedTreeHeadException("\"time\" is not an RFC 3339 instant: " + time.asText());
    }
    return new SignedTreeHead(mission.asText(), size.asLong(), HEX.parseHex(root.asText()), at);
  }

  /**
   * A signed tree head whose CMS signature verified, with the certificate that signed it.
   *
   * @param head the parsed tree head
   * @param signer the certificate the SignerInfo names (not yet judged trusted: validate its path
   *     to the node's trust anchor, e.g. with {@code CertificationPathValidator})
   * @param certificates every certificate carried in the SignedData, the signer's first
   */
  public record Verified(
      SignedTreeHead head, X509Certificate signer, List<X509Certificate> certificates) {}

  /**
   * Checks a signed tree head: the CMS SignedData profile and signature of SPEC §1 with {@code
   * verifier}, then its content with {@link #parse}. No exception means verified (the signature,
   * not the trust in its certificate).
   *
   * @param der the DER CMS SignedData of an STH
   * @param verifier the SignedData verifier (its size cap applies)
   * @return the head and its signer
   * @throws AdmissionException when the SignedData does not verify (its reason code says why)
   * @throws MalformedTreeHeadException when the signed content is not a tree head
   */
  public static Verified verify(byte[] der, SignedDataVerifier verifier)
      throws AdmissionException, MalformedTreeHeadException {
    VerifiedSignedData v = verifier.verify(der);
    return new Verified(parse(v.content()), v.signerCertificate(), v.certificates());
  }

  /**
   * @return the log's name (the mission, or {@code _quarantine})
   */
  public String mission() {
    return mission;
  }

  /**
   * @return the tree size, {@code >= 0}
   */
  public long size() {
    return size;
  }

  /**
   * @return a copy of the 32-byte root
   */
  public byte[] root() {
    return root.clone();
  }

  /**
   * @return the root in lower-case hex
   */
  public String rootHex() {
    return HEX.formatHex(root);
  }

  /**
   * @return when the head was made, to the millisecond
   */
  public Instant time() {
    return time;
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof SignedTreeHead)) {
      return false;
    }
    SignedTreeHead that = (SignedTreeHead) other;
    return size == that.size
        && mission.equals(that.mission)
        && java.util.Arrays.equals(root, that.root)
        && time.equals(that.time);
  }

  @Override
  public int hashCode() {
    return Objects.hash(mission, size, java.util.Arrays.hashCode(root), time);
  }

  @Override
  public String toString() {
    return new String(content(), StandardCharsets.UTF_8);
  }
}
