package org.quorate.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * A small client of the Quorate REST interface ({@code /quorate/api}, see contract.md and SPEC §7)
 * over {@link HttpClient}. Answers are capped at {@link #MAX_ANSWER_BYTES}.
 */
public final class QuorateRest {
  /** Largest answer body read (8 MiB). */
  public static final int MAX_ANSWER_BYTES = 8 << 20;

  /** How long one request may take unless its caller says otherwise. */
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** An HTTP answer. */
  public record Answer(int status, String contentType, String body) {
    /**
     * @return whether the status is 2xx
     */
    public boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  private final String api;
  private final String authorization;
  private final HttpClient client;

  /**
   * @param url the server's Quorate base URL, e.g. {@code http://localhost:8080/quorate} (the
   *     {@code /api} suffix is added unless present)
   * @param user HTTP Basic user, or {@code null} for none
   * @param password its password (with {@code user})
   * @throws CliException if the URL is not http(s)
   */
  public QuorateRest(String url, String user, String password) {
    String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    if (!base.startsWith("http://") && !base.startsWith("https://")) {
      throw new CliException("the server URL must start with http:// or https://, got " + url);
    }
    this.api = base.endsWith("/api") ? base : base + "/api";
    this.authorization =
        user == null
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  /**
   * @return the API base URL ({@code …/quorate/api})
   */
  public String api() {
    return api;
  }

  /**
   * @return the portal URL ({@code …/quorate/})
   */
  public String portal() {
    return api.substring(0, api.length() - "api".length());
  }

  /**
   * POSTs bytes.
   *
   * @param path path under the API base, starting with {@code /}
   * @param contentType media type of the body
   * @param body the exact bytes to send
   * @return the answer
   * @throws CliException if the server cannot be reached
   */
  public Answer post(String path, String contentType, byte[] body) {
    HttpRequest.Builder b =
        request(path)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    return send(b.build());
  }

  /**
   * PUTs bytes.
   *
   * @param path path under the API base, starting with {@code /}
   * @param contentType media type of the body
   * @param body the exact bytes to send
   * @return the answer
   * @throws CliException if the server cannot be reached
   */
  public Answer put(String path, String contentType, byte[] body) {
    return send(
        request(path)
            .header("Content-Type", contentType)
            .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
            .build());
  }

  /**
   * DELETEs a resource.
   *
   * @param path path under the API base, starting with {@code /}
   * @return the answer
   * @throws CliException if the server cannot be reached
   */
  public Answer delete(String path) {
    return send(request(path).DELETE().build());
  }

  /**
   * GETs a resource.
   *
   * @param path path under the API base, starting with {@code /}
   * @return the answer
   * @throws CliException if the server cannot be reached
   */
  public Answer get(String path) {
    return send(request(path).GET().build());
  }

  /** The answer of a download: the status, its content type, and the body for errors. */
  public record Download(int status, String contentType, long bytes, String errorBody) {
    /**
     * @return whether the status is 2xx
     */
    public boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  /**
   * GETs a binary resource into a file, streaming; on a non-2xx answer the file is not written and
   * the body (first 64 KiB) is kept for the message.
   *
   * @param path path under the API base, starting with {@code /}
   * @param accept the media type asked for, e.g. {@code application/zip}
   * @param target where to write the body (replaced)
   * @param maxBytes the most bytes accepted
   * @param progress told of the bytes received so far, every MiB
   * @return the answer
   * @throws CliException if the server cannot be reached, the body is larger than {@code maxBytes}
   *     or the file cannot be written (nothing is left at {@code target} then)
   */
  public Download download(
      String path,
      String accept,
      java.nio.file.Path target,
      long maxBytes,
      java.util.function.LongConsumer progress) {
    HttpRequest request =
        request(path).setHeader("Accept", accept).timeout(Duration.ofMinutes(30)).GET().build();
    try {
      HttpResponse<java.io.InputStream> r =
          client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      String type = r.headers().firstValue("Content-Type").orElse("");
      try (java.io.InputStream in = r.body()) {
        if (r.statusCode() < 200 || r.statusCode() >= 300) {
          byte[] head = in.readNBytes(64 * 1024);
          return new Download(
              r.statusCode(), type, head.length, new String(head, StandardCharsets.UTF_8));
        }
        java.nio.file.Path tmp =
            java.nio.file.Files.createTempFile(
                target.toAbsolutePath().getParent(), ".quorate-download", ".part");
        try {
          long total = 0;
          long reported = 0;
          byte[] buffer = new byte[64 * 1024];
          try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(tmp)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
              total += n;
              if (total > maxBytes) {
                throw new CliException(
                    "the server's answer is larger than " + maxBytes + " bytes; refused");
              }
              out.write(buffer, 0, n);
              if (total - reported >= 1 << 20) {
                reported = total;
                progress.accept(total);
              }
            }
          }
          java.nio.file.Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          return new Download(r.statusCode(), type, total, null);
        } finally {
          java.nio.file.Files.deleteIfExists(tmp);
        }
      }
    } catch (ConnectException | HttpConnectTimeoutException e) {
      throw new CliException(
          "the Quorate server is not reachable at " + api + " (" + describe(e) + ")", e);
    } catch (IOException e) {
      throw new CliException("request to " + request.uri() + " failed: " + describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted", e);
    }
  }

  /**
   * GETs a resource in a media type other than JSON.
   *
   * @param path path under the API base, starting with {@code /}
   * @param accept the {@code Accept} header, e.g. {@code text/plain}
   * @return the answer
   * @throws CliException if the server cannot be reached
   */
  public Answer get(String path, String accept) {
    return send(request(path).setHeader("Accept", accept).GET().build());
  }

  /**
   * GETs a resource that may take the server longer than the usual 30 s to answer (a benchmark's
   * audit of a large decision).
   *
   * @param path path under the API base, starting with {@code /}
   * @param accept the {@code Accept} header
   * @param timeout how long to wait for the answer
   * @return the answer
   * @throws CliException if the server cannot be reached or does not answer in time
   */
  public Answer get(String path, String accept, Duration timeout) {
    return send(request(path).setHeader("Accept", accept).timeout(timeout).GET().build());
  }

  /**
   * @param segment a path segment value
   * @return it percent-encoded for a URL path or query
   */
  public static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(api + path))
            .timeout(TIMEOUT)
            .header("Accept", "application/json");
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return b;
  }

  private Answer send(HttpRequest request) {
    try {
      HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      byte[] body = r.body() == null ? new byte[0] : r.body();
      if (body.length > MAX_ANSWER_BYTES) {
        throw new CliException(
            "the server's answer is "
                + body.length
                + " bytes, over the "
                + MAX_ANSWER_BYTES
                + " byte limit");
      }
      return new Answer(
          r.statusCode(),
          r.headers().firstValue("Content-Type").orElse(""),
          new String(body, StandardCharsets.UTF_8));
    } catch (ConnectException | HttpConnectTimeoutException e) {
      throw new CliException(
          "the Quorate server is not reachable at " + api + " (" + describe(e) + ")", e);
    } catch (IOException e) {
      throw new CliException("request to " + request.uri() + " failed: " + describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted", e);
    }
  }

  private static String describe(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}
