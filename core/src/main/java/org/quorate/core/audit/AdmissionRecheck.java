package org.quorate.core.audit;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.quorate.core.admission.Admission;
import org.quorate.core.admission.CrlContribution;
import org.quorate.core.admission.MissionFacts;
import org.quorate.core.admission.Outcome;
import org.quorate.core.admission.ReferencedEvent;
import org.quorate.core.cms.Ids;
import org.quorate.core.event.Event;
import org.quorate.core.event.EventType;
import org.quorate.core.log.OutcomeCode;
import org.quorate.core.mission.Genesis;
import org.quorate.core.mission.Member;
import org.quorate.core.mission.Roster;
import org.quorate.core.pki.CertificationPathValidator;
import org.quorate.core.pki.PathOptions;
import org.quorate.core.pki.ValidatedPath;
import org.quorate.core.reason.AdmissionException;
import org.quorate.core.reason.AuditReasonCode;
import org.quorate.core.reason.PathValidationException;
import org.quorate.core.reason.ReasonCode;
import org.quorate.core.reason.VerificationCheck;

/**
 * Each input re-checked as admission does ({@link Admission#judge}, SPEC §2) against what the
 * bundle holds, compared with the outcome its log record states; its lineage; every founder's
 * endorsement.
 */
abstract class AdmissionRecheck extends LogRecordChecks {
  // ---- CRLs -----------------------------------------------------------------------------

  void collectCrls() {
    for (BundleItem it : items) {
      if (it.decoded != null
          && it.decoded.event().type() == EventType.CRL
          && it.outcome == OutcomeCode.ADMITTED) {
        try {
          crls.add(CrlContribution.parse(it.decoded.event()));
        } catch (AdmissionException e) {
          // the re-check reports it
        }
      }
    }
  }

  // ---- re-check -------------------------------------------------------------------------

  void recheck() {
    MissionFacts facts = new BundleFacts();
    for (BundleItem it : items) {
      if (it.decoded == null) {
        it.lineage =
            new Lineage(List.of(), null, "not checked: the input is not authentic", "not checked");
        continue;
      }
      Event e = it.decoded.event();
      String subject = it.eventId;
      if (!e.mission().equals(genesis.mission())) {
        fail(
            VerificationCheck.ADMISSION,
            subject,
            AuditReasonCode.MISSION_MISMATCH,
            "the event is of mission " + e.mission() + ", not " + genesis.mission());
        continue;
      }
      it.judgement = admission.judge(it.decoded, facts, now);
      it.lineage = lineage(it);
      Outcome judged = it.judgement.outcome();
      String code = it.judgement.reasonCode() == null ? null : it.judgement.reasonCode().code();
      if (it.outcome == OutcomeCode.ADMITTED || it.outcome == OutcomeCode.EVIDENCE) {
        if (ReasonCode.UNKNOWN_EPOCH.code().equals(code)) {
          fail(
              VerificationCheck.EPOCH,
              subject,
              code,
              it.file.path()
                  + " names roster epoch "
                  + e.epoch()
                  + ", but the bundle holds no adopted governance decision opening it (epochs"
                  + " 0.."
                  + (chain.epochs().size() - 1)
                  + " derived): its path, binding and role cannot be checked");
          continue;
        }
        if (judged != Outcome.ADMITTED) {
          fail(
              checkOf(code),
              subject,
              code == null ? "outcome-mismatch" : code,
              "the log records "
                  + outcome(it.outcome)
                  + " for "
                  + it.file.path()
                  + " but the re-check gives "
                  + judged.code()
                  + ": "
                  + it.judgement.reason());
          continue;
        }
      } else if (it.outcome == OutcomeCode.VOID) {
        if (judged != Outcome.VOID) {
          fail(
              VerificationCheck.ADMISSION,
              subject,
              AuditReasonCode.OUTCOME_MISMATCH,
              "the log records void for "
                  + it.file.path()
                  + " but the re-check gives "
                  + judged.code()
                  + (it.judgement.reason() == null ? "" : ": " + it.judgement.reason()));
          continue;
        }
      }
      // An unpinned anchor fails the report but the event still counts in the recount, so that
      // the report names the anchor rather than every consequence of leaving its events out.
      it.counts = it.outcome == OutcomeCode.ADMITTED;
      if (it.lineage.anchorSha256Hex() != null) {
        X509Certificate anchor = anchorOf(it.lineage.anchorSha256Hex());
        if (anchor != null && !pinned(anchor, VerificationCheck.ANCHOR, subject)) {
          continue;
        }
      }
      pass(
          VerificationCheck.ADMISSION,
          subject,
          e.type().wireName()
              + " by "
              + e.member()
              + ": re-check gives "
              + judged.code()
              + (code == null ? "" : " (" + code + ")")
              + ", the log "
              + (it.outcome == null ? "nothing" : outcome(it.outcome)));
    }
  }

