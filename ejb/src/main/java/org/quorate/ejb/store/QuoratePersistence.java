package org.quorate.ejb.store;

/**
 * Quorate's persistence unit ({@code META-INF/persistence.xml}): the properties every
 * transaction-scoped {@code @PersistenceContext} of it carries.
 *
 * <p>WildFly's JPA subsystem checks, on every call of a container-managed entity manager after the
 * first in a transaction, whether that transaction mixes synchronized and unsynchronized
 * persistence contexts (WFLY-7075). It reads its two switches from the persistence context's own
 * properties when they are there, else from {@code EntityManagerFactory.getProperties()}, which
 * EclipseLink answers by copying and merging the unit's whole property map: under load that was two
 * in five bytes the server allocated (a {@code quorate load} run, JFR allocation samples, issue
 * 12). Giving both switches their default ({@code false}) on each persistence context keeps the
 * check as it was and skips the copies.
 */
public final class QuoratePersistence {
  /** The unit's name. */
  public static final String NAME = "quorate";

  /** WildFly: skip the mixed synchronization type check (default false; kept). */
  public static final String SKIP_MIXED_SYNC_CHECK = "wildfly.jpa.skipmixedsynctypechecking";

  /** WildFly: treat a joined unsynchronized context as synchronized (default false; kept). */
  public static final String ALLOW_JOINED_UNSYNC = "wildfly.jpa.allowjoinedunsync";

  /**
   * Newest chain positions first, along the index {@code Q_INPUT_RECORD_CHAIN} (mission, signer,
   * seq), for a JPQL query over {@code InputRecord r} whose mission and signer are given: the order
   * names all three columns, since H2 (2.3) walks an index backwards to satisfy an {@code order by}
   * only when the order covers the index from its first column. With {@code order by r.seq desc}
   * alone it read every record of the signer and sorted them, a cost growing with the chain (issue
   * 12: a 37,000-input mission's fill slowed from 200 to under 100 inputs/s). PostgreSQL plans both
   * the same.
   */
  public static final String CHAIN_HEAD_ORDER =
      " order by r.mission desc, r.signer desc, r.seq desc";

  private QuoratePersistence() {}
}
