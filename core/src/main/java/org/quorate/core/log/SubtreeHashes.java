package org.quorate.core.log;

/**
 * A source of Merkle tree hashes of leaf ranges, which proof computation reads from.
 *
 * <p>{@link InclusionProofs} and {@link ConsistencyProofs} only ask for ranges that are nodes of an
 * RFC 9162 tree: {@code [begin, end)} with {@code 0 <= begin < end}, where {@code begin} is a
 * multiple of the largest power of two {@code <= end - begin}.
 */
@FunctionalInterface
public interface SubtreeHashes {
  /**
   * Returns MTH(D[begin:end]) of RFC 9162 §2.1.1 over the leaves {@code [begin, end)}.
   *
   * @param begin first leaf index, inclusive, {@code >= 0}
   * @param end last leaf index, exclusive, {@code > begin}
   * @return the 32-byte hash
   */
  byte[] hash(long begin, long end);
}
