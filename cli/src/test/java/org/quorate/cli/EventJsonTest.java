package org.quorate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Filling {@code signer}/{@code issued}/{@code seq}/{@code prev} and the local chain state. */
class EventJsonTest {
  @TempDir Path tmp;

  private static final String SIGNER =
      "sha256:00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-29T10:15:00.750Z"), ZoneOffset.UTC);

  @Test
  void fillsAMinimalEventInSpecOrder() {
    ObjectNode e =
        EventJson.parse(
            "{\"type\":\"x\",\"mission\":\"M\",\"member\":\"POL\",\"body\":{}}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8),
            "t");
    EventJson.Filled f = EventJson.fill(e, SIGNER, new ChainState(tmp), CLOCK);
    assertThat(f.changed()).isTrue();
    assertThat(f.chainFilled()).isTrue();
    assertThat(new String(EventJson.bytes(f.event()), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"v\":1,\"mission\":\"M\",\"member\":\"POL\",\"signer\":\""
                + SIGNER
                + "\",\"epoch\":0,\"seq\":1,\"prev\":null,\"type\":\"x\","
                + "\"issued\":\"2026-11-29T10:15:00Z\",\"body\":{}}");
  }

  @Test
  void chainStateContinuesPerSignerAndMission() {
    ChainState chains = new ChainState(tmp);
    ObjectNode base = EventJson.event("M", "POL", 0, "x", EventJson.MAPPER.createObjectNode());
    ObjectNode first = EventJson.fill(base, SIGNER, chains, CLOCK).event();
    String firstId = Pem.sha256Id(EventJson.bytes(first));
    chains.record(SIGNER, "M", first.get("seq").asLong(), firstId);

    ObjectNode second = EventJson.fill(base, SIGNER, chains, CLOCK).event();
    assertThat(second.get("seq").asLong()).isEqualTo(2);
    assertThat(second.get("prev").asText()).isEqualTo(firstId);

    ObjectNode otherMission =
        EventJson.fill(
                EventJson.event("N", "POL", 0, "x", EventJson.MAPPER.createObjectNode()),
                SIGNER,
                chains,
                CLOCK)
            .event();
    assertThat(otherMission.get("seq").asLong()).isEqualTo(1);

    chains.record(SIGNER, "M", 1, "sha256:older");
    assertThat(chains.last(SIGNER, "M").eventId()).isEqualTo(firstId);
    assertThat(new ChainState(tmp).last(SIGNER, "M").seq()).isEqualTo(1);
  }

  @Test
  void givenFieldsAreKeptAndCompleteEventIsUnchanged() {
    ObjectNode e =
        EventJson.parse(
            ("{\"v\":1,\"mission\":\"M\",\"member\":\"POL\",\"signer\":\"sha256:ab\",\"epoch\":2,"
                    + "\"seq\":7,\"prev\":\"sha256:cd\",\"type\":\"x\",\"issued\":\"2026-01-01T00:00:00Z\","
                    + "\"body\":{},\"extra\":true}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8),
            "t");
    EventJson.Filled f = EventJson.fill(e, SIGNER, new ChainState(tmp), CLOCK);
    assertThat(f.changed()).isFalse();
    assertThat(f.event().get("signer").asText()).isEqualTo("sha256:ab");
    assertThat(f.event().get("extra").asBoolean()).isTrue();
  }

  @Test
  void seqWithoutPrevIsRefused() {
    ObjectNode e = EventJson.event("M", "POL", 0, "x", EventJson.MAPPER.createObjectNode());
    e.put("seq", 3);
    assertThatThrownBy(() -> EventJson.fill(e, SIGNER, null, CLOCK))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("seq and prev");
  }

  @Test
  void eventCommandWritesFilledEventWithoutAdvancingTheChain() throws Exception {
    Path pki = tmp.resolve("pki");
    new DemoPki().generate(pki, "M", false);
    String[] args = {
      "event",
      "--dir",
      pki.toString(),
      "--cert",
      pki.resolve("LVA/mission-authority.pem").toString(),
      "--mission",
      "M",
      "--member",
      "LVA",
      "--type",
      "contribution",
      "--body",
      "{\"title\":\"t\",\"digest\":\"sha256:00\",\"references\":[]}"
    };
    Cli.Result a = Cli.run(args);
    Cli.Result b = Cli.run(args);
    assertThat(a.exitCode()).as(a.err()).isZero();
    ObjectNode ea = EventJson.parse(a.out().getBytes(java.nio.charset.StandardCharsets.UTF_8), "a");
    ObjectNode eb = EventJson.parse(b.out().getBytes(java.nio.charset.StandardCharsets.UTF_8), "b");
    assertThat(ea.get("seq").asLong()).isEqualTo(1).isEqualTo(eb.get("seq").asLong());
    assertThat(ea.get("signer").asText())
        .isEqualTo(Pem.spkiHash(Pem.readCertificate(pki.resolve("LVA/mission-authority.pem"))));
    Cli.Result bad =
        Cli.run(
            "event",
            "--cert",
            pki.resolve("LVA/ca.pem").toString(),
            "--mission",
            "M",
            "--member",
            "LVA",
            "--type",
            "x",
            "--body",
            "[1]");
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err()).contains("--body must be a JSON object");
  }
}
