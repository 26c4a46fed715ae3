package org.quorate.core.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quorate.core.label.TestLabels.nato;

import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SecurityPolicyTest {
  private static final SecurityPolicy NATO = SecurityPolicy.nato();

  @Test
  void shippedSpifIsTheCorporaFileUnchanged() throws Exception {
    SecurityPolicy corpora = SecurityPolicy.load(Corpora.labels().resolve("nato-4774-policy.xml"));
    assertThat(NATO.spifHash()).isEqualTo(corpora.spifHash()).startsWith("sha256:");
    assertThat(NATO.name()).isEqualTo("NATO");
    assertThat(NATO.oid()).isEqualTo("1.3.26.1.3.1");
    assertThat(NATO.classificationNames())
        .containsExactly("UNCLASSIFIED", "RESTRICTED", "CONFIDENTIAL", "SECRET", "TOP SECRET");
    assertThat(NATO.hierarchy("SECRET")).hasValue(4);
    assertThat(NATO.tagTypes("Releasable To")).containsExactly(CategoryType.PERMISSIVE);
    assertThat(NATO.tagTypes("Administrative")).containsExactly(CategoryType.INFORMATIVE);
    try (var in =
        SecurityPolicy.class.getResourceAsStream("/org/quorate/core/label/LICENSE.spiffing.MIT")) {
      assertThat(in.readAllBytes())
          .isEqualTo(Files.readAllBytes(Corpora.labels().resolve("LICENSE.spiffing.MIT")));
    }
  }

  static Stream<Arguments> invalidNatoLabels() {
    return Stream.of(
        Arguments.of(
            "unknown classification",
            nato("COSMIC"),
            "classification COSMIC is not defined by policy NATO"),
        Arguments.of(
            "unknown value",
            nato("SECRET | Releasable To:P:ATLANTIS"),
            "value ATLANTIS is not defined in category Releasable To"),
        Arguments.of(
            "unknown category",
            nato("SECRET | Eyes:P:GBR"),
            "category Eyes is not defined by policy NATO"),
        Arguments.of(
            "type mismatch",
            nato("SECRET | Releasable To:R:JPN"),
            "category Releasable To is [PERMISSIVE] in policy NATO, not RESTRICTIVE"),
        Arguments.of(
            "value excluded at classification",
            nato("TOP SECRET | Releasable To:P:JPN"),
            "value JPN of category Releasable To is excluded at classification TOP SECRET"),
        Arguments.of(
            "restrictive value excluded at classification",
            nato("RESTRICTED | Additional Sensitivity:R:ATOMAL"),
            "value ATOMAL of category Additional Sensitivity is excluded at classification"
                + " RESTRICTED"),
        Arguments.of(
            "obsolete value",
            nato("SECRET | Additional Sensitivity:R:SIOP ESI"),
            "value SIOP ESI of category Additional Sensitivity is obsolete"),
        Arguments.of(
            "other policy",
            new ConfidentialityLabel("UK", "SECRET", List.of()),
            "policy UK is not NATO (1.3.26.1.3.1)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidNatoLabels")
  void natoPolicyRefusesWithReason(String name, ConfidentialityLabel label, String reason) {
    LabelValidation v = NATO.validate(label);
    assertThat(v.valid()).isFalse();
    assertThat(v.reasons()).containsExactly(reason);
  }

  @Test
  void policyMayBeNamedByOid() {
    assertThat(NATO.validate(new ConfidentialityLabel("1.3.26.1.3.1", "SECRET", List.of())).valid())
        .isTrue();
  }

  @Test
  void topSecretIsMarkedCosmicAndFrenchMarkingsFallBackToDefaultPhrases() {
    ConfidentialityLabel ts = nato("TOP SECRET | Context:P:NATO");
    assertThat(NATO.validate(ts).valid()).isTrue();
    assertThat(NATO.displayMarking(ts, null)).isEqualTo("COSMIC TOP SECRET");
    assertThat(NATO.displayMarking(ts, "fr")).isEqualTo("NATO TRES SECRET");
    ConfidentialityLabel only = nato("CONFIDENTIAL | Context:P:KFOR | Only:P:NATO,IRL,SWE,UKR");
    assertThat(NATO.displayMarking(only, "fr"))
        .isEqualTo("NATO/KFOR CONFIDENTIEL Irlande, Suède, Ukraine, NATO SEULEMENT");
  }

  // ---- rules the NATO SPIF does not use, on a test SPIF

  static SecurityPolicy rules() throws Exception {
    return SecurityPolicy.load(LabelCodecTest.resource("rules-policy.xml"));
  }

  static ConfidentialityLabel ex(String cls, String handling, String caveat) {
    List<SecurityCategory> cats = new java.util.ArrayList<>();
    if (handling != null) {
      cats.add(
          new SecurityCategory("Handling", CategoryType.RESTRICTIVE, List.of(handling.split(","))));
    }
    if (caveat != null) {
      cats.add(new SecurityCategory("Caveat", CategoryType.PERMISSIVE, List.of(caveat.split(","))));
    }
    return new ConfidentialityLabel("EXERCISE", cls, cats);
  }

  static Stream<Arguments> ruleCases() {
    return Stream.of(
        Arguments.of("secret-with-one-handling", ex("SECRET", "BRAVO", null), List.of()),
        Arguments.of(
            "secret-without-handling",
            ex("SECRET", null, null),
            List.of(
                "classification SECRET requires onlyOne of [1.2.3.4.6.1/RESTRICTIVE/1,"
                    + " 1.2.3.4.6.1/RESTRICTIVE/2], the label has 0")),
        Arguments.of(
            "alpha-excludes-bravo",
            ex("INTERNAL", "ALPHA,BRAVO", null),
            List.of("value ALPHA of category Handling excludes value BRAVO of category Handling")),
        Arguments.of(
            "single-selection",
            ex("INTERNAL", "BRAVO", "EXERCISE ONLY,REAL WORLD"),
            List.of("category Caveat allows a single value, the label has 2")),
        Arguments.of(
            "value-requires-category",
            ex("INTERNAL", null, "EXERCISE ONLY"),
            List.of(
                "value EXERCISE ONLY of category Caveat requires all of"
                    + " [1.2.3.4.6.1/RESTRICTIVE/2], the label has 0")),
        Arguments.of("value-requirement-met", ex("INTERNAL", "BRAVO", "EXERCISE ONLY"), List.of()),
        Arguments.of(
            "obsolete",
            ex("INTERNAL", "CHARLIE", null),
            List.of("value CHARLIE of category Handling is obsolete")),
        Arguments.of(
            "excluded-class",
            ex("PUBLIC", null, "REAL WORLD"),
            List.of("value REAL WORLD of category Caveat is excluded at classification PUBLIC")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ruleCases")
  void testSpifRules(String name, ConfidentialityLabel label, List<String> reasons)
      throws Exception {
    LabelValidation v = rules().validate(label);
    assertThat(v.reasons()).containsExactlyElementsOf(reasons);
    assertThat(v.valid()).isEqualTo(reasons.isEmpty());
  }

  @Test
  void spifWithDuplicateExcludedClassIsRefused() {
    assertThatThrownBy(
            () -> SecurityPolicy.load(LabelCodecTest.resource("spif-duplicate-excluded-class.xml")))
        .isInstanceOf(LabelFormatException.class)
        .hasMessage("duplicate excluded classification LOW in category A");
  }

  @Test
  void spifWithDoctypeIsRefused() {
    assertThatThrownBy(
            () -> SecurityPolicy.load(LabelCodecTest.resource("spif-doctype-entity.xml")))
        .isInstanceOf(LabelFormatException.class)
        .hasMessageContaining("DOCTYPE");
  }

  @Test
  void registryFindsPoliciesByNameOidAndHash() throws Exception {
    SecurityPolicies reg = SecurityPolicies.defaults().plus(rules());
    assertThat(reg.forPolicy("EXERCISE")).contains(reg.all().get(1));
    assertThat(reg.forPolicy("urn:oid:1.3.26.1.3.1")).contains(SecurityPolicy.nato());
    assertThat(reg.bySpifHash(rules().spifHash()).map(SecurityPolicy::name)).contains("EXERCISE");
    assertThat(reg.plus(rules()).all()).hasSize(2);
    assertThat(reg.forPolicy("UK")).isEmpty();
  }
}
