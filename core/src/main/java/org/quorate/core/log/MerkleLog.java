package org.quorate.core.log;

import java.util.ArrayList;
import java.util.List;

/**
 * An append-only RFC 9162 Merkle tree (the node log of SPEC §5) over a {@link NodeStore}.
 *
 * <p>{@link #append} hashes the new leaf and the perfect subtrees it completes: O(log n) hashes and
 * store operations, never a recomputation of the tree. Roots at any size {@code n <=} {@link
 * #size()}, inclusion proofs and consistency proofs are assembled from the stored perfect-subtree
 * hashes, O(log² n) store reads each. Proofs are checked with {@link ProofVerifier}.
 *
 * <p>Not thread-safe: the caller serializes appends (the container does, per mission log).
 */
public final class MerkleLog {
  /** Largest entry {@link #append} accepts, in bytes (a SPEC §5 entry is 74 bytes). */
  public static final int MAX_ENTRY_LENGTH = 1 << 16;

  private final NodeStore store;

  /**
   * Opens the log held by {@code store}, at the store's tree size (0 for a new store).
   *
   * @param store the node storage, not null
   */
  public MerkleLog(NodeStore store) {
    if (store == null) {
      throw new NullPointerException("store");
    }
    if (store.treeSize() < 0) {
      throw new IllegalArgumentException("store reports negative tree size " + store.treeSize());
    }
    this.store = store;
  }

  /**
   * @return the current tree size: the number of entries appended, {@code >= 0}
   */
  public long size() {
    return store.treeSize();
  }

  /**
   * Appends one entry as the next leaf, {@code SHA-256(0x00 ‖ entry)}.
   *
   * @param entry the entry bytes (for the node log, {@link LogEntry#encode()}), at most {@link
   *     #MAX_ENTRY_LENGTH} bytes
   * @return the new leaf's index, which is the size before the append
   * @throws IllegalArgumentException if the entry is longer than {@link #MAX_ENTRY_LENGTH}
   * @throws IllegalStateException if the log is full or the store lacks a node it must hold
   */
  public long append(byte[] entry) {
    if (entry == null) {
      throw new NullPointerException("entry");
    }
    if (entry.length > MAX_ENTRY_LENGTH) {
      throw new IllegalArgumentException(
          "log entry is " + entry.length + " bytes, at most " + MAX_ENTRY_LENGTH + " allowed");
    }
    return appendLeafHash(Rfc9162Hasher.hashLeaf(entry));
  }

  private long appendLeafHash(byte[] leafHash) {
    long index = store.treeSize();
    if (index == Long.MAX_VALUE) {
      throw new IllegalStateException("log is full at size " + index);
    }
    store.put(0, index, leafHash);
    // Each trailing 1 bit of the index is a perfect subtree this leaf completes.
    byte[] hash = leafHash;
    int level = 0;
    long nodeIndex = index;
    while ((nodeIndex & 1) == 1) {
      byte[] left = node(level, nodeIndex - 1);
      hash = Rfc9162Hasher.hashChildren(left, hash);
      level++;
      nodeIndex >>>= 1;
      store.put(level, nodeIndex, hash);
    }
    store.setTreeSize(index + 1);
    return index;
  }

  /**
   * @return the root of the current tree (the empty-tree root when the log is empty), 32 bytes
   */
  public byte[] root() {
    return rootAt(size());
  }

  /**
   * Returns the root the tree had at {@code size} leaves (RFC 9162 MTH of the first {@code size}
   * entries).
   *
   * <p>Requires {@code 0 <= size <=} {@link #size()}.
   *
   * @param size an earlier or the current tree size
   * @return the 32-byte root; for size 0 the empty-tree root {@code SHA-256()}
   * @throws LogRangeException if {@code size} is out of range
   */
  public byte[] root(long size) throws LogRangeException {
    requireSize(size, "tree size");
    return rootAt(size);
  }

