package org.quorate.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quorate.core.quorum.QuorumStatus;
import org.quorate.core.testing.TestPki;
import org.quorate.core.testing.TestPki.Credential;

/** A credential revoked by a CRL delivered after its vote: the vote is void, in the log twice. */
class RevocationBundleTest {
  @Test
  void aVoteVoidedByALaterCrlIsReconstructedAsVoidWithItsRevocation() {
    AuditScenario s =
        new AuditScenario(
            List.of("POL", "LTU", "LVA", "DEU"),
            List.of(AuditScenario.VOTING),
            AuditScenario.policy(AuditScenario.VOTING, "2/3", null));
    s.endorseAll(1);
    String p = s.propose("POL", "Close the southern gap", 10);
    s.attest("POL", AuditScenario.VOTING, "concur", null, null, p, 11);
    String dissent = s.attest("DEU", AuditScenario.VOTING, "dissent", "No.", null, p, 12);
    s.attest("LTU", AuditScenario.VOTING, "concur", null, null, p, 13);
    // A second DEU credential (same subject, so the same grant) later found compromised.
    Credential stolen =
        TestPki.signer(
            s.cas.get("DEU"),
            "CN=DEU Authority,O=DEU,C=XX",
            s.t0.minus(1, ChronoUnit.DAYS),
            s.t0.plus(30, ChronoUnit.DAYS));
    byte[] voided =
        s.submit(
            stolen,
            "DEU",
            "attestation",
            AuditScenario.attestationBody(AuditScenario.VOTING, "concur", null, dissent, p),
            s.t0.plus(17, ChronoUnit.MINUTES));
    byte[] crl =
        TestPki.crl(s.cas.get("DEU"), stolen.certificate(), s.t0.plus(16, ChronoUnit.MINUTES));
    s.submit(
        s.officials.get("DEU"),
        "DEU",
        "crl",
        "{\"crl\":\"" + Base64.getEncoder().encodeToString(crl) + "\"}",
        s.t0.plus(18, ChronoUnit.MINUTES));
    s.attest("LVA", AuditScenario.VOTING, "concur", null, null, p, 19);
    String decision = s.decide(p, s.t0.plus(20, ChronoUnit.MINUTES));

    AuditBundle b = AuditScenario.roundTrip(s.bundle(p));
    VerificationReport r = new BundleVerifier(VerifyOptions.trustBundleAnchors()).verify(b);

    assertThat(r.failures()).isEmpty();
    assertThat(b.crls()).containsOnlyKeys("crls/1.crl");
    Map<String, ReconstructedEvent> byId =
        r.reconstruction().events().stream()
            .collect(java.util.stream.Collectors.toMap(ReconstructedEvent::eventId, e -> e));
    ReconstructedEvent v = byId.get(AuditScenario.id(voided));
    assertThat(v.outcome()).isEqualTo("void");
    assertThat(v.reasonCode()).isEqualTo("revoked");
    assertThat(v.logIndexes()).hasSize(2);
    assertThat(v.lineage().revocation()).startsWith("revoked: ");
    assertThat(v.lineage().pathSubjects()).endsWith("CN=DEU Root CA,O=DEU,C=XX");
    // The void vote counts for nobody: DEU's dissent stands; adopted by POL, LTU, LVA.
    assertThat(r.reconstruction().finalState().status()).isEqualTo(QuorumStatus.ADOPTED);
    assertThat(r.reconstruction().finalState().counts().dissent()).isEqualTo(1);
    assertThat(r.reconstruction().decisionId()).isEqualTo(decision);
    // The timeline is in the order of each input's deciding record: the void after the CRL.
    List<String> order =
        r.reconstruction().events().stream().map(ReconstructedEvent::type).toList();
    assertThat(order.indexOf("crl")).isLessThan(order.lastIndexOf("attestation"));

    // Claiming the void vote admitted in the log is caught: its last record now says 1.
    Map<String, byte[]> f = Tamper.files(b);
    var proofs = Tamper.json(f, AuditBundle.PROOFS);
    for (var rec : proofs.get("records")) {
      if (rec.get("index").asLong() == v.logIndexes().get(1)) {
        String e = rec.get("entry").asText();
        ((com.fasterxml.jackson.databind.node.ObjectNode) rec)
            .put("entry", e.substring(0, e.length() - 2) + "01");
      }
    }
    f.put(AuditBundle.PROOFS, Tamper.bytes(proofs));
    VerificationReport r2 =
        new BundleVerifier(VerifyOptions.trustBundleAnchors()).verify(Tamper.remanifested(f));
    assertThat(r2.failures())
        .extracting(c -> c.check() + "/" + c.reasonCode())
        .contains("inclusion/inclusion-failed");
  }
}
