package org.quorate.core.log;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The recursive definition of RFC 9162 §2.1.1, written out in full for tests: MTH({}) = SHA-256(),
 * MTH({d0}) = SHA-256(0x00 ‖ d0), MTH(D[n]) = SHA-256(0x01 ‖ MTH(D[0:k]) ‖ MTH(D[k:n])) with k the
 * largest power of two smaller than n. It shares no code with the classes under test.
 */
final class NaiveMerkleTree {
  private NaiveMerkleTree() {}

  static byte[] root(List<byte[]> entries) {
    return mth(entries, 0, entries.size());
  }

  private static byte[] mth(List<byte[]> entries, int begin, int end) {
    MessageDigest sha256 = sha256();
    int n = end - begin;
    if (n == 0) {
      return sha256.digest();
    }
    if (n == 1) {
      sha256.update((byte) 0x00);
      sha256.update(entries.get(begin));
      return sha256.digest();
    }
    int k = 1;
    while (k * 2 < n) {
      k *= 2;
    }
    byte[] left = mth(entries, begin, begin + k);
    byte[] right = mth(entries, begin + k, end);
    sha256.update((byte) 0x01);
    sha256.update(left);
    sha256.update(right);
    return sha256.digest();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
