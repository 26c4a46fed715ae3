package org.quorate.ejb.store;

import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.internal.helper.DatabaseTable;
import org.eclipse.persistence.jpa.JpaEntityManagerFactory;
import org.eclipse.persistence.tools.schemaframework.IndexDefinition;

/**
 * Creates the indexes the mapping declares ({@code @Table(indexes)}, {@code <index>} of {@code
 * orm.xml}) that the database lacks. EclipseLink's {@code create-or-extend-tables} creates a new
 * table with its indexes and adds new columns to an existing table (how {@code REFERS_TO} and the
 * proposal's clock columns reached databases older than them), but never adds an index to an
 * existing table: without this, an upgraded database would read the clock's due proposals ({@code
 * Q_PROPOSAL_CLOCK}) or the events referring to a proposal ({@code Q_INPUT_RECORD_REFERS}) by
 * scanning. Runs outside any transaction, one DDL statement at a time (on PostgreSQL a failed DDL
 * statement aborts the transaction it runs in); a failure is logged and the node starts without the
 * index.
 */
public final class MappedIndexes {
  private static final Logger LOG = Logger.getLogger(MappedIndexes.class.getName());

  private MappedIndexes() {}

  /**
   * An index as the mapping declares it.
   *
   * @param name the index's name, e.g. {@code Q_PROPOSAL_CLOCK}
   * @param table its table, e.g. {@code Q_PROPOSAL}
   * @param columns its columns, in order (at least one)
   */
  public record Index(String name, String table, List<String> columns) {
    /** Checks the parts. */
    public Index {
      if (name.isEmpty() || table.isEmpty() || columns.isEmpty()) {
        throw new IllegalArgumentException("index without name, table or columns: " + name);
      }
      columns = List.copyOf(columns);
    }

    /**
     * @return {@code CREATE INDEX IF NOT EXISTS name ON table (columns)} (H2 and PostgreSQL 9.5+),
     *     names unquoted as EclipseLink writes them
     */
    String createSql() {
      return "CREATE INDEX IF NOT EXISTS "
          + name
          + " ON "
          + table
          + " ("
          + String.join(", ", columns)
          + ")";
    }
  }

  /**
   * @param emf the persistence unit
   * @return every index its entities' tables declare, by table then as declared
   */
  public static List<Index> declared(EntityManagerFactory emf) {
    List<Index> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (ClassDescriptor d :
        emf.unwrap(JpaEntityManagerFactory.class).getServerSession().getDescriptors().values()) {
      for (DatabaseTable t : d.getTables()) {
        for (IndexDefinition i : t.getIndexes()) {
          String table = i.getTargetTable() == null ? t.getName() : i.getTargetTable();
          if (seen.add(i.getName().toUpperCase(Locale.ROOT))) {
            out.add(new Index(i.getName(), table, i.getFields()));
          }
        }
      }
    }
    out.sort(java.util.Comparator.comparing(Index::table).thenComparing(Index::name));
    return out;
  }

  /**
   * Creates the indexes of the list that the connection's schema lacks (by name, in any letter
   * case: PostgreSQL folds unquoted names to lower case, H2 to upper case), each in a statement of
   * its own, committed.
   *
   * @param c a connection outside any transaction of the container
   * @param indexes the indexes that should exist, their tables existing
   * @return those it created, in the list's order
   * @throws SQLException when the database cannot list indexes or refuses to create one
   */
  public static List<Index> createMissing(Connection c, List<Index> indexes) throws SQLException {
    List<Index> created = new ArrayList<>();
    for (Index i : indexes) {
      if (!present(c, i)) {
        long started = System.nanoTime();
        try (Statement s = c.createStatement()) {
          s.execute(i.createSql());
        }
        if (!c.getAutoCommit()) {
          c.commit();
        }
        LOG.log(
            Level.INFO,
            "Index {0} created on the existing table {1} ({2} ms)",
            new Object[] {i.name(), i.table(), (System.nanoTime() - started) / 1_000_000});
        created.add(i);
      }
    }
    return created;
  }

  private static boolean present(Connection c, Index i) throws SQLException {
    DatabaseMetaData md = c.getMetaData();
    String table = identifier(md, i.table());
    try (ResultSet rs = md.getIndexInfo(c.getCatalog(), c.getSchema(), table, false, true)) {
      while (rs.next()) {
        String name = rs.getString("INDEX_NAME");
        if (name != null && name.equalsIgnoreCase(i.name())) {
          return true;
        }
      }
    }
    return false;
  }

  /** An unquoted name as the database stores it. */
  private static String identifier(DatabaseMetaData md, String name) throws SQLException {
    if (md.storesLowerCaseIdentifiers()) {
      return name.toLowerCase(Locale.ROOT);
    }
    return md.storesUpperCaseIdentifiers() ? name.toUpperCase(Locale.ROOT) : name;
  }
}
