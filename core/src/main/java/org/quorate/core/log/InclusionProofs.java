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
    List<byte[]> proof = new ArrayList<>();
    for (SubtreeRange node : nodes(index, size)) {
      proof.add(source.hash(node.begin(), node.end()));
    }
    return proof;
  }

  /**
   * Says which subtrees the inclusion proof of leaf {@code index} in a tree of {@code size} leaves
   * consists of, in proof order (leaf side first), without reading any hash: a store can fetch them
   * in one batch.
   *
   * <p>Requires {@code 0 <= index < size}.
   *
   * @param index the leaf index, 0-based
   * @param size the tree size in leaves
   * @return the sibling ranges, at most 63, a new mutable list
   * @throws IllegalArgumentException if {@code index} or {@code size} is out of range
   */
  public static List<SubtreeRange> nodes(long index, long size) {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException(
          "leaf index " + index + " is outside the tree of size " + size);
    }
    // Walk from the root down to the leaf; each step records the sibling of the side taken.
    List<SubtreeRange> topDown = new ArrayList<>();
    long begin = 0;
    long end = size;
    while (end - begin > 1) {
      long split = begin + TreeMath.largestPowerOfTwoBelow(end - begin);
      if (index < split) {
        topDown.add(new SubtreeRange(split, end));
        end = split;
      } else {
        topDown.add(new SubtreeRange(begin, split));
        begin = split;
      }
    }
    Collections.reverse(topDown);
    return topDown;
  }
}
