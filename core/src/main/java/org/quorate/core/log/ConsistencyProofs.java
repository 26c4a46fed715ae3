package org.quorate.core.log;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Computes the consistency proof PROOF(m, D[n]) of RFC 9162 §2.1.4.1 between two sizes of one
 * append-only tree from a source of subtree hashes. Checking a proof is {@link ProofVerifier}'s
 * job, not this class's.
 */
public final class ConsistencyProofs {
  private ConsistencyProofs() {}

  /**
   * Returns the consistency proof from the tree of the first {@code size1} leaves to the tree of
   * the first {@code size2} leaves, in the order of RFC 9162 §2.1.4.1 (SUBPROOF with b = true),
   * deepest node first. Equal sizes have the empty proof.
   *
   * <p>Requires {@code 0 < size1 <= size2}; checked before {@code source} is read. (A proof from
   * the empty tree proves nothing and is refused, as {@link ProofVerifier} refuses it.)
   *
   * @param size1 the earlier tree size in leaves
   * @param size2 the later tree size in leaves
   * @param source the hashes of the later tree's subtrees
   * @return the proof, at most {@code 2 * ceil(log2(size2))} 32-byte hashes, a new mutable list
   * @throws IllegalArgumentException if the sizes are out of range
   */
  public static List<byte[]> compute(long size1, long size2, SubtreeHashes source) {
    List<byte[]> proof = new ArrayList<>();
    for (SubtreeRange node : nodes(size1, size2)) {
      proof.add(source.hash(node.begin(), node.end()));
    }
    return proof;
  }

  /**
   * Says which subtrees the consistency proof from {@code size1} to {@code size2} consists of, in
   * proof order, without reading any hash: a store can fetch them in one batch.
   *
   * <p>Requires {@code 0 < size1 <= size2}.
   *
   * @param size1 the earlier tree size in leaves
   * @param size2 the later tree size in leaves
   * @return the node ranges, at most 127, a new mutable list; empty when the sizes are equal
   * @throws IllegalArgumentException if the sizes are out of range
   */
  public static List<SubtreeRange> nodes(long size1, long size2) {
    if (size1 <= 0 || size1 > size2) {
      throw new IllegalArgumentException(
          "consistency proof requires 0 < size1 <= size2, got size1=" + size1 + ", size2=" + size2);
    }
    List<SubtreeRange> topDown = new ArrayList<>();
    if (size1 == size2) {
      return topDown;
    }
    // SUBPROOF(m, D[begin:end], b), unrolled: m counts leaves of the old tree within the range.
    long begin = 0;
    long end = size2;
    long m = size1;
    boolean wholeOldTree = true;
    while (m != end - begin) {
      long k = TreeMath.largestPowerOfTwoBelow(end - begin);
      if (m <= k) {
        topDown.add(new SubtreeRange(begin + k, end));
        end = begin + k;
      } else {
        topDown.add(new SubtreeRange(begin, begin + k));
        begin = begin + k;
        m -= k;
        wholeOldTree = false;
      }
    }
    if (!wholeOldTree) {
      topDown.add(new SubtreeRange(begin, end));
    }
    Collections.reverse(topDown);
    return topDown;
  }
}
