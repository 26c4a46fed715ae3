package org.quorate.core.admission;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An admitted event of another mission that a contribution references (SPEC §6 composite rule).
 *
 * @param label its label (JSON form), or null when it carries its mission's posture
 * @param missionPosture its mission's posture label, or null when that mission sets no ceiling
 */
public record ReferencedEvent(JsonNode label, JsonNode missionPosture) {
  /**
   * @return the label that applies to it: its own, else its mission's posture (may be null)
   */
  public JsonNode effectiveLabel() {
    return label != null ? label : missionPosture;
  }
}
