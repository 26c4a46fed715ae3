package org.quorate.core.label;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Dominance is a preorder and agrees with posture admission (SPEC §6): when {@code a} dominates
 * {@code b}, every posture admitting {@code a} admits a valid {@code b}.
 */
class DominancePropertyTest {
  private static final SecurityPolicy NATO = SecurityPolicy.nato();
  private static final LabelPolicy LP = new LabelPolicy(NATO, GroupTable.natoDefault());

  @Property(tries = 500)
  void dominanceIsReflexive(@ForAll("labels") ConfidentialityLabel a) {
    assertThat(NATO.dominates(a, a)).isTrue();
  }

  @Property(tries = 500)
  void dominanceIsTransitive(
      @ForAll("labels") ConfidentialityLabel a,
      @ForAll("labels") ConfidentialityLabel b,
      @ForAll("labels") ConfidentialityLabel c) {
    boolean premise = NATO.dominates(a, b) && NATO.dominates(b, c);
    Statistics.label("premise holds").collect(premise);
    if (premise) {
      assertThat(NATO.dominates(a, c)).isTrue();
    }
  }

  /**
   * Builds the dominated label {@code b} from {@code a} (a classification no higher, a subset of
   * its restrictive values, supersets of its permissive values) and a posture above {@code a}, so
   * the premise always holds and the property is never vacuous.
   */
  @Property(tries = 1000)
  void aPostureAdmittingTheDominatingLabelAdmitsTheDominatedOne(
      @ForAll("labels") ConfidentialityLabel a,
      @ForAll("labels") ConfidentialityLabel extra,
      @ForAll boolean lower) {
    String bClass =
        lower && a.classification().equals("SECRET") ? "CONFIDENTIAL" : a.classification();
    List<SecurityCategory> bCats = new ArrayList<>();
    List<SecurityCategory> pCats = new ArrayList<>();
    for (SecurityCategory c : a.categories()) {
      if (c.type() == CategoryType.RESTRICTIVE) {
        if (c.values().size() > 1) {
          bCats.add(
              new SecurityCategory(
                  c.tagName(), c.type(), c.values().subList(1, c.values().size())));
        }
        pCats.add(c);
      } else {
        List<String> wider = new ArrayList<>(c.values());
        extra
            .category(c.tagName(), c.type())
            .ifPresent(
                e -> e.values().stream().filter(v -> !wider.contains(v)).forEach(wider::add));
        bCats.add(new SecurityCategory(c.tagName(), c.type(), wider));
        pCats.add(new SecurityCategory(c.tagName(), c.type(), List.of(c.values().get(0))));
      }
    }
    ConfidentialityLabel b = new ConfidentialityLabel("NATO", bClass, bCats);
    ConfidentialityLabel posture = new ConfidentialityLabel("NATO", "SECRET", pCats);
    assertThat(NATO.validate(a).valid()).as("%s", NATO.validate(a).reasons()).isTrue();
    assertThat(NATO.validate(b).valid()).as("%s", NATO.validate(b).reasons()).isTrue();
    assertThat(NATO.dominates(a, b)).isTrue();
    assertThat(LP.admits(posture, a).admitted()).isTrue();
    assertThat(LP.admits(posture, b)).isEqualTo(PostureDecision.admit());
  }

  @Provide
  Arbitrary<ConfidentialityLabel> labels() {
    Arbitrary<String> cls = Arbitraries.of("CONFIDENTIAL", "SECRET");
    Arbitrary<List<String>> restrictive =
        Arbitraries.of("ATOMAL", "CRYPTO", "SIOP").list().uniqueElements().ofMaxSize(3);
    Arbitrary<List<String>> relTo =
        Arbitraries.of("NATO", "JPN", "CHE", "UKR", "SWE").list().uniqueElements().ofMaxSize(3);
    Arbitrary<List<String>> only =
        Arbitraries.of("NATO", "IRL", "SWE").list().uniqueElements().ofMaxSize(2);
    return Combinators.combine(cls, restrictive, relTo, only)
        .as(
            (c, r, p, o) -> {
              List<SecurityCategory> cats = new ArrayList<>();
              if (!r.isEmpty()) {
                cats.add(
                    new SecurityCategory("Additional Sensitivity", CategoryType.RESTRICTIVE, r));
              }
              if (!p.isEmpty()) {
                cats.add(new SecurityCategory("Releasable To", CategoryType.PERMISSIVE, p));
              }
              if (!o.isEmpty()) {
                cats.add(new SecurityCategory("Only", CategoryType.PERMISSIVE, o));
              }
              return new ConfidentialityLabel("NATO", c, cats);
            });
  }
}
