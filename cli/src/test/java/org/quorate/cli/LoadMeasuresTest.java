package org.quorate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class LoadMeasuresTest {
  private static final String SCRAPE =
      """
      # HELP cpu_process_cpu_time_seconds Displays the CPU time used by the process
      # TYPE cpu_process_cpu_time_seconds gauge
      cpu_process_cpu_time_seconds 231.76000000000002
      # TYPE cpu_system_load_average gauge
      cpu_system_load_average 22.62
      """;

  @Test
  void theServersCpuTimeIsReadFromWildFlysScrape() {
    assertThat(LoadMeasures.processCpuSeconds(SCRAPE).getAsDouble()).isEqualTo(231.76000000000002);
    assertThat(LoadMeasures.processCpuSeconds("cpu_process_cpu_time_seconds{app=\"x\"} 1.5e2"))
        .hasValue(150.0);
    assertThat(LoadMeasures.processCpuSeconds("cpu_system_load_average 22.62")).isEmpty();
  }

  @Test
  void cpuPerInputDividesWhatEachProcessUsedByTheInputs() {
    OptionalDouble[] server = {OptionalDouble.of(100.0), OptionalDouble.of(112.5)};
    assertThat(LoadMeasures.cpuPerInput(10_000, server, 3.0, 5.0))
        .isEqualTo(
            "cpu      server 1.25 ms per input, generator 0.20 ms per input (from the first send"
                + " to the last record)");
    OptionalDouble[] unknown = {OptionalDouble.empty(), OptionalDouble.empty()};
    assertThat(LoadMeasures.cpuPerInput(4, unknown, 0, 1))
        .startsWith("cpu      server unknown (give --management), generator 250.00 ms");
  }

  @Test
  void thisProcessKnowsItsOwnCpuTime() {
    double before = LoadMeasures.generatorCpuSeconds();
    long spin = 0;
    for (int i = 0; i < 5_000_000; i++) {
      spin += Long.numberOfTrailingZeros(i ^ spin);
    }
    assertThat(spin).isNotNegative();
    assertThat(LoadMeasures.generatorCpuSeconds()).isGreaterThan(before);
  }

  @Test
  void theScrapeIsReadFromTheManagementInterfaceAndAFailureIsNoFigure() throws Exception {
    try (FakeServer ok =
            new FakeServer(r -> new FakeServer.Response(200, SCRAPE, "text/plain", null));
        FakeServer broken = new FakeServer(r -> new FakeServer.Response(500, "{}"))) {
      assertThat(LoadMeasures.serverCpuSeconds(ok.url()).getAsDouble())
          .isEqualTo(231.76000000000002);
      assertThat(ok.requests("GET", "/quorate/prometheus")).hasSize(1);
      assertThat(LoadMeasures.serverCpuSeconds(broken.url())).isEmpty();
      assertThat(LoadMeasures.serverCpuSeconds(null)).isEmpty();
    }
  }
}
