package org.quorate.core.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quorate.core.label.TestLabels.nato;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quorate.core.reason.ReasonCode;

/** Posture admission, releasability and the composite rule of SPEC §6 under the NATO defaults. */
class LabelPolicyTest {
  private static final LabelPolicy LP = LabelPolicy.defaults();

  @Test
  void defaultGroupTableIsTheAllianceOf32() {
    GroupTable g = GroupTable.natoDefault();
    assertThat(g.groupIds()).containsExactly("NATO");
    assertThat(g.members("NATO"))
        .hasSize(32)
        .contains("POL", "FRA", "USA", "TUR", "FIN", "SWE", "MKD", "BGR")
        .doesNotContain("UKR", "JPN", "CHE", "IRL", "NATO");
    assertThat(g.covers("NATO", "NATO")).isTrue();
    assertThat(g.covers("NATO", "POL")).isTrue();
    assertThat(g.covers("JPN", "JPN")).isTrue();
    assertThat(g.covers("NATO", "JPN")).isFalse();
  }

  /** members are '/'-separated; failed is the member named by the refusal, or empty. */
  @ParameterizedTest(name = "{0} to {1}")
  @CsvSource(
      delimiter = ';',
      textBlock =
          """
          RESTRICTED | Releasable To:P:NATO,JPN,CHE,UKR; POL/FRA/JPN/UKR; ''
          RESTRICTED | Releasable To:P:NATO,JPN,CHE,UKR; POL/AUS; AUS
          RESTRICTED | Releasable To:P:NATO,JPN,CHE,UKR; NATO/CHE; ''
          RESTRICTED | Releasable To:P:JPN,CHE; POL; POL
          CONFIDENTIAL | Context:P:KFOR | Only:P:NATO,IRL,SWE,UKR; DEU/IRL/UKR; ''
          CONFIDENTIAL | Context:P:KFOR | Only:P:NATO,IRL,SWE,UKR; DEU/AUT; AUT
          CONFIDENTIAL | Only:P:IRL | Releasable To:P:NATO,IRL; IRL/POL; POL
          SECRET | Additional Sensitivity:R:ATOMAL; POL/JPN/UKR/ISAF; ''
          UNCLASSIFIED | Context:P:NATO; AUS/JPN; ''
          UNCLASSIFIED | Releasable To:P:NATO,ISAF,KFOR,RESOLUTE SUPPORT; ISAF/POL; ''
          UNCLASSIFIED | Releasable To:P:NATO,ISAF,KFOR,RESOLUTE SUPPORT; AFG; AFG
          RESTRICTED | Releasable To:P:BLG; BGR; BGR
          """)
  void releasabilityTable(String label, String members, String failed) {
    PostureDecision d = LP.releasable(nato(label), List.of(members.split("/")));
    if (failed.isEmpty()) {
      assertThat(d).isEqualTo(PostureDecision.admit());
    } else {
      assertThat(d.admitted()).isFalse();
      assertThat(d.reason()).isEqualTo(ReasonCode.NOT_RELEASABLE);
      assertThat(d.failed()).isEqualTo(failed);
      assertThat(d.sentence()).startsWith("member " + failed + " is not covered by category ");
    }
  }

  @Test
  void groupTableFromGenesisReplacesTheDefault() throws Exception {
    var node =
        new ObjectMapper()
            .readTree("{\"groups\":{\"NATO\":[\"POL\",\"FRA\"],\"KFOR\":[\"AUT\",\"CHE\"]}}");
    LabelPolicy lp = LabelPolicy.fromGenesis(node, SecurityPolicies.defaults());
    ConfidentialityLabel l = nato("RESTRICTED | Releasable To:P:NATO,KFOR");
    assertThat(lp.releasable(l, List.of("POL", "CHE")).admitted()).isTrue();
    assertThat(lp.releasable(l, List.of("DEU")).failed()).isEqualTo("DEU");
    assertThat(LP.releasable(l, List.of("DEU")).admitted()).isTrue();
    assertThat(lp.spif()).isSameAs(SecurityPolicy.nato());
  }

  @Test
  void genesisNamingAnUnloadedSpifIsRefused() throws Exception {
    var node = new ObjectMapper().readTree("{\"spif\":\"sha256:00\"}");
    assertThatThrownBy(() -> LabelPolicy.fromGenesis(node, SecurityPolicies.defaults()))
        .isInstanceOf(LabelFormatException.class)
        .hasMessage("SPIF sha256:00 is not loaded");
    var spifByHash =
        new ObjectMapper().readTree("{\"spif\":\"" + SecurityPolicy.nato().spifHash() + "\"}");
    assertThat(LabelPolicy.fromGenesis(spifByHash, SecurityPolicies.defaults()).spif())
        .isSameAs(SecurityPolicy.nato());
    assertThat(LabelPolicy.fromGenesis(null, SecurityPolicies.defaults()).groups())
        .isSameAs(GroupTable.natoDefault());
  }

  private static final String POSTURE =
      "SECRET | Context:P:NATO,Releasable | Releasable To:P:NATO,JPN"
          + " | Only:P:NATO | Additional Sensitivity:R:CRYPTO";