  /**
   * Requires {@code 0 <= index <} {@link #size()}.
   *
   * @param index a leaf index
   * @return the stored 32-byte leaf hash of entry {@code index}
   * @throws LogRangeException if {@code index} is out of range
   */
  public byte[] leafHash(long index) throws LogRangeException {
    long current = size();
    if (index < 0 || index >= current) {
      throw new LogRangeException("leaf index " + index + " is not below the log size " + current);
    }
    return node(0, index);
  }

  /**
   * Returns the inclusion proof of leaf {@code index} in the tree of {@code size} leaves (RFC 9162
   * §2.1.3.1), to be checked with {@link ProofVerifier#verifyInclusion}.
   *
   * <p>Requires {@code 0 <= index < size <=} {@link #size()}.
   *
   * @param index the leaf index
   * @param size the tree size of the signed tree head the proof is for
   * @return the audit path, leaf side first, 32-byte hashes
   * @throws LogRangeException if {@code index} or {@code size} is out of range
   */
  public List<byte[]> inclusionProof(long index, long size) throws LogRangeException {
    requireSize(size, "tree size");
    if (index < 0 || index >= size) {
      throw new LogRangeException("leaf index " + index + " is not below tree size " + size);
    }
    return InclusionProofs.compute(index, size, this::subtreeHash);
  }

  /**
   * Returns the consistency proof from tree size {@code size1} to tree size {@code size2} (RFC 9162
   * §2.1.4.1), to be checked with {@link ProofVerifier#verifyConsistency}.
   *
   * <p>Requires {@code 0 < size1 <= size2 <=} {@link #size()}.
   *
   * @param size1 the earlier tree size
   * @param size2 the later tree size
   * @return the proof, 32-byte hashes; empty when the sizes are equal
   * @throws LogRangeException if a size is out of range, or {@code size1} is 0 (nothing to prove)
   */
  public List<byte[]> consistencyProof(long size1, long size2) throws LogRangeException {
    requireSize(size2, "tree size size2");
    if (size1 <= 0 || size1 > size2) {
      throw new LogRangeException(
          "consistency proof requires 0 < size1 <= size2, got size1=" + size1 + ", size2=" + size2);
    }
    return ConsistencyProofs.compute(size1, size2, this::subtreeHash);
  }

  private void requireSize(long size, String what) throws LogRangeException {
    long current = size();
    if (size < 0 || size > current) {
      throw new LogRangeException(what + " " + size + " exceeds the log size " + current);
    }
  }

  private byte[] rootAt(long size) {
    return size == 0 ? Rfc9162Hasher.emptyRoot() : subtreeHash(0, size);
  }

  /**
   * MTH(D[begin:end]) for a range that is a node of an RFC 9162 tree: the range splits into stored
   * perfect subtrees of decreasing size, which are folded from the right.
   */
  private byte[] subtreeHash(long begin, long end) {
    long length = end - begin;
    if (begin < 0 || length <= 0 || end > size()) {
      throw new IllegalArgumentException("no subtree [" + begin + ", " + end + ")");
    }
    long span = Long.highestOneBit(length) == length ? length : Long.highestOneBit(length) << 1;
    if (span > 0 && (begin & (span - 1)) != 0) {
      throw new IllegalArgumentException(
          "[" + begin + ", " + end + ") is not a node of an RFC 9162 tree");
    }
    List<byte[]> parts = new ArrayList<>();
    long position = begin;
    while (position < end) {
      int level = Long.SIZE - 1 - Long.numberOfLeadingZeros(end - position);
      parts.add(node(level, position >>> level));
      position += 1L << level;
    }
    byte[] hash = parts.get(parts.size() - 1);
    for (int i = parts.size() - 2; i >= 0; i--) {
      hash = Rfc9162Hasher.hashChildren(parts.get(i), hash);
    }
    return hash;
  }

  private byte[] node(int level, long index) {
    return store
        .get(level, index)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "node store lacks node at level " + level + ", index " + index));
  }
}
