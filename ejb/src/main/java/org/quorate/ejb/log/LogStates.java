package org.quorate.ejb.log;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.PersistenceProperty;
import org.quorate.ejb.store.QuoratePersistence;

/**
 * Creates a log's {@code Q_LOG_STATE} row in a transaction of its own, so that two admissions
 * starting the same log at once do not fail: the loser of the insert race finds the winner's row
 * once its own (empty) transaction has rolled back. The admitting transaction then locks the row.
 */
@Stateless
public class LogStates {
  @PersistenceContext(
      unitName = QuoratePersistence.NAME,
      properties = {
        @PersistenceProperty(name = QuoratePersistence.SKIP_MIXED_SYNC_CHECK, value = "false"),
        @PersistenceProperty(name = QuoratePersistence.ALLOW_JOINED_UNSYNC, value = "false")
      })
  private EntityManager em;

  /**
   * Makes sure the state row of {@code log} exists (committed when this returns, by this call or
   * another).
   *
   * @param log the log name, at most 64 characters
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void create(String log) {
    if (em.find(LogStateEntity.class, log) != null) {
      return;
    }
    try {
      em.persist(new LogStateEntity(log, System.currentTimeMillis()));
      em.flush();
    } catch (PersistenceException e) {
      // Another transaction created it first; this (empty) transaction is rolled back.
    }
  }
}
