package org.quorate.core.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class NodeLogsTest {
  private static final String INPUT = "sha256:" + "ab".repeat(32);
  private static final String EVENT = "sha256:" + "cd".repeat(32);

  @Test
  void recordsNamingAMissionGoToItsLogOthersToTheQuarantine() {
    assertThat(NodeLogs.logOf("BALTIC-SHIELD")).isEqualTo("BALTIC-SHIELD");
    assertThat(NodeLogs.logOf(null)).isEqualTo(NodeLogs.QUARANTINE);
    assertThat(NodeLogs.logOf("")).isEqualTo(NodeLogs.QUARANTINE);
    assertThat(NodeLogs.logOf("../etc")).isEqualTo(NodeLogs.QUARANTINE);
    assertThat(NodeLogs.logOf("_quarantine")).isEqualTo(NodeLogs.QUARANTINE);
    assertThat(NodeLogs.logOf("M".repeat(65))).isEqualTo(NodeLogs.QUARANTINE);
  }

  @Test
  void entryCarriesTheDigestsOfTheIdsAndTheOutcomeByte() {
    LogEntry e = NodeLogs.entry(7, INPUT, EVENT, 6).orElseThrow();

    byte[] bytes = e.encode();
    assertThat(HexFormat.of().formatHex(bytes))
        .isEqualTo("01" + "0000000000000007" + "ab".repeat(32) + "cd".repeat(32) + "06");
    assertThat(e.outcome()).isEqualTo(OutcomeCode.VOID);
  }

  @Test
  void missingOrMalformedEventIdIsLoggedAsZeros() {
    for (String event : new String[] {null, "sha256:XYZ", "sha256:" + "00".repeat(32)}) {
      byte[] bytes = NodeLogs.entry(0, INPUT, event, 3).orElseThrow().encode();
      assertThat(java.util.Arrays.copyOfRange(bytes, 41, 73)).isEqualTo(new byte[32]);
      assertThat(bytes[73]).isEqualTo((byte) 3);
    }
  }

  @Test
  void malformedInputIdGivesNoEntry() {
    assertThat(NodeLogs.entry(0, null, EVENT, 1)).isEmpty();
    assertThat(NodeLogs.entry(0, "sha256:AB", EVENT, 1)).isEmpty();
    assertThat(NodeLogs.isId(INPUT)).isTrue();
    assertThat(NodeLogs.isId("sha256:" + "AB".repeat(32))).isFalse();
  }

  @Test
  void unknownOutcomeCodeIsRefused() {
    assertThatThrownBy(() -> NodeLogs.entry(0, INPUT, EVENT, 7))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
