package org.quorate.core.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Optional;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSTypedData;

/**
 * What an event's signed content says about its label: its own {@code label} (or null) and the
 * roster epoch it names, whose posture it carries when it has none. Read from bytes the node
 * already judged (no signature check here); never throws.
 *
 * @param label the event's {@code label}, or null
 * @param epoch the epoch the event names
 */
public record EventLabelClaim(JsonNode label, long epoch) {
  private static final JsonMapper MAPPER = new JsonMapper();

  /**
   * @param der the exact bytes of an input (a CMS SignedData with attached content)
   * @return the claim, or empty when the content cannot be read as a JSON event
   */
  public static Optional<EventLabelClaim> of(byte[] der) {
    try {
      CMSTypedData content = new CMSSignedData(der).getSignedContent();
      if (content == null || !(content.getContent() instanceof byte[] bytes)) {
        return Optional.empty();
      }
      JsonNode n = MAPPER.readTree(bytes);
      if (n == null || !n.isObject() || !n.path("epoch").canConvertToLong()) {
        return Optional.empty();
      }
      JsonNode label = n.get("label");
      return Optional.of(
          new EventLabelClaim(
              label == null || label.isNull() ? null : label, n.get("epoch").asLong()));
    } catch (Exception | StackOverflowError e) {
      return Optional.empty();
    }
  }
}
