package org.quorate.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Installs a node credential made by {@link OpenSsl} (SPEC §3 "Node credentials"). */
public final class NodeCredentials {
  private static final ObjectMapper JSON = new ObjectMapper();

  private NodeCredentials() {}

  /**
   * {@code PUT …/missions/{m}/node-credential} on the test server, as the operator, with {@link
   * #body}; asserts 200 or 201.
   *
   * @param mission mission name
   * @param cert the node certificate ({@code X.pem}, its key beside it as {@code X.key})
   */
  public static void install(String mission, Path cert) {
    try {
      HttpRequest put =
          HttpRequest.newBuilder(QuorateServer.api("missions/" + mission + "/node-credential"))
              .timeout(Duration.ofSeconds(60))
              .header("Authorization", HttpApi.basic(TestUser.OPERATOR))
              .header("Content-Type", "application/json")
              .PUT(HttpRequest.BodyPublishers.ofString(body(cert)))
              .build();
      HttpResponse<String> r =
          HttpClient.newHttpClient().send(put, HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isBetween(200, 201);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The body of {@code PUT …/node-credential}: the certificate and its key, converted to PKCS#8 PEM
   * with {@code openssl pkcs8} (written beside it as {@code X.p8.pem}).
   *
   * @param cert the node certificate ({@code X.pem}, its key beside it as {@code X.key})
   * @return {@code {"certificate": PEM, "privateKey": PKCS#8 PEM}}
   */
  public static String body(Path cert) {
    try {
      Path key = Path.of(cert.toString().replaceAll("\\.pem$", ".key"));
      Path pkcs8 = Path.of(cert.toString().replaceAll("\\.pem$", ".p8.pem"));
      Process p =
          new ProcessBuilder(
                  "openssl",
                  "pkcs8",
                  "-topk8",
                  "-nocrypt",
                  "-in",
                  key.toString(),
                  "-out",
                  pkcs8.toString())
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor()).as(out).isZero();
      ObjectNode body = JSON.createObjectNode();
      body.put("certificate", OpenSsl.pem(cert));
      body.put("privateKey", Files.readString(pkcs8, StandardCharsets.US_ASCII));
      return JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
