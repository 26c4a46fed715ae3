package org.quorate.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
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

  /** The server process's CPU time in WildFly's Prometheus scrape (MicroProfile/Micrometer). */
  private static final Pattern PROCESS_CPU =
      Pattern.compile("^cpu_process_cpu_time_seconds(?:\\{[^}]*\\})? ([0-9.Ee+-]+)$");

  private LoadMeasures() {}

  /**
   * The server's CPU time so far, from its management interface.
   *
   * @param management the management interface's base URL, e.g. {@code http://localhost:9990}, or
   *     {@code null}
   * @return seconds of CPU the server process has used since it started (gauge {@code
   *     cpu_process_cpu_time_seconds} of {@code GET /prometheus}); empty when {@code management} is
   *     null, unreachable or lacks the gauge
   */
  static OptionalDouble serverCpuSeconds(String management) {
    if (management == null) {
      return OptionalDouble.empty();
    }
    try {
      return processCpuSeconds(scrape(management));
    } catch (IOException e) {
      return OptionalDouble.empty();
    }
  }

  /**
   * @param management the management interface's base URL, e.g. {@code http://localhost:9990}
   * @return its {@code GET /prometheus} text exposition (WildFly's metrics)
   * @throws IOException if it cannot be read (unreachable, not 200, a bad URL, interrupted)
   */
  static String scrape(String management) throws IOException {
    try {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(management + "/prometheus"))
                      .timeout(Duration.ofSeconds(30))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IOException("HTTP " + r.statusCode());
      }
      return r.body();
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /**
   * @param prometheus a Prometheus text exposition (WildFly's {@code GET /prometheus})
   * @return the value of its gauge {@code cpu_process_cpu_time_seconds} (seconds), empty if absent
   */
  static OptionalDouble processCpuSeconds(String prometheus) {
    for (String line : prometheus.split("\n", -1)) {
      Matcher m = PROCESS_CPU.matcher(line);
      if (m.matches()) {
        return OptionalDouble.of(Double.parseDouble(m.group(1)));
      }
    }
    return OptionalDouble.empty();
  }

  /**
   * @return seconds of CPU this generator's process has used so far (user and system, all threads),
   *     or NaN where the platform does not tell ({@link ProcessHandle.Info})
   */
  static double generatorCpuSeconds() {
    return ProcessHandle.current()
        .info()
        .totalCpuDuration()
        .map(d -> d.toNanos() / 1e9)
        .orElse(Double.NaN);
  }

  /**
   * One line on where the machine's CPU went during a run, per input recorded.
   *
   * @param inputs inputs recorded in the run
   * @param server the server's CPU seconds before and after the run (empty when unknown)
   * @param generatorBefore this process's CPU seconds at the first send
   * @param generatorAfter this process's CPU seconds at the last record
   * @return e.g. {@code cpu server 1.21 ms per input, generator 0.18 ms per input (from the first
   *     send to the last record)}
   */
  static String cpuPerInput(
      long inputs, OptionalDouble[] server, double generatorBefore, double generatorAfter) {
    String s =
        server[0].isPresent() && server[1].isPresent()
            ? String.format(
                Locale.ROOT,
                "server %.2f ms per input",
                (server[1].getAsDouble() - server[0].getAsDouble()) * 1000 / inputs)
            : "server unknown (give --management)";
    return String.format(
        Locale.ROOT,
        "cpu      %s, generator %.2f ms per input (from the first send to the last record)",
        s,
        (generatorAfter - generatorBefore) * 1000 / inputs);
  }

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
