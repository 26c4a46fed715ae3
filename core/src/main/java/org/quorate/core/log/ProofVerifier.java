package org.quorate.core.log;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.quorate.core.log.ProofVerificationException.Kind;

/**
 * Verifies RFC 9162 inclusion (§2.1.3.2) and consistency (§2.1.4.2) proofs, in the shape of
 * transparency-dev/merkle's {@code proof} package: {@link #rootFromInclusionProof} validates index,
 * size and every length, then computes; the {@code verify…} methods compare and report a typed
 * mismatch. Nothing is hashed before all indexes, sizes and lengths are checked.
 *
 * <p>Tree sizes and indexes are uint64 on the wire; a value of 2^63 or more arrives here negative
 * and is refused. <b>A method that returns normally has verified the proof.</b> Stateless and
 * thread-safe.
 */
public final class ProofVerifier {
  private static final HexFormat HEX = HexFormat.of();

  private ProofVerifier() {}

  /**
   * Computes the root that an inclusion proof implies for a leaf, without comparing it to any
   * expected root.
   *
   * <p>Requires {@code 0 <= index < size}, a 32-byte {@code leafHash}, every proof element 32
   * bytes, and exactly as many elements as the index and size require.
   *
   * @param index the leaf index, 0-based
   * @param size the tree size in leaves
   * @param leafHash the leaf's hash, {@code SHA-256(0x00 ‖ entry)}
   * @param proof the audit path, leaf side first; may be empty (size 1) but not null
   * @return the 32-byte root the proof leads to
   * @throws ProofVerificationException {@link Kind#INDEX_OUT_OF_RANGE}, {@link Kind#HASH_LENGTH} or
   *     {@link Kind#WRONG_PROOF_SIZE}
   */
  public static byte[] rootFromInclusionProof(
      long index, long size, byte[] leafHash, List<byte[]> proof)
      throws ProofVerificationException {
    if (size < 0) {
      throw new ProofVerificationException(
          Kind.SIZE_OUT_OF_RANGE, "tree size " + Long.toUnsignedString(size) + " is too large");
    }
    if (index < 0 || index >= size) {
      throw new ProofVerificationException(
          Kind.INDEX_OUT_OF_RANGE,
          "leaf index " + Long.toUnsignedString(index) + " is not below tree size " + size);
    }
    requireHash(leafHash, "leaf hash");
    requireNonNull(proof);
    int inner = TreeMath.bitLength(index ^ (size - 1));
    int border = Long.bitCount(index >>> inner);
    if (proof.size() != inner + border) {
      throw new ProofVerificationException(
          Kind.WRONG_PROOF_SIZE,
          "inclusion proof for leaf "
              + index
              + " in tree size "
              + size
              + " has "
              + proof.size()
              + " hashes, expected "
              + (inner + border));
    }
    requireProofHashes(proof);
    byte[] hash = chainInner(leafHash, proof.subList(0, inner), index);
    return chainBorderRight(hash, proof.subList(inner, proof.size()));
  }

  /**
   * Verifies that a leaf is at {@code index} in the tree of {@code size} leaves whose root is
   * {@code root}. Returns normally only if the proof verifies.
   *
   * <p>Requires what {@link #rootFromInclusionProof} requires, and a 32-byte {@code root}.
   *
   * @param index the leaf index, 0-based
   * @param size the tree size in leaves
   * @param leafHash the leaf's hash, {@code SHA-256(0x00 ‖ entry)}
   * @param proof the audit path, leaf side first, not null
   * @param root the expected 32-byte root (from a signed tree head)
   * @throws ProofVerificationException any {@link #rootFromInclusionProof} kind, {@link
   *     Kind#HASH_LENGTH} for the root, or {@link Kind#ROOT_MISMATCH} printing both roots
   */
  public static void verifyInclusion(
      long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root)
      throws ProofVerificationException {
    requireHash(root, "root");
    byte[] computed = rootFromInclusionProof(index, size, leafHash, proof);
    requireMatch(computed, root, "inclusion proof root");
  }

