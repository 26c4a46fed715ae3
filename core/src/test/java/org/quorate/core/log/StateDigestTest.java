package org.quorate.core.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** SPEC §5 state digest: the RFC 9162 root over the sorted 32-byte event ids. */
class StateDigestTest {

  private static List<byte[]> randomIds(int count, Random random) {
    List<byte[]> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] id = new byte[32];
      random.nextBytes(id);
      ids.add(id);
    }
    return ids;
  }

  @Test
  void noEventsIsTheEmptyRoot() {
    assertThat(StateDigest.of(List.of())).isEqualTo(Rfc9162Hasher.emptyRoot());
  }

  @Property(tries = 100)
  void isTheNaiveRootOverSortedIdsWhateverTheOrder(
      @ForAll @IntRange(min = 1, max = 120) int count, @ForAll long seed) {
    Random random = new Random(seed);
    List<byte[]> ids = randomIds(count, random);
    List<byte[]> sorted = new ArrayList<>(ids);
    sorted.sort(Arrays::compareUnsigned);
    byte[] expected = NaiveMerkleTree.root(sorted);
    Collections.shuffle(ids, random);
    assertThat(StateDigest.of(ids)).isEqualTo(expected);
  }

  @Test
  void sortsAsUnsignedBytes() {
    byte[] low = new byte[32];
    low[0] = 0x7f;
    byte[] high = new byte[32];
    high[0] = (byte) 0x80; // negative as a Java byte, larger as unsigned
    assertThat(StateDigest.of(List.of(high, low)))
        .isEqualTo(NaiveMerkleTree.root(List.of(low, high)))
        .isNotEqualTo(NaiveMerkleTree.root(List.of(high, low)));
  }

  @Test
  void refusesMalformedOrRepeatedIds() {
    byte[] id = new byte[32];
    id[5] = 1;
    assertThatThrownBy(() -> StateDigest.of(List.of(new byte[31])))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> StateDigest.of(List.of(id, id.clone())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("twice");
  }
}
