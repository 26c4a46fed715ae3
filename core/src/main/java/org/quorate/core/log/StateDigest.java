package org.quorate.core.log;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The state digest of SPEC §5: the RFC 9162 Merkle tree root over the ids (32 bytes each, sorted
 * ascending as unsigned bytes) of every authentic event a node holds and is not waiting on
 * (admitted, evidence, void). Each id is one leaf, hashed {@code SHA-256(0x00 ‖ id)}. Two nodes
 * holding the same events compute the same digest, whatever the order they list them in.
 */
public final class StateDigest {
  private StateDigest() {}

  /**
   * Computes the state digest of a set of event ids.
   *
   * <p>Requires every id to be 32 bytes and no id to appear twice; all are checked before any
   * hashing. The input order does not matter.
   *
   * @param eventIds the event ids, not null, none null; not modified
   * @return the 32-byte root; for no events, the empty-tree root {@code SHA-256()}
   * @throws IllegalArgumentException if an id is not 32 bytes or appears twice
   */
  public static byte[] of(Collection<byte[]> eventIds) {
    if (eventIds == null) {
      throw new NullPointerException("eventIds");
    }
    List<byte[]> sorted = new ArrayList<>(eventIds.size());
    for (byte[] id : eventIds) {
      if (id == null || id.length != Rfc9162Hasher.HASH_LENGTH) {
        throw new IllegalArgumentException(
            "event id must be " + Rfc9162Hasher.HASH_LENGTH + " bytes");
      }
      sorted.add(id.clone());
    }
    sorted.sort(Arrays::compareUnsigned);
    for (int i = 1; i < sorted.size(); i++) {
      if (Arrays.equals(sorted.get(i - 1), sorted.get(i))) {
        throw new IllegalArgumentException("event id appears twice in the state digest input");
      }
    }
    MerkleLog tree = new MerkleLog(new InMemoryNodeStore());
    for (byte[] id : sorted) {
      tree.append(id);
    }
    return tree.root();
  }
}