  /**
   * Verifies that the tree of {@code size2} leaves with root {@code root2} extends the tree of
   * {@code size1} leaves with root {@code root1}. Returns normally only if the proof verifies.
   *
   * <p>Requires {@code 0 < size1 <= size2}, both roots and every proof element 32 bytes, an empty
   * proof if {@code size1 == size2} (then the roots must be equal), and otherwise exactly as many
   * elements as the sizes require. A proof from size 0 is refused: it proves nothing.
   *
   * @param size1 the earlier tree size in leaves
   * @param size2 the later tree size in leaves
   * @param proof the consistency proof in RFC 9162 §2.1.4.1 order, not null
   * @param root1 the 32-byte root at {@code size1}
   * @param root2 the 32-byte root at {@code size2}
   * @throws ProofVerificationException {@link Kind#SIZE_OUT_OF_RANGE}, {@link
   *     Kind#CONSISTENCY_FROM_EMPTY_TREE}, {@link Kind#HASH_LENGTH}, {@link Kind#WRONG_PROOF_SIZE}
   *     or {@link Kind#ROOT_MISMATCH} printing both roots
   */
  public static void verifyConsistency(
      long size1, long size2, List<byte[]> proof, byte[] root1, byte[] root2)
      throws ProofVerificationException {
    if (size1 < 0 || size2 < 0 || size1 > size2) {
      throw new ProofVerificationException(
          Kind.SIZE_OUT_OF_RANGE,
          "consistency requires size1 <= size2, got size1="
              + Long.toUnsignedString(size1)
              + ", size2="
              + Long.toUnsignedString(size2));
    }
    if (size1 == 0) {
      throw new ProofVerificationException(
          Kind.CONSISTENCY_FROM_EMPTY_TREE,
          "a consistency proof from the empty tree (size1=0) proves nothing");
    }
    requireHash(root1, "root1");
    requireHash(root2, "root2");
    requireNonNull(proof);
    if (size1 == size2) {
      if (!proof.isEmpty()) {
        throw new ProofVerificationException(
            Kind.WRONG_PROOF_SIZE,
            "consistency proof for equal sizes " + size1 + " must be empty, has " + proof.size());
      }
      requireMatch(root2, root1, "root2 of an unchanged tree");
      return;
    }
    // size1 < size2 from here. Following transparency-dev/merkle proof.VerifyConsistency.
    int inner = TreeMath.bitLength((size1 - 1) ^ (size2 - 1));
    int border = Long.bitCount((size1 - 1) >>> inner);
    int shift = Long.numberOfTrailingZeros(size1);
    inner -= shift;
    // If size1 is a power of two, its root is a node of the new tree and is not in the proof.
    boolean seedIsRoot1 = size1 == (1L << shift);
    int expected = (seedIsRoot1 ? 0 : 1) + inner + border;
    if (proof.size() != expected) {
      throw new ProofVerificationException(
          Kind.WRONG_PROOF_SIZE,
          "consistency proof from size "
              + size1
              + " to "
              + size2
              + " has "
              + proof.size()
              + " hashes, expected "
              + expected);
    }
    requireProofHashes(proof);
    byte[] seed = seedIsRoot1 ? root1 : proof.get(0);
    List<byte[]> path = proof.subList(seedIsRoot1 ? 0 : 1, proof.size());
    long mask = (size1 - 1) >>> shift;
    byte[] hash1 = chainInnerRight(seed, path.subList(0, inner), mask);
    hash1 = chainBorderRight(hash1, path.subList(inner, path.size()));
    requireMatch(hash1, root1, "root1 from consistency proof");
    byte[] hash2 = chainInner(seed, path.subList(0, inner), mask);
    hash2 = chainBorderRight(hash2, path.subList(inner, path.size()));
    requireMatch(hash2, root2, "root2 from consistency proof");
  }

  /** Hashes the inner part of a path; bit i of {@code index} says on which side element i sits. */
  private static byte[] chainInner(byte[] seed, List<byte[]> proof, long index) {
    byte[] hash = seed;
    for (int i = 0; i < proof.size(); i++) {
      if (((index >>> i) & 1) == 0) {
        hash = Rfc9162Hasher.hashChildren(hash, proof.get(i));
      } else {
        hash = Rfc9162Hasher.hashChildren(proof.get(i), hash);
      }
    }
    return hash;
  }

  /** Like {@link #chainInner}, but only the elements that are left siblings (bit set). */
  private static byte[] chainInnerRight(byte[] seed, List<byte[]> proof, long index) {
    byte[] hash = seed;
    for (int i = 0; i < proof.size(); i++) {
      if (((index >>> i) & 1) == 1) {
        hash = Rfc9162Hasher.hashChildren(proof.get(i), hash);
      }
    }
    return hash;
  }

  /** Hashes the border part of a path: every element is a left sibling. */
  private static byte[] chainBorderRight(byte[] seed, List<byte[]> proof) {
    byte[] hash = seed;
    for (byte[] sibling : proof) {
      hash = Rfc9162Hasher.hashChildren(sibling, hash);
    }
    return hash;
  }

  private static void requireHash(byte[] hash, String what) throws ProofVerificationException {
    if (hash == null) {
      throw new ProofVerificationException(Kind.HASH_LENGTH, what + " is missing");
    }
    if (hash.length != Rfc9162Hasher.HASH_LENGTH) {
      throw new ProofVerificationException(
          Kind.HASH_LENGTH,
          what + " is " + hash.length + " bytes, expected " + Rfc9162Hasher.HASH_LENGTH);
    }
  }

  private static void requireNonNull(List<byte[]> proof) {
    if (proof == null) {
      throw new NullPointerException("proof");
    }
  }

  /** Runs after the exact-size check, which caps a proof at 128 elements. */
  private static void requireProofHashes(List<byte[]> proof) throws ProofVerificationException {
    for (int i = 0; i < proof.size(); i++) {
      requireHash(proof.get(i), "proof element " + i);
    }
  }

  private static void requireMatch(byte[] computed, byte[] expected, String what)
      throws ProofVerificationException {
    if (!MessageDigest.isEqual(computed, expected)) {
      throw new ProofVerificationException(
          Kind.ROOT_MISMATCH,
          what + " is " + HEX.formatHex(computed) + ", expected " + HEX.formatHex(expected));
    }
  }
}
