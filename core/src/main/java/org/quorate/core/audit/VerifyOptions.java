package org.quorate.core.audit;

import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What an auditor brings to a verification besides the bundle.
 *
 * @param pinnedAnchorSha256Hex SHA-256 fingerprints of trust anchor certificates (of their DER, 64
 *     hex digits; upper case and {@code :} separators are accepted and normalised to lower-case
 *     hex) the auditor trusts; every anchor a certification path of the bundle ends at must be one
 *     of them, else the check fails {@code anchor-not-pinned}. Empty: trust the anchors the
 *     bundle's genesis declares.
 * @param clock the auditor's clock: an event {@code issued}, or a tree head {@code time}, more than
 *     {@link org.quorate.core.admission.Admission#DEFAULT_SKEW} ahead of it fails
 */
public record VerifyOptions(Set<String> pinnedAnchorSha256Hex, Clock clock) {
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  /**
   * Normalises and copies the fingerprints.
   *
   * @throws IllegalArgumentException when a fingerprint is not 64 hex digits
   */
  public VerifyOptions {
    Objects.requireNonNull(clock, "clock");
    Set<String> pins = new TreeSet<>();
    for (String p : Objects.requireNonNull(pinnedAnchorSha256Hex, "pinnedAnchorSha256Hex")) {
      String h = normalise(p);
      if (!HEX64.matcher(h).matches()) {
        throw new IllegalArgumentException(
            "anchor fingerprint " + p + " is not a SHA-256 in hex (64 hex digits)");
      }
      pins.add(h);
    }
    pinnedAnchorSha256Hex = Set.copyOf(pins);
  }

  /**
   * @return options trusting the bundle's own anchors, with the system clock in UTC
   */
  public static VerifyOptions trustBundleAnchors() {
    return new VerifyOptions(Set.of(), Clock.systemUTC());
  }

  /**
   * @param pins anchor fingerprints to pin
   * @return options pinning them, with the system clock in UTC
   */
  public static VerifyOptions pinning(Set<String> pins) {
    return new VerifyOptions(pins, Clock.systemUTC());
  }

  /**
   * @return whether anchors are pinned
   */
  public boolean pinned() {
    return !pinnedAnchorSha256Hex.isEmpty();
  }

  private static String normalise(String hex) {
    String h = hex == null ? "" : hex.trim().toLowerCase(Locale.ROOT).replace(":", "");
    return h.startsWith("sha256:") ? h.substring(7) : h;
  }
}
