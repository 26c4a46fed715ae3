package org.quorate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code submit --rest}, {@code mission create} and {@code contributions} against an in-test
 * server.
 */
class RestCommandsTest {
  @TempDir Path tmp;

  private static final String ANSWER =
      "{\"eventId\":\"sha256:e\",\"inputId\":\"sha256:i\",\"outcome\":\"rejected\","
          + "\"reasonCode\":\"bad-signature\",\"reason\":\"The signature does not verify.\"}";

  @Test
  void submitRestPostsTheExactBytesAsPkcs7Mime() throws Exception {
    byte[] der = new byte[3000];
    new java.util.Random(7).nextBytes(der);
    Path a = tmp.resolve("a.p7m");
    Path b = tmp.resolve("b.p7m");
    Files.write(a, der);
    Files.write(b, new byte[] {0x30, 0x00});
    try (FakeServer server = new FakeServer(r -> new FakeServer.Response(200, ANSWER))) {
      Cli.Result r = Cli.run("submit", a.toString(), b.toString(), "--rest", server.url());
      assertThat(r.exitCode()).as(r.err()).isZero();
      List<FakeServer.Request> posts = server.requests("POST", "/quorate/api/contributions");
      assertThat(posts).hasSize(2);
      assertThat(posts.get(0).body()).isEqualTo(der);
      assertThat(posts.get(0).contentType()).isEqualTo("application/pkcs7-mime");
      assertThat(posts.get(0).authorization()).isNull();
      assertThat(posts.get(1).body()).containsExactly(0x30, 0x00);
      assertThat(r.out())
          .contains("rejected (bad-signature): The signature does not verify.")
          .contains(ANSWER);
    }
  }

  @Test
  void submitRestReportsHttpErrorsWithNonZeroExit() throws Exception {
    Path a = tmp.resolve("a.p7m");
    Files.write(a, new byte[] {1, 2, 3});
    try (FakeServer server = new FakeServer(r -> new FakeServer.Response(500, "{}"))) {
      Cli.Result r = Cli.run("submit", a.toString(), "--rest", server.url() + "/api/");
      assertThat(r.exitCode()).isEqualTo(1);
      assertThat(server.requests("POST", "/quorate/api/contributions")).hasSize(1);
      assertThat(r.out()).contains("HTTP 500");
      assertThat(r.err()).contains("1 of 1 submissions failed");
    }
  }

  @Test
  void unreachableServerGivesAClearMessageAndNoStackTrace() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path a = tmp.resolve("a.p7m");
    Files.write(a, new byte[] {1});
    String url = "http://127.0.0.1:" + port + "/quorate";
    Cli.Result r = Cli.run("submit", a.toString(), "--rest", url);
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("not reachable").doesNotContain("\tat ");
    Cli.Result verbose = Cli.run("submit", a.toString(), "--rest", url, "--verbose");
    assertThat(verbose.exitCode()).isEqualTo(1);
    assertThat(verbose.err()).contains("\tat ");
    Cli.Result demo =
        Cli.run(
            "demo",
            "--url",
            url,
            "--dir",
            tmp.resolve("d").toString(),
            "--password-env",
            FakeServer.someEnvironmentVariable());
    assertThat(demo.exitCode()).isEqualTo(1);
    assertThat(demo.err()).contains("not reachable");
  }

  @Test
  void missionCreatePostsTheGenesisBytesWithOperatorCredentials() throws Exception {
    Path genesis = tmp.resolve("genesis.json");
    byte[] bytes = "{ \"v\":1, \"mission\":\"M\" }\n".getBytes(StandardCharsets.UTF_8);
    Files.write(genesis, bytes);
    String id = Pem.sha256Id(bytes);
    String env = FakeServer.someEnvironmentVariable();
    try (FakeServer server =
        new FakeServer(
            r ->
                new FakeServer.Response(
                    201,
                    "{\"mission\":\"M\",\"genesisId\":\"" + id + "\",\"status\":\"pending\"}"))) {
      Cli.Result r =
          Cli.run(
              "mission",
              "create",
              genesis.toString(),
              "--url",
              server.url(),
              "--password-env",
              env);
      assertThat(r.exitCode()).as(r.err()).isZero();
      FakeServer.Request post = server.requests("POST", "/quorate/api/missions").get(0);
      assertThat(post.body()).isEqualTo(bytes);
      assertThat(post.contentType()).isEqualTo("application/json");
      assertThat(post.authorization())
          .isEqualTo(
              "Basic "
                  + Base64.getEncoder()
                      .encodeToString(
                          ("operator:" + System.getenv(env)).getBytes(StandardCharsets.UTF_8)));
      assertThat(r.out()).contains("created mission M").contains(id).contains("pending");
    }
  }

  @Test
  void missionCreateFailsOnConflictAndMissingPassword() throws Exception {
    Path genesis = tmp.resolve("genesis.json");
    Files.writeString(genesis, "{}");
    try (FakeServer server =
        new FakeServer(
            r ->
                new FakeServer.Response(
                    409,
                    "{\"reasonCode\":\"genesis-conflict\",\"reason\":\"M is bound to sha256:x\"}"))) {
      Cli.Result r =
          Cli.run(
              "mission",
              "create",
              genesis.toString(),
              "--url",
              server.url(),
              "--password-env",
              FakeServer.someEnvironmentVariable());
      assertThat(r.exitCode()).isEqualTo(1);
      assertThat(r.err()).contains("HTTP 409 genesis-conflict: M is bound to sha256:x");
      Cli.Result noPassword =
          Cli.run(
              "mission",
              "create",
              genesis.toString(),
              "--url",
              server.url(),
              "--password-env",
              "QUORATE_TEST_UNSET_VARIABLE_4711");
      assertThat(noPassword.exitCode()).isEqualTo(1);
      assertThat(noPassword.err())
          .contains("set environment variable QUORATE_TEST_UNSET_VARIABLE_4711");
    }
  }

  @Test
  void contributionsPrintsATableAndPassesFilters() throws Exception {
    String list =
        "[{\"eventId\":null,\"inputId\":\"sha256:1\",\"outcome\":\"rejected\",\"reasonCode\":"
            + "\"unknown-field\",\"reason\":\"Field comment is not allowed.\",\"mission\":\"M 1\","
            + "\"member\":\"LVA\",\"type\":\"contribution\",\"signerSubject\":"
            + "\"CN=LVA Approving Authority,O=Republic of Latvia,C=LV\",\"transport\":\"rest\","
            + "\"marking\":\"NATO RESTRICTED\"}]";
    try (FakeServer server = new FakeServer(r -> new FakeServer.Response(200, list))) {
      Cli.Result r =
          Cli.run(
              "contributions", "--url", server.url(), "--mission", "M 1", "--outcome", "rejected");
      assertThat(r.exitCode()).as(r.err()).isZero();
      assertThat(server.requests.get(0).path())
          .isEqualTo("/quorate/api/missions/M%201/contributions?outcome=rejected");
      assertThat(r.out())
          .contains("member  signer subject")
          .contains(
              "LVA     CN=LVA Approving Authority,O=Republic of Latvia,C=LV  contribution  NATO RESTRICTED  rejected  unknown-field  Field comment is not allowed.")
          .contains("1 contribution(s) in M 1");
    }
    try (FakeServer server = new FakeServer(r -> new FakeServer.Response(404, "{}"))) {
      Cli.Result r = Cli.run("contributions", "--url", server.url(), "--mission", "X");
      assertThat(r.exitCode()).isEqualTo(1);
      assertThat(r.err()).contains("mission X is not known to the server");
    }
  }
}
