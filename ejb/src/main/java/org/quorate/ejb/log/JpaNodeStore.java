package org.quorate.ejb.log;

import jakarta.persistence.EntityManager;
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
   * Reads nodes of one level into this store's cache in bounded {@code in} lists (an audit's
   * inclusion proofs, issue 12), so that {@link #get} finds them without a query each. Nodes absent
   * from the database stay absent (a later {@link #get} queries them again).
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
      for (Object[] row :
          em.createQuery(
                  "select n.nodeIndex, n.hash from LogNodeEntity n where n.log = :l"
                      + " and n.level = :v and n.nodeIndex in :i",
                  Object[].class)
              .setParameter("l", log)
              .setParameter("v", level)
              .setParameter("i", chunk)
              .setFlushMode(jakarta.persistence.FlushModeType.COMMIT)
              .getResultList()) {
        cache.put(key(level, ((Number) row[0]).longValue()), HEX.parseHex((String) row[1]));
      }
    }
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
