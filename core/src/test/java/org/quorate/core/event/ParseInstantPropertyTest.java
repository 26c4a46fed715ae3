package org.quorate.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link EventParser#parseInstant} answers what {@link Instant#parse} answers, instant for instant
 * and refusal for refusal, over every field range the event's {@code issued} pattern lets through
 * (SPEC §1: RFC 3339 UTC), impossible dates and times included.
 */
class ParseInstantPropertyTest {

  @Property(tries = 3000)
  void sameAsInstantParse(
      @ForAll @IntRange(min = 0, max = 9999) int year,
      @ForAll @IntRange(min = 0, max = 99) int month,
      @ForAll @IntRange(min = 0, max = 99) int day,
      @ForAll @IntRange(min = 0, max = 99) int hour,
      @ForAll @IntRange(min = 0, max = 99) int minute,
      @ForAll @IntRange(min = 0, max = 99) int second) {
    sameAs(text(year, month, day, hour, minute, second));
  }

  @Property(tries = 2000)
  void sameAsInstantParseInPlausibleRanges(
      @ForAll @IntRange(min = 1969, max = 2101) int year,
      @ForAll @IntRange(min = 1, max = 12) int month,
      @ForAll @IntRange(min = 1, max = 31) int day,
      @ForAll @IntRange(min = 0, max = 24) int hour,
      @ForAll @IntRange(min = 0, max = 60) int minute,
      @ForAll @IntRange(min = 0, max = 60) int second) {
    sameAs(text(year, month, day, hour, minute, second));
  }

  private static String text(int year, int month, int day, int hour, int minute, int second) {
    return String.format(
        java.util.Locale.ROOT,
        "%04d-%02d-%02dT%02d:%02d:%02dZ",
        year,
        month,
        day,
        hour,
        minute,
        second);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-12-07T05:10:00Z",
        "2024-02-29T23:59:59Z",
        "2023-02-29T00:00:00Z",
        "2026-12-31T23:59:60Z",
        "2026-12-31T24:00:00Z",
        "2026-12-31T24:00:01Z",
        "0000-01-01T00:00:00Z",
        "2026-12-07T05:10:00.5Z",
        "2026-12-07T05:10:00.123456789Z",
        "2026-13-01T00:00:00Z"
      })
  void edgeCases(String text) {
    sameAs(text);
  }

  private static void sameAs(String text) {
    Instant expected;
    try {
      expected = Instant.parse(text);
    } catch (DateTimeException e) {
      assertThatThrownBy(() -> EventParser.parseInstant(text))
          .as(text)
          .isInstanceOf(DateTimeException.class);
      return;
    }
    assertThat(EventParser.parseInstant(text)).as(text).isEqualTo(expected);
  }
}
