package org.quorate.core.cms;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the {@code openssl} binary (3.x) in a working directory to make fixtures at test time. */
public final class OpenSsl {
  private OpenSsl() {}

  /**
   * @param dir the working directory
   * @param args the arguments after {@code openssl}
   * @throws IllegalStateException when openssl exits non-zero or takes more than a minute
   */
  public static void run(Path dir, String... args) {
    List<String> command = new ArrayList<>();
    command.add("openssl");
    command.addAll(List.of(args));
    try {
      Path log = Files.createTempFile(dir, "openssl", ".log");
      Process process =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("openssl timed out: " + command);
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "openssl failed: "
                + command
                + "\n"
                + new String(Files.readAllBytes(log), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run openssl " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running openssl", e);
    }
  }
}