  /** failed is what the refusal names, or empty when admitted. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      textBlock =
          """
          SECRET | Releasable To:P:NATO,JPN,CHE; ''
          CONFIDENTIAL | Context:P:NATO | Only:P:NATO,SWE; ''
          SECRET | Additional Sensitivity:R:CRYPTO; ''
          UNCLASSIFIED | Administrative:I:STAFF; ''
          TOP SECRET; TOP SECRET
          SECRET | Additional Sensitivity:R:ATOMAL; Additional Sensitivity ATOMAL
          SECRET | Additional Sensitivity:R:CRYPTO,ATOMAL; Additional Sensitivity ATOMAL
          RESTRICTED | Releasable To:P:CHE,UKR; Releasable To
          CONFIDENTIAL | Context:P:KFOR; Context
          SECRET | Only:P:SWE; Only
          RESTRICTED | Releasable To:P:ATLANTIS; label
          """)
  void postureTable(String label, String failed) {
    PostureDecision d = LP.admits(nato(POSTURE), nato(label));
    if (failed.isEmpty()) {
      assertThat(d).isEqualTo(PostureDecision.admit());
    } else {
      assertThat(d.reason()).isEqualTo(ReasonCode.ABOVE_POSTURE);
      assertThat(d.failed()).isEqualTo(failed);
      assertThat(d.sentence()).contains(failed.equals("label") ? "ATLANTIS" : failed.split(" ")[0]);
    }
  }

  @Test
  void noPostureSetsNoCeilingButTheLabelMustBeValid() {
    assertThat(LP.admits(null, nato("TOP SECRET")).admitted()).isTrue();
    assertThat(LP.admits(null, nato("TOP SECRET | Releasable To:P:JPN")).failed())
        .isEqualTo("label");
  }

  @Test
  void postureOfAnotherPolicyAdmitsNothing() {
    PostureDecision d =
        LP.admits(new ConfidentialityLabel("UK", "SECRET", List.of()), nato("RESTRICTED"));
    assertThat(d.failed()).isEqualTo("policy");
    assertThat(d.sentence()).isEqualTo("the posture is of policy UK, not NATO");
  }

  @Test
  void eventAdmissionChecksPostureThenReleasability() {
    List<String> members = List.of("POL", "FRA", "JPN");
    assertThat(LP.admissible(nato("RESTRICTED | Releasable To:P:NATO,JPN"), nato(POSTURE), members))
        .isEqualTo(PostureDecision.admit());
    PostureDecision notReleasable =
        LP.admissible(nato("RESTRICTED | Releasable To:P:NATO"), nato(POSTURE), members);
    assertThat(notReleasable.reason()).isEqualTo(ReasonCode.NOT_RELEASABLE);
    assertThat(notReleasable.failed()).isEqualTo("JPN");
    PostureDecision above =
        LP.admissible(nato("TOP SECRET | Releasable To:P:NATO"), nato(POSTURE), members);
    assertThat(above.reason()).isEqualTo(ReasonCode.ABOVE_POSTURE);
  }

  @Test
  void crossMissionReferenceMustMeetTheReceivingMissionsRules() {
    ConfidentialityLabel ref = nato("CONFIDENTIAL | Context:P:NATO | Releasable To:P:NATO,JPN");
    ConfidentialityLabel receivingPosture =
        nato("RESTRICTED | Context:P:NATO | Releasable To:P:NATO");
    ConfidentialityLabel highPosture = nato(POSTURE);

    PostureDecision above = LP.referenceAdmissible(ref, receivingPosture, List.of("POL"));
    assertThat(above.reason()).isEqualTo(ReasonCode.REFERENCE_NOT_ADMISSIBLE);
    assertThat(above.failed()).isEqualTo("CONFIDENTIAL");
    assertThat(above.sentence())
        .isEqualTo("referenced event: classification CONFIDENTIAL is above the posture RESTRICTED");

    PostureDecision notReleasable =
        LP.referenceAdmissible(ref, highPosture, List.of("POL", "JPN", "CHE"));
    assertThat(notReleasable.reason()).isEqualTo(ReasonCode.REFERENCE_NOT_ADMISSIBLE);
    assertThat(notReleasable.failed()).isEqualTo("CHE");

    assertThat(LP.referenceAdmissible(ref, highPosture, List.of("POL", "JPN", "NATO")))
        .isEqualTo(PostureDecision.admit());
  }

  @Test
  void releasabilityTagsAreConfigurable() {
    LabelPolicy onlyRelTo =
        new LabelPolicy(
            SecurityPolicy.nato(), GroupTable.of(Map.of()), java.util.Set.of("Releasable To"));
    ConfidentialityLabel l = nato("CONFIDENTIAL | Only:P:IRL | Releasable To:P:NATO,IRL");
    assertThat(onlyRelTo.releasable(l, List.of("NATO", "IRL")).admitted()).isTrue();
    assertThat(onlyRelTo.releasable(l, List.of("POL")).failed()).isEqualTo("POL");
  }
}
