package org.quorate.core.quorum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Parsing and validation of SPEC §3 policies. */
class QuorumPolicyTest {

  static final String SPEC_EXAMPLE =
      "{\"name\":\"operational\",\"version\":2,\"votingRole\":\"approving-authority\","
          + "\"threshold\":{\"fraction\":\"2/3\",\"of\":\"members\"},"
          + "\"requireRoles\":[{\"role\":\"legal-advisor\",\"min\":1}],\"veto\":[\"USA\"],"
          + "\"byzantineF\":1,\"partial\":{\"minReachable\":\"3/4\",\"ratificationWindow\":\"PT72H\","
          + "\"onWindowClose\":\"adopt\",\"overturnOnDissent\":true},\"deadline\":\"PT24H\"}";

  static RosterSnapshot roster(int n, int legal) {
    List<RosterSnapshot.Member> ms = new ArrayList<>();
    List<String> ids =
        List.of("USA", "GBR", "FRA", "DEU", "POL", "ITA", "ESP", "NLD", "NOR", "DNK");
    for (int i = 0; i < n; i++) {
      ms.add(
          new RosterSnapshot.Member(
              ids.get(i),
              1,
              false,
              i < legal
                  ? Set.of("approving-authority", "legal-advisor")
                  : Set.of("approving-authority")));
    }
    return RosterSnapshot.of(0, ms);
  }

  @Test
  void parsesTheSpecExample() throws Exception {
    QuorumPolicy p = QuorumPolicy.fromJson(SPEC_EXAMPLE);
    assertThat(p.name()).isEqualTo("operational");
    assertThat(p.version()).isEqualTo(2);
    assertThat(p.threshold().fraction()).isEqualTo(new Fraction(2, 3));
    assertThat(p.threshold().basis()).isEqualTo(QuorumPolicy.Basis.MEMBERS);
    assertThat(p.requireRoles())
        .containsExactly(new QuorumPolicy.RoleRequirement("legal-advisor", 1));
    assertThat(p.veto()).containsExactly("USA");
    assertThat(p.byzantineF()).isEqualTo(1);
    assertThat(p.partial().minReachable()).isEqualTo(new Fraction(3, 4));
    assertThat(p.partial().ratificationWindow()).isEqualTo(Duration.ofHours(72));
    assertThat(p.partial().onWindowClose()).isEqualTo(QuorumPolicy.WindowClose.ADOPT);
    assertThat(p.partial().overturnOnDissent()).isTrue();
    assertThat(p.deadline()).isEqualTo(Duration.ofHours(24));
    assertThat(p.exceptActionSubject()).isFalse();
    assertThat(PolicyValidator.validate(p, roster(7, 1))).isEmpty();
  }

  @Test
  void parsesACountThreshold() throws Exception {
    QuorumPolicy p =
        QuorumPolicy.fromJson(
            "{\"name\":\"ops\",\"votingRole\":\"approving-authority\",\"threshold\":{\"count\":3},"
                + "\"deadline\":\"P2D\"}");
    assertThat(p.threshold()).isEqualTo(QuorumPolicy.Threshold.count(3));
    assertThat(p.version()).isEqualTo(1);
    assertThat(p.partial()).isNull();
    assertThat(p.deadline()).isEqualTo(Duration.ofDays(2));
  }

  @Test
  void refusesUnknownFieldsEverywhere() {
    assertThatThrownBy(
            () -> QuorumPolicy.fromJson(SPEC_EXAMPLE.replace("\"version\"", "\"versio\"")))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("unknown field \"versio\" in policy");
    assertThatThrownBy(
            () ->
                QuorumPolicy.fromJson(
                    SPEC_EXAMPLE.replace("\"of\":\"members\"", "\"of\":\"members\",\"x\":1")))
        .hasMessageContaining("unknown field \"x\" in threshold");
    assertThatThrownBy(
            () -> QuorumPolicy.fromJson(SPEC_EXAMPLE.replace("\"min\":1", "\"min\":1,\"max\":2")))
        .hasMessageContaining("unknown field \"max\" in requireRoles entry");
    assertThatThrownBy(
            () ->
                QuorumPolicy.fromJson(
                    SPEC_EXAMPLE.replace("\"overturnOnDissent\"", "\"overturn\"")))
        .hasMessageContaining("unknown field \"overturn\" in partial");
  }

