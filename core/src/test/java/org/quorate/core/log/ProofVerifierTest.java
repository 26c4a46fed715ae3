package org.quorate.core.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.quorate.core.log.ProofVerificationException.Kind;

/** Each failure kind of {@link ProofVerifier}, with the message a reader sees. */
class ProofVerifierTest {
  private static final int SIZE = 13;

  private final List<byte[]> entries = MerkleLogPropertyTest.randomEntries(SIZE, new Random(7));
  private final MerkleLog log = MerkleLogPropertyTest.logOf(entries);

  private static void assertKind(ThrowingCallable call, Kind kind, String messagePart) {
    assertThatThrownBy(call)
        .isInstanceOf(ProofVerificationException.class)
        .hasMessageContaining(messagePart)
        .extracting(e -> ((ProofVerificationException) e).kind())
        .isEqualTo(kind);
  }

  @Test
  void inclusionIndexMustBeBelowSize() throws Exception {
    byte[] leaf = log.leafHash(3);
    List<byte[]> proof = log.inclusionProof(3, SIZE);
    byte[] root = log.root();
    assertKind(
        () -> ProofVerifier.verifyInclusion(SIZE, SIZE, leaf, proof, root),
        Kind.INDEX_OUT_OF_RANGE,
        "leaf index 13 is not below tree size 13");
    assertKind(
        () -> ProofVerifier.verifyInclusion(0, 0, leaf, List.of(), root),
        Kind.INDEX_OUT_OF_RANGE,
        "tree size 0");
    assertKind(
        () -> ProofVerifier.verifyInclusion(-1, SIZE, leaf, proof, root),
        Kind.INDEX_OUT_OF_RANGE,
        "18446744073709551615");
    assertKind(
        () -> ProofVerifier.verifyInclusion(0, -1, leaf, proof, root),
        Kind.SIZE_OUT_OF_RANGE,
        "18446744073709551615");
  }

  @Test
  void inclusionHashesMustBe32Bytes() throws Exception {
    byte[] leaf = log.leafHash(3);
    List<byte[]> proof = log.inclusionProof(3, SIZE);
    byte[] root = log.root();
    assertKind(
        () -> ProofVerifier.verifyInclusion(3, SIZE, leaf, proof, new byte[31]),
        Kind.HASH_LENGTH,
        "root is 31 bytes");
    assertKind(
        () -> ProofVerifier.verifyInclusion(3, SIZE, new byte[0], proof, root),
        Kind.HASH_LENGTH,
        "leaf hash is 0 bytes");
    List<byte[]> badElement = new ArrayList<>(proof);
    badElement.set(1, new byte[33]);
    assertKind(
        () -> ProofVerifier.verifyInclusion(3, SIZE, leaf, badElement, root),
        Kind.HASH_LENGTH,
        "proof element 1 is 33 bytes");
  }

  @Test
  void inclusionProofSizeIsExact() throws Exception {
    byte[] leaf = log.leafHash(3);
    List<byte[]> proof = log.inclusionProof(3, SIZE);
    List<byte[]> longer = new ArrayList<>(proof);
    longer.add(new byte[32]);
    assertKind(
        () -> ProofVerifier.verifyInclusion(3, SIZE, leaf, longer, log.root()),
        Kind.WRONG_PROOF_SIZE,
        "has " + longer.size() + " hashes, expected " + proof.size());
  }

  @Test
  void rootMismatchPrintsBothRoots() throws Exception {
    byte[] leaf = log.leafHash(3);
    List<byte[]> proof = log.inclusionProof(3, SIZE);
    byte[] wrongRoot = log.root(SIZE - 1);
    byte[] computed = ProofVerifier.rootFromInclusionProof(3, SIZE, leaf, proof);
    assertThat(computed).isEqualTo(log.root());
    assertKind(
        () -> ProofVerifier.verifyInclusion(3, SIZE, leaf, proof, wrongRoot),
        Kind.ROOT_MISMATCH,
        HexFormat.of().formatHex(computed) + ", expected " + HexFormat.of().formatHex(wrongRoot));
  }

  @Test
  void consistencySizesAreOrderedAndNonZero() throws Exception {
    byte[] root5 = log.root(5);
    byte[] root9 = log.root(9);
    List<byte[]> proof = log.consistencyProof(5, 9);
    assertKind(
        () -> ProofVerifier.verifyConsistency(9, 5, proof, root9, root5),
        Kind.SIZE_OUT_OF_RANGE,
        "size1=9, size2=5");
    assertKind(
        () -> ProofVerifier.verifyConsistency(0, 9, proof, Rfc9162Hasher.emptyRoot(), root9),
        Kind.CONSISTENCY_FROM_EMPTY_TREE,
        "size1=0");
    assertKind(
        () ->
            ProofVerifier.verifyConsistency(
                0, 0, List.of(), Rfc9162Hasher.emptyRoot(), Rfc9162Hasher.emptyRoot()),
        Kind.CONSISTENCY_FROM_EMPTY_TREE,
        "size1=0");
  }

  @Test
  void consistencyChecksLengthsAndProofSize() throws Exception {
    byte[] root5 = log.root(5);
    byte[] root9 = log.root(9);
    List<byte[]> proof = log.consistencyProof(5, 9);
    assertKind(
        () -> ProofVerifier.verifyConsistency(5, 9, proof, new byte[12], root9),
        Kind.HASH_LENGTH,
        "root1 is 12 bytes");
    assertKind(
        () -> ProofVerifier.verifyConsistency(5, 9, proof, root5, null),
        Kind.HASH_LENGTH,
        "root2 is missing");
    assertKind(
        () -> ProofVerifier.verifyConsistency(5, 9, proof.subList(1, proof.size()), root5, root9),
        Kind.WRONG_PROOF_SIZE,
        "expected " + proof.size());
    assertKind(
        () -> ProofVerifier.verifyConsistency(5, 5, proof, root5, root5),
        Kind.WRONG_PROOF_SIZE,
        "must be empty");
  }

  @Test
  void equalSizesNeedEqualRoots() throws Exception {
    byte[] root5 = log.root(5);
    ProofVerifier.verifyConsistency(5, 5, List.of(), root5, root5);
    assertKind(
        () -> ProofVerifier.verifyConsistency(5, 5, List.of(), root5, log.root(6)),
        Kind.ROOT_MISMATCH,
        HexFormat.of().formatHex(root5));
  }

  @Test
  void consistencyRootMismatchNamesWhichRoot() throws Exception {
    byte[] root5 = log.root(5);
    byte[] root9 = log.root(9);
    List<byte[]> proof = log.consistencyProof(5, 9);
    ProofVerifier.verifyConsistency(5, 9, proof, root5, root9);
    assertKind(
        () -> ProofVerifier.verifyConsistency(5, 9, proof, root5, log.root(10)),
        Kind.ROOT_MISMATCH,
        "root2 from consistency proof is " + HexFormat.of().formatHex(root9));
    assertKind(
        () -> ProofVerifier.verifyConsistency(5, 9, proof, log.root(4), root9),
        Kind.ROOT_MISMATCH,
        "root1 from consistency proof is " + HexFormat.of().formatHex(root5));
  }
}
