package org.quorate.core.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.quorate.core.reason.PathValidationException;
import org.quorate.core.reason.ReasonCode;

/**
 * {@link CertificationPathValidator} in {@link PathOptions.RevocationMode#STRICT_RFC5280} against
 * every case of NIST PKITS in {@code shared/corpora/pkits/pkits.json} (pyhanko-certvalidator's
 * table: sections 4.1–4.7, 4.13, 4.14): trust anchor {@code TrustAnchorRootCertificate.crt} with
 * {@code TrustAnchorRootCRL.crl}, validation time 2022-05-01T00:00:00Z. A case without {@code
 * error} must validate with a path of {@code path_len} certificates (anchor included); a case with
 * {@code error} must be rejected, with {@link ReasonCode#REVOKED} exactly when {@code error.class}
 * is {@code RevokedError}. Cases marked {@code "revocation": false} run in strict mode too (their
 * CRLs are supplied and current). PKITS 4.14.31 (indirect CRL, critical certificateIssuer entry) is
 * found revoked by {@link CertificationPathValidator}'s own indirect-CRL look-up, which Bouncy
 * Castle's PKIX run does not do (it reports no CRL found).
 */
class PkitsTest {
  private static final Instant AT = Instant.parse("2022-05-01T00:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CertificationPathValidator validator = new CertificationPathValidator();

  @TestFactory
  Stream<DynamicTest> pkits() throws IOException {
    JsonNode cases = JSON.readTree(PkitsFiles.root().resolve("pkits.json").toFile());
    List<DynamicTest> tests = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (JsonNode c : cases) {
      String name =
          c.get("id").asText() + " " + c.get("name").asText() + " params=" + c.path("params");
      assertThat(names.add(name)).as("unique case " + name).isTrue();
      tests.add(DynamicTest.dynamicTest(name, () -> run(c)));
    }
    assertThat(tests).hasSize(149);
    return tests.stream();
  }

  private void run(JsonNode c) throws Exception {
    X509Certificate endEntity = PkitsFiles.certificate(c.get("cert").asText());
    List<X509Certificate> intermediates = new ArrayList<>();
    for (JsonNode other : c.path("other_certs")) {
      intermediates.add(PkitsFiles.certificate(other.asText()));
    }
    List<X509CRL> crls = new ArrayList<>();
    crls.add(PkitsFiles.crl("TrustAnchorRootCRL.crl"));
    for (JsonNode crl : c.path("crls")) {
      crls.add(PkitsFiles.crl(crl.asText()));
    }
    List<X509Certificate> anchors =
        List.of(PkitsFiles.certificate("TrustAnchorRootCertificate.crt"));
    PathOptions options = options(c.path("params"));

    JsonNode error = c.get("error");
    if (error == null) {
      ValidatedPath path = validator.validate(endEntity, intermediates, anchors, crls, AT, options);
      assertThat(path.certificates().size() + 1).isEqualTo(c.get("path_len").asInt());
      assertThat(path.trustAnchor()).isEqualTo(anchors.get(0));
      assertThat(path.endEntity()).isEqualTo(endEntity);
    } else {
      boolean revoked = "RevokedError".equals(error.get("class").asText());
      assertThatThrownBy(
              () -> validator.validate(endEntity, intermediates, anchors, crls, AT, options))
          .isInstanceOf(PathValidationException.class)
          .satisfies(
              e -> {
                ReasonCode code = ((PathValidationException) e).reasonCode();
                if (revoked) {
                  assertThat(code).as(e.getMessage()).isEqualTo(ReasonCode.REVOKED);
                } else {
                  assertThat(code).as(e.getMessage()).isNotEqualTo(ReasonCode.REVOKED);
                }
              });
    }
  }

  private static PathOptions options(JsonNode params) {
    Set<String> policies = new HashSet<>();
    for (JsonNode policy : params.path("user_initial_policy_set")) {
      if (!"2.5.29.32.0".equals(policy.asText())) {
        policies.add(policy.asText());
      }
    }
    return new PathOptions(
        PathOptions.RevocationMode.STRICT_RFC5280,
        policies,
        params.path("initial_explicit_policy").asBoolean(false),
        params.path("initial_policy_mapping_inhibit").asBoolean(false),
        params.path("initial_any_policy_inhibit").asBoolean(false),
        false);
  }
}
