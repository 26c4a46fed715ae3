package org.quorate.it.federation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A network cut on loopback with nftables (root only): one table {@value #TABLE} whose output chain
 * rejects, with a TCP reset, every packet on {@code lo} between 127.0.0.0/8 addresses to or from
 * the given ports. Nothing outside loopback is ever matched. {@link #heal} deletes the table; tests
 * call it in a {@code finally} block (and again after all, in case a test died mid-cut).
 */
final class NftCut {
  static final String TABLE = "quorate_fed_it";

  private NftCut() {}

  /**
   * @return whether nftables can be used here (the {@code nft} command runs and lists the ruleset,
   *     which needs root)
   */
  static boolean available() {
    try {
      return run(List.of("nft", "list", "tables")).isEmpty();
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Rejects all loopback TCP traffic to and from the ports.
   *
   * @param ports TCP ports on 127.0.0.0/8
   * @throws IOException when nft refuses
   */
  static void cut(int... ports) throws IOException {
    heal();
    String set =
        java.util.Arrays.stream(ports).mapToObj(Integer::toString).collect(Collectors.joining(","));
    String script =
        "table inet "
            + TABLE
            + " {\n"
            + "  chain out {\n"
            + "    type filter hook output priority 0; policy accept;\n"
            + "    oifname \"lo\" ip daddr 127.0.0.0/8 tcp dport { "
            + set
            + " } reject with tcp reset\n"
            + "    oifname \"lo\" ip saddr 127.0.0.0/8 tcp sport { "
            + set
            + " } reject with tcp reset\n"
            + "  }\n"
            + "}\n";
    String err = run(List.of("nft", "-f", "-"), script);
    if (!err.isEmpty()) {
      throw new IOException("nft -f refused the cut: " + err);
    }
  }

  /** Deletes the table if it exists (idempotent). */
  static void heal() {
    try {
      if (run(List.of("nft", "list", "table", "inet", TABLE)).isEmpty()) {
        run(List.of("nft", "delete", "table", "inet", TABLE));
      }
    } catch (IOException | RuntimeException e) {
      // nothing to remove
    }
  }

  /** Runs a command; answers its standard error (empty when it succeeded quietly). */
  private static String run(List<String> command, String... stdin) throws IOException {
    Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(false).start();
    if (stdin.length > 0) {
      p.getOutputStream().write(stdin[0].getBytes(StandardCharsets.UTF_8));
    }
    p.getOutputStream().close();
    p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return "timed out";
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
    return p.exitValue() == 0 ? err : (err.isEmpty() ? "exit " + p.exitValue() : err);
  }
}
