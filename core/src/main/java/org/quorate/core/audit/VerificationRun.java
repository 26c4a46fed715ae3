package org.quorate.core.audit;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executor;
import org.quorate.core.admission.Admission;
import org.quorate.core.coordination.EpochChain;
import org.quorate.core.log.OutcomeCode;
import org.quorate.core.log.SignedTreeHead;
import org.quorate.core.mission.Genesis;
import org.quorate.core.pki.CertificationPathValidator;
import org.quorate.core.pki.ValidatedPathCache;
import org.quorate.core.reason.AuditReasonCode;
import org.quorate.core.reason.ReasonCode;
import org.quorate.core.reason.VerificationCheck;

/**
 * The state of one bundle verification ({@link BundleVerifier}) and how a check records its result:
 * the bundle, the checks so far, the items (one per input) and what earlier checks established
 * (genesis, roster epochs, tree head, delivered CRLs). Each job of the verification is a subclass
 * in its own file, in the order they build on each other: {@link EpochChecks}, {@link
 * StructureChecks}, {@link TreeHeadChecks}, {@link LogRecordChecks}, {@link AdmissionRecheck},
 * {@link Recount}. Not thread-safe: one per verification.
 */
abstract class VerificationRun {
  static final JsonMapper JSON = new JsonMapper();
  static final HexFormat HEX = HexFormat.of();

  final VerifyOptions options;
  final CertificationPathValidator validator;
  final Admission admission;
  final AuditBundle bundle;
  final List<AuditCheck> checks = new ArrayList<>();
  final Instant now;
  final ValidatedPathCache paths;
  Genesis genesis;

  /**
   * The roster epochs derived from the bundle's admitted governance events with the Ledger's rule
   * ({@link EpochChain#derive}); epoch 0 only until {@link EpochChecks#epochs()} ran.
   */
  EpochChain chain;

  SignedTreeHead head;
  SignedTreeHead.Verified signed;
  X509Certificate node;
  final List<BundleItem> items = new ArrayList<>();
  final List<X509CRL> crls = new ArrayList<>();

  /**
   * Runs helper threads of the events' decoding ({@link LogRecordChecks#decodeEvents}); null: the
   * calling thread decodes them all.
   */
  Executor decodeOn;

  VerificationRun(
      AuditBundle bundle,
      VerifyOptions options,
      CertificationPathValidator validator,
      Admission admission) {
    this.bundle = bundle;
    this.options = options;
    this.validator = validator;
    this.admission = admission;
    this.now = options.clock().instant();
    this.paths = new ValidatedPathCache(validator);
  }

  void pass(VerificationCheck check, String subject, String detail) {
    checks.add(AuditCheck.pass(check, subject, detail));
  }

  void fail(VerificationCheck check, String subject, String code, String detail) {
    checks.add(AuditCheck.fail(check, subject, code, detail));
  }

  void fail(VerificationCheck check, String subject, AuditReasonCode code, String detail) {
    fail(check, subject, code.code(), detail);
  }

  void fail(VerificationCheck check, String subject, ReasonCode code, String detail) {
    fail(check, subject, code.code(), detail);
  }

  static VerificationCheck checkOf(String reasonCode) {
    if (reasonCode == null) {
      return VerificationCheck.ADMISSION;
    }
    ReasonCode code;
    try {
      code = ReasonCode.fromCode(reasonCode);
    } catch (IllegalArgumentException e) {
      return VerificationCheck.ADMISSION;
    }
    return switch (code) {
      case PATH_INVALID, EXPIRED, NOT_YET_VALID, REVOKED -> VerificationCheck.PATH;
      case ANCHOR_NOT_MEMBER, ROLE_NOT_GRANTED -> VerificationCheck.BINDING;
      default -> VerificationCheck.ADMISSION;
    };
  }

  static String indexes(BundleItem it) {
    return it.records.stream().map(r -> String.valueOf(r.logIndex())).toList().toString();
  }

  /**
   * @param code a log outcome code
   * @return its name in a reconstruction: code 6 is {@code void}
   */
  static String outcome(OutcomeCode code) {
    return code.recorded();
  }

  static String subject(X509Certificate c) {
    return c.getSubjectX500Principal().getName(javax.security.auth.x500.X500Principal.RFC2253);
  }
}
