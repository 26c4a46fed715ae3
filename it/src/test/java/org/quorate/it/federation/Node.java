package org.quorate.it.federation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.quorate.it.support.NodeCredentials;

/**
 * One federation node of the test: a server started with {@code deploy/bin/start --node NAME
 * --offset N --db DB} (own base directory and broker journal; an H2 database in it, or a PostgreSQL
 * database of its own, {@code quorate_NAME} at 127.0.0.1:5432, which the script creates) and
 * stopped with {@code deploy/bin/stop --node NAME}, and a small REST client for it.
 */
final class Node {
  private static final JsonMapper JSON = new JsonMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /** TEST-ONLY passwords of the throwaway nodes (deploy/target/nodes/fed-it-*). */
  static final Map<String, String> PASSWORDS =
      Map.of(
          "QUORATE_OPERATOR_PASSWORD", "operator-fed-test-only-1",
          "QUORATE_AUDITOR_PASSWORD", "auditor-fed-test-only-1",
          "QUORATE_SUBMITTER_PASSWORD", "submitter-fed-test-only-1",
          "QUORATE_PEER_PASSWORD", "peer-fed-test-only-1");

  final String name;
  final int offset;
  final String member;

  /** {@code h2} or {@code postgresql}: the {@code --db} of its first start. */
  final String db;

  private final Path root;

  Node(Path root, String name, int offset, String member, String db) {
    this.root = root;
    this.name = name;
    this.offset = offset;
    this.member = member;
    this.db = db;
  }

  /** The node's own PostgreSQL database, as deploy/bin/start names it ({@code quorate_NAME}). */
  String pgDatabase() {
    return "quorate_" + name.replace('-', '_');
  }

  /** A JDBC URL of the node's PostgreSQL database (trust authentication, user postgres). */
  String pgUrl() {
    return "jdbc:postgresql://127.0.0.1:5432/" + pgDatabase();
  }

  String base() {
    return "http://localhost:" + (8080 + offset) + "/quorate";
  }

  String amqp() {
    return "amqp://localhost:" + amqpPort();
  }

  /** The node's AMQP (and CORE) acceptor port, where peers' bridges connect. */
  int amqpPort() {
    return 5673 + offset;
  }

  Path directory() {
    return root.resolve("deploy/target/nodes/" + name);
  }

  /** Starts the node in the background; {@link #awaitStarted} waits for the script. */
  Process start() throws IOException {
    deleteRecursively(directory());
    if (db.equals("postgresql")) {
      // A fresh database for a fresh node: the script creates it again (created if absent).
      psql("DROP DATABASE IF EXISTS " + pgDatabase() + " WITH (FORCE)");
    }
    Files.deleteIfExists(root.resolve("it/target/" + name + "-restart.log"));
    ProcessBuilder pb =
        new ProcessBuilder(
                root.resolve("deploy/bin/start").toString(),
                "--node",
                name,
                "--offset",
                Integer.toString(offset),
                "--db",
                db)
            .redirectErrorStream(true)
            .redirectOutput(root.resolve("it/target/" + name + "-start.log").toFile());
    pb.environment().putAll(PASSWORDS);
    pb.environment().put("QUORATE_START_TIMEOUT", "600");
    return pb.start();
  }

