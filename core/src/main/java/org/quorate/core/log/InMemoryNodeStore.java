package org.quorate.core.log;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A {@link NodeStore} in memory, for tests, tools and the state digest. Holds at most {@link
 * Integer#MAX_VALUE} nodes per level. Not thread-safe.
 */
public final class InMemoryNodeStore implements NodeStore {
  private static final int MAX_LEVEL = 63;

  private final List<List<byte[]>> levels = new ArrayList<>();
  private long treeSize;

  /** Creates an empty store (tree size 0). */
  public InMemoryNodeStore() {}

  @Override
  public long treeSize() {
    return treeSize;
  }

  @Override
  public void setTreeSize(long newTreeSize) {
    if (newTreeSize < treeSize) {
      throw new IllegalArgumentException(
          "tree size may only grow: " + treeSize + " -> " + newTreeSize);
    }
    treeSize = newTreeSize;
  }

  @Override
  public Optional<byte[]> get(int level, long index) {
    checkAddress(level, index);
    if (level >= levels.size() || index >= levels.get(level).size()) {
      return Optional.empty();
    }
    byte[] hash = levels.get(level).get((int) index);
    return hash == null ? Optional.empty() : Optional.of(hash.clone());
  }

  @Override
  public void put(int level, long index, byte[] hash) {
    checkAddress(level, index);
    if (index >= Integer.MAX_VALUE) {
      throw new IllegalArgumentException("in-memory store holds fewer nodes than index " + index);
    }
    if (hash == null || hash.length != Rfc9162Hasher.HASH_LENGTH) {
      throw new IllegalArgumentException(
          "node hash must be " + Rfc9162Hasher.HASH_LENGTH + " bytes");
    }
    while (levels.size() <= level) {
      levels.add(new ArrayList<>());
    }
    List<byte[]> nodes = levels.get(level);
    while (nodes.size() <= index) {
      nodes.add(null);
    }
    byte[] existing = nodes.get((int) index);
    if (existing != null && !Arrays.equals(existing, hash)) {
      throw new IllegalStateException(
          "node (" + level + ", " + index + ") is already stored with a different hash");
    }
    nodes.set((int) index, hash.clone());
  }

  private static void checkAddress(int level, long index) {
    if (level < 0 || level > MAX_LEVEL || index < 0) {
      throw new IllegalArgumentException("no node at level " + level + ", index " + index);
    }
  }
}
