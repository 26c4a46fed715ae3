package org.quorate.ejb.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The audit's read of proof nodes ({@link JpaNodeStore#prefetch}, issue 12): the nodes asked for
 * and no others, each by one lookup of {@code Q_LOG_NODE_ADDRESS}, however large the log. H2 in
 * memory, the table made as EclipseLink makes it from {@link LogNodeEntity}; {@code EXPLAIN
 * ANALYZE} counts the rows each table filter walked.
 */
class JpaNodeStoreNodesSqlTest {
  private static final int LEAVES = 20_000;
  private static Connection db;

  @BeforeAll
  static void log() throws SQLException {
    db = DriverManager.getConnection("jdbc:h2:mem:nodes;DB_CLOSE_DELAY=-1");
    try (Statement s = db.createStatement()) {
      s.execute(
          "CREATE TABLE Q_LOG_NODE (ID BIGINT NOT NULL, HASH_HEX VARCHAR(64) NOT NULL,"
              + " NODE_LEVEL INTEGER NOT NULL, LOG_NAME VARCHAR(64) NOT NULL,"
              + " NODE_INDEX BIGINT NOT NULL, PRIMARY KEY (ID),"
              + " CONSTRAINT Q_LOG_NODE_ADDRESS UNIQUE (LOG_NAME, NODE_LEVEL, NODE_INDEX))");
      // A log of 20,000 leaves (levels 0 and 1 kept), and another log beside it.
      s.execute(
          "INSERT INTO Q_LOG_NODE SELECT X, 'A' || X, 0, 'M', X FROM SYSTEM_RANGE(0, "
              + (LEAVES - 1)
              + ")");
      s.execute(
          "INSERT INTO Q_LOG_NODE SELECT 100000 + X, 'B' || X, 1, 'M', X FROM SYSTEM_RANGE(0, "
              + (LEAVES / 2 - 1)
              + ")");
      s.execute(
          "INSERT INTO Q_LOG_NODE SELECT 200000 + X, 'C' || X, 0, 'OTHER', X"
              + " FROM SYSTEM_RANGE(0, 4999)");
      s.execute("ANALYZE");
    }
  }

  @AfterAll
  static void close() throws SQLException {
    db.close();
  }

  private static PreparedStatement nodes(String sql, String log, int level, List<Long> indexes)
      throws SQLException {
    PreparedStatement p = db.prepareStatement(sql);
    p.setString(1, log);
    p.setInt(2, level);
    for (int i = 0; i < indexes.size(); i++) {
      p.setLong(i + 3, indexes.get(i));
    }
    return p;
  }

  /** The rows walked, summed over the plan's table filters ({@code scanCount}). */
  private static long scanned(String sql, String log, int level, List<Long> indexes)
      throws SQLException {
    try (PreparedStatement p = nodes("EXPLAIN ANALYZE " + sql, log, level, indexes);
        ResultSet rs = p.executeQuery()) {
      assertThat(rs.next()).isTrue();
      String plan = rs.getString(1);
      Matcher m = Pattern.compile("scanCount: (\\d+)").matcher(plan);
      long sum = 0;
      while (m.find()) {
        sum += Long.parseLong(m.group(1));
      }
      assertThat(sum).as(plan).isPositive();
      return sum;
    }
  }

  @Test
  void readsTheNodesAskedForOfThatLogAndLevel() throws SQLException {
    List<Long> indexes = List.of(19_999L, 1L, 12_345L, 25_000L, 7L);
    Map<Long, String> found = new TreeMap<>();
    try (PreparedStatement p = nodes(JpaNodeStore.nodesSql(indexes.size()), "M", 0, indexes);
        ResultSet rs = p.executeQuery()) {
      while (rs.next()) {
        found.put(rs.getLong(1), rs.getString(2));
      }
    }
    // 25,000 is past the log's end: absent, not an error
    assertThat(found)
        .containsExactly(
            Map.entry(1L, "A1"),
            Map.entry(7L, "A7"),
            Map.entry(12_345L, "A12345"),
            Map.entry(19_999L, "A19999"));

    found.clear();
    try (PreparedStatement p = nodes(JpaNodeStore.nodesSql(2), "M", 1, List.of(3L, 9_999L));
        ResultSet rs = p.executeQuery()) {
      while (rs.next()) {
        found.put(rs.getLong(1), rs.getString(2));
      }
    }
    assertThat(found).containsExactly(Map.entry(3L, "B3"), Map.entry(9_999L, "B9999"));
  }

  @Test
  void walksOneIndexEntryPerNodeNotTheLevel() throws SQLException {
    List<Long> indexes = List.of(1L, 5L, 17L, 100L, 15_000L);
    long rows = scanned(JpaNodeStore.nodesSql(indexes.size()), "M", 0, indexes);
    // the values list (5 rows and its end) and one lookup per value
    assertThat(rows).isLessThanOrEqualTo(3L * indexes.size() + 2);

    // What the in list did: H2 walks the level's every node (the log's 20,000 leaves).
    long inList =
        scanned(
            "SELECT NODE_INDEX, HASH_HEX FROM Q_LOG_NODE WHERE LOG_NAME = ?1 AND NODE_LEVEL = ?2"
                + " AND NODE_INDEX IN (?3, ?4, ?5, ?6, ?7)",
            "M",
            0,
            indexes);
    assertThat(inList).isGreaterThanOrEqualTo(LEAVES);
  }

  @Test
  void noIndexesNoQuery() {
    assertThatThrownBy(() -> JpaNodeStore.nodesSql(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
