package org.quorate.core.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.quorate.core.cms.Ids;

/** What a forger does to a bundle's files: edit them, then make the manifest agree again. */
final class Tamper {
  private static final JsonMapper JSON = new JsonMapper();

  private Tamper() {}

  static Map<String, byte[]> files(AuditBundle b) {
    Map<String, byte[]> copy = new LinkedHashMap<>();
    b.files().forEach((k, v) -> copy.put(k, v.clone()));
    return copy;
  }

  /** The bundle of the files as they are (manifest untouched). */
  static AuditBundle asIs(Map<String, byte[]> files) {
    try {
      return AuditBundle.fromFiles(files);
    } catch (BundleFormatException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The bundle of the files with a manifest recomputed to match them (a careful forger). */
  static AuditBundle remanifested(Map<String, byte[]> files) {
    ObjectNode m = (ObjectNode) json(files.get(AuditBundle.MANIFEST));
    ArrayNode list = m.putArray("files");
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      if (f.getKey().equals(AuditBundle.MANIFEST)) {
        continue;
      }
      ObjectNode line = list.addObject();
      line.put("path", f.getKey());
      line.put("sha256", org.quorate.core.cms.Ids.sha256Hex(f.getValue()));
      if (f.getKey().endsWith(".p7m") && f.getKey().startsWith("events/")) {
        byte[] content = SignedFiles.content(f.getValue());
        line.put("event", Ids.sha256Id(content));
        line.put("type", json(content).path("type").asText());
      }
    }
    files.put(AuditBundle.MANIFEST, bytes(m));
    return asIs(files);
  }

  static ObjectNode json(Map<String, byte[]> files, String name) {
    return (ObjectNode) json(files.get(name));
  }

  static JsonNode json(byte[] b) {
    try {
      return JSON.readTree(b);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] bytes(JsonNode n) {
    try {
      return JSON.writeValueAsBytes(n);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The file name of the input with an event id. */
  static String fileOf(Map<String, byte[]> files, String eventId) {
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      if (f.getKey().startsWith("events/")
          && Ids.sha256Id(SignedFiles.content(f.getValue())).equals(eventId)) {
        return f.getKey();
      }
    }
    throw new IllegalArgumentException("no file holds " + eventId);
  }
}