  @Test
  void refusesBadValuesWithEveryReason() {
    String bad =
        SPEC_EXAMPLE
            .replace("\"2/3\"", "\"4/3\"")
            .replace("\"PT24H\"", "\"tomorrow\"")
            .replace("\"adopt\"", "\"maybe\"")
            .replace("\"byzantineF\":1", "\"byzantineF\":\"one\"");
    PolicyException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            PolicyException.class, () -> QuorumPolicy.fromJson(bad));
    assertThat(e.reasons())
        .anyMatch(r -> r.contains("fraction"))
        .anyMatch(r -> r.contains("deadline must be an ISO-8601 duration"))
        .anyMatch(r -> r.contains("onWindowClose"))
        .anyMatch(r -> r.contains("byzantineF must be an integer"));
    assertThatThrownBy(() -> QuorumPolicy.fromJson("[1]")).hasMessageContaining("JSON object");
    assertThatThrownBy(() -> QuorumPolicy.fromJson("{")).hasMessageContaining("not JSON");
    assertThatThrownBy(() -> QuorumPolicy.fromJson(SPEC_EXAMPLE.replace("\"2/3\"", "\"0/3\"")))
        .hasMessageContaining("fraction");
    assertThatThrownBy(() -> QuorumPolicy.fromJson(SPEC_EXAMPLE.replace("\"PT24H\"", "\"-PT1H\"")))
        .hasMessageContaining("positive");
  }

  @Test
  void refusesNBelow3fPlus1() throws Exception {
    QuorumPolicy p =
        QuorumPolicy.fromJson(SPEC_EXAMPLE.replace("\"byzantineF\":1", "\"byzantineF\":2"));
    assertThat(PolicyValidator.validate(p, roster(6, 1)))
        .anyMatch(r -> r.contains("below 3f+1 = 7"));
    assertThat(PolicyValidator.validate(p, roster(7, 1))).noneMatch(r -> r.contains("3f+1"));
  }

  @Test
  void refusesByzantineToleranceWithWeight() throws Exception {
    QuorumPolicy p = QuorumPolicy.fromJson(SPEC_EXAMPLE.replace("\"members\"", "\"weight\""));
    assertThat(PolicyValidator.validate(p, roster(7, 1)))
        .anyMatch(r -> r.contains("cannot be combined with a threshold of weight"));
  }

  @Test
  void refusesAMinReachableBelowTheByzantineFloor() throws Exception {
    // n = 7, f = 1: floor ⌈9/2⌉ = 5; 3/5 of 7 → 5 is fine, 1/2 of 7 → 4 is not.
    QuorumPolicy ok = QuorumPolicy.fromJson(SPEC_EXAMPLE.replace("\"3/4\"", "\"3/5\""));
    QuorumPolicy bad = QuorumPolicy.fromJson(SPEC_EXAMPLE.replace("\"3/4\"", "\"1/2\""));
    assertThat(PolicyValidator.validate(ok, roster(7, 1))).isEmpty();
    assertThat(PolicyValidator.validate(bad, roster(7, 1)))
        .anyMatch(r -> r.contains("below the byzantine floor"));
  }

  @Test
  void refusesUnknownRolesVetoHoldersAndUnreachableCounts() throws Exception {
    QuorumPolicy p =
        QuorumPolicy.fromJson(
            SPEC_EXAMPLE
                .replace(
                    "\"votingRole\":\"approving-authority\"", "\"votingRole\":\"intelligence\"")
                .replace("\"USA\"", "\"CAN\"")
                .replace("\"min\":1", "\"min\":2"));
    assertThat(PolicyValidator.validate(p, roster(7, 1)))
        .anyMatch(r -> r.contains("voting role intelligence"))
        .anyMatch(r -> r.contains("veto holder CAN"))
        .anyMatch(r -> r.contains("legal-advisor needs 2 members but 1 hold it"));
    QuorumPolicy count =
        QuorumPolicy.fromJson(
            "{\"name\":\"c\",\"votingRole\":\"approving-authority\",\"threshold\":{\"count\":5},\"deadline\":\"PT1H\"}");
    assertThat(PolicyValidator.validate(count, roster(4, 0)))
        .anyMatch(r -> r.contains("exceeds n = 4"));
    assertThatThrownBy(() -> PolicyValidator.requireValid(count, roster(4, 0)))
        .isInstanceOf(PolicyException.class);
  }

  @Test
  void fractionsRoundUpExactly() {
    assertThat(Fraction.parse("2/3").ceilOf(6)).isEqualTo(4);
    assertThat(Fraction.parse("2/3").ceilOf(7)).isEqualTo(5);
    assertThat(Fraction.parse("1/1").ceilOf(30)).isEqualTo(30);
    assertThat(Fraction.parse("3/4").ceilOf(0)).isZero();
    assertThatThrownBy(() -> Fraction.parse("2/3 ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fraction.parse("-1/3")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theBuiltInGovernancePolicyIsUnanimityWithoutTheSubject() {
    QuorumPolicy g = QuorumPolicy.governance();
    assertThat(g.name()).isEqualTo("governance");
    assertThat(g.threshold())
        .isEqualTo(QuorumPolicy.Threshold.fraction(Fraction.ONE, QuorumPolicy.Basis.MEMBERS));
    assertThat(g.exceptActionSubject()).isTrue();
    assertThat(PolicyValidator.validate(g, roster(4, 0))).isEmpty();
  }
}
