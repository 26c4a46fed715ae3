package org.quorate.core.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InMemoryNodeStoreTest {
  private static byte[] hash(int fill) {
    byte[] hash = new byte[32];
    java.util.Arrays.fill(hash, (byte) fill);
    return hash;
  }

  @Test
  void storesCopiesByLevelAndIndex() {
    InMemoryNodeStore store = new InMemoryNodeStore();
    byte[] h = hash(1);
    store.put(2, 5, h);
    h[0] = 9;
    assertThat(store.get(2, 5)).hasValueSatisfying(v -> assertThat(v).isEqualTo(hash(1)));
    store.get(2, 5).orElseThrow()[0] = 9;
    assertThat(store.get(2, 5)).hasValueSatisfying(v -> assertThat(v).isEqualTo(hash(1)));
    assertThat(store.get(2, 4)).isEmpty();
    assertThat(store.get(3, 0)).isEmpty();
  }

  @Test
  void nodesAreWrittenOnce() {
    InMemoryNodeStore store = new InMemoryNodeStore();
    store.put(0, 0, hash(1));
    store.put(0, 0, hash(1)); // same value again: allowed
    assertThatThrownBy(() -> store.put(0, 0, hash(2)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already stored");
  }

  @Test
  void addressesAndLengthsAreChecked() {
    InMemoryNodeStore store = new InMemoryNodeStore();
    assertThatThrownBy(() -> store.put(-1, 0, hash(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.put(64, 0, hash(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.put(0, -1, hash(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.put(0, 0, new byte[31]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.get(0, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void treeSizeOnlyGrows() {
    InMemoryNodeStore store = new InMemoryNodeStore();
    store.setTreeSize(3);
    assertThatThrownBy(() -> store.setTreeSize(2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3 -> 2");
    assertThat(store.treeSize()).isEqualTo(3);
  }
}