  Lineage lineage(BundleItem it) {
    Event e = it.decoded.event();
    Optional<Roster> epoch = chain.epoch(e.epoch());
    if (epoch.isEmpty()) {
      return new Lineage(
          List.of(), null, "not checked: the bundle opens no epoch " + e.epoch(), "not checked");
    }
    Optional<Member> m = epoch.get().member(e.member());
    if (m.isEmpty()) {
      return new Lineage(
          List.of(), null, "not checked: " + e.member() + " is not a member", "not checked");
    }
    X509Certificate signer = it.decoded.signedData().signerCertificate();
    List<X509Certificate> chain = new ArrayList<>(it.decoded.signedData().certificates());
    chain.remove(signer);
    try {
      ValidatedPath p =
          paths.validate(
              signer, chain, m.get().trustAnchors(), crls, e.issued(), PathOptions.quorate());
      return new Lineage(
          p.subjects(), Ids.fingerprint(p.trustAnchor()), "valid at " + e.issued(), "not revoked");
    } catch (PathValidationException ex) {
      if (ex.reasonCode() == ReasonCode.REVOKED) {
        Lineage unrevoked = lineageIgnoringCrls(signer, chain, m.get(), e.issued());
        return new Lineage(
            unrevoked.pathSubjects(),
            unrevoked.anchorSha256Hex(),
            unrevoked.validation(),
            "revoked: " + ex.getMessage());
      }
      return new Lineage(
          List.of(), null, ex.reasonCode().code() + ": " + ex.getMessage(), "not checked");
    } catch (IllegalArgumentException ex) {
      return new Lineage(List.of(), null, "path-invalid: " + ex.getMessage(), "not checked");
    }
  }

  Lineage lineageIgnoringCrls(
      X509Certificate signer, List<X509Certificate> chain, Member m, Instant at) {
    try {
      ValidatedPath p =
          paths.validate(signer, chain, m.trustAnchors(), List.of(), at, PathOptions.quorate());
      return new Lineage(
          p.subjects(),
          Ids.fingerprint(p.trustAnchor()),
          "valid at " + at + " but for revocation",
          "");
    } catch (PathValidationException | IllegalArgumentException ex) {
      return new Lineage(List.of(), null, ex.getMessage(), "");
    }
  }

  X509Certificate anchorOf(String fingerprint) {
    for (X509Certificate a : allAnchors()) {
      if (Ids.fingerprint(a).equals(fingerprint)) {
        return a;
      }
    }
    return null;
  }

  void endorsements() {
    Set<String> endorsed = new TreeSet<>();
    for (BundleItem it : items) {
      if (it.counts && it.decoded.event().type() == EventType.GENESIS_ENDORSEMENT) {
        endorsed.add(it.decoded.event().member());
      }
    }
    List<String> missing = new ArrayList<>();
    for (Member m : genesis.members()) {
      if (!endorsed.contains(m.id())) {
        missing.add(m.id());
      }
    }
    if (missing.isEmpty()) {
      pass(
          VerificationCheck.GENESIS,
          genesis.genesisId(),
          "every founding member endorsed the genesis: " + endorsed);
    } else {
      fail(
          VerificationCheck.GENESIS,
          genesis.genesisId(),
          AuditReasonCode.MISSING_EVENT,
          "the bundle holds no admitted genesis endorsement of "
              + missing
              + ": the mission was not active");
    }
  }

  /**
   * What admission needs to know, answered from the bundle: the genesis, the epochs derived from
   * the bundle's governance decisions (and when each closed), the CRLs of the admitted crl events;
   * chain, idempotency and references are not recomputable from a bundle and pass (the log record
   * and its proof stand for them).
   */
  final class BundleFacts implements MissionFacts {
    @Override
    public boolean missionKnown() {
      return true;
    }

    @Override
    public Optional<Genesis> genesis() {
      return Optional.of(genesis);
    }

    @Override
    public Optional<ReferencedEvent> referenced(String mission, String eventId) {
      return Optional.of(new ReferencedEvent(null, null));
    }

    @Override
    public Optional<String> genesisId() {
      return Optional.of(genesis.genesisId());
    }

    @Override
    public boolean missionPending() {
      return false;
    }

    @Override
    public Optional<Roster> roster(long epoch) {
      return chain.epoch(epoch);
    }

    @Override
    public Optional<Roster.Opening> epochClosedBy(long epoch) {
      return chain.closedBy(epoch);
    }

    @Override
    public Collection<X509CRL> crls() {
      return crls;
    }

    @Override
    public boolean authenticEventHeld(String eventId) {
      return false;
    }

    @Override
    public boolean chainHas(String signer, long seq, String eventId) {
      return true;
    }

    @Override
    public boolean gapDeclared(String signer, long seq) {
      return true;
    }

    @Override
    public Optional<String> chainConflict(String signer, long seq, String eventId) {
      return Optional.empty();
    }
  }

  AdmissionRecheck(
      AuditBundle bundle,
      VerifyOptions options,
      CertificationPathValidator validator,
      Admission admission) {
    super(bundle, options, validator, admission);
  }
}
