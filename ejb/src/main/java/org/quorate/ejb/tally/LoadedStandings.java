package org.quorate.ejb.tally;

import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.IdentityHashMap;
import java.util.Map;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.quorate.core.admission.InputRecord;

/**
 * Entity listener of {@code InputRecord} ({@code META-INF/orm.xml}, post-load): remembers, per
 * transaction, where each record stood when this transaction read it from the database, before the
 * ledger changes it in memory. {@link OutcomeCounts} moves a changed record from that standing to
 * its new one; a record this transaction created has none.
 */
public class LoadedStandings {
  private static final Object TX_KEY = LoadedStandings.class.getName() + ".loaded";

  private static final java.util.logging.Logger LOG =
      java.util.logging.Logger.getLogger(LoadedStandings.class.getName());

  /** Where WildFly binds the registry (the component's name first, then the server's). */
  private static final String[] NAMES = {
    "java:comp/TransactionSynchronizationRegistry", "java:jboss/TransactionSynchronizationRegistry"
  };

  private static volatile TransactionSynchronizationRegistry registry;

  private static final int INTERNED_MAX = 10_000;

  private static final Map<Standing, Standing> INTERNED =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * JPA post-load callback.
   *
   * @param entity an {@code InputRecord} just read
   */
  public void loaded(Object entity) {
    if (!(entity instanceof InputRecord r)) {
      return;
    }
    Map<InputRecord, Standing> loaded = ofThisTransaction(true);
    if (loaded != null) {
      // The first read is what the database held: a later read in the same transaction (a refresh
      // after a flush) may show this transaction's own changes.
      loaded.putIfAbsent(r, interned(Standing.of(r)));
    }
  }

  /**
   * One instance per standing (as many as counter rows, at most {@value #INTERNED_MAX}): a
   * transaction that reads many records (a listing, an audit) keeps one map entry per record, not
   * one object too.
   */
  private static Standing interned(Standing s) {
    Standing kept = INTERNED.get(s);
    if (kept != null) {
      return kept;
    }
    if (INTERNED.size() < INTERNED_MAX) {
      kept = INTERNED.putIfAbsent(s, s);
    }
    return kept == null ? s : kept;
  }

  /**
   * @param create whether to create the map when this transaction has none
   * @return this transaction's records read, with their standing then; null outside a transaction
   *     (or when none and not created)
   */
  @SuppressWarnings("unchecked")
  static Map<InputRecord, Standing> ofThisTransaction(boolean create) {
    TransactionSynchronizationRegistry tsr = registry();
    if (tsr == null || tsr.getTransactionKey() == null) {
      return null;
    }
    Map<InputRecord, Standing> m = (Map<InputRecord, Standing>) tsr.getResource(TX_KEY);
    if (m == null && create) {
      m = new IdentityHashMap<>();
      tsr.putResource(TX_KEY, m);
    }
    return m;
  }

  private static TransactionSynchronizationRegistry registry() {
    TransactionSynchronizationRegistry r = registry;
    if (r == null) {
      for (String name : NAMES) {
        try {
          r = InitialContext.doLookup(name);
          registry = r;
          return r;
        } catch (NamingException e) {
          // the next name
        }
      }
      LOG.severe("No transaction synchronization registry: outcome counters cannot be kept");
    }
    return r;
  }
}
