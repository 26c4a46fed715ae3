package org.quorate.core.audit;

import static org.quorate.core.audit.AuditBundle.MANIFEST;
import static org.quorate.core.audit.AuditBundle.PROOFS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.quorate.core.audit.AuditBundle.LogRecord;
import org.quorate.core.audit.AuditBundle.ManifestEntry;
import org.quorate.core.reason.BundleFormatCode;

/**
 * Reads the shape of an audit bundle's JSON files (SPEC §5) for {@link AuditBundle}: {@code
 * manifest.json}, {@code proofs.json} and {@code policy.json} as objects of their documented
 * fields. Only the shape: whether the values agree with the other files is {@link BundleVerifier}'s
 * business. Holds no state.
 */
final class BundleJson {
  private static final Pattern HEX = Pattern.compile("[0-9a-f]*");
  private static final JsonMapper JSON = new JsonMapper();
  private static final HexFormat HEXF = HexFormat.of();

  private BundleJson() {}

  /**
   * @param name the file's name in the bundle (for the message)
   * @param bytes its bytes
   * @return its JSON object
   * @throws BundleFormatException {@code MALFORMED} when it is not JSON or not an object
   */
  static JsonNode object(String name, byte[] bytes) throws BundleFormatException {
    try {
      JsonNode n = JSON.readTree(bytes);
      if (n == null || !n.isObject()) {
        throw malformed(name, "is not a JSON object");
      }
      return n;
    } catch (IOException e) {
      throw malformed(name, "is not JSON: " + e.getMessage());
    }
  }

  /**
   * @param m {@code manifest.json}
   * @return its {@code "proposal"}
   * @throws BundleFormatException {@code MALFORMED} unless it has {@code "v":1}, a textual {@code
   *     "proposal"} and a {@code "files"} array
   */
  static String proposal(JsonNode m) throws BundleFormatException {
    if (m.path("v").asInt(0) != 1
        || !m.path("proposal").isTextual()
        || !m.path("files").isArray()) {
      throw malformed(MANIFEST, "needs \"v\":1, \"proposal\" and \"files\"");
    }
    return m.get("proposal").asText();
  }

  /**
   * @param m {@code manifest.json}, its top level checked by {@link #proposal}
   * @return its {@code "files"}, in order
   * @throws BundleFormatException {@code MALFORMED} when a file lacks {@code "path"} or {@code
   *     "sha256"}
   */
  static List<ManifestEntry> manifest(JsonNode m) throws BundleFormatException {
    List<ManifestEntry> entries = new ArrayList<>();
    for (JsonNode f : m.get("files")) {
      if (!f.path("path").isTextual() || !f.path("sha256").isTextual()) {
        throw malformed(MANIFEST, "every file needs \"path\" and \"sha256\"");
      }
      entries.add(
          new ManifestEntry(
              f.get("path").asText(),
              f.get("sha256").asText(),
              f.path("event").isTextual() ? f.get("event").asText() : null,
              f.path("type").isTextual() ? f.get("type").asText() : null));
    }
    return List.copyOf(entries);
  }

  /**
   * @param p {@code proofs.json}
   * @return its {@code "treeSize"}, &ge; 0
   * @throws BundleFormatException {@code MALFORMED} unless it has an integer {@code "treeSize"}
   *     &ge; 0 and a {@code "records"} array
   */
  static long treeSize(JsonNode p) throws BundleFormatException {
    if (!p.path("treeSize").canConvertToLong()
        || !p.path("treeSize").isIntegralNumber()
        || p.get("treeSize").asLong() < 0
        || !p.path("records").isArray()) {
      throw malformed(PROOFS, "needs an integer \"treeSize\" >= 0 and \"records\"");
    }
    return p.get("treeSize").asLong();
  }

  /**
   * @param p {@code proofs.json}, its top level checked by {@link #treeSize}
   * @return its {@code "records"}, in order
   * @throws BundleFormatException {@code MALFORMED} when a record lacks a field, has more than 128
   *     audit path hashes or a value that is not lower-case hex
   */
  static List<LogRecord> logRecords(JsonNode p) throws BundleFormatException {
    List<LogRecord> records = new ArrayList<>();
    for (JsonNode r : p.get("records")) {
      if (!r.path("index").isIntegralNumber()
          || !r.path("index").canConvertToLong()
          || !r.path("entry").isTextual()
          || !r.path("auditPath").isArray()
          || r.get("auditPath").size() > 128) {
        throw malformed(
            PROOFS, "every record needs \"index\", \"entry\" and \"auditPath\" (<= 128)");
      }
      List<byte[]> path = new ArrayList<>();
      for (JsonNode h : r.get("auditPath")) {
        path.add(hex(h, PROOFS));
      }
      records.add(new LogRecord(r.get("index").asLong(), hex(r.get("entry"), PROOFS), path));
    }
    return List.copyOf(records);
  }

  private static byte[] hex(JsonNode n, String file) throws BundleFormatException {
    String s = n.asText("");
    if (!n.isTextual() || s.length() % 2 != 0 || s.length() > 1024 || !HEX.matcher(s).matches()) {
      throw malformed(file, "holds a value that is not lower-case hex: " + AuditBundle.quote(s));
    }
    return HEXF.parseHex(s);
  }

  private static BundleFormatException malformed(String file, String what) {
    return new BundleFormatException(BundleFormatCode.MALFORMED_BUNDLE, file + " " + what);
  }
}
