package org.quorate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code quorate crl import|list} against an in-test server. */
class CrlCommandTest {
  @TempDir Path tmp;

  private static final String IMPORTED =
      "{\"created\":true,\"crl\":{\"name\":\"sha256:ab@2026-11-29T10:00:00Z\",\"sha256\":"
          + "\"sha256:ab\",\"member\":\"POL\",\"issuer\":\"CN=POL Root\",\"thisUpdate\":"
          + "\"2026-11-29T10:00:00Z\",\"entries\":1,\"superseded\":false}}";

  @Test
  void importPostsTheExactDerToTheMissionsCrlsWithTheOperatorsCredentials() throws Exception {
    byte[] der = {0x30, 0x03, 0x02, 0x01, 0x01};
    Path f = tmp.resolve("pol.crl");
    Files.write(f, der);
    String env = FakeServer.someEnvironmentVariable();
    try (FakeServer server = new FakeServer(r -> new FakeServer.Response(201, IMPORTED))) {
      Cli.Result r =
          Cli.run(
              "crl",
              "import",
              "--mission",
              "BALTIC SHIELD",
              f.toString(),
              "--url",
              server.url(),
              "--password-env",
              env);
      assertThat(r.exitCode()).as(r.err()).isZero();
      List<FakeServer.Request> posts =
          server.requests("POST", "/quorate/api/missions/BALTIC%20SHIELD/crls");
      assertThat(posts).hasSize(1);
      assertThat(posts.get(0).body()).isEqualTo(der);
      assertThat(posts.get(0).contentType()).isEqualTo("application/pkix-crl");
      assertThat(posts.get(0).authorization()).startsWith("Basic ");
      assertThat(r.out())
          .contains("imported CRL sha256:ab@2026-11-29T10:00:00Z")
          .contains("member     POL")
          .contains("a hint only");
    }
  }

  @Test
  void aPemFileIsSentAsTextAndARefusalShowsTheReasonCode() throws Exception {
    Path f = tmp.resolve("pol.pem");
    Files.write(
        f,
        "-----BEGIN X509 CRL-----\nMAA=\n-----END X509 CRL-----\n"
            .getBytes(StandardCharsets.US_ASCII));
    String env = FakeServer.someEnvironmentVariable();
    try (FakeServer server =
        new FakeServer(
            r ->
                new FakeServer.Response(
                    400,
                    "{\"reasonCode\":\"bad-crl-signature\",\"reason\":\"The signature does not"
                        + " verify.\"}"))) {
      Cli.Result r =
          Cli.run(
              "crl",
              "import",
              "--mission",
              "M",
              f.toString(),
              "--url",
              server.url(),
              "--password-env",
              env);
      assertThat(r.exitCode()).isEqualTo(1);
      assertThat(server.requests("POST", "/quorate/api/missions/M/crls").get(0).contentType())
          .isEqualTo("text/plain");
      assertThat(r.err()).contains("HTTP 400 bad-crl-signature: The signature does not verify.");
    }
  }

  @Test
  void listShowsDeliveredAndImportedCrls() throws Exception {
    String answer =
        "{\"mission\":\"M\",\"delivered\":[{\"name\":\"sha256:aa@t1\",\"member\":\"POL\","
            + "\"issuer\":\"CN=POL Root\",\"thisUpdate\":\"t1\",\"entries\":2,"
            + "\"eventIds\":[\"sha256:e1\"]}],\"imported\":[{\"name\":\"sha256:bb@t2\","
            + "\"member\":\"LTU\",\"issuer\":\"CN=LTU Root\",\"thisUpdate\":\"t2\",\"entries\":1,"
            + "\"superseded\":false}]}";
    String env = FakeServer.someEnvironmentVariable();
    try (FakeServer server = new FakeServer(r -> new FakeServer.Response(200, answer))) {
      Cli.Result r =
          Cli.run("crl", "list", "--mission", "M", "--url", server.url(), "--password-env", env);
      assertThat(r.exitCode()).as(r.err()).isZero();
      assertThat(r.out())
          .contains("delivered")
          .contains("sha256:aa@t1")
          .contains("sha256:e1")
          .contains("imported (hint)")
          .contains("sha256:bb@t2");
    }
  }
}
