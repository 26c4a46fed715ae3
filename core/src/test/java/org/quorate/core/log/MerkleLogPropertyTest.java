package org.quorate.core.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties of {@link MerkleLog} against {@link ProofVerifier} and the naive recursive RFC 9162
 * root ({@link NaiveMerkleTree}): every computed proof verifies, every incremental root equals the
 * naive root, and changing any proof bit or the index makes verification fail.
 */
class MerkleLogPropertyTest {

  @Property(tries = 40)
  void everyProofInSmallTreesVerifies(
      @ForAll @IntRange(min = 1, max = 48) int size, @ForAll long seed) throws Exception {
    List<byte[]> entries = randomEntries(size, new Random(seed));
    MerkleLog log = logOf(entries);
    List<byte[]> roots = new ArrayList<>();
    for (int n = 0; n <= size; n++) {
      byte[] naive = NaiveMerkleTree.root(entries.subList(0, n));
      assertThat(log.root(n)).as("root at size %d", n).isEqualTo(naive);
      roots.add(naive);
    }
    for (int n = 1; n <= size; n++) {
      for (int i = 0; i < n; i++) {
        ProofVerifier.verifyInclusion(
            i, n, Rfc9162Hasher.hashLeaf(entries.get(i)), log.inclusionProof(i, n), roots.get(n));
      }
      for (int m = 1; m <= n; m++) {
        ProofVerifier.verifyConsistency(
            m, n, log.consistencyProof(m, n), roots.get(m), roots.get(n));
      }
    }
  }

  @Property(tries = 15)
  void sampledProofsInLargerTreesVerify(
      @ForAll @IntRange(min = 49, max = 2500) int size, @ForAll long seed) throws Exception {
    Random random = new Random(seed);
    List<byte[]> entries = randomEntries(size, random);
    MerkleLog log = logOf(entries);
    assertThat(log.root()).isEqualTo(NaiveMerkleTree.root(entries));
    for (int sample = 0; sample < 20; sample++) {
      int n = 1 + random.nextInt(size);
      int i = random.nextInt(n);
      int m = 1 + random.nextInt(n);
      byte[] rootN = NaiveMerkleTree.root(entries.subList(0, n));
      byte[] rootM = NaiveMerkleTree.root(entries.subList(0, m));
      assertThat(log.root(n)).isEqualTo(rootN);
      ProofVerifier.verifyInclusion(
          i, n, Rfc9162Hasher.hashLeaf(entries.get(i)), log.inclusionProof(i, n), rootN);
      ProofVerifier.verifyConsistency(m, n, log.consistencyProof(m, n), rootM, rootN);
    }
  }

