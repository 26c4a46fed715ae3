package org.quorate.it.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The test server's database opened from the test JVM, to alter rows behind the running application
 * (tampering tests). H2: the server's file database, which the test server's configuration opens
 * with {@code AUTO_SERVER=TRUE} (see prepare-test-server.sh), so this JVM reaches it over H2's
 * local TCP server; PostgreSQL: the database the server was started on ({@code QUORATE_PG_URL},
 * {@code QUORATE_PG_USER}, {@code QUORATE_PG_PASSWORD}, or the datasource's defaults).
 */
public final class ServerDatabase {
  private ServerDatabase() {}

  /**
   * Runs one UPDATE with parameters and commits it.
   *
   * @param sql the statement, {@code ?} for parameters
   * @param params the parameters, in order
   * @return the number of rows changed
   * @throws SQLException when the database refuses
   */
  public static int update(String sql, Object... params) throws SQLException {
    try (Connection c = connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      int n = s.executeUpdate();
      if (!c.getAutoCommit()) {
        c.commit();
      }
      return n;
    }
  }

  private static Connection connect() throws SQLException {
    if ("postgresql".equals(QuorateServer.database())) {
      return DriverManager.getConnection(
          env("QUORATE_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test"),
          env("QUORATE_PG_USER", "postgres"),
          env("QUORATE_PG_PASSWORD", "unused-with-trust-auth"));
    }
    String home = System.getProperty("jboss.home");
    if (home == null) {
      throw new IllegalStateException("jboss.home (the test server) is not set");
    }
    Path file = Path.of(home, "standalone", "data", "quorate", "quorate").toAbsolutePath();
    return DriverManager.getConnection(
        "jdbc:h2:" + file + ";AUTO_SERVER=TRUE", "sa", env("QUORATE_H2_PASSWORD", "quorate-local"));
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isEmpty() ? fallback : v;
  }
}
