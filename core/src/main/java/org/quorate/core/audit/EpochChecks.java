package org.quorate.core.audit;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.quorate.core.admission.Admission;
import org.quorate.core.cms.Ids;
import org.quorate.core.coordination.CoordinationException;
import org.quorate.core.coordination.CoordinationMapping;
import org.quorate.core.coordination.EpochChain;
import org.quorate.core.coordination.ProposalScope;
import org.quorate.core.event.EventType;
import org.quorate.core.log.OutcomeCode;
import org.quorate.core.mission.GenesisParser;
import org.quorate.core.mission.Roster;
import org.quorate.core.pki.CertificationPathValidator;
import org.quorate.core.quorum.DecisionRecord;
import org.quorate.core.reason.AuditReasonCode;
import org.quorate.core.reason.VerificationCheck;

/**
 * The roster epochs of a bundle (SPEC §3 "Governance", §5): derived with the node's rule from the
 * governance decisions the log records as admitted, confirmed from those that pass the re-check,
 * and each applied decision holding every attestation it counts.
 */
abstract class EpochChecks extends VerificationRun {
  // ---- epochs ---------------------------------------------------------------------------

  /**
   * Derives the roster epochs as the Ledger does ({@link EpochChain#derive}) from the bundle's
   * events whose log record says admitted (the re-check then judges each against the epoch it
   * names, and {@link #rederive} confirms the epochs from the events that passed it), and checks
   * each governance decision: one that opened an epoch must have every attestation it counts in the
   * bundle.
   */
  void epochs() {
    chain = derive(false);
    Set<String> held = new HashSet<>();
    items.forEach(i -> held.add(i.eventId));
    Map<String, DecisionRecord> records = new HashMap<>();
    for (BundleItem it : items) {
      if (it.decoded != null && it.decoded.event().type() == EventType.DECISION) {
        try {
          DecisionRecord d = CoordinationMapping.decision(it.decoded.event());
          records.put(d.eventId(), d);
        } catch (CoordinationException e) {
          // the reconstruction reports malformed content
        }
      }
    }
    for (EpochChain.GovernanceDecision g : chain.decisions()) {
      if (!g.applied()) {
        pass(
            VerificationCheck.EPOCH,
            g.decision(),
            "governance decision "
                + g.outcome()
                + " ("
                + g.action()
                + ") on proposal "
                + g.proposal()
                + " of epoch "
                + g.proposalEpoch()
                + " is held but opens no epoch: "
                + g.reason());
        continue;
      }
      DecisionRecord d = records.get(g.decision());
      List<String> absent =
          d == null ? List.of() : d.counted().stream().filter(id -> !held.contains(id)).toList();
      if (!absent.isEmpty()) {
        fail(
            VerificationCheck.EPOCH,
            g.decision(),
            AuditReasonCode.MISSING_EVENT,
            "the governance decision opening epoch "
                + g.opened()
                + " counts "
                + absent.size()
                + " attestation(s) the bundle does not hold, e.g. "
                + absent.get(0));
        continue;
      }
      pass(
          VerificationCheck.EPOCH,
          g.decision(),
          "governance decision "
              + g.outcome()
              + " ("
              + g.action()
              + ") on proposal "
              + g.proposal()
              + " recounted over epoch "
              + g.proposalEpoch()
              + ": valid, opens epoch "
              + g.opened()
              + " at "
              + g.issued());
    }
  }

  /**
   * @param counted whether to read only the events that passed the re-check (else every event the
   *     log records as admitted)
   */
  EpochChain derive(boolean counted) {
    List<ProposalScope.Held> held = new ArrayList<>();
    for (BundleItem it : items) {
      if (it.decoded == null || !it.decoded.event().mission().equals(genesis.mission())) {
        continue;
      }
      held.add(
          new ProposalScope.Held(
              it.decoded.event(),
              counted ? it.counts : it.outcome == OutcomeCode.ADMITTED,
              ProposalScope.makesByzantine(it.outcome, null)));
    }
    return ProposalScope.of(genesis, held).epochs(new GenesisParser());
  }

  /**
   * The epochs again, from the events that passed the re-check only: an event the log says admitted
   * but that fails the re-check must not have opened an epoch.
   */
  void rederive() {
    EpochChain again = derive(true);
    if (!again.epochs().equals(chain.epochs())) {
      fail(
          VerificationCheck.EPOCH,
          "epochs",
          AuditReasonCode.EPOCH_MISMATCH,
          "from the events the log records as admitted the bundle opens epochs 0.."
              + (chain.epochs().size() - 1)
              + ", but from those that pass the re-check 0.."
              + (again.epochs().size() - 1)
              + (again.epochs().size() == chain.epochs().size() ? " with different rosters" : ""));
    } else if (chain.epochs().size() > 1) {
      pass(
          VerificationCheck.EPOCH,
          "epochs",
          "epochs 0.."
              + (chain.epochs().size() - 1)
              + " derived from the bundle's governance decisions with the node's rule");
    }
  }

  /** Every trust anchor of every epoch, each once. */
  List<X509Certificate> allAnchors() {
    Map<String, X509Certificate> all = new LinkedHashMap<>();
    for (Roster r : chain.epochs()) {
      for (X509Certificate a : r.allAnchors()) {
        all.putIfAbsent(Ids.fingerprint(a), a);
      }
    }
    return List.copyOf(all.values());
  }

  /** The first epoch declaring an anchor (by SHA-256 hex). */
  long epochOf(String fingerprint) {
    for (Roster r : chain.epochs()) {
      for (X509Certificate a : r.allAnchors()) {
        if (Ids.fingerprint(a).equals(fingerprint)) {
          return r.epoch();
        }
      }
    }
    return 0;
  }

  EpochChecks(
      AuditBundle bundle,
      VerifyOptions options,
      CertificationPathValidator validator,
      Admission admission) {
    super(bundle, options, validator, admission);
  }
}
