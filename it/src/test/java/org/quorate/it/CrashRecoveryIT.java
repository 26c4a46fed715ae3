package org.quorate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Nothing acknowledged is lost on {@code kill -9} (issue 12): a provisioned server copy of its own
 * (port offset {@value #DEFAULT_OFFSET}, started by {@code deploy/bin/start}, not by Arquillian, so
 * that its java process can be killed) receives a backlog of {@code quorate.it.crash.count}
 * (10,000) signed contributions over AMQP while its ingest queue is paused; every send is
 * acknowledged by the broker. The queue is resumed and the server killed with SIGKILL three times
 * mid-drain, at different points, and restarted each time. Afterwards every input sent has exactly
 * one record, admitted, with no replay counted (a redelivery of a recorded message adds nothing),
 * nothing is held, the log holds no duplicate entry and exactly one admitted entry per input (an
 * input held on its chain predecessor while deliveries ran in parallel has its held entry too), the
 * dead-letter queue is empty, and the state digest equals the one computed from the events sent.
 *
 * <p>Runs on the database of the failsafe execution ({@code quorate.db}); for PostgreSQL in its own
 * database {@code quorate.it.crash.pg.database} (default {@code quorate_ingest}), emptied first.
 * {@code -Dquorate.it.crash.db=postgresql} runs it on that database only. It takes a few minutes on
 * a quiet machine (four server starts, 10,000 inputs signed, sent and drained).
 */
class CrashRecoveryIT {
  static final int DEFAULT_OFFSET = 750;
  private static final String OPERATOR = System.getProperty("quorate.it.operator.password");
  private static final String SUBMITTER = System.getProperty("quorate.it.submitter.password");
  private static final String AUDITOR = System.getProperty("quorate.it.auditor.password");
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private final int offset = Integer.getInteger("quorate.it.crash.offset", DEFAULT_OFFSET);
  private final int count = Integer.getInteger("quorate.it.crash.count", 10_000);
  private final String db = System.getProperty("quorate.db", "h2");
  private final Path work = Path.of("target", "crash-" + db).toAbsolutePath();
  private final Path server = work.resolve("server");
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void killedThreeTimesMidDrainNothingAcknowledgedIsLostOrDoubled() throws Exception {
    String only = System.getProperty("quorate.it.crash.db");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        only == null || only.equals(db), "crash test on " + only + " only");
    prepareServer();
    String pgUrl = db.equals("postgresql") ? freshPostgresDatabase() : null;
    start(pgUrl);
    Process load = null;
    List<String> kills = new ArrayList<>();
    try {
      cli(
          "/subsystem=messaging-activemq/server=default/jms-queue=quorate.contributions.ingest:pause()");
      Path record = work.resolve("record");
      Path loadOut = work.resolve("load.out");
      ProcessBuilder loader =
          new ProcessBuilder(
                  javaBin(),
                  "-jar",
                  ROOT.resolve("cli/target/quorate-cli.jar").toString(),
                  "load",
                  "--url",
                  "http://localhost:" + (8080 + offset) + "/quorate",
                  "--amqp",
                  "amqp://localhost:" + (5673 + offset),
                  "--count",
                  Integer.toString(count),
                  "--threads",
                  "8",
                  "--timeout",
                  "PT40M",
                  "--record",
                  record.toString())
              .redirectErrorStream(true)
              .redirectOutput(loadOut.toFile());
      env(loader, null);
      load = loader.start();
      awaitLine(loadOut, "sent ", load, Duration.ofMinutes(8));
      String mission = Files.readString(record.resolve("mission.txt")).trim();
      cli(
          "/subsystem=messaging-activemq/server=default/jms-queue=quorate.contributions.ingest:resume()");

      for (double at : new double[] {0.15, 0.45, 0.75}) {
        long admitted = awaitAdmitted(mission, (long) (at * count), Duration.ofMinutes(5));
        long pid =
            Long.parseLong(Files.readString(server.resolve("standalone/quorate.pid")).trim());
        ProcessHandle java = ProcessHandle.of(pid).orElseThrow();
        java.destroyForcibly();
        java.onExit().get();
        kills.add("kill -9 at " + admitted + " admitted");
        assertThat(admitted).as("killed mid-drain").isLessThan((long) count);
        start(pgUrl);
      }
      assertThat(load.waitFor(40, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
      String out = Files.readString(loadOut);
      assertThat(load.exitValue()).as("every input admitted, none held: " + out).isZero();

      assertThat(queueAttribute("quorate.contributions.DLQ", "message-count"))
          .as("nothing dead-lettered")
          .isZero();
      String expected = Files.readString(record.resolve("expected-state-digest.txt")).trim();
      String digest = get("/api/missions/" + mission + "/state-digest");
      assertThat(digest).as("state digest after " + kills).contains("\"" + expected + "\"");

      stop();
      checkDatabase(pgUrl, mission, Files.readAllLines(record.resolve("inputs.txt")));
      Files.writeString(work.resolve("kills.txt"), String.join("\n", kills) + "\n");
    } finally {
      if (load != null && load.isAlive()) {
        load.destroyForcibly();
      }
      stop();
    }
  }

  /** The records themselves, read from the database after a clean stop. */
  private void checkDatabase(String pgUrl, String mission, List<String> sent) throws SQLException {
    try (Connection c = connect(pgUrl)) {
      Map<String, Long> byOutcome = new java.util.TreeMap<>();
      long replays = 0;
      Set<String> recorded = new HashSet<>();
      try (PreparedStatement s =
          c.prepareStatement(
              "select INPUT_ID, OUTCOME, REPLAYS from Q_INPUT_RECORD where MISSION = ?")) {
        s.setString(1, mission);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            assertThat(recorded.add(r.getString(1))).as("one record per input").isTrue();
            byOutcome.merge(r.getString(2), 1L, Long::sum);
            replays += r.getInt(3);
          }
        }
      }
      assertThat(recorded).as("every acknowledged input recorded").containsAll(sent);
      assertThat(byOutcome).as("all admitted, none held").containsOnlyKeys("admitted");
      assertThat(replays).as("no redelivery counted as a replay").isZero();

      Map<String, Long> entries = new java.util.HashMap<>();
      long held = 0;
      try (PreparedStatement s =
          c.prepareStatement(
              "select INPUT_ID, OUTCOME, count(*) from Q_LOG_ENTRY where LOG_NAME = ?"
                  + " group by INPUT_ID, OUTCOME")) {
        s.setString(1, mission);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            String outcome = r.getString(2);
            long n = r.getLong(3);
            assertThat(outcome).as("no duplicate or other entry").isIn("admitted", "held");
            if (outcome.equals("admitted")) {
              assertThat(n).as("one admitted entry for " + r.getString(1)).isEqualTo(1);
              entries.put(r.getString(1), n);
            } else {
              assertThat(n).as("at most one held entry for " + r.getString(1)).isEqualTo(1);
              held++;
            }
          }
        }
      }
      assertThat(entries.keySet()).as("one admitted log entry per input").isEqualTo(recorded);
      try (Statement s = c.createStatement();
          ResultSet r =
              s.executeQuery(
                  "select TREE_SIZE from Q_LOG_STATE where LOG_NAME = '"
                      + mission.replace("'", "''")
                      + "'")) {
        assertThat(r.next()).isTrue();
        assertThat(r.getLong(1)).as("tree size").isEqualTo(recorded.size() + held);
      }
    }
  }

  private Connection connect(String pgUrl) throws SQLException {
    if (pgUrl != null) {
      return DriverManager.getConnection(pgUrl, "postgres", "unused-with-trust-auth");
    }
    return DriverManager.getConnection(
        "jdbc:h2:" + server.resolve("standalone/data/quorate/quorate"), "sa", "quorate-local");
  }

  /** A fresh copy of the provisioned server, without state, the deployment record dropped. */
  private void prepareServer() throws Exception {
    run(List.of("rm", "-rf", work.toString()), Duration.ofMinutes(1));
    Files.createDirectories(work);
    run(
        List.of("cp", "-a", ROOT.resolve("deploy/target/server").toString(), server.toString()),
        Duration.ofMinutes(2));
    for (String gone :
        List.of(
            "standalone/data",
            "standalone/log",
            "standalone/tmp",
            "standalone/quorate.pid",
            "standalone/configuration/quorate-credentials.env",
            "standalone/configuration/standalone_xml_history")) {
      run(List.of("rm", "-rf", server.resolve(gone).toString()), Duration.ofMinutes(1));
    }
    Path xml = server.resolve("standalone/configuration/standalone.xml");
    Files.writeString(
        xml, Files.readString(xml).replaceAll("(?s)\\s*<deployments>.*?</deployments>", ""));
  }

  /** Empties (or creates) the crash test's own PostgreSQL database. */
  private String freshPostgresDatabase() throws SQLException {
    String name = System.getProperty("quorate.it.crash.pg.database", "quorate_ingest");
    assertThat(name).matches("[a-z_][a-z0-9_]*").isNotEqualTo("test");
    String base = "jdbc:postgresql://127.0.0.1:5432/";
    try (Connection c =
            DriverManager.getConnection(base + "postgres", "postgres", "unused-with-trust-auth");
        Statement s = c.createStatement()) {
      try (ResultSet r =
          s.executeQuery("select 1 from pg_database where datname = '" + name + "'")) {
        if (!r.next()) {
          s.execute("create database " + name);
        }
      }
    }
    try (Connection c =
            DriverManager.getConnection(base + name, "postgres", "unused-with-trust-auth");
        Statement s = c.createStatement()) {
      s.execute("drop schema public cascade");
      s.execute("create schema public");
    }
    return base + name;
  }

  private void start(String pgUrl) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
            "bash",
            ROOT.resolve("deploy/bin/start").toString(),
            "--db",
            db,
            "--offset",
            Integer.toString(offset),
            "--keep-deployment");
    env(pb, pgUrl);
    pb.environment().put("QUORATE_START_TIMEOUT", "400");
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log()));
    Process p = pb.start();
    assertThat(p.waitFor(450, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("deploy/bin/start, see " + log()).isZero();
  }

  private void stop() throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
            "bash",
            ROOT.resolve("deploy/bin/stop").toString(),
            "--offset",
            Integer.toString(offset));
    env(pb, null);
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log()));
    pb.start().waitFor(120, java.util.concurrent.TimeUnit.SECONDS);
  }

  private void env(ProcessBuilder pb, String pgUrl) {
    Map<String, String> env = pb.environment();
    env.put("QUORATE_SERVER_DIR", server.toString());
    env.put("QUORATE_OPERATOR_PASSWORD", OPERATOR);
    env.put("QUORATE_SUBMITTER_PASSWORD", SUBMITTER);
    env.put("QUORATE_AUDITOR_PASSWORD", AUDITOR);
    if (pgUrl != null) {
      env.put("QUORATE_PG_URL", pgUrl);
    }
  }

  private java.io.File log() {
    return work.resolve("server-control.log").toFile();
  }

  private void cli(String command) throws Exception {
    assertThat(cliOutput(command)).as(command).contains("success");
  }

  private String cliOutput(String command) throws Exception {
    return run(
        List.of(
            server.resolve("bin/jboss-cli.sh").toString(),
            "-c",
            "--controller=localhost:" + (9990 + offset),
            "--command=" + command),
        Duration.ofMinutes(2));
  }

  private long queueAttribute(String queue, String attribute) throws Exception {
    String out =
        cliOutput(
            "/subsystem=messaging-activemq/server=default/jms-queue="
                + queue
                + ":read-attribute(name="
                + attribute
                + ")");
    Matcher m = Pattern.compile("\"result\" => (\\d+)L?").matcher(out);
    assertThat(m.find()).as(out).isTrue();
    return Long.parseLong(m.group(1));
  }

  private static final Pattern ADMITTED =
      Pattern.compile("^quorate_inputs\\{mission=\"([^\"]*)\",outcome=\"admitted\",.*\\} (\\d+)$");

  /** Waits until the mission has at least that many admitted inputs; answers how many. */
  private long awaitAdmitted(String mission, long atLeast, Duration timeout) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      long admitted = 0;
      try {
        for (String line : get("/api/metrics").split("\n", -1)) {
          Matcher m = ADMITTED.matcher(line);
          if (m.matches() && m.group(1).equals(mission)) {
            admitted += Long.parseLong(m.group(2));
          }
        }
      } catch (IOException unreachable) {
        admitted = -1;
      }
      if (admitted >= atLeast) {
        return admitted;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("fewer than " + atLeast + " admitted after " + timeout);
  }

  private String get(String path) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + (8080 + offset) + "/quorate" + path))
                .timeout(Duration.ofSeconds(30))
                .header(
                    "Authorization",
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString(
                                ("operator:" + OPERATOR).getBytes(StandardCharsets.UTF_8)))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("GET " + path + " answered " + r.statusCode());
    }
    return r.body();
  }

  private static void awaitLine(Path file, String prefix, Process p, Duration timeout)
      throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (Files.exists(file)
          && Files.readAllLines(file).stream().anyMatch(l -> l.startsWith(prefix))) {
        return;
      }
      if (!p.isAlive()) {
        throw new AssertionError("quorate load ended early: " + Files.readString(file));
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no line '" + prefix + "' from quorate load within " + timeout);
  }

  private static String run(List<String> command, Duration timeout) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(timeout.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    return new String(out, StandardCharsets.UTF_8);
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
