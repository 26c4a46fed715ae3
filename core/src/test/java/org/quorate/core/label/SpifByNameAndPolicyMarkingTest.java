package org.quorate.core.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SPIFs other than the NATO one, written for these tests ({@code src/test/resources/label/spif-*}):
 * required and excluded categories that name their tag set by name, as the XML SPIF schema does,
 * and the policy-level marking data and qualifiers of a display marking.
 */
class SpifByNameAndPolicyMarkingTest {
  private static SecurityPolicy taskforce() throws Exception {
    return SecurityPolicy.load(LabelCodecTest.resource("spif-tagsetref-by-name.xml"));
  }

  private static SecurityPolicy acme() throws Exception {
    return SecurityPolicy.load(LabelCodecTest.resource("spif-policy-level-marking.xml"));
  }

  private static ConfidentialityLabel label(
      String policy, String classification, SecurityCategory... categories) {
    return new ConfidentialityLabel(policy, classification, List.of(categories));
  }

  private static SecurityCategory handling(String... values) {
    return new SecurityCategory("Handling", CategoryType.RESTRICTIVE, List.of(values));
  }

  private static SecurityCategory releasableTo(String... values) {
    return new SecurityCategory("Releasable To", CategoryType.PERMISSIVE, List.of(values));
  }

  @Test
  void requiredCategoryNamingItsTagSetByNameAdmitsAValidLabel() throws Exception {
    LabelValidation v = taskforce().validate(label("TASKFORCE", "SECRET", handling("LOCSEN")));
    assertThat(v.reasons()).isEmpty();
    assertThat(v.valid()).isTrue();
  }

  @Test
  void requiredCategoryNamingItsTagSetByNameRefusesALabelWithoutIt() throws Exception {
    LabelValidation v = taskforce().validate(label("TASKFORCE", "SECRET"));
    assertThat(v.reasons())
        .containsExactly(
            "classification SECRET requires oneOrMore of [Handling Caveats/RESTRICTIVE],"
                + " the label has 0");
  }

  @Test
  void excludedCategoryNamingItsTagSetByNameFires() throws Exception {
    LabelValidation v =
        taskforce()
            .validate(label("TASKFORCE", "SECRET", handling("EYES ONLY"), releasableTo("AUS")));
    assertThat(v.valid()).isFalse();
    assertThat(v.reasons())
        .containsExactly(
            "value EYES ONLY of category Handling excludes value AUS of category"
                + " Releasable To");
    assertThat(
            taskforce()
                .validate(label("TASKFORCE", "SECRET", handling("LOCSEN"), releasableTo("AUS")))
                .valid())
        .isTrue();
  }

  @Test
  void tagSetRefNamingNoTagSetIsRefusedAtLoad() {
    assertThatThrownBy(
            () -> SecurityPolicy.load(LabelCodecTest.resource("spif-tagsetref-unknown.xml")))
        .isInstanceOf(LabelFormatException.class)
        .hasMessageContaining("tagSetRef Sharng names no securityCategoryTagSet");
  }

  @Test
  void policyLevelPrefixAndSuffixWrapTheMarking() throws Exception {
    assertThat(
            acme()
                .displayMarking(
                    label("ACME", "CONFIDENTIAL", releasableTo("BRAVO", "ALPHA")), "en"))
        .isEqualTo("[ACME CONFIDENTIAL REL TO ALPHA, BRAVO]");
  }

  @Test
  void policyLevelReplacePolicyNamesThePolicyInItsLanguage() throws Exception {
    assertThat(acme().displayMarking(label("ACME", "CONFIDENTIAL", releasableTo("ALPHA")), "fr-CA"))
        .isEqualTo("[ACME SA CONFIDENTIEL REL TO ALPHA]");
  }

  @Test
  void suppressClassNameOnAValueDropsTheClassification() throws Exception {
    SecurityCategory release =
        new SecurityCategory("Release", CategoryType.RESTRICTIVE, List.of("PUBLIC"));
    assertThat(acme().displayMarking(label("ACME", "UNCLASSIFIED", release), null))
        .isEqualTo("[ACME PUBLIC RELEASE]");
  }
}
