package org.quorate.core.log;

import java.util.Optional;

/**
 * Storage of a {@link MerkleLog}'s perfect-subtree hashes and its tree size, so the container can
 * keep them in a database (JPA) while the tree logic stays here.
 *
 * <p>A node is addressed by {@code (level, index)}: level 0 holds the leaf hashes by leaf index;
 * the node at level {@code L}, index {@code i} is the hash of the perfect subtree over leaves
 * {@code [i * 2^L, (i + 1) * 2^L)}. Only complete (perfect) subtrees are stored; the right edge of
 * a tree whose size is not a power of two is recomputed on demand. Requires {@code 0 <= level <=
 * 63} and {@code index >= 0}.
 *
 * <p>Nodes are written once and never change (append-only). {@link MerkleLog#append} writes the new
 * nodes with {@link #put} and then the new size with {@link #setTreeSize}; a persistent
 * implementation makes these one transaction, so that a reader never sees a size whose nodes are
 * missing.
 */
public interface NodeStore {
  /**
   * @return the number of leaves committed so far, {@code >= 0}
   */
  long treeSize();

  /**
   * Commits a new tree size after the nodes it needs are stored.
   *
   * @param treeSize the new number of leaves, not smaller than the current one
   * @throws IllegalArgumentException if {@code treeSize} is smaller than the current size
   */
  void setTreeSize(long treeSize);

  /**
   * @param level the node's level, 0 for leaves
   * @param index the node's index within its level
   * @return a copy of the 32-byte hash, or empty if that node is not stored
   */
  Optional<byte[]> get(int level, long index);

  /**
   * Stores the hash of a complete subtree. Storing the same hash again is allowed; storing a
   * different hash at an address already written is refused.
   *
   * @param level the node's level, 0 for leaves
   * @param index the node's index within its level
   * @param hash the 32-byte hash (the store keeps its own copy)
   * @throws IllegalArgumentException if the address is out of range or the hash is not 32 bytes
   * @throws IllegalStateException if a different hash is already stored at that address
   */
  void put(int level, long index, byte[] hash);
}
