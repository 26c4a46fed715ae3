package org.quorate.ejb.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link H2FileCompaction} on a file database run as the embedded default runs it ({@code
 * WRITE_DELAY=0}, one commit per small group): random-key indexes (input ids, event ids) make every
 * commit write new pages, and without compaction the file keeps them all.
 */
class H2FileCompactionTest {
  @TempDir Path dir;

  private static final int GROUPS = 1500;
  private static final int PER_GROUP = 8;

  @Test
  void compactionKeepsTheFileNearItsLiveDataAndLosesNothing() throws Exception {
    long without = fill(dir.resolve("plain"), false);
    long with = fill(dir.resolve("compacted"), true);

    assertThat(with)
        .as("file bytes with compaction (%d) against without (%d)", with, without)
        .isLessThan(without / 2);
  }

  @Test
  void leavesAnythingButAnEmbeddedFileDatabaseAlone() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:h2:mem:compaction-test")) {
      H2FileCompaction.Result r = H2FileCompaction.compact(c, 80, 1 << 20, 100);

      assertThat(r.embeddedH2()).isFalse();
      assertThat(r.rounds()).isZero();
    }
  }

  /** Inserts GROUPS x PER_GROUP rows, a commit per group; returns the file size at the end. */
  private static long fill(Path base, boolean compact) throws Exception {
    Files.createDirectories(base);
    String url =
        "jdbc:h2:" + base.resolve("db").toAbsolutePath() + ";WRITE_DELAY=0;RETENTION_TIME=0";
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    HexFormat hex = HexFormat.of();
    try (Connection c = DriverManager.getConnection(url)) {
      try (Statement s = c.createStatement()) {
        s.execute(
            "CREATE TABLE T (ID BIGINT PRIMARY KEY, INPUT_ID VARCHAR(71) UNIQUE, EVENT_ID"
                + " VARCHAR(71), BODY VARCHAR(2000))");
        s.execute("CREATE INDEX T_EVENT ON T (EVENT_ID)");
      }
      c.setAutoCommit(false);
      long id = 0;
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO T VALUES (?, ?, ?, ?)")) {
        for (int g = 0; g < GROUPS; g++) {
          for (int i = 0; i < PER_GROUP; i++) {
            id++;
            String input =
                hex.formatHex(sha.digest(("input " + id).getBytes(StandardCharsets.UTF_8)));
            String event =
                hex.formatHex(sha.digest(("event " + id).getBytes(StandardCharsets.UTF_8)));
            insert.setLong(1, id);
            insert.setString(2, "sha256:" + input);
            insert.setString(3, "sha256:" + event);
            insert.setString(4, input.repeat(10));
            insert.executeUpdate();
          }
          c.commit();
          if (compact && g % 100 == 99) {
            H2FileCompaction.Result r = H2FileCompaction.compact(c, 80, 16 << 20, 2000);
            assertThat(r.embeddedH2()).isTrue();
          }
        }
      }
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT INPUT_ID) FROM T")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo((long) GROUPS * PER_GROUP);
        assertThat(rs.getLong(2)).isEqualTo((long) GROUPS * PER_GROUP);
      }
      return Files.size(base.resolve("db.mv.db"));
    }
  }
}