  @Property(tries = 300)
  void flippingAnyInclusionProofBitFails(
      @ForAll @IntRange(min = 2, max = 200) int size,
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 255) int bit)
      throws Exception {
    Random random = new Random(seed);
    List<byte[]> entries = randomEntries(size, random);
    MerkleLog log = logOf(entries);
    int n = 2 + random.nextInt(size - 1);
    int i = random.nextInt(n);
    byte[] leaf = Rfc9162Hasher.hashLeaf(entries.get(i));
    List<byte[]> proof = log.inclusionProof(i, n);
    byte[] root = log.root(n);
    int element = random.nextInt(proof.size());
    List<byte[]> tampered = flip(proof, element, bit);
    assertThatThrownBy(() -> ProofVerifier.verifyInclusion(i, n, leaf, tampered, root))
        .isInstanceOf(ProofVerificationException.class)
        .extracting(e -> ((ProofVerificationException) e).kind())
        .isEqualTo(ProofVerificationException.Kind.ROOT_MISMATCH);
    // The untampered proof still verifies, so the failure above is the flip's doing.
    assertThatCode(() -> ProofVerifier.verifyInclusion(i, n, leaf, proof, root))
        .doesNotThrowAnyException();
  }

  @Property(tries = 300)
  void anyOtherLeafIndexFails(@ForAll @IntRange(min = 2, max = 200) int size, @ForAll long seed)
      throws Exception {
    Random random = new Random(seed);
    List<byte[]> entries = randomEntries(size, random);
    MerkleLog log = logOf(entries);
    int n = 2 + random.nextInt(size - 1);
    int i = random.nextInt(n);
    byte[] leaf = Rfc9162Hasher.hashLeaf(entries.get(i));
    List<byte[]> proof = log.inclusionProof(i, n);
    byte[] root = log.root(n);
    for (int other = 0; other < n; other++) {
      if (other == i) {
        continue;
      }
      long otherIndex = other;
      assertThatThrownBy(() -> ProofVerifier.verifyInclusion(otherIndex, n, leaf, proof, root))
          .as("proof for leaf %d of %d offered for leaf %d", i, n, other)
          .isInstanceOf(ProofVerificationException.class);
    }
  }

  @Property(tries = 300)
  void flippingAnyConsistencyProofBitFails(
      @ForAll @IntRange(min = 3, max = 200) int size,
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 255) int bit)
      throws Exception {
    Random random = new Random(seed);
    List<byte[]> entries = randomEntries(size, random);
    MerkleLog log = logOf(entries);
    int n = 2 + random.nextInt(size - 1);
    int m = 1 + random.nextInt(n - 1); // m < n, so the proof is not empty
    List<byte[]> proof = log.consistencyProof(m, n);
    byte[] rootM = log.root(m);
    byte[] rootN = log.root(n);
    int element = random.nextInt(proof.size());
    List<byte[]> tampered = flip(proof, element, bit);
    assertThatThrownBy(() -> ProofVerifier.verifyConsistency(m, n, tampered, rootM, rootN))
        .isInstanceOf(ProofVerificationException.class)
        .extracting(e -> ((ProofVerificationException) e).kind())
        .isEqualTo(ProofVerificationException.Kind.ROOT_MISMATCH);
    assertThatCode(() -> ProofVerifier.verifyConsistency(m, n, proof, rootM, rootN))
        .doesNotThrowAnyException();
  }

  @Property(tries = 300)
  void consistencyProofForOtherSizesFails(
      @ForAll @IntRange(min = 3, max = 200) int size, @ForAll long seed) throws Exception {
    Random random = new Random(seed);
    List<byte[]> entries = randomEntries(size, random);
    MerkleLog log = logOf(entries);
    int n = 2 + random.nextInt(size - 1);
    int m = 1 + random.nextInt(n - 1);
    List<byte[]> proof = log.consistencyProof(m, n);
    byte[] rootM = log.root(m);
    byte[] rootN = log.root(n);
    for (int other = 1; other <= n; other++) {
      if (other == m) {
        continue;
      }
      long otherSize1 = other;
      assertThatThrownBy(() -> ProofVerifier.verifyConsistency(otherSize1, n, proof, rootM, rootN))
          .as("proof %d->%d offered as %d->%d", m, n, other, n)
          .isInstanceOf(ProofVerificationException.class);
    }
  }

  @Property(tries = 100)
  void truncatedOrExtendedProofsFail(
      @ForAll @IntRange(min = 2, max = 300) int size, @ForAll long seed) throws Exception {
    Random random = new Random(seed);
    List<byte[]> entries = randomEntries(size, random);
    MerkleLog log = logOf(entries);
    int n = 2 + random.nextInt(size - 1);
    int i = random.nextInt(n);
    byte[] leaf = Rfc9162Hasher.hashLeaf(entries.get(i));
    List<byte[]> proof = log.inclusionProof(i, n);
    byte[] root = log.root(n);
    List<byte[]> shorter = new ArrayList<>(proof.subList(0, proof.size() - 1));
    List<byte[]> longer = new ArrayList<>(proof);
    longer.add(root);
    for (List<byte[]> wrong : List.of(shorter, longer)) {
      assertThatThrownBy(() -> ProofVerifier.verifyInclusion(i, n, leaf, wrong, root))
          .isInstanceOf(ProofVerificationException.class)
          .extracting(e -> ((ProofVerificationException) e).kind())
          .isEqualTo(ProofVerificationException.Kind.WRONG_PROOF_SIZE);
    }
  }

  private static List<byte[]> flip(List<byte[]> proof, int element, int bit) {
    List<byte[]> copy = new ArrayList<>();
    for (byte[] hash : proof) {
      copy.add(hash.clone());
    }
    copy.get(element)[bit / 8] ^= (byte) (1 << (bit % 8));
    return copy;
  }

  static List<byte[]> randomEntries(int count, Random random) {
    List<byte[]> entries = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      // At least 8 random bytes: distinct leaves, so a changed index cannot verify by accident.
      byte[] entry = new byte[8 + random.nextInt(80)];
      random.nextBytes(entry);
      entries.add(entry);
    }
    return entries;
  }

  static MerkleLog logOf(List<byte[]> entries) {
    MerkleLog log = new MerkleLog(new InMemoryNodeStore());
    for (byte[] entry : entries) {
      log.append(entry);
    }
    return log;
  }
}
