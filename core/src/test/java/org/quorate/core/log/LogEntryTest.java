package org.quorate.core.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.quorate.core.log.MalformedLogEntryException.Kind;

/** The SPEC §5 entry bytes: layout, strict decoding, round trip. */
class LogEntryTest {
  private static final HexFormat HEX = HexFormat.of();

  private static byte[] filled(int value) {
    byte[] bytes = new byte[32];
    Arrays.fill(bytes, (byte) value);
    return bytes;
  }

  @Test
  void encodesTheSpecLayout() {
    LogEntry entry =
        new LogEntry(0x0102030405060708L, filled(0xaa), filled(0xbb), OutcomeCode.HELD);
    String expected = "01" + "0102030405060708" + "aa".repeat(32) + "bb".repeat(32) + "02";
    assertThat(HEX.formatHex(entry.encode())).isEqualTo(expected);
    assertThat(entry.encode()).hasSize(LogEntry.LENGTH);
  }

  @Test
  void noEventIdIsThirtyTwoZeros() throws Exception {
    LogEntry entry = new LogEntry(7, filled(0xaa), null, OutcomeCode.REJECTED);
    byte[] bytes = entry.encode();
    assertThat(Arrays.copyOfRange(bytes, 41, 73)).isEqualTo(new byte[32]);
    assertThat(bytes[73]).isEqualTo((byte) 3);
    LogEntry decoded = LogEntry.decode(bytes);
    assertThat(decoded.eventId()).isEmpty();
    assertThat(decoded).isEqualTo(entry);
    assertThatThrownBy(() -> new LogEntry(7, filled(0xaa), new byte[32], OutcomeCode.REJECTED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pass null");
  }

  @Test
  void outcomeCodesAreTheSpecOnes() {
    assertThat(Arrays.stream(OutcomeCode.values()).mapToInt(OutcomeCode::code))
        .containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(OutcomeCode.fromCode(6)).isEqualTo(OutcomeCode.VOID);
    assertThatThrownBy(() -> OutcomeCode.fromCode(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void decodeRefusesWrongLength() {
    byte[] good = new LogEntry(1, filled(1), filled(2), OutcomeCode.ADMITTED).encode();
    for (int length : new int[] {0, 73, 75, 1000}) {
      byte[] wrong = Arrays.copyOf(good, length);
      assertThatThrownBy(() -> LogEntry.decode(wrong))
          .isInstanceOf(MalformedLogEntryException.class)
          .hasMessage("log entry is " + length + " bytes, expected 74")
          .extracting(e -> ((MalformedLogEntryException) e).kind())
          .isEqualTo(Kind.LENGTH);
    }
  }

  @Test
  void decodeRefusesUnknownVersion() {
    byte[] bytes = new LogEntry(1, filled(1), filled(2), OutcomeCode.ADMITTED).encode();
    bytes[0] = 0x02;
    assertThatThrownBy(() -> LogEntry.decode(bytes))
        .isInstanceOf(MalformedLogEntryException.class)
        .extracting(e -> ((MalformedLogEntryException) e).kind())
        .isEqualTo(Kind.VERSION);
  }

  @Test
  void decodeRefusesUnknownOutcomeCode() {
    for (int code : new int[] {0, 7, 0xff}) {
      byte[] bytes = new LogEntry(1, filled(1), filled(2), OutcomeCode.ADMITTED).encode();
      bytes[73] = (byte) code;
      assertThatThrownBy(() -> LogEntry.decode(bytes))
          .isInstanceOf(MalformedLogEntryException.class)
          .hasMessage("outcome code is " + code + ", expected 1 to 6")
          .extracting(e -> ((MalformedLogEntryException) e).kind())
          .isEqualTo(Kind.OUTCOME_CODE);
    }
  }

  @Test
  void decodeRefusesIndexAbove2To63() {
    byte[] bytes = new LogEntry(1, filled(1), filled(2), OutcomeCode.ADMITTED).encode();
    bytes[1] = (byte) 0x80;
    assertThatThrownBy(() -> LogEntry.decode(bytes))
        .isInstanceOf(MalformedLogEntryException.class)
        .extracting(e -> ((MalformedLogEntryException) e).kind())
        .isEqualTo(Kind.LOG_INDEX);
  }

  @Test
  void constructorChecksFields() {
    assertThatThrownBy(() -> new LogEntry(-1, filled(1), null, OutcomeCode.ADMITTED))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LogEntry(0, new byte[31], null, OutcomeCode.ADMITTED))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LogEntry(0, filled(1), new byte[33], OutcomeCode.ADMITTED))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LogEntry(0, filled(1), null, null))
        .isInstanceOf(NullPointerException.class);
  }

  @Property(tries = 300)
  void decodeInvertsEncode(
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long index,
      @ForAll @Size(32) byte[] received,
      @ForAll @Size(32) byte[] eventId,
      @ForAll OutcomeCode outcome)
      throws Exception {
    byte[] id = Arrays.equals(eventId, new byte[32]) ? null : eventId;
    LogEntry entry = new LogEntry(index, received, id, outcome);
    byte[] bytes = entry.encode();
    LogEntry decoded = LogEntry.decode(bytes);
    assertThat(decoded).isEqualTo(entry);
    assertThat(decoded.logIndex()).isEqualTo(index);
    assertThat(decoded.receivedDigest()).isEqualTo(received);
    assertThat(decoded.outcome()).isEqualTo(outcome);
    assertThat(decoded.encode()).isEqualTo(bytes);
  }
}
