package org.quorate.core.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quorate.core.admission.LedgerFixture.T0;
import static org.quorate.core.admission.LedgerFixture.contribution;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.junit.jupiter.api.Test;
import org.quorate.core.cms.SignedDataVerifier;
import org.quorate.core.mission.Genesis;
import org.quorate.core.mission.GenesisParser;
import org.quorate.core.pki.CertificationPathValidator;
import org.quorate.core.reason.AdmissionException;
import org.quorate.core.reason.ReasonCode;
import org.quorate.core.testing.TestPki;
import org.quorate.core.testing.TestPki.Credential;

/**
 * Admission stage 5 with trust anchors that constrain their paths (RFC 5937, SPEC §2): the anchor's
 * validity at {@code issued} and its name constraints decide the outcome's reason code. Roots and
 * credentials made with Bouncy Castle at test time.
 */
class AdmissionTrustAnchorConstraintsTest {
  private static final JsonMapper JSON = new JsonMapper();
  private static final String AUTHORITY = "CN=POL Approving Authority,O=Poland,C=PL";

  private final Admission admission =
      new Admission(
          new SignedDataVerifier(), new CertificationPathValidator(), Duration.ofMinutes(5));

  @Test
  void eventIssuedAfterTheNationalRootExpiredIsRejectedExpired() throws Exception {
    // POL's root expired 30 minutes after T0; the credential itself is valid for a year.
    Credential root = root(T0.minus(700, ChronoUnit.DAYS), T0.plus(30, ChronoUnit.MINUTES), null);
    Credential official =
        TestPki.signer(
            root, AUTHORITY, T0.minus(1, ChronoUnit.DAYS), T0.plus(365, ChronoUnit.DAYS));
    InMemoryMissionFacts facts = new InMemoryMissionFacts(genesis(root));

    Judgement before = judge(official, facts, 1, 10);
    assertThat(before.outcome()).as(before.reason()).isEqualTo(Outcome.ADMITTED);
    Credential colleague =
        TestPki.signer(
            root, AUTHORITY, T0.minus(1, ChronoUnit.DAYS), T0.plus(365, ChronoUnit.DAYS));
    Judgement after = judge(colleague, facts, 1, 40);
    assertThat(after.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(after.reasonCode()).as(after.reason()).isEqualTo(ReasonCode.EXPIRED);
    assertThat(after.reason()).contains("trust anchor");
  }

  @Test
  void credentialExcludedByTheRootsNameConstraintsIsRejectedPathInvalid() throws Exception {
    NameConstraints onlyMinistry =
        new NameConstraints(
            new GeneralSubtree[] {
              new GeneralSubtree(new GeneralName(new X500Name("C=PL,O=Ministry of Defence")))
            },
            null);
    Credential root =
        root(T0.minus(700, ChronoUnit.DAYS), T0.plus(700, ChronoUnit.DAYS), onlyMinistry);
    Credential outside =
        TestPki.signer(
            root, AUTHORITY, T0.minus(1, ChronoUnit.DAYS), T0.plus(365, ChronoUnit.DAYS));
    Judgement j = judge(outside, new InMemoryMissionFacts(genesis(root)), 1, 10);
    assertThat(j.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(j.reasonCode()).as(j.reason()).isEqualTo(ReasonCode.PATH_INVALID);
    assertThat(j.reason()).contains("name constraints");
  }

  private Judgement judge(Credential signer, InMemoryMissionFacts facts, long seq, int minutes)
      throws AdmissionException {
    byte[] der = TestPki.sign(contribution(signer, "POL", seq, null, "t" + seq, minutes), signer);
    DecodedContribution d = admission.decode(der);
    Judgement j = admission.judge(d, facts, Instant.now());
    facts.record(d.event(), j.outcome());
    return j;
  }

  private static Genesis genesis(Credential root) throws Exception {
    ObjectNode g = JSON.createObjectNode();
    g.put("v", 1).put("type", "genesis").put("mission", LedgerFixture.MISSION).put("name", "B");
    ObjectNode m = g.putArray("members").addObject();
    m.put("id", "POL").put("name", "Poland").put("weight", 1);
    m.putArray("trustAnchors").add(root.pem());
    ObjectNode grant = m.putArray("grants").addObject();
    grant.put("subject", AUTHORITY);
    grant.putArray("roles").add("approving-authority");
    g.putArray("policies");
    return new GenesisParser().parse(JSON.writeValueAsBytes(g));
  }

  private static Credential root(Instant notBefore, Instant notAfter, NameConstraints constraints) {
    return TestPki.ca(null, "CN=POL Root CA,O=Poland,C=PL", notBefore, notAfter, constraints);
  }
}
