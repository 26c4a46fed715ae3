package org.quorate.core.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Which subtrees a proof needs, against the worked examples of RFC 9162 §2.1.5 (a tree of seven
 * leaves d0..d6; a = [0,1), b = [1,2), c = [2,3), d = [3,4), g = [0,2), h = [2,4), i = [4,6), j =
 * [6,7), k = [0,4), l = [4,7)).
 */
class ProofNodesTest {
  private static SubtreeRange r(long begin, long end) {
    return new SubtreeRange(begin, end);
  }

  @Test
  void auditPathsOfTheRfcExample() {
    // "The audit path for d0 is [b, h, l]."
    assertThat(InclusionProofs.nodes(0, 7)).containsExactly(r(1, 2), r(2, 4), r(4, 7));
    // "The audit path for d3 is [c, g, l]."
    assertThat(InclusionProofs.nodes(3, 7)).containsExactly(r(2, 3), r(0, 2), r(4, 7));
    // "The audit path for d4 is [f, j, k]" (f = [5,6)).
    assertThat(InclusionProofs.nodes(4, 7)).containsExactly(r(5, 6), r(6, 7), r(0, 4));
    // "The audit path for d6 is [i, k]."
    assertThat(InclusionProofs.nodes(6, 7)).containsExactly(r(4, 6), r(0, 4));
  }

  @Test
  void consistencyProofsOfTheRfcExample() {
    // "The consistency proof between hash0 and hash is PROOF(3, D[7]) = [c, d, g, l]."
    assertThat(ConsistencyProofs.nodes(3, 7)).containsExactly(r(2, 3), r(3, 4), r(0, 2), r(4, 7));
    // "The consistency proof between hash1 and hash is PROOF(4, D[7]) = [l]."
    assertThat(ConsistencyProofs.nodes(4, 7)).containsExactly(r(4, 7));
    // "The consistency proof between hash2 and hash is PROOF(6, D[7]) = [i, j, k]."
    assertThat(ConsistencyProofs.nodes(6, 7)).containsExactly(r(4, 6), r(6, 7), r(0, 4));
    assertThat(ConsistencyProofs.nodes(7, 7)).isEmpty();
  }

  @Test
  void rangesAreCheckedBeforeAnyWork() {
    assertThatThrownBy(() -> InclusionProofs.nodes(7, 7))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> InclusionProofs.nodes(-1, 7))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ConsistencyProofs.nodes(0, 7))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ConsistencyProofs.nodes(8, 7))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SubtreeRange(3, 3)).isInstanceOf(IllegalArgumentException.class);
  }
}
