package org.quorate.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/** Test helpers: run {@code quorate} in-process and the {@code openssl} binary. */
final class Cli {
  private Cli() {}

  record Result(int exitCode, String out, String err) {}

  static Result run(String... args) {
    CommandLine cl = QuorateCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int rc = cl.execute(args);
    return new Result(rc, out.toString(), err.toString());
  }

  record Proc(int exitCode, byte[] out, String err) {
    String outText() {
      return new String(out, StandardCharsets.UTF_8);
    }
  }

  /** Runs a command (e.g. openssl), feeding stdin, with a 60 s limit. */
  static Proc exec(List<String> command, byte[] stdin) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).start();
    p.getOutputStream().write(stdin == null ? new byte[0] : stdin);
    p.getOutputStream().close();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Thread t = new Thread(() -> copy(p.getErrorStream(), err));
    t.start();
    copy(p.getInputStream(), out);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("timed out: " + command);
    }
    t.join();
    return new Proc(p.exitValue(), out.toByteArray(), err.toString(StandardCharsets.UTF_8));
  }

  /** Runs a shell pipeline with {@code sh -c}. */
  static Proc sh(String script) throws IOException, InterruptedException {
    return exec(List.of("sh", "-c", script), null);
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) {
    try {
      in.transferTo(out);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
