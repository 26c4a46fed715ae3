package org.quorate.web.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The portal's words: counts, articles, transports and PEM lines (issue 16's newcomer findings).
 */
class FmtTest {
  private final Fmt fmt = new Fmt();

  @Test
  void countsAreWrittenInEnglish() {
    assertThat(fmt.count(1, "dissent")).isEqualTo("1 dissent");
    assertThat(fmt.count(0, "dissent")).isEqualTo("0 dissents");
    assertThat(fmt.count(2, "time")).isEqualTo("2 times");
    assertThat(fmt.count(3, "evidence")).isEqualTo("3 evidence");
    assertThat(fmt.count(2, "policy")).isEqualTo("2 policies");
    assertThat(fmt.count(2, "match")).isEqualTo("2 matches");
  }

  @Test
  void articlesFollowTheSound() {
    assertThat(fmt.a("attestation")).isEqualTo("an attestation");
    assertThat(fmt.a("proposal")).isEqualTo("a proposal");
    Map<String, List<String>> missing = new LinkedHashMap<>();
    missing.put("approving-authority", List.of("DEU"));
    missing.put("legal-advisor", List.of("POL"));
    missing.put("voters", List.of("EST"));
    assertThat(fmt.missing(missing))
        .isEqualTo("an approving-authority of: DEU; a legal-advisor of: POL; no vote yet: EST");
  }

  @Test
  void transportsAreReadable() {
    assertThat(fmt.via("amqp id=ID:0047608f-f188-11f1-810a-02fc00000001")).isEqualTo("AMQP");
    assertThat(fmt.messageId("amqp id=ID:0047608f-f188-11f1-810a-02fc00000001"))
        .isEqualTo("ID:0047608f-f188-11f1-810a-02fc00000001");
    assertThat(fmt.via("rest from=127.0.0.1")).isEqualTo("REST from 127.0.0.1");
    assertThat(fmt.messageId("rest from=127.0.0.1")).isEmpty();
    assertThat(fmt.via("jms id=ID:1 redelivered")).isEqualTo("JMS (redelivered)");
    assertThat(fmt.via(null)).isEqualTo("—");
  }

  @Test
  void pemLinesHold64Characters() {
    String b64 = "A".repeat(130);
    assertThat(fmt.pem(b64).split("\n")).containsExactly("A".repeat(64), "A".repeat(64), "AA");
    assertThat(fmt.hex("sha256:ab")).isEqualTo("ab");
  }

  @Test
  void idsInTextAreShortenedAsAloneTheyAre() {
    String id = "sha256:" + "0123456789abcdef".repeat(4);
    assertThat(fmt.shortIds("genesis " + id)).isEqualTo("genesis " + fmt.shortId(id));
    assertThat(fmt.shortIds("key " + id + ", 2 inputs"))
        .isEqualTo("key sha256:0123456789ab…, 2 inputs");
    assertThat(fmt.shortIds("sha256:0123456789abc")).isEqualTo(fmt.shortId("sha256:0123456789abc"));
    assertThat(fmt.shortIds("LVA in M-1")).isEqualTo("LVA in M-1");
    assertThat(fmt.shortIds(null)).isEmpty();
  }
}
