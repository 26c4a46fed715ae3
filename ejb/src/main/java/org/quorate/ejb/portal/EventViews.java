package org.quorate.ejb.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.quorate.core.cms.SignedDataVerifier;
import org.quorate.core.reason.AdmissionException;

/**
 * Builds the labelled fields of an event (title, text, rationale, reason, the body of a
 * contribution) from its signed content: the one place the portal turns a body into words, so that
 * clearance-based redaction (SPEC §6) can withhold them here.
 */
public final class EventViews {
  /** One verifier (thread-safe): each one made builds a Bouncy Castle provider. */
  private static final SignedDataVerifier VERIFIER = new SignedDataVerifier();

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern ID = Pattern.compile("sha256:[0-9a-f]{64}");

  /** Body keys in words, in the order SPEC §1 lists them. */
  private static final Map<String, String> NAMES =
      Map.ofEntries(
          Map.entry("genesis", "Genesis"),
          Map.entry("policy", "Policy"),
          Map.entry("title", "Title"),
          Map.entry("text", "Text"),
          Map.entry("action", "Governance action"),
          Map.entry("proposal", "Proposal"),
          Map.entry("role", "Role"),
          Map.entry("verdict", "Verdict"),
          Map.entry("rationale", "Rationale"),
          Map.entry("supersedes", "Supersedes"),
          Map.entry("reachable", "Reachable members"),
          Map.entry("unreachable", "Unreachable members"),
          Map.entry("reason", "Reason"),
          Map.entry("outcome", "Outcome"),
          Map.entry("counted", "Counted attestation"),
          Map.entry("declaration", "Quorum declaration"),
          Map.entry("digest", "Digest"),
          Map.entry("references", "Reference"),
          Map.entry("event", "Event"),
          Map.entry("crl", "CRL"),
          Map.entry("signer", "Signer"),
          Map.entry("seq", "Sequence number"));

  private EventViews() {}

  /**
   * @param der the exact bytes of an authentic input
   * @return its signed content parsed as JSON, empty when it cannot be read
   */
  static Optional<JsonNode> content(byte[] der) {
    try {
      return Optional.of(MAPPER.readTree(VERIFIER.verify(der).content()));
    } catch (AdmissionException | IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * @param der a CMS SignedData
   * @return its signed content as UTF-8 text (the event's JSON exactly as signed), or null when it
   *     does not verify
   */
  static String signedText(byte[] der) {
    try {
      return new String(VERIFIER.verify(der).content(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (AdmissionException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Body keys shown even when the event is withheld (SPEC §6: a withheld event keeps ids, member,
   * role, verdict, times, outcome and proofs). Every other key (title, text, rationale, reason, a
   * governance action, anything unknown) is withheld: fail closed.
   */
  private static final Set<String> STRUCTURAL =
      Set.of(
          "genesis",
          "policy",
          "proposal",
          "role",
          "verdict",
          "supersedes",
          "reachable",
          "unreachable",
          "outcome",
          "counted",
          "declaration",
          "digest",
          "references",
          "event",
          "crl",
          "signer",
          "seq");

  /**
   * The body of an event in words: every labelled field of every event type is built here, and
   * redaction (SPEC §6) is applied here: when the caller's clearance does not admit the event,
   * every field but the structural ones (ids, role, verdict, outcome…) is withheld, its value null
   * and {@link EventView.Field#withheld()} true, so that it is shown as withheld, never omitted.
   *
   * @param body the event's {@code body}
   * @param withheld whether the caller's clearance does not admit the event
   * @return one field per value (one per id in a list of ids)
   */
  public static List<EventView.Field> fields(JsonNode body, boolean withheld) {
    List<EventView.Field> out = new ArrayList<>();
    if (body == null || !body.isObject()) {
      return out;
    }
    Iterator<Map.Entry<String, JsonNode>> it = body.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = NAMES.getOrDefault(e.getKey(), e.getKey());
      JsonNode v = e.getValue();
      if (withheld && !STRUCTURAL.contains(e.getKey())) {
        out.add(EventView.Field.withheld(name));
      } else if (v == null || v.isNull()) {
        out.add(new EventView.Field(name, "none", false));
      } else if (e.getKey().equals("crl") && v.isTextual()) {
        out.add(new EventView.Field(name, crlSize(v.asText()), false));
      } else if (e.getKey().equals("references") && v.isArray()) {
        for (JsonNode r : v) {
          out.add(
              new EventView.Field(
                  name + " (mission " + r.path("mission").asText("?") + ")",
                  r.path("event").asText(""),
                  ID.matcher(r.path("event").asText("")).matches()));
        }
        if (v.isEmpty()) {
          out.add(new EventView.Field(name, "none", false));
        }
      } else if (v.isArray()) {
        boolean ids = v.size() > 0;
        for (JsonNode x : v) {
          ids &= x.isTextual() && ID.matcher(x.asText()).matches();
        }
        if (ids) {
          for (JsonNode x : v) {
            out.add(new EventView.Field(name, x.asText(), true));
          }
        } else {
          List<String> items = new ArrayList<>();
          v.forEach(x -> items.add(x.isTextual() ? x.asText() : x.toString()));
          out.add(
              new EventView.Field(
                  name, items.isEmpty() ? "none" : String.join(", ", items), false));
        }
      } else if (v.isObject()) {
        out.add(new EventView.Field(name, action(v), false));
      } else {
        String s = v.asText();
        out.add(new EventView.Field(name, s, ID.matcher(s).matches()));
      }
    }
    return out;
  }

  /** A governance action (or another object) in words: its kind first, then its fields. */
  private static String action(JsonNode v) {
    StringBuilder s = new StringBuilder();
    if (v.has("action")) {
      s.append(v.get("action").asText());
    }
    Iterator<Map.Entry<String, JsonNode>> it = v.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> f = it.next();
      if (f.getKey().equals("action")) {
        continue;
      }
      if (s.length() > 0) {
        s.append("; ");
      }
      JsonNode x = f.getValue();
      String value = x.isTextual() ? x.asText() : x.toString();
      s.append(f.getKey())
          .append(' ')
          .append(value.length() > 400 ? value.substring(0, 400) + "…" : value);
    }
    return s.toString();
  }

  private static String crlSize(String base64) {
    try {
      return "a CRL of " + Base64.getDecoder().decode(base64).length + " bytes (DER)";
    } catch (IllegalArgumentException e) {
      return "not base64";
    }
  }
}
