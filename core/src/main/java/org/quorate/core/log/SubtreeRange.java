package org.quorate.core.log;

/**
 * The leaves {@code [begin, end)} of one node of an RFC 9162 tree, as a proof needs it: either a
 * perfect subtree (a power-of-two length, aligned) or the right-edge node of a tree whose size is
 * not a power of two.
 *
 * @param begin first leaf index, inclusive, {@code >= 0}
 * @param end last leaf index, exclusive, {@code > begin}
 */
public record SubtreeRange(long begin, long end) {
  /**
   * @throws IllegalArgumentException unless {@code 0 <= begin < end}
   */
  public SubtreeRange {
    if (begin < 0 || end <= begin) {
      throw new IllegalArgumentException("no subtree [" + begin + ", " + end + ")");
    }
  }

  /**
   * @return the number of leaves, {@code end - begin}
   */
  public long length() {
    return end - begin;
  }
}