  /** Starts the node again in the background, keeping its directory (offset remembered there). */
  Process restart() throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(root.resolve("deploy/bin/start").toString(), "--node", name)
            .redirectErrorStream(true)
            .redirectOutput(root.resolve("it/target/" + name + "-restart.log").toFile());
    pb.environment().putAll(PASSWORDS);
    pb.environment().put("QUORATE_START_TIMEOUT", "600");
    return pb.start();
  }

  /**
   * Kills the node's JVM with SIGKILL (kill -9): the pid recorded at start, after checking that it
   * runs with this node's base directory; returns once it is gone.
   */
  void kill9() throws Exception {
    long pid = Long.parseLong(Files.readString(directory().resolve("quorate.pid")).trim());
    String cmdline =
        Files.readString(Path.of("/proc/" + pid + "/cmdline"), StandardCharsets.UTF_8)
            .replace('\0', ' ');
    assertThat(cmdline).contains("-Djboss.server.base.dir=" + directory() + " ");
    ProcessHandle h = ProcessHandle.of(pid).orElseThrow();
    assertThat(h.destroyForcibly()).isTrue();
    h.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
  }

  void awaitStarted(Process p) throws Exception {
    int rc = p.waitFor();
    Path log = root.resolve("it/target/" + name + "-start.log");
    Path again = root.resolve("it/target/" + name + "-restart.log");
    assertThat(rc)
        .as(
            "deploy/bin/start --node "
                + name
                + ": "
                + Files.readString(Files.exists(again) ? again : log))
        .isZero();
  }

  void stop() throws Exception {
    Process p =
        new ProcessBuilder(root.resolve("deploy/bin/stop").toString(), "--node", name)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    p.waitFor();
  }

  HttpResponse<String> get(String path) throws Exception {
    return send(HttpRequest.newBuilder(api(path)).GET());
  }

  HttpResponse<String> put(String path, String json) throws Exception {
    return send(
        HttpRequest.newBuilder(api(path))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  HttpResponse<String> postGenesis(byte[] genesis) throws Exception {
    return send(
        HttpRequest.newBuilder(api("missions"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(genesis)));
  }

  /** Submits a contribution over REST and returns the answer's outcome. */
  String submit(byte[] der) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(api("contributions"))
                .header("Content-Type", "application/pkcs7-mime")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(der))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(name + ": " + r.body()).isLessThan(300);
    return JSON.readTree(r.body()).path("outcome").asText();
  }

  /** Links this node's mission to another node (SPEC §4 PUT …/peers/{name}). */
  void link(String mission, Node peer, boolean paused) throws Exception {
    String body =
        JSON.writeValueAsString(
            Map.of(
                "url",
                peer.base(),
                "amqp",
                peer.amqp(),
                "member",
                peer.member,
                "user",
                "peer",
                "password",
                PASSWORDS.get("QUORATE_PEER_PASSWORD"),
                "paused",
                paused));
    HttpResponse<String> r = put("missions/" + mission + "/peers/" + peer.name, body);
    assertThat(r.statusCode()).as(name + " -> " + peer.name + ": " + r.body()).isEqualTo(200);
  }

  /** Pauses or resumes this node's link to a peer, keeping its definition. */
  void pause(String mission, Node peer, boolean paused) throws Exception {
    link(mission, peer, paused);
  }

  JsonNode peers(String mission) throws Exception {
    HttpResponse<String> r = get("missions/" + mission + "/peers");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  /** The mission's state digest {@code {"events","digest"}}, or null when it is unknown here. */
  JsonNode digest(String mission) throws Exception {
    HttpResponse<String> r = get("missions/" + mission + "/state-digest");
    return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
  }

  /** The outcomes of the mission's records here. */
  List<JsonNode> contributions(String mission) throws Exception {
    HttpResponse<String> r = get("missions/" + mission + "/contributions");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode all = JSON.readTree(r.body());
    java.util.ArrayList<JsonNode> list = new java.util.ArrayList<>();
    all.forEach(list::add);
    return list;
  }

  /** {@code GET …/missions/{m}/proposals/{id}}: the quorum state, or null when unknown here. */
  JsonNode proposal(String mission, String id) throws Exception {
    HttpResponse<String> r = get("missions/" + mission + "/proposals/" + id);
    return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
  }

  /** {@code GET …/state-digest?member=…}: the digest over what every member named may see. */
  JsonNode digestFor(String mission, String... members) throws Exception {
    StringBuilder q = new StringBuilder();
    for (String m : members) {
      q.append(q.length() == 0 ? "?" : "&").append("member=").append(m);
    }
    HttpResponse<String> r = get("missions/" + mission + "/state-digest" + q);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  /** The Prometheus text of {@code GET /quorate/api/metrics}. */
  String metrics() throws Exception {
    HttpResponse<String> r = get("metrics");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.body();
  }

  /**
   * Installs this node's credential for the mission (SPEC §3 "Node credentials"): the certificate
   * and its key, as {@link NodeCredentials#body} makes them.
   */
  void installNodeCredential(String mission, Path cert) throws Exception {
    HttpResponse<String> r =
        put("missions/" + mission + "/node-credential", NodeCredentials.body(cert));
    assertThat(r.statusCode()).as(name + ": " + r.body()).isBetween(200, 201);
  }

  /**
   * Drops every message queued on this node for a peer, through the broker's management (jboss-cli
   * on the node's management port): what an operator purging a backlog does, and what forwarding
   * then misses (reconciliation must repair it).
   *
   * @return the CLI's output
   */
  String purgePeerQueue(String mission, Node peer) throws Exception {
    Path server =
        Path.of(
            System.getenv()
                .getOrDefault(
                    "QUORATE_SERVER_DIR", root.resolve("deploy/target/server").toString()));
    Process p =
        new ProcessBuilder(
                server.resolve("bin/jboss-cli.sh").toString(),
                "-c",
                "--controller=localhost:" + (9990 + offset),
                "--command=/subsystem=messaging-activemq/server=default/runtime-queue="
                    + "jms.queue.quorate.peer."
                    + mission
                    + "."
                    + peer.name
                    + ":remove-messages")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    assertThat(out).contains("success");
    return out;
  }

  /** Runs one statement with psql on the server's maintenance database. */
  private static void psql(String sql) throws IOException {
    Process p =
        new ProcessBuilder(
                "psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc", sql)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (p.waitFor() != 0) {
        throw new IOException("psql " + sql + ": " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /**
   * Answers a one-column query on the node's PostgreSQL database.
   *
   * @param sql the query (one row, one number)
   * @param args its parameters
   */
  long pgCount(String sql, Object... args) throws Exception {
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(pgUrl(), "postgres", "");
        java.sql.PreparedStatement st = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        st.setObject(i + 1, args[i]);
      }
      try (java.sql.ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** The bytes of an audit bundle ({@code GET …/proposals/{id}/bundle}), asserting 200. */
  byte[] bundle(String mission, String proposal) throws Exception {
    String auth =
        Base64.getEncoder()
            .encodeToString(
                ("operator:" + PASSWORDS.get("QUORATE_OPERATOR_PASSWORD"))
                    .getBytes(StandardCharsets.UTF_8));
    HttpResponse<byte[]> r =
        HTTP.send(
            HttpRequest.newBuilder(
                    api("missions/" + mission + "/proposals/" + proposal + "/bundle"))
                .header("Authorization", "Basic " + auth)
                .header("Accept", "application/zip")
                .timeout(Duration.ofSeconds(120))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode())
        .as(name + " bundle: " + new String(r.body(), StandardCharsets.UTF_8))
        .isEqualTo(200);
    return r.body();
  }

  /** {@code GET …/missions/{m}/epochs}. */
  JsonNode epochs(String mission) throws Exception {
    HttpResponse<String> r = get("missions/" + mission + "/epochs");
    assertThat(r.statusCode()).as(name + ": " + r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  /** The record of an input or event here ({@code GET /contributions/{id}}), or null (404). */
  JsonNode contribution(String id) throws Exception {
    HttpResponse<String> r = get("contributions/" + id);
    return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
  }

  private URI api(String path) {
    return URI.create(base() + "/api/" + path);
  }

  private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    String auth =
        Base64.getEncoder()
            .encodeToString(
                ("operator:" + PASSWORDS.get("QUORATE_OPERATOR_PASSWORD"))
                    .getBytes(StandardCharsets.UTF_8));
    return HTTP.send(
        b.header("Authorization", "Basic " + auth).timeout(Duration.ofSeconds(60)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (var walk = Files.walk(p)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }

  @Override
  public String toString() {
    return name + " (" + member + ", offset " + offset + ")";
  }
}
