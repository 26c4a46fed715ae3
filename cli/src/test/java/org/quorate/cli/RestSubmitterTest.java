package org.quorate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RestSubmitterTest {
  @Test
  void eachSubmissionIsOnePostOfTheBytesAndItsAnswerComesBack() throws Exception {
    try (FakeServer server =
            new FakeServer(
                r ->
                    r.body().length == 0
                        ? new FakeServer.Response(400, "{\"reasonCode\":\"empty\"}")
                        : new FakeServer.Response(
                            200, "{\"outcome\":\"admitted\",\"length\":" + r.body().length + "}"));
        RestSubmitter rest =
            new RestSubmitter(new QuorateRest(server.url(), null, null).api(), 4, 10)) {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<QuorateRest.Answer>> answers = new ArrayList<>();
      for (int i = 1; i <= 40; i++) {
        byte[] der = new byte[i];
        answers.add(pool.submit(() -> rest.submit(der)));
      }
      for (int i = 1; i <= 40; i++) {
        QuorateRest.Answer a = answers.get(i - 1).get();
        assertThat(a.ok()).isTrue();
        assertThat(a.contentType()).startsWith("application/json");
        assertThat(a.body()).isEqualTo("{\"outcome\":\"admitted\",\"length\":" + i + "}");
      }
      pool.shutdown();
      assertThat(server.requests("POST", "/quorate/api/contributions")).hasSize(40);
      assertThat(server.requests)
          .allSatisfy(
              r -> {
                assertThat(r.contentType()).isEqualTo("application/pkcs7-mime");
                assertThat(r.authorization()).as("submissions are anonymous").isNull();
              });
      QuorateRest.Answer refused = rest.submit(new byte[0]);
      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.body()).contains("empty");
    }
  }

  @Test
  void anUnreachableServerIsACliErrorNamingTheAddress() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    try (RestSubmitter rest =
        new RestSubmitter("http://127.0.0.1:" + port + "/quorate/api", 1, 5)) {
      assertThatThrownBy(() -> rest.submit(new byte[] {1}))
          .isInstanceOf(CliException.class)
          .hasMessageContaining("/quorate/api/contributions");
    }
  }
}
