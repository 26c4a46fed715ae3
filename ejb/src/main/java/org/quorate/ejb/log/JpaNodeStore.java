package org.quorate.ejb.log;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.quorate.core.log.NodeStore;
import org.quorate.core.log.Rfc9162Hasher;
import org.quorate.ejb.store.InLists;

/**
 * A {@link NodeStore} over JPA for one node log: nodes in {@code Q_LOG_NODE}, the tree size in the
 * log's {@code Q_LOG_STATE} row. Used inside one transaction: for appends, the caller holds the
 * state row {@code PESSIMISTIC_WRITE}; for proofs, the size read is a committed one and every node
 * it needs was committed with it. Nodes read or written are cached for the store's lifetime (nodes
 * never change).
 */
final class JpaNodeStore implements NodeStore {
  private static final HexFormat HEX = HexFormat.of();
  private static final int MAX_LEVEL = 63;

  private final EntityManager em;
  private final String log;
  private final LogStateEntity state;
  private final long readSize;
  private final Map<Address, byte[]> cache = new HashMap<>();

  /**
   * A store that appends: the tree size is the state row's (locked by the caller).
   *
   * @param em the transaction's entity manager
   * @param state the log's managed, locked state row
   */
  JpaNodeStore(EntityManager em, LogStateEntity state) {
    this.em = em;
    this.log = state.name();
    this.state = state;
    this.readSize = -1;
  }

  /**
   * A read-only store at a committed tree size.
   *
   * @param em the entity manager
   * @param log the log name
   * @param treeSize the committed size read from the state row
   */
  JpaNodeStore(EntityManager em, String log, long treeSize) {
    this.em = em;
    this.log = log;
    this.state = null;
    this.readSize = treeSize;
  }

  @Override
  public long treeSize() {
    return state == null ? readSize : state.treeSize();
  }

  @Override
  public void setTreeSize(long treeSize) {
    if (state == null) {
      throw new IllegalStateException("this node store of log " + log + " is read-only");
    }
    state.grow(treeSize, System.currentTimeMillis());
  }

  @Override
  public Optional<byte[]> get(int level, long index) {
    checkAddress(level, index);
    byte[] cached = cache.get(key(level, index));
    if (cached != null) {
      return Optional.of(cached.clone());
    }
    List<LogNodeEntity> found =
        em.createQuery(
                "select n from LogNodeEntity n where n.log = :l and n.level = :v and n.nodeIndex = :i",
                LogNodeEntity.class)
            .setParameter("l", log)
            .setParameter("v", level)
            .setParameter("i", index)
            // Nodes written in this transaction are in the cache: no flush needed (a flush
            // change-checks every entity of a group's transaction).
            .setFlushMode(jakarta.persistence.FlushModeType.COMMIT)
            .getResultList();
    if (found.isEmpty()) {
      return Optional.empty();
    }
    byte[] hash = HEX.parseHex(found.get(0).hash());
    cache.put(key(level, index), hash);
    return Optional.of(hash.clone());
  }

  /**
   * Reads nodes of one level into this store's cache in bounded lists (an audit's inclusion proofs,
   * issue 12), so that {@link #get} finds them without a query each. Nodes absent from the database
   * stay absent (a later {@link #get} queries them again).
   *
   * <p>One index lookup per node ({@link #nodesSql}), not {@code node_index in (…)}: H2 uses an
   * {@code in} list for an index lookup only on the index's first column, so it answered that query
   * by walking every node of the level ({@code Q_LOG_NODE_ADDRESS} is log, level, index): the
   * leaves and the levels above, about twice the log's size per audit, 44% of an audit of 22 events
   * at 100,000 inputs.
   *
   * @param level their level
   * @param indexes their indexes at that level
   */
  void prefetch(int level, Collection<Long> indexes) {
    List<Long> missing = new ArrayList<>();
    for (long index : indexes) {
      checkAddress(level, index);
      if (!cache.containsKey(key(level, index))) {
        missing.add(index);
      }
    }
    for (List<Long> chunk : InLists.chunks(missing)) {
      Query q =
          em.createNativeQuery(nodesSql(chunk.size()))
              .setFlushMode(jakarta.persistence.FlushModeType.COMMIT)
              .setParameter(1, log)
              .setParameter(2, level);
      for (int i = 0; i < chunk.size(); i++) {
        q.setParameter(i + 3, chunk.get(i));
      }
      for (Object row : q.getResultList()) {
        Object[] r = (Object[]) row;
        cache.put(key(level, ((Number) r[0]).longValue()), HEX.parseHex((String) r[1]));
      }
    }
  }

