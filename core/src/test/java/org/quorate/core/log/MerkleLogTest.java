package org.quorate.core.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MerkleLogTest {

  /** Counts store operations, to show that an append touches O(log n) nodes. */
  private static final class CountingStore implements NodeStore {
    final InMemoryNodeStore delegate = new InMemoryNodeStore();
    int gets;
    int puts;

    @Override
    public long treeSize() {
      return delegate.treeSize();
    }

    @Override
    public void setTreeSize(long treeSize) {
      delegate.setTreeSize(treeSize);
    }

    @Override
    public Optional<byte[]> get(int level, long index) {
      gets++;
      return delegate.get(level, index);
    }

    @Override
    public void put(int level, long index, byte[] hash) {
      puts++;
      delegate.put(level, index, hash);
    }
  }

  @Test
  void emptyLogHasEmptyRoot() throws Exception {
    MerkleLog log = new MerkleLog(new InMemoryNodeStore());
    assertThat(log.size()).isZero();
    assertThat(log.root()).isEqualTo(Rfc9162Hasher.emptyRoot());
    assertThat(log.root(0)).isEqualTo(Rfc9162Hasher.emptyRoot());
  }

  @Test
  void appendReturnsIndexAndStoresLeafHash() throws Exception {
    MerkleLog log = new MerkleLog(new InMemoryNodeStore());
    assertThat(log.append(new byte[] {1})).isZero();
    assertThat(log.append(new byte[] {2})).isEqualTo(1);
    assertThat(log.size()).isEqualTo(2);
    assertThat(log.leafHash(1)).isEqualTo(Rfc9162Hasher.hashLeaf(new byte[] {2}));
  }

  @Test
  void appendTouchesOnlyTheSubtreesItCompletes() {
    CountingStore store = new CountingStore();
    MerkleLog log = new MerkleLog(store);
    for (long index = 0; index < 5000; index++) {
      store.gets = 0;
      store.puts = 0;
      log.append(new byte[] {(byte) index});
      int completed = Long.numberOfTrailingZeros(~index); // trailing 1 bits of the index
      assertThat(store.puts).as("puts for leaf %d", index).isEqualTo(1 + completed);
      assertThat(store.gets).as("gets for leaf %d", index).isEqualTo(completed);
    }
  }

  @Test
  void reopenedStoreContinuesTheSameTree() throws Exception {
    List<byte[]> entries = MerkleLogPropertyTest.randomEntries(37, new Random(3));
    InMemoryNodeStore store = new InMemoryNodeStore();
    MerkleLog first = new MerkleLog(store);
    for (byte[] entry : entries.subList(0, 20)) {
      first.append(entry);
    }
    MerkleLog reopened = new MerkleLog(store);
    assertThat(reopened.size()).isEqualTo(20);
    for (byte[] entry : entries.subList(20, 37)) {
      reopened.append(entry);
    }
    assertThat(reopened.root()).isEqualTo(NaiveMerkleTree.root(entries));
    assertThat(reopened.root(20)).isEqualTo(NaiveMerkleTree.root(entries.subList(0, 20)));
  }

  @Test
  void requestsOutsideTheLogAreRefused() {
    MerkleLog log =
        MerkleLogPropertyTest.logOf(MerkleLogPropertyTest.randomEntries(6, new Random(1)));
    assertThatThrownBy(() -> log.root(7))
        .isInstanceOf(LogRangeException.class)
        .hasMessage("tree size 7 exceeds the log size 6");
    assertThatThrownBy(() -> log.root(-1)).isInstanceOf(LogRangeException.class);
    assertThatThrownBy(() -> log.leafHash(6))
        .isInstanceOf(LogRangeException.class)
        .hasMessage("leaf index 6 is not below the log size 6");
    assertThatThrownBy(() -> log.inclusionProof(4, 4))
        .isInstanceOf(LogRangeException.class)
        .hasMessage("leaf index 4 is not below tree size 4");
    assertThatThrownBy(() -> log.inclusionProof(0, 7)).isInstanceOf(LogRangeException.class);
    assertThatThrownBy(() -> log.inclusionProof(-1, 3)).isInstanceOf(LogRangeException.class);
    assertThatThrownBy(() -> log.consistencyProof(0, 3))
        .isInstanceOf(LogRangeException.class)
        .hasMessageContaining("0 < size1 <= size2");
    assertThatThrownBy(() -> log.consistencyProof(4, 3)).isInstanceOf(LogRangeException.class);
    assertThatThrownBy(() -> log.consistencyProof(3, 7)).isInstanceOf(LogRangeException.class);
  }

  @Test
  void equalSizesHaveEmptyConsistencyProof() throws Exception {
    MerkleLog log =
        MerkleLogPropertyTest.logOf(MerkleLogPropertyTest.randomEntries(6, new Random(1)));
    assertThat(log.consistencyProof(4, 4)).isEmpty();
    assertThat(log.inclusionProof(0, 1)).isEmpty();
  }

  @Test
  void oversizedEntryIsRefusedBeforeHashing() {
    MerkleLog log = new MerkleLog(new InMemoryNodeStore());
    assertThatThrownBy(() -> log.append(new byte[MerkleLog.MAX_ENTRY_LENGTH + 1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 65536");
    assertThat(log.size()).isZero();
  }

  @Test
  void missingStoredNodeIsReportedNotGuessed() {
    InMemoryNodeStore sparse = new InMemoryNodeStore();
    sparse.setTreeSize(2); // a size without its nodes: a corrupt store
    MerkleLog log = new MerkleLog(sparse);
    assertThatThrownBy(log::root)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("lacks node at level 1, index 0");
  }
}
