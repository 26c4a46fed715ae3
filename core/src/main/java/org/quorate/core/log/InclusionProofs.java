package org.quorate.core.log;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Computes the inclusion proof (audit path) PATH(m, D[n]) of RFC 9162 §2.1.3.1 from a source of
 * subtree hashes. Checking a proof is {@link ProofVerifier}'s job, not this class's.
 */
public final class InclusionProofs {
  private InclusionProofs() {}

  /**
   * Returns the inclusion proof of leaf {@code index} in the tree of the first {@code size} leaves:
   * the sibling subtree hashes from the leaf up to the root, leaf side first, as RFC 9162 §2.1.3.1
   * orders them. A tree of one leaf has the empty proof.
   *
   * <p>Requires {@code 0 <= index < size}; checked before {@code source} is read.
   *
   * @param index the leaf index, 0-based
   * @param size the tree size in leaves
   * @param source the hashes of the tree's subtrees
   * @return the proof, {@code ceil(log2(size))} or fewer 32-byte hashes, a new mutable list
   * @throws IllegalArgumentException if {@code index} or {@code size} is out of range
   */
  public static List<byte[]> compute(long index, long size, SubtreeHashes source) {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException(
          "leaf index " + index + " is outside the tree of size " + size);
    }
    // Walk from the root down to the leaf; each step records the sibling of the side taken.
    List<byte[]> topDown = new ArrayList<>();
    long begin = 0;
    long end = size;
    while (end - begin > 1) {
      long split = begin + TreeMath.largestPowerOfTwoBelow(end - begin);
      if (index < split) {
        topDown.add(source.hash(split, end));
        end = split;
      } else {
        topDown.add(source.hash(begin, split));
        begin = split;
      }
    }
    Collections.reverse(topDown);
    return topDown;
  }
}
