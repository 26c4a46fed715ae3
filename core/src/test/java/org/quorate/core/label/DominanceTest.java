package org.quorate.core.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quorate.core.label.TestLabels.nato;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Dominance under the NATO SPIF: hierarchy, restrictive supersets, permissive subsets. */
class DominanceTest {
  private static final SecurityPolicy NATO = SecurityPolicy.nato();

  @ParameterizedTest(name = "{0} over {1} = {2}")
  @CsvSource(
      delimiter = ';',
      textBlock =
          """
          SECRET; RESTRICTED; true
          RESTRICTED; SECRET; false
          SECRET; SECRET; true
          SECRET | Additional Sensitivity:R:ATOMAL; SECRET; true
          SECRET; SECRET | Additional Sensitivity:R:ATOMAL; false
          SECRET | Additional Sensitivity:R:ATOMAL,CRYPTO; CONFIDENTIAL | Additional Sensitivity:R:CRYPTO; true
          SECRET | Additional Sensitivity:R:ATOMAL; SECRET | Additional Sensitivity:R:CRYPTO; false
          SECRET | Releasable To:P:JPN; SECRET | Releasable To:P:NATO,JPN; true
          SECRET | Releasable To:P:NATO,JPN; SECRET | Releasable To:P:JPN; false
          SECRET; SECRET | Releasable To:P:JPN; false
          SECRET | Releasable To:P:JPN; SECRET; true
          SECRET | Only:P:NATO; CONFIDENTIAL | Only:P:NATO,SWE; true
          SECRET | Releasable To:P:JPN; SECRET | Only:P:JPN; false
          UNCLASSIFIED | Administrative:I:STAFF; UNCLASSIFIED; true
          UNCLASSIFIED; UNCLASSIFIED | Administrative:I:STAFF; true
          """)
  void dominanceTable(String a, String b, boolean expected) {
    assertThat(NATO.dominates(nato(a), nato(b))).isEqualTo(expected);
  }

  @Test
  void dominanceAgreesWithPostureAdmission() {
    // every posture that admits the dominating label admits the dominated one
    LabelPolicy lp = LabelPolicy.defaults();
    ConfidentialityLabel a = nato("SECRET | Releasable To:P:JPN | Additional Sensitivity:R:ATOMAL");
    ConfidentialityLabel b = nato("CONFIDENTIAL | Releasable To:P:NATO,JPN");
    assertThat(NATO.dominates(a, b)).isTrue();
    for (String posture :
        List.of(
            "SECRET | Releasable To:P:JPN | Additional Sensitivity:R:ATOMAL",
            "TOP SECRET | Releasable To:P:JPN,NATO | Additional Sensitivity:R:ATOMAL,CRYPTO")) {
      assertThat(lp.admits(nato(posture), a).admitted()).isTrue();
      assertThat(lp.admits(nato(posture), b).admitted()).isTrue();
    }
  }

  @Test
  void labelsOfAnotherPolicyCannotBeCompared() {
    assertThatThrownBy(
            () ->
                NATO.dominates(new ConfidentialityLabel("UK", "SECRET", List.of()), nato("SECRET")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("UK");
  }
}
