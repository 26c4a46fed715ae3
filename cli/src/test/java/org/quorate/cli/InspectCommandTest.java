package org.quorate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class InspectCommandTest {
  @TempDir Path dir;

  private int run(StringWriter out, String... args) {
    CommandLine cl = QuorateCli.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(out));
    return cl.execute(args);
  }

  @Test
  void notASignedDataIsRejectedWithItsReasonAndNonZeroExit() throws Exception {
    Path f = dir.resolve("garbage.p7m");
    Files.write(f, "not a SignedData".getBytes(StandardCharsets.UTF_8));
    StringWriter out = new StringWriter();

    int code = run(out, "inspect", f.toString());

    assertThat(code).isEqualTo(4);
    assertThat(out.toString()).contains("outcome rejected").contains("malformed-cms");
  }

  @Test
  void badGenesisIsAClearError() throws Exception {
    Path g = dir.resolve("genesis.json");
    Files.write(g, "{}".getBytes(StandardCharsets.UTF_8));
    Path f = dir.resolve("x.p7m");
    Files.write(f, new byte[] {0x30, 0x00});
    StringWriter out = new StringWriter();

    int code = run(out, "inspect", "--genesis", g.toString(), f.toString());

    assertThat(code).isNotZero();
    assertThat(out.toString()).contains("genesis").doesNotContain("Exception");
  }
}
