package org.quorate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quorate.core.audit.AuditScenario;
import org.quorate.core.testing.TestPki;
import picocli.CommandLine;

class ExportCommandTest {
  private static AuditScenario s;
  private static byte[] zip;

  @TempDir Path dir;

  @BeforeAll
  static void scenario() throws Exception {
    s = AuditScenario.adoptedWithDissent();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    s.bundle(s.named.get("proposal")).writeZip(out);
    zip = out.toByteArray();
  }

  private static int run(StringWriter out, StringWriter err, String... args) {
    CommandLine cl = QuorateCli.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  @Test
  void downloadsTheBundleWhichThenVerifies() throws Exception {
    try (FakeServer server =
        new FakeServer(r -> new FakeServer.Response(200, "", "application/zip", zip))) {
      Path file = dir.resolve("out.zip");
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code =
          run(
              out,
              err,
              "export",
              "--url",
              server.url(),
              "--mission",
              AuditScenario.MISSION,
              "--proposal",
              s.named.get("proposal"),
              "--password-env",
              FakeServer.someEnvironmentVariable(),
              "-o",
              file.toString());

      assertThat(code).as(err.toString()).isZero();
      assertThat(Files.readAllBytes(file)).isEqualTo(zip);
      assertThat(out.toString()).contains("wrote ").contains("11 inputs");
      FakeServer.Request req = server.requests.get(0);
      assertThat(req.method()).isEqualTo("GET");
      assertThat(req.path())
          .isEqualTo(
              "/quorate/api/missions/BALTIC-SHIELD/proposals/"
                  + s.named.get("proposal").replace(":", "%3A")
                  + "/bundle");
      assertThat(req.authorization()).startsWith("Basic ");

      StringWriter vout = new StringWriter();
      assertThat(run(vout, new StringWriter(), "verify", file.toString())).isZero();
      assertThat(vout.toString()).contains("VERIFIED");
    }
  }

  @Test
  void aRefusalIsReportedWithTheServersReason() throws Exception {
    try (FakeServer server =
        new FakeServer(
            r ->
                new FakeServer.Response(
                    409,
                    "{\"reasonCode\":\"no-node-credential\",\"reason\":\"No node credential.\"}"))) {
      Path file = dir.resolve("out.zip");
      StringWriter err = new StringWriter();
      int code =
          run(
              new StringWriter(),
              err,
              "export",
              "--url",
              server.url(),
              "--mission",
              "M",
              "--proposal",
              "sha256:00",
              "--password-env",
              FakeServer.someEnvironmentVariable(),
              "-o",
              file.toString());
      assertThat(code).isEqualTo(1);
      assertThat(err.toString()).contains("HTTP 409").contains("no-node-credential");
      assertThat(file).doesNotExist();
    }
  }

  @Test
  void anAnswerThatIsNoBundleIsNotKept() throws Exception {
    try (FakeServer server =
        new FakeServer(
            r -> new FakeServer.Response(200, "", "application/zip", TestPki.utf8("<html>")))) {
      Path file = dir.resolve("out.zip");
      StringWriter err = new StringWriter();
      int code =
          run(
              new StringWriter(),
              err,
              "export",
              "--url",
              server.url(),
              "--mission",
              "M",
              "--proposal",
              "p",
              "--password-env",
              FakeServer.someEnvironmentVariable(),
              "-o",
              file.toString());
      assertThat(code).isEqualTo(1);
      assertThat(err.toString()).contains("not an audit bundle").contains("not-a-zip");
      assertThat(file).doesNotExist();
    }
  }
}
