package org.quorate.core.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quorate.core.label.Clearance;
import org.quorate.core.label.LabelFormatException;
import org.quorate.core.label.LabelPolicy;
import org.quorate.core.label.PostureDecision;

/** The clearance rule of SPEC §6: shown, withheld, fail closed. */
class RedactionTest {
  private static final JsonMapper JSON = new JsonMapper();
  private static final LabelPolicy NATO = LabelPolicy.defaults();

  private static String label(String classification, String... releasableTo) {
    return "{\"policy\":\"NATO\",\"classification\":\""
        + classification
        + "\",\"categories\":[{\"tagName\":\"Releasable To\",\"type\":\"PERMISSIVE\",\"values\":[\""
        + String.join("\",\"", releasableTo)
        + "\"]}]}";
  }

  private static JsonNode tree(String json) throws Exception {
    return JSON.readTree(json);
  }

  private static Clearance clearance(String json) throws LabelFormatException {
    return Clearance.read(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void secretClearanceAdmitsSecretAndBelow() throws Exception {
    Clearance secret = clearance("[" + label("SECRET", "NATO") + "]");
    assertTrue(Redaction.decide(secret, NATO, tree(label("SECRET", "NATO"))).admitted());
    assertTrue(Redaction.decide(secret, NATO, tree(label("RESTRICTED", "NATO"))).admitted());
  }

  @Test
  void restrictedClearanceWithholdsSecret() throws Exception {
    Clearance restricted = clearance("[" + label("RESTRICTED", "NATO") + "]");
    PostureDecision d = Redaction.decide(restricted, NATO, tree(label("SECRET", "NATO")));
    assertFalse(d.admitted());
    assertTrue(d.sentence().contains("SECRET"), d.sentence());
    // the refusal is about the user's clearance, not a mission posture
    assertEquals("classification SECRET is above the clearance RESTRICTED", d.sentence());
  }

  @Test
  void categoryRefusalNamesTheClearance() throws Exception {
    Clearance jpnOnly = clearance("[" + label("SECRET", "JPN") + "]");
    PostureDecision d = Redaction.decide(jpnOnly, NATO, tree(label("RESTRICTED", "NATO")));
    assertTrue(d.sentence().contains("the clearance holds none of the values"), d.sentence());
    assertFalse(d.sentence().contains("posture"), d.sentence());
  }

  @Test
  void permissiveCategoryNeedsOneValueHeld() throws Exception {
    Clearance jpnOnly = clearance("[" + label("SECRET", "JPN") + "]");
    assertFalse(Redaction.decide(jpnOnly, NATO, tree(label("RESTRICTED", "NATO"))).admitted());
    assertTrue(
        Redaction.decide(jpnOnly, NATO, tree(label("RESTRICTED", "NATO", "JPN"))).admitted());
  }

  @Test
  void noClearanceWithholdsEveryLabelledEvent() throws Exception {
    PostureDecision d = Redaction.decide(null, NATO, tree(label("UNCLASSIFIED", "NATO")));
    assertFalse(d.admitted());
    assertEquals("clearance", d.failed());
  }

  @Test
  void clearanceUnderAnotherPolicyDoesNotCount() throws Exception {
    Clearance other =
        clearance("[{\"policy\":\"OTHER\",\"classification\":\"SECRET\",\"categories\":[]}]");
    PostureDecision d = Redaction.decide(other, NATO, tree(label("RESTRICTED", "NATO")));
    assertFalse(d.admitted());
    assertTrue(d.sentence().contains("NATO"), d.sentence());
  }

  @Test
  void unreadableLabelIsWithheld() throws Exception {
    Clearance secret = clearance("[" + label("SECRET", "NATO") + "]");
    assertFalse(Redaction.decide(secret, NATO, tree("{\"policy\":\"NATO\"}")).admitted());
    assertFalse(Redaction.decide(secret, NATO, tree(label("NO SUCH LEVEL", "NATO"))).admitted());
  }

  @Test
  void unlabelledEventWithoutPostureIsShown() {
    assertTrue(Redaction.decide(null, NATO, null).admitted());
  }

  @Test
  void unlabelledEventCarriesThePosture() throws Exception {
    JsonNode posture = tree(label("SECRET", "NATO"));
    assertEquals(posture, Redaction.effectiveLabel(null, posture));
    assertEquals(posture, Redaction.effectiveLabel(JSON.nullNode(), posture));
    JsonNode own = tree(label("RESTRICTED", "NATO"));
    assertEquals(own, Redaction.effectiveLabel(own, posture));
    assertEquals(null, Redaction.effectiveLabel(null, null));
  }

  @Test
  void clearanceReadsAndWritesOneLabelPerPolicy() throws Exception {
    Clearance c = clearance("[" + label("SECRET", "NATO") + "]");
    assertEquals(c, Clearance.read(c.write()));
    assertThrows(
        LabelFormatException.class,
        () -> clearance("[" + label("SECRET", "NATO") + "," + label("RESTRICTED", "NATO") + "]"));
    assertThrows(LabelFormatException.class, () -> clearance(label("SECRET", "NATO")));
    assertThrows(LabelFormatException.class, () -> clearance("not json"));
  }

  @Test
  void redactedNamesTheFieldsOnlyWhenWithheld() {
    assertEquals(List.of("title", "text"), Redaction.redacted(true, "title", "text"));
    assertEquals(List.of(), Redaction.redacted(false, "title", "text"));
  }
}
