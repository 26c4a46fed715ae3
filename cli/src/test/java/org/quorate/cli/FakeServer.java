package org.quorate.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A tiny in-test HTTP server standing in for Quorate's REST interface; records every request. */
@SuppressForbidden(
    reason =
        "com.sun.net.httpserver is the supported, exported API of module jdk.httpserver; the"
            + " jdk-non-portable list flags it only by its package name")
final class FakeServer implements AutoCloseable {
  record Request(
      String method, String path, String contentType, String authorization, byte[] body) {}

  record Response(int status, String json, String contentType, byte[] bytes) {
    Response(int status, String json) {
      this(status, json, "application/json", null);
    }
  }

  final List<Request> requests = new CopyOnWriteArrayList<>();
  private final HttpServer server;

  FakeServer(Function<Request, Response> handler) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          Request r =
              new Request(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().toString(),
                  exchange.getRequestHeaders().getFirst("Content-Type"),
                  exchange.getRequestHeaders().getFirst("Authorization"),
                  exchange.getRequestBody().readAllBytes());
          requests.add(r);
          Response resp = handler.apply(r);
          byte[] body =
              resp.bytes() != null ? resp.bytes() : resp.json().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", resp.contentType());
          exchange.sendResponseHeaders(resp.status(), body.length == 0 ? -1 : body.length);
          if (body.length > 0) {
            exchange.getResponseBody().write(body);
          }
          exchange.close();
        });
    server.start();
  }

  /** Base URL as an officer would give it: {@code http://127.0.0.1:PORT/quorate}. */
  String url() {
    return "http://"
        + InetAddress.getLoopbackAddress().getHostAddress()
        + ":"
        + server.getAddress().getPort()
        + "/quorate";
  }

  List<Request> requests(String method, String pathPrefix) {
    return requests.stream()
        .filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix))
        .toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /** Name of a non-empty environment variable, to stand in for a password variable in tests. */
  static String someEnvironmentVariable() {
    return System.getenv().entrySet().stream()
        .filter(e -> !e.getValue().isEmpty() && e.getKey().matches("[A-Za-z_][A-Za-z0-9_]*"))
        .map(java.util.Map.Entry::getKey)
        .sorted()
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no environment variable to use"));
  }
}
