package org.quorate.core.log;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The Merkle tree hash of RFC 9162 §2.1.1 with SHA-256, as SPEC §5 fixes it for the node log.
 *
 * <ul>
 *   <li>empty tree: {@code SHA-256()} (the hash of no bytes);
 *   <li>leaf: {@code SHA-256(0x00 ‖ entry)};
 *   <li>interior node: {@code SHA-256(0x01 ‖ left ‖ right)}, both children 32 bytes.
 * </ul>
 *
 * <p>All hashes are {@value #HASH_LENGTH} bytes. The methods are stateless and thread-safe; each
 * call takes its own {@link MessageDigest}.
 */
public final class Rfc9162Hasher {
  /** Length in bytes of every hash this class returns (SHA-256). */
  public static final int HASH_LENGTH = 32;

  private static final byte LEAF_PREFIX = 0x00;
  private static final byte NODE_PREFIX = 0x01;

  private Rfc9162Hasher() {}

  /**
   * @return the root of the empty tree, {@code SHA-256()} (RFC 9162 §2.1.1), 32 bytes
   */
  public static byte[] emptyRoot() {
    return sha256().digest();
  }

  /**
   * Hashes one log entry as a leaf: {@code SHA-256(0x00 ‖ entry)}.
   *
   * @param entry the entry bytes, any length (may be empty), not null
   * @return the 32-byte leaf hash
   * @throws NullPointerException if {@code entry} is null
   */
  public static byte[] hashLeaf(byte[] entry) {
    if (entry == null) {
      throw new NullPointerException("entry");
    }
    MessageDigest digest = sha256();
    digest.update(LEAF_PREFIX);
    digest.update(entry);
    return digest.digest();
  }

  /**
   * Hashes an interior node: {@code SHA-256(0x01 ‖ left ‖ right)}.
   *
   * <p>Requires {@code left.length == right.length == 32}.
   *
   * @param left the 32-byte hash of the left subtree
   * @param right the 32-byte hash of the right subtree
   * @return the 32-byte node hash
   * @throws IllegalArgumentException if either child is not 32 bytes
   * @throws NullPointerException if either child is null
   */
  public static byte[] hashChildren(byte[] left, byte[] right) {
    requireHashLength(left, "left child");
    requireHashLength(right, "right child");
    MessageDigest digest = sha256();
    digest.update(NODE_PREFIX);
    digest.update(left);
    digest.update(right);
    return digest.digest();
  }

  private static void requireHashLength(byte[] hash, String what) {
    if (hash == null) {
      throw new NullPointerException(what);
    }
    if (hash.length != HASH_LENGTH) {
      throw new IllegalArgumentException(
          what + " is " + hash.length + " bytes, expected " + HASH_LENGTH);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      // Every Java SE platform must provide SHA-256 (MessageDigest Javadoc).
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
