package org.quorate.ejb.store;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * At deployment (after EclipseLink created or extended the tables), creates the indexes the mapping
 * declares that the database lacks ({@link MappedIndexes}): outside any transaction, one DDL
 * statement at a time (on PostgreSQL a failed DDL statement aborts the transaction it runs in). A
 * failure is logged and the node starts without the index.
 */
@Singleton
@Startup
public class MappedIndexesStartup {
  private static final Logger LOG = Logger.getLogger(MappedIndexesStartup.class.getName());

  @PersistenceUnit(unitName = "quorate")
  private EntityManagerFactory emf;

  @Resource(lookup = "java:jboss/datasources/QuorateDS")
  private DataSource dataSource;

  @PostConstruct
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void start() {
    try (Connection c = dataSource.getConnection()) {
      List<MappedIndexes.Index> declared = MappedIndexes.declared(emf);
      List<MappedIndexes.Index> created = MappedIndexes.createMissing(c, declared);
      LOG.log(
          Level.INFO,
          "Mapped indexes: {0} declared, {1} created {2}",
          new Object[] {
            declared.size(),
            created.size(),
            created.stream().map(MappedIndexes.Index::name).toList()
          });
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.WARNING, "Mapped indexes not checked: " + e.getMessage(), e);
    }
  }
}
