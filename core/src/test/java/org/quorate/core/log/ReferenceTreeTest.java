package org.quorate.core.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Cross-checks proof <em>computation</em> against the corpus: the happy-path vectors of
 * transparency-dev/merkle are proofs over its eight-leaf RFC 6962 reference tree (the leaf inputs
 * below, from that repository's {@code testonly} package). A {@link MerkleLog} of the same leaves
 * must produce the vector's leaf hash, roots and proof byte for byte.
 */
class ReferenceTreeTest {
  private static final List<String> LEAF_INPUTS_HEX =
      List.of(
          "",
          "00",
          "10",
          "2021",
          "3031",
          "40414243",
          "5051525354555657",
          "606162636465666768696a6b6c6d6e6f");

  private static MerkleLog referenceLog() {
    MerkleLog log = new MerkleLog(new InMemoryNodeStore());
    for (String hex : LEAF_INPUTS_HEX) {
      log.append(HexFormat.of().parseHex(hex));
    }
    return log;
  }

  @TestFactory
  Stream<DynamicTest> inclusionHappyPaths() throws IOException {
    return happyPaths("inclusion")
        .map(
            file ->
                dynamicTest(
                    file.toString(),
                    () -> {
                      MerkleVector v = MerkleVector.read(file);
                      MerkleLog log = referenceLog();
                      long index = v.uint64("leafIdx");
                      long size = v.uint64("treeSize");
                      assertThat(log.leafHash(index)).isEqualTo(v.bytes("leafHash"));
                      assertThat(log.root(size)).isEqualTo(v.bytes("root"));
                      assertThat(log.inclusionProof(index, size))
                          .containsExactlyElementsOf(v.proof());
                    }));
  }

  @TestFactory
  Stream<DynamicTest> consistencyHappyPaths() throws IOException {
    return happyPaths("consistency")
        .map(
            file ->
                dynamicTest(
                    file.toString(),
                    () -> {
                      MerkleVector v = MerkleVector.read(file);
                      MerkleLog log = referenceLog();
                      long size1 = v.uint64("size1");
                      long size2 = v.uint64("size2");
                      assertThat(log.root(size1)).isEqualTo(v.bytes("root1"));
                      assertThat(log.root(size2)).isEqualTo(v.bytes("root2"));
                      assertThat(log.consistencyProof(size1, size2))
                          .containsExactlyElementsOf(v.proof());
                    }));
  }

  private static Stream<Path> happyPaths(String kind) throws IOException {
    try (Stream<Path> files = Files.list(Corpora.merkleTestdata().resolve(kind))) {
      List<Path> list =
          files
              .map(dir -> dir.resolve("happy-path.json"))
              .filter(Files::isRegularFile)
              .sorted()
              .collect(Collectors.toList());
      assertThat(list).hasSize(5);
      return list.stream();
    }
  }
}
