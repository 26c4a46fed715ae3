package org.quorate.core.federation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quorate.core.label.LabelPolicy;
import org.quorate.core.mission.Member;
import org.quorate.core.mission.Roster;
import org.quorate.core.testing.TestPki;

/** What goes to a peer node of a member (SPEC §4): authentic, in the epoch, releasable. */
class PeerFilterTest {
  private static final JsonMapper JSON = new JsonMapper();
  private static final TestPki.Credential CA = TestPki.rootCa("CN=POL Root,O=Poland,C=PL");
  private static final TestPki.Credential SIGNER =
      TestPki.signer(CA, "CN=POL Authority,O=Poland,C=PL");

  private static final Roster EPOCH =
      new Roster(
          0,
          List.of(
              new Member("POL", "Poland", 1, List.of(), List.of()),
              new Member("JPN", "Japan", 1, List.of(), List.of()),
              new Member("LTU", "Lithuania", 1, List.of(), List.of())));

  private static byte[] signed(String labelJson) {
    String content =
        "{\"v\":1,\"mission\":\"M\",\"member\":\"POL\",\"type\":\"contribution\""
            + (labelJson == null ? "" : ",\"label\":" + labelJson)
            + "}";
    return TestPki.sign(content.getBytes(StandardCharsets.UTF_8), SIGNER);
  }

  private static PeerFilter filter(String postureJson) throws Exception {
    JsonNode posture = postureJson == null ? null : JSON.readTree(postureJson);
    return new PeerFilter(EPOCH, posture, LabelPolicy.defaults());
  }

  private static final String NATO_ONLY =
      "{\"policy\":\"NATO\",\"classification\":\"RESTRICTED\",\"categories\":[{\"tagName\":"
          + "\"Releasable To\",\"type\":\"PERMISSIVE\",\"values\":[\"NATO\"]}]}";

  @Test
  void authenticOutcomesGoRejectedHeldAndDuplicateStay() throws Exception {
    PeerFilter f = filter(null);
    byte[] der = signed(null);
    for (String o : List.of("admitted", "evidence", "void")) {
      assertThat(f.forwards(o, der, "LTU")).as(o).isTrue();
    }
    for (String o : List.of("rejected", "held", "duplicate")) {
      assertThat(f.forwards(o, der, "LTU")).as(o).isFalse();
    }
  }

  @Test
  void aMemberOutsideTheCurrentEpochGetsNothing() throws Exception {
    PeerFilter f = filter(null);
    assertThat(f.memberOfCurrentEpoch("FRA")).isFalse();
    assertThat(f.forwards("admitted", signed(null), "FRA")).isFalse();
  }

  @Test
  void aLabelNotReleasableToThePeersMemberStaysLocal() throws Exception {
    PeerFilter f = filter(null);
    byte[] natoOnly = signed(NATO_ONLY);
    assertThat(f.forwards("admitted", natoOnly, "LTU")).isTrue();
    assertThat(f.forwards("admitted", natoOnly, "JPN")).isFalse();
  }

  @Test
  void anUnlabelledInputCarriesThePosture() throws Exception {
    assertThat(filter(NATO_ONLY).forwards("admitted", signed(null), "JPN")).isFalse();
    assertThat(filter(NATO_ONLY).forwards("admitted", signed(null), "POL")).isTrue();
  }

  @Test
  void releasabilityForADigestIgnoresEpochMembershipButNotTheLabel() throws Exception {
    PeerFilter f = filter(null);
    byte[] natoOnly = signed(NATO_ONLY);
    // FRA is no member of this epoch: nothing is forwarded to it, yet a NATO label is releasable
    // to it, so a state-digest?member=FRA counts the input (SPEC §4 Comparing nodes).
    assertThat(f.forwards("admitted", natoOnly, "FRA")).isFalse();
    assertThat(f.releasable(natoOnly, "FRA")).isTrue();
    assertThat(f.releasable(natoOnly, "JPN")).isFalse();
    assertThat(f.releasable(new byte[] {1, 2, 3}, "LTU")).as("fails closed").isFalse();
  }

  @Test
  void contentThatCannotBeReadIsNotForwarded() throws Exception {
    assertThat(filter(null).forwards("admitted", new byte[] {1, 2, 3}, "LTU")).isFalse();
  }
}
