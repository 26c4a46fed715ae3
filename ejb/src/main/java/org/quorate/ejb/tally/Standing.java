package org.quorate.ejb.tally;

import org.quorate.core.admission.InputRecord;

/**
 * Where one input stands: its mission, current outcome and reason code, as {@code Q_INPUT_RECORD}
 * holds them (the key of a counter).
 *
 * @param mission the mission named, or null
 * @param outcome the outcome's wire code, e.g. {@code admitted}
 * @param reasonCode the reason code, or null
 */
public record Standing(String mission, String outcome, String reasonCode) {
  /**
   * @param r a record
   * @return where it stands now
   */
  static Standing of(InputRecord r) {
    return new Standing(r.mission(), r.outcome().code(), r.reasonCode());
  }

  /**
   * The counter row's key: each part marked present ({@code =}) or absent ({@code -}) and separated
   * by a newline, which outcome and reason codes never hold; distinct standings, distinct keys.
   *
   * @return at most 1 + 64 + 1 + 16 + 1 + 1 + 40 characters for column-sized values
   */
  String key() {
    return part(mission) + "\n" + outcome + "\n" + part(reasonCode);
  }

  private static String part(String s) {
    return s == null ? "-" : "=" + s;
  }
}
