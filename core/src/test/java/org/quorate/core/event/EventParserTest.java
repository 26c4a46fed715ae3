package org.quorate.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quorate.core.reason.AdmissionException;
import org.quorate.core.reason.ReasonCode;

class EventParserTest {
  private static final String SIGNER =
      "sha256:abababababababababababababababababababababababababababababababab";
  private static final String PREV =
      "sha256:cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd";
  private final EventParser parser = new EventParser();

  private static String event(String type, String body, long seq, String prev) {
    return "{\"v\":1,\"mission\":\"BALTIC-SHIELD\",\"member\":\"POL\",\"signer\":\""
        + SIGNER
        + "\",\"epoch\":0,\"seq\":"
        + seq
        + ",\"prev\":"
        + (prev == null ? "null" : "\"" + prev + "\"")
        + ",\"type\":\""
        + type
        + "\",\"issued\":\"2026-11-29T10:15:00Z\",\"body\":"
        + body
        + "}";
  }

  private Event parse(String json) throws AdmissionException {
    return parser.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  private ReasonCode reasonOf(String json) {
    try {
      parse(json);
      throw new AssertionError("expected a refusal of " + json);
    } catch (AdmissionException e) {
      return e.reasonCode();
    }
  }

  @Test
  void parsesAttestationAndComputesEventIdOverExactBytes() throws Exception {
    String json =
        event(
            "attestation",
            "{\"proposal\":\""
                + PREV
                + "\",\"role\":\"approving-authority\",\"verdict\":\"dissent\","
                + "\"rationale\":\"Legal basis unclear\",\"supersedes\":null}",
            2,
            PREV);
    Event e = parse(json);
    assertThat(e.type()).isEqualTo(EventType.ATTESTATION);
    assertThat(e.attestedRole()).isEqualTo("approving-authority");
    assertThat(e.seq()).isEqualTo(2);
    assertThat(e.prev()).isEqualTo(PREV);
    assertThat(e.eventId())
        .isEqualTo(EventParser.sha256Id(json.getBytes(StandardCharsets.UTF_8)))
        .matches("sha256:[0-9a-f]{64}");
  }

  @Test
  void unknownTopLevelFieldIsRefusedWithItsOwnCode() {
    String json = event("proposal", "{\"policy\":\"p\",\"title\":\"t\",\"text\":\"x\"}", 1, null);
    String withExtra = json.replace("\"v\":1,", "\"v\":1,\"colour\":\"red\",");
    assertThat(reasonOf(withExtra)).isEqualTo(ReasonCode.UNKNOWN_FIELD);
  }

  @Test
  void unknownBodyFieldIsRefused() {
    assertThat(
            reasonOf(
                event(
                    "dispute",
                    "{\"event\":\"" + PREV + "\",\"reason\":\"r\",\"severity\":3}",
                    1,
                    null)))
        .isEqualTo(ReasonCode.UNKNOWN_FIELD);
  }

  @Test
  void dissentWithoutRationaleIsMalformed() {
    assertThat(
            reasonOf(
                event(
                    "attestation",
                    "{\"proposal\":\"" + PREV + "\",\"role\":\"r\",\"verdict\":\"dissent\"}",
                    1,
                    null)))
        .isEqualTo(ReasonCode.MALFORMED_CONTENT);
  }

  @Test
  void duplicateKeysAreRefused() {
    String json = event("contribution", "{\"title\":\"t\",\"digest\":\"" + PREV + "\"}", 1, null);
    assertThat(
            reasonOf(json.replace("\"member\":\"POL\"", "\"member\":\"POL\",\"member\":\"DEU\"")))
        .isEqualTo(ReasonCode.MALFORMED_CONTENT);
  }

  @Test
  void invalidUtf8IsRefused() {
    byte[] bad = {'{', (byte) 0xC3, (byte) 0x28, '}'};
    assertThatThrownBy(() -> parser.parse(bad))
        .isInstanceOf(AdmissionException.class)
        .hasMessageContaining("UTF-8");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "seq 1 with a prev|1|" + PREV,
        "seq 2 without a prev|2|",
      })
  void chainFieldsMustAgree(String name, long seq, String prev) {
    assertThat(
            reasonOf(
                event(
                    "contribution",
                    "{\"title\":\"t\",\"digest\":\"" + PREV + "\"}",
                    seq,
                    prev == null || prev.isEmpty() ? null : prev)))
        .isEqualTo(ReasonCode.MALFORMED_CONTENT);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "version 2|\"v\":1|\"v\":2",
        "unknown type|\"type\":\"contribution\"|\"type\":\"gossip\"",
        "local time|2026-11-29T10:15:00Z|2026-11-29T10:15:00",
        "negative epoch|\"epoch\":0|\"epoch\":-1",
        "signer not an id|" + SIGNER + "|sha1:abc",
        "body not an object|\"body\":{|\"body\":[{",
      })
  void malformedFieldsAreRefused(String name, String from, String to) {
    String json = event("contribution", "{\"title\":\"t\",\"digest\":\"" + PREV + "\"}", 1, null);
    String broken = json.replace(from, to);
    assertThat(broken).isNotEqualTo(json);
    assertThat(reasonOf(broken)).isEqualTo(ReasonCode.MALFORMED_CONTENT);
  }

  @Test
  void notJsonIsMalformed() {
    assertThat(reasonOf("not json")).isEqualTo(ReasonCode.MALFORMED_CONTENT);
    assertThat(reasonOf("[1,2]")).isEqualTo(ReasonCode.MALFORMED_CONTENT);
  }
}
