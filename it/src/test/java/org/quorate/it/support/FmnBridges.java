package org.quorate.it.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code deploy/bin/fmn-bridge} against the test server (SPEC §4 "FMN services"): adds or removes a
 * bridge to an FMN service's broker ({@link FmnBroker}), which reloads the server.
 */
public final class FmnBridges {
  private FmnBridges() {}

  /**
   * Runs the script ({@code quorate.it.fmn-bridge}) on the test server ({@code jboss.home}, its
   * port offset), the FMN password in the environment ({@code FMN_BRIDGE_PASSWORD}); asserts exit
   * status 0.
   *
   * @param password the FMN broker user's password
   * @param args the script's arguments ({@code add --kind …}, {@code remove --name …})
   * @return what it printed
   */
  public static String run(String password, String... args) {
    List<String> command = new ArrayList<>();
    command.add("bash");
    command.add(System.getProperty("quorate.it.fmn-bridge"));
    command.addAll(List.of(args));
    command.addAll(
        List.of(
            "--server",
            System.getProperty("jboss.home"),
            "--offset",
            Integer.toString(QuorateServer.portOffset())));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("FMN_BRIDGE_PASSWORD", password);
    try {
      Process p = builder.start();
      if (!p.waitFor(300, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("fmn-bridge " + args[0] + " gave no answer in 300 s");
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.exitValue()).as("fmn-bridge " + String.join(" ", args) + ": " + out).isZero();
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run fmn-bridge", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** After the script's reload the application is deployed again: waits until it answers. */
  public static void awaitHealthy() {
    await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions()
        .until(() -> HttpApi.get("health").statusCode() == 200);
  }
}
