package org.quorate.core.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Rfc9162HasherTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void emptyRootIsSha256OfNothing() {
    // FIPS 180-4 SHA-256 of the empty string.
    assertThat(HEX.formatHex(Rfc9162Hasher.emptyRoot()))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void leafHashPrefixesZeroByte() {
    // The leaf hash of the empty entry, as in corpora/merkle inclusion/0/happy-path.json.
    assertThat(HEX.formatHex(Rfc9162Hasher.hashLeaf(new byte[0])))
        .isEqualTo("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
  }

  @Test
  void nodeHashOfTwoReferenceLeavesIsTheSizeTwoRoot() {
    byte[] left = Rfc9162Hasher.hashLeaf(new byte[0]);
    byte[] right = Rfc9162Hasher.hashLeaf(new byte[] {0x00});
    // Root of the two-leaf reference tree, root1 of corpora/merkle consistency/3/happy-path.json.
    assertThat(HEX.formatHex(Rfc9162Hasher.hashChildren(left, right)))
        .isEqualTo("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125");
  }

  @Test
  void childrenMustBe32Bytes() {
    byte[] ok = new byte[32];
    assertThatThrownBy(() -> Rfc9162Hasher.hashChildren(new byte[31], ok))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("left child is 31 bytes");
    assertThatThrownBy(() -> Rfc9162Hasher.hashChildren(ok, new byte[33]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("right child is 33 bytes");
    assertThatThrownBy(() -> Rfc9162Hasher.hashChildren(null, ok))
        .isInstanceOf(NullPointerException.class);
  }
}