  /**
   * The nodes of one level of one log at some indexes, as one join of the indexes (a {@code values}
   * list) with {@code Q_LOG_NODE}: H2 and PostgreSQL plan it as one lookup of the unique address
   * index per index.
   *
   * @param count how many indexes, at least 1
   * @return SQL with parameters 1 (the log), 2 (the level), 3.. (the indexes); its rows are the
   *     index and the hash's hex of each node found
   */
  static String nodesSql(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("no node index to read");
    }
    StringBuilder b = new StringBuilder("SELECT N.NODE_INDEX, N.HASH_HEX FROM (VALUES ");
    for (int i = 0; i < count; i++) {
      b.append(i == 0 ? "" : ", ").append("(CAST(?").append(i + 3).append(" AS BIGINT))");
    }
    return b.append(") V(I) JOIN Q_LOG_NODE N ON N.NODE_INDEX = V.I")
        .append(" WHERE N.LOG_NAME = ?1 AND N.NODE_LEVEL = ?2")
        .toString();
  }

  /**
   * Puts a node known committed into this store's cache (the right edge of the tree kept from the
   * last commit), so that appends do not read it back.
   *
   * @param level its level
   * @param index its index
   * @param hash its hash
   */
  void preload(int level, long index, byte[] hash) {
    cache.put(key(level, index), hash.clone());
  }

  /**
   * The right edge of the tree at its current size, from this store's cache: the root of each
   * perfect subtree the size decomposes into (what the next append reads).
   *
   * @return level to node hash, or null when one of them is not cached
   */
  Map<Integer, byte[]> frontier() {
    long size = treeSize();
    Map<Integer, byte[]> out = new HashMap<>();
    for (int level = 0; level <= MAX_LEVEL && (size >>> level) > 0; level++) {
      if (((size >>> level) & 1) == 1) {
        byte[] hash = cache.get(key(level, (size >>> level) - 1));
        if (hash == null) {
          return null;
        }
        out.put(level, hash.clone());
      }
    }
    return out;
  }

  @Override
  public void put(int level, long index, byte[] hash) {
    checkAddress(level, index);
    if (state == null) {
      throw new IllegalStateException("this node store of log " + log + " is read-only");
    }
    if (hash == null || hash.length != Rfc9162Hasher.HASH_LENGTH) {
      throw new IllegalArgumentException(
          "node hash must be " + Rfc9162Hasher.HASH_LENGTH + " bytes");
    }
    if (index >= (treeSize() >>> level)) {
      // Not yet complete at the locked tree size, so not stored (nodes are written with the size
      // that completes them, under the state row's lock); Q_LOG_NODE_ADDRESS catches the
      // impossible rest. Saves one query per node of every append.
      em.persist(new LogNodeEntity(log, level, index, HEX.formatHex(hash)));
      cache.put(key(level, index), hash.clone());
      return;
    }
    Optional<byte[]> existing = get(level, index);
    if (existing.isPresent()) {
      if (!Arrays.equals(existing.get(), hash)) {
        throw new IllegalStateException(
            "node (" + level + ", " + index + ") of log " + log + " is stored with another hash");
      }
      return;
    }
    em.persist(new LogNodeEntity(log, level, index, HEX.formatHex(hash)));
    cache.put(key(level, index), hash.clone());
  }

  private static void checkAddress(int level, long index) {
    if (level < 0 || level > MAX_LEVEL || index < 0) {
      throw new IllegalArgumentException("no node at level " + level + ", index " + index);
    }
    if (level > 0 && index >= (1L << (MAX_LEVEL - level))) {
      throw new IllegalArgumentException("no node at level " + level + ", index " + index);
    }
  }

  private static Address key(int level, long index) {
    return new Address(level, index);
  }

  /** A node's address in the tree. */
  private record Address(int level, long index) {}
}
