package org.quorate.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Sends a contribution over AMQP 1.0 from Node.js with the npm package {@code rhea}, as a non-Java
 * national client would: one message whose body is a single binary Data section holding the DER, to
 * address {@link QuorateServer#CONTRIBUTIONS_ADDRESS}, as {@code submitter}.
 *
 * <p>Runs {@code it/src/test/node/rhea-send.js} (system property {@code quorate.it.rhea.script})
 * with {@code node}, {@code NODE_PATH} set to {@code it/target/node_modules} (system property
 * {@code quorate.it.node.modules}; rhea is installed there at {@code pre-integration-test}).
 */
public final class Rhea {

  private static final long TIMEOUT_SECONDS = 60;

  private Rhea() {}

  /**
   * Sends one message and waits until the broker accepts it.
   *
   * @param der the DER bytes, sent as they are
   * @return the script's output ({@code "accepted"} on success)
   * @throws IllegalStateException if node fails, the broker does not accept the delivery, or no
   *     answer comes within 60 s
   */
  public static String send(byte[] der) {
    Path file = null;
    try {
      file = Files.createTempFile("quorate-rhea-", ".der");
      Files.write(file, der);
      ProcessBuilder builder =
          new ProcessBuilder("node", required("quorate.it.rhea.script")).redirectErrorStream(true);
      Map<String, String> env = builder.environment();
      env.put("NODE_PATH", required("quorate.it.node.modules"));
      env.put("QUORATE_AMQP_HOST", QuorateServer.HOST);
      env.put("QUORATE_AMQP_PORT", Integer.toString(QuorateServer.amqpPort()));
      env.put("QUORATE_AMQP_USER", TestUser.SUBMITTER.username());
      env.put("QUORATE_AMQP_PASSWORD", TestUser.SUBMITTER.password());
      env.put("QUORATE_AMQP_ADDRESS", QuorateServer.CONTRIBUTIONS_ADDRESS);
      env.put("QUORATE_DER_FILE", file.toString());
      Process process = builder.start();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "rhea-send.js gave no answer within " + TIMEOUT_SECONDS + " s");
      }
      String output =
          new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "rhea-send.js exited with " + process.exitValue() + ": " + output);
      }
      return output;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run node rhea-send.js", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running rhea-send.js", e);
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          // a temporary file left behind is harmless
        }
      }
    }
  }

  private static String required(String key) {
    String value = System.getProperty(key);
    if (value == null || value.isEmpty()) {
      throw new IllegalStateException("system property " + key + " is not set (run with failsafe)");
    }
    return value;
  }
}
