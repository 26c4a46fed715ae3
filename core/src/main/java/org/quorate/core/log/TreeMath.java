package org.quorate.core.log;

/** Integer helpers for RFC 9162 tree shapes. Package-private: no domain meaning of its own. */
final class TreeMath {
  private TreeMath() {}

  /**
   * @param n a count, {@code n > 1}
   * @return the largest power of two strictly smaller than {@code n} (RFC 9162 §2.1.1 "k")
   */
  static long largestPowerOfTwoBelow(long n) {
    return Long.highestOneBit(n - 1);
  }

  /**
   * @param x a value
   * @return the number of bits needed to write {@code x} (Go's bits.Len64), 0 for 0
   */
  static int bitLength(long x) {
    return Long.SIZE - Long.numberOfLeadingZeros(x);
  }
}
