package org.quorate.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the load generators ({@code quorate load}, {@code quorate load --audit}) read and print
 * alike: a mission's durable counters, percentiles and the machine's load average.
 */
final class LoadMeasures {
  /** A line of the gauge {@code quorate_inputs{mission,outcome,reason}} (Prometheus text). */
  private static final Pattern METRIC =
      Pattern.compile("^quorate_inputs\\{mission=\"([^\"]*)\",outcome=\"([^\"]*)\",.*\\} (\\d+)$");

  private LoadMeasures() {}

  /**
   * A mission's inputs by current outcome, from {@code GET /api/metrics?mission=NAME} (the durable
   * gauge, one mission only).
   *
   * @param operator a client with the operator's credentials
   * @param mission the mission's name
   * @return inputs per outcome wire name (SPEC §1), summed over reason codes
   * @throws CliException when the server answers other than 200
   */
  static Map<String, Long> outcomes(QuorateRest operator, String mission) {
    QuorateRest.Answer a =
        operator.get(
            "/metrics?mission=" + URLEncoder.encode(mission, StandardCharsets.UTF_8), "text/plain");
    if (!a.ok()) {
      throw new CliException("GET /metrics answered HTTP " + a.status());
    }
    Map<String, Long> byOutcome = new TreeMap<>();
    for (String line : a.body().split("\n", -1)) {
      Matcher m = METRIC.matcher(line);
      if (m.matches() && m.group(1).equals(mission)) {
        byOutcome.merge(m.group(2), Long.parseLong(m.group(3)), Long::sum);
      }
    }
    return byOutcome;
  }

  /**
   * @param values samples (any order; not changed)
   * @param p a percentile, 0 to 100
   * @return the nearest-rank percentile, or NaN when there are no samples
   */
  static double percentile(List<Double> values, int p) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(i, sorted.size() - 1)));
  }

  /**
   * @return the system load average of the last minute, two decimals, or {@code unknown}
   */
  static String loadAverage() {
    double l =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return l < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", l);
  }
}
