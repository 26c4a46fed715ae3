package org.quorate.core.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.quorate.core.log.ProofVerificationException.Kind;

/**
 * Every inclusion and consistency case of transparency-dev/merkle's testdata (corpora/merkle), one
 * dynamic test per file, named by its path. {@code wantErr: false} must verify; {@code wantErr:
 * true} must fail with a {@link ProofVerificationException}.
 */
class MerkleCorpusTest {
  /**
   * Cases where ProofVerifier deliberately differs from the vector, with the kind it reports.
   *
   * <p>consistency/additional/sizes-are-equal-one-and-proof-is-empty.json: its roots are the 12
   * bytes "don't care 2", and upstream compares equal-size roots without a length check. We refuse
   * every hash that is not 32 bytes before comparing (the corpus README: "hashes that are not 32
   * bytes are errors"), so this case fails with HASH_LENGTH.
   */
  private static final Map<String, Kind> DEVIATIONS =
      Map.of(
          "consistency/additional/sizes-are-equal-one-and-proof-is-empty.json", Kind.HASH_LENGTH);

  @TestFactory
  Stream<DynamicTest> inclusionVectors() throws IOException {
    return vectors("inclusion").stream()
        .map(file -> dynamicTest(name(file), () -> checkInclusion(file)));
  }

  @TestFactory
  Stream<DynamicTest> consistencyVectors() throws IOException {
    return vectors("consistency").stream()
        .map(file -> dynamicTest(name(file), () -> checkConsistency(file)));
  }

  private static void checkInclusion(Path file) throws IOException {
    MerkleVector v = MerkleVector.read(file);
    Expectation expected = expectation(file, v);
    var verification =
        assertThatCode(
            () ->
                ProofVerifier.verifyInclusion(
                    v.uint64("leafIdx"),
                    v.uint64("treeSize"),
                    v.bytes("leafHash"),
                    v.proof(),
                    v.bytes("root")));
    expected.check(verification, file);
  }

  private static void checkConsistency(Path file) throws IOException {
    MerkleVector v = MerkleVector.read(file);
    Expectation expected = expectation(file, v);
    var verification =
        assertThatCode(
            () ->
                ProofVerifier.verifyConsistency(
                    v.uint64("size1"),
                    v.uint64("size2"),
                    v.proof(),
                    v.bytes("root1"),
                    v.bytes("root2")));
    expected.check(verification, file);
  }

  private record Expectation(boolean fails, Kind kind) {
    void check(AbstractThrowableAssert<?, ?> verification, Path file) {
      if (!fails) {
        verification.as(file.toString()).doesNotThrowAnyException();
        return;
      }
      verification.as(file.toString()).isInstanceOf(ProofVerificationException.class);
      if (kind != null) {
        verification.extracting(e -> ((ProofVerificationException) e).kind()).isEqualTo(kind);
      }
    }
  }

  private static Expectation expectation(Path file, MerkleVector v) {
    Kind deviation = DEVIATIONS.get(name(file));
    if (deviation != null) {
      assertThat(v.wantErr()).as("deviation still differs from the vector").isFalse();
      return new Expectation(true, deviation);
    }
    return new Expectation(v.wantErr(), null);
  }

  private static List<Path> vectors(String kind) throws IOException {
    Path root = Corpora.merkleTestdata().resolve(kind);
    try (Stream<Path> files = Files.walk(root)) {
      List<Path> list =
          files
              .filter(p -> p.getFileName().toString().endsWith(".json"))
              .sorted()
              .collect(Collectors.toList());
      assertThat(list).as("vectors under " + root).isNotEmpty();
      return list;
    }
  }

  private static String name(Path file) {
    return Corpora.merkleTestdata().relativize(file).toString().replace('\\', '/');
  }

  @Test
  void corpusHasAllCases() throws IOException {
    assertThat(vectors("inclusion")).hasSize(98);
    assertThat(vectors("consistency")).hasSize(98);
  }

  @Test
  void deviationIsReportedAsHashLength() throws IOException {
    Path file =
        Corpora.merkleTestdata()
            .resolve("consistency/additional/sizes-are-equal-one-and-proof-is-empty.json");
    MerkleVector v = MerkleVector.read(file);
    assertThatThrownBy(
            () ->
                ProofVerifier.verifyConsistency(
                    v.uint64("size1"),
                    v.uint64("size2"),
                    v.proof(),
                    v.bytes("root1"),
                    v.bytes("root2")))
        .isInstanceOf(ProofVerificationException.class)
        .hasMessageContaining("12 bytes, expected 32");
  }
}
