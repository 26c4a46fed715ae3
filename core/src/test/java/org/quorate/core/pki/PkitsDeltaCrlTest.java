package org.quorate.core.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.quorate.core.reason.PathValidationException;
import org.quorate.core.reason.ReasonCode;

/**
 * NIST PKITS §4.15 (delta-CRLs), from the certificates and CRLs of {@code shared/corpora/pkits}
 * used as they are. {@code pkits.json} has no rows for §4.15, so the expected outcomes are written
 * here from PKITS §4.15 (2011): in the strict mode (RFC 5280 §6.3 with delta CRLs), and under the
 * Quorate evidence rule (SPEC §2 stage 5), where a certificateHold voids only while in force and
 * neither a missing base nor a stale CRL is an error.
 */
class PkitsDeltaCrlTest {
  private static final Instant AT = Instant.parse("2022-05-01T00:00:00Z");

  private enum Want {
    VALID,
    REVOKED,
    INVALID
  }

  private record Case(
      String id, String endEntity, String ca, List<String> crls, Want strict, Want evidence) {}

  private static final List<String> CA1 = List.of("deltaCRLCA1CRL.crl", "deltaCRLCA1deltaCRL.crl");
  private static final List<String> CA2 = List.of("deltaCRLCA2CRL.crl", "deltaCRLCA2deltaCRL.crl");
  private static final List<String> CA3 = List.of("deltaCRLCA3CRL.crl", "deltaCRLCA3deltaCRL.crl");

  private static final List<Case> CASES =
      List.of(
          new Case(
              "4.15.1 Invalid deltaCRLIndicator No Base Test1",
              "InvaliddeltaCRLIndicatorNoBaseTest1EE.crt",
              "deltaCRLIndicatorNoBaseCACert.crt",
              List.of("deltaCRLIndicatorNoBaseCACRL.crl"),
              Want.INVALID,
              Want.VALID),
          new Case(
              "4.15.2 Valid delta-CRL Test2",
              "ValiddeltaCRLTest2EE.crt",
              "deltaCRLCA1Cert.crt",
              CA1,
              Want.VALID,
              Want.VALID),
          new Case(
              "4.15.3 Invalid delta-CRL Test3 (revoked on the complete CRL)",
              "InvaliddeltaCRLTest3EE.crt",
              "deltaCRLCA1Cert.crt",
              CA1,
              Want.REVOKED,
              Want.REVOKED),
          new Case(
              "4.15.4 Invalid delta-CRL Test4 (revoked on the delta CRL only)",
              "InvaliddeltaCRLTest4EE.crt",
              "deltaCRLCA1Cert.crt",
              CA1,
              Want.REVOKED,
              Want.REVOKED),
          new Case(
              "4.15.5 Valid delta-CRL Test5 (hold on the complete CRL, removeFromCRL on the delta)",
              "ValiddeltaCRLTest5EE.crt",
              "deltaCRLCA1Cert.crt",
              CA1,
              Want.VALID,
              Want.VALID),
          new Case(
              "4.15.6 Invalid delta-CRL Test6 (hold on the complete CRL, keyCompromise on the delta)",
              "InvaliddeltaCRLTest6EE.crt",
              "deltaCRLCA1Cert.crt",
              CA1,
              Want.REVOKED,
              Want.REVOKED),
          new Case(
              "4.15.7 Valid delta-CRL Test7 (removeFromCRL of a certificate not on the base)",
              "ValiddeltaCRLTest7EE.crt",
              "deltaCRLCA1Cert.crt",
              CA1,
              Want.VALID,
              Want.VALID),
          new Case(
              "4.15.8 Valid delta-CRL Test8",
              "ValiddeltaCRLTest8EE.crt",
              "deltaCRLCA2Cert.crt",
              CA2,
              Want.VALID,
              Want.VALID),
          new Case(
              "4.15.9 Invalid delta-CRL Test9",
              "InvaliddeltaCRLTest9EE.crt",
              "deltaCRLCA2Cert.crt",
              CA2,
              Want.REVOKED,
              Want.REVOKED),
          new Case(
              "4.15.10 Invalid delta-CRL Test10 (stale complete CRL)",
              "InvaliddeltaCRLTest10EE.crt",
              "deltaCRLCA3Cert.crt",
              CA3,
              Want.INVALID,
              Want.VALID));

  private final CertificationPathValidator validator = new CertificationPathValidator();

  @TestFactory
  Stream<DynamicTest> strict() {
    return CASES.stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.id() + " strict", () -> run(c, PathOptions.strict(), AT, c.strict())));
  }

  @TestFactory
  Stream<DynamicTest> evidence() {
    return CASES.stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.id() + " evidence", () -> run(c, evidenceOptions(), AT, c.evidence())));
  }

  /**
   * Test5's certificate was on hold from 2010-01-01 (complete CRL) until the delta CRL of
   * 2011-01-01 listed it removeFromCRL: an event issued in between is void, one issued after is
   * not.
   */
  @Test
  void pkitsHoldReleasedByDeltaVoidsOnlyWhileInForce() throws Exception {
    Case test5 = CASES.get(4);
    run(test5, evidenceOptions(), Instant.parse("2010-06-01T00:00:00Z"), Want.REVOKED);
    run(test5, evidenceOptions(), Instant.parse("2011-01-01T08:30:00Z"), Want.VALID);
  }

  private static PathOptions evidenceOptions() {
    return new PathOptions(
        PathOptions.RevocationMode.EVIDENCE, java.util.Set.of(), false, false, false, false);
  }

  private void run(Case c, PathOptions options, Instant at, Want want) throws Exception {
    X509Certificate endEntity = PkitsFiles.certificate(c.endEntity());
    List<X509Certificate> intermediates = List.of(PkitsFiles.certificate(c.ca()));
    List<X509CRL> crls = new ArrayList<>();
    crls.add(PkitsFiles.crl("TrustAnchorRootCRL.crl"));
    for (String name : c.crls()) {
      crls.add(PkitsFiles.crl(name));
    }
    List<X509Certificate> anchors =
        List.of(PkitsFiles.certificate("TrustAnchorRootCertificate.crt"));
    if (want == Want.VALID) {
      validator.validate(endEntity, intermediates, anchors, crls, at, options);
      return;
    }
    assertThatThrownBy(
            () -> validator.validate(endEntity, intermediates, anchors, crls, at, options))
        .isInstanceOfSatisfying(
            PathValidationException.class,
            e -> {
              if (want == Want.REVOKED) {
                assertThat(e.reasonCode()).as(e.getMessage()).isEqualTo(ReasonCode.REVOKED);
              } else {
                assertThat(e.reasonCode()).as(e.getMessage()).isNotEqualTo(ReasonCode.REVOKED);
              }
            });
  }
}
