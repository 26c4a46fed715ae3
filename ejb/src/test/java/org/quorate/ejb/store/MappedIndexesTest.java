package org.quorate.ejb.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An existing database that lacks an index declared later (as {@code create-or-extend-tables}
 * leaves it: new columns added, no index) gets it at start, once; one created with its table is
 * left alone. H2 in memory, its tables made as EclipseLink makes them (unquoted names).
 */
class MappedIndexesTest {
  private static final MappedIndexes.Index CLOCK =
      new MappedIndexes.Index(
          "Q_PROPOSAL_CLOCK", "Q_PROPOSAL", List.of("IS_FINAL", "CLOCK_DUE_MS"));
  private static final MappedIndexes.Index REFERS =
      new MappedIndexes.Index(
          "Q_INPUT_RECORD_REFERS", "Q_INPUT_RECORD", List.of("REFERS_TO", "MISSION"));

  private static Connection database(String name) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    try (Statement s = c.createStatement()) {
      // An older database: the clock columns added to an existing table, without their index.
      s.execute("CREATE TABLE Q_PROPOSAL (ID VARCHAR(71) PRIMARY KEY, IS_FINAL INTEGER)");
      s.execute("ALTER TABLE Q_PROPOSAL ADD CLOCK_DUE_MS BIGINT");
      // A table created with its index.
      s.execute(
          "CREATE TABLE Q_INPUT_RECORD (ID BIGINT PRIMARY KEY, REFERS_TO VARCHAR(71),"
              + " MISSION VARCHAR(64))");
      s.execute("CREATE INDEX Q_INPUT_RECORD_REFERS ON Q_INPUT_RECORD (REFERS_TO, MISSION)");
    }
    return c;
  }

  /** The index names of a table and their columns in order, e.g. {@code Q_PROPOSAL_CLOCK(…)}. */
  private static List<String> indexes(Connection c, String table) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = c.getMetaData().getIndexInfo(null, "PUBLIC", table, false, false)) {
      String last = null;
      StringBuilder b = null;
      while (rs.next()) {
        String name = rs.getString("INDEX_NAME");
        if (name.startsWith("PRIMARY_KEY")) {
          continue;
        }
        if (!name.equals(last)) {
          if (b != null) {
            out.add(b.append(')').toString());
          }
          b = new StringBuilder(name).append('(');
          last = name;
        } else {
          b.append(',');
        }
        b.append(rs.getString("COLUMN_NAME"));
      }
      if (b != null) {
        out.add(b.append(')').toString());
      }
    }
    return out;
  }

  @Test
  void anIndexMissingFromAnExistingTableIsCreatedOnce() throws SQLException {
    try (Connection c = database("missing")) {
      assertThat(indexes(c, "Q_PROPOSAL")).isEmpty();

      assertThat(MappedIndexes.createMissing(c, List.of(CLOCK, REFERS))).containsExactly(CLOCK);
      assertThat(indexes(c, "Q_PROPOSAL"))
          .containsExactly("Q_PROPOSAL_CLOCK(IS_FINAL,CLOCK_DUE_MS)");
      assertThat(indexes(c, "Q_INPUT_RECORD"))
          .containsExactly("Q_INPUT_RECORD_REFERS(REFERS_TO,MISSION)");

      // The next start finds both.
      assertThat(MappedIndexes.createMissing(c, List.of(CLOCK, REFERS))).isEmpty();
    }
  }

  @Test
  void anIndexIsFoundByNameInAnyLetterCase() throws SQLException {
    try (Connection c = database("lower")) {
      MappedIndexes.Index lower =
          new MappedIndexes.Index(
              "q_input_record_refers", "q_input_record", List.of("refers_to", "mission"));
      assertThat(MappedIndexes.createMissing(c, List.of(lower))).isEmpty();
    }
  }
}
