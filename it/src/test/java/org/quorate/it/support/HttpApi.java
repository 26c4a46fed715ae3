package org.quorate.it.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Small HTTP client for the REST API ({@code /quorate/api}), with optional HTTP Basic
 * authentication (RFC 7617) as one of the {@link TestUser}s. Responses are read as UTF-8 text.
 */
public final class HttpApi {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private HttpApi() {}

  /**
   * The {@code Authorization} header value for HTTP Basic.
   *
   * @param user the user whose test-only password is used
   * @return {@code "Basic " + base64(username ":" password)} (UTF-8)
   */
  public static String basic(TestUser user) {
    String token = user.username() + ":" + user.password();
    return "Basic " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * GET without authentication.
   *
   * @param path path below {@code /quorate/api/}, e.g. {@code "health"}
   * @return the response, body as text
   */
  public static HttpResponse<String> get(String path) {
    return send(request(path, null).GET().build());
  }

  /**
   * GET as a user.
   *
   * @param path path below {@code /quorate/api/}
   * @param user the user, HTTP Basic
   * @return the response, body as text
   */
  public static HttpResponse<String> get(String path, TestUser user) {
    return send(request(path, user).GET().build());
  }

  /**
   * POST a body.
   *
   * @param path path below {@code /quorate/api/}, e.g. {@code "contributions"}
   * @param body the bytes to send as they are (e.g. DER CMS SignedData, genesis JSON)
   * @param contentType e.g. {@code "application/pkcs7-mime"} or {@code "application/json"}
   * @param user the user for HTTP Basic, or {@code null} for none
   * @return the response, body as text
   */
  public static HttpResponse<String> post(
      String path, byte[] body, String contentType, TestUser user) {
    return send(
        request(path, user)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build());
  }

  /**
   * PUT a body.
   *
   * @param path path below {@code /quorate/api/}
   * @param body the bytes to send
   * @param contentType its media type
   * @param user the user for HTTP Basic, or {@code null} for none
   * @return the response, body as text
   */
  public static HttpResponse<String> put(
      String path, byte[] body, String contentType, TestUser user) {
    return send(
        request(path, user)
            .header("Content-Type", contentType)
            .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
            .build());
  }

  private static HttpRequest.Builder request(String path, TestUser user) {
    URI uri = QuorateServer.api(path);
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "application/json");
    if (user != null) {
      builder.header("Authorization", basic(user));
    }
    return builder;
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + request.method() + " " + request.uri(), e);
    }
  }
}
