package org.quorate.core.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.quorate.core.admission.Admission;
import org.quorate.core.coordination.CoordinationException;
import org.quorate.core.coordination.CoordinationMapping;
import org.quorate.core.coordination.PolicyResolution;
import org.quorate.core.coordination.ProposalEvaluation;
import org.quorate.core.coordination.ProposalScope;
import org.quorate.core.event.Event;
import org.quorate.core.event.EventType;
import org.quorate.core.log.LogEntry;
import org.quorate.core.pki.CertificationPathValidator;
import org.quorate.core.quorum.DecisionRecord;
import org.quorate.core.quorum.DecisionValidator;
import org.quorate.core.quorum.DecisionVerdict;
import org.quorate.core.quorum.ProposalRecord;
import org.quorate.core.quorum.QuorumEvaluator;
import org.quorate.core.quorum.QuorumInputs;
import org.quorate.core.quorum.QuorumState;
import org.quorate.core.reason.AuditReasonCode;
import org.quorate.core.reason.ReasonCode;
import org.quorate.core.reason.VerificationCheck;

/**
 * The reconstruction of the proposal (SPEC §5 "Reconstruction"): the quorum state recomputed
 * ({@link ProposalScope}, {@link ProposalEvaluation}) after each event bearing on it and at the
 * tree head's time, every decision validated, {@code policy.json} compared.
 */
abstract class Recount extends AdmissionRecheck {
  // ---- reconstruction -------------------------------------------------------------------

  VerificationReport reconstruct() {
    String proposalId = bundle.proposalId();
    BundleItem proposal = null;
    for (BundleItem it : items) {
      if (proposalId.equals(it.eventId)
          && it.decoded != null
          && it.decoded.event().type() == EventType.PROPOSAL) {
        proposal = it;
      }
    }
    List<BundleItem> timeline = new ArrayList<>(items);
    timeline.sort((a, b) -> Long.compare(a.decidingIndex(), b.decidingIndex()));
    if (proposal == null) {
      fail(
          VerificationCheck.QUORUM_STATE,
          proposalId,
          AuditReasonCode.MISSING_EVENT,
          "the bundle holds no proposal " + proposalId);
      return new VerificationReport(
          checks, reconstruction(proposalId, null, null, null, timeline, null));
    }
    Event pe = proposal.decoded.event();
    String policyName = pe.body().path("policy").asText(null);
    String title = pe.body().path("title").asText(null);
    ProposalRecord pr;
    try {
      pr = CoordinationMapping.proposal(pe);
    } catch (CoordinationException e) {
      fail(
          VerificationCheck.QUORUM_STATE, proposalId, ReasonCode.MALFORMED_CONTENT, e.getMessage());
      return new VerificationReport(
          checks, reconstruction(proposalId, pe, title, null, timeline, null));
    }
    if (!proposal.counts) {
      fail(
          VerificationCheck.QUORUM_STATE,
          proposalId,
          AuditReasonCode.OUTCOME_MISMATCH,
          "the proposal is "
              + (proposal.outcome == null ? "not logged" : outcome(proposal.outcome))
              + ", not admitted: it counts for nobody");
    }
    Counting c = new Counting(pr);
    Instant latest = pe.issued();
    // The state after each event bearing on the proposal: its evaluator inputs are taken in log
    // order here, and the evaluations (each over every input so far: quadratic in the events, the
    // most of a 1,000-attestation reconstruction) run afterwards, on several threads when the
    // caller gave an executor.
    List<BundleItem> evaluated = new ArrayList<>();
    List<QuorumInputs> snapshots = new ArrayList<>();
    List<Integer> checksThen = new ArrayList<>();
    for (BundleItem it : timeline) {
      if (it.decoded == null) {
        continue;
      }
      Event e = it.decoded.event();
      if (e.issued().isAfter(latest)) {
        latest = e.issued();
      }
      boolean bears = c.add(it);
      if (bears && proposal.counts) {
        QuorumInputs in = c.inputs(latest);
        if (in != null) {
          evaluated.add(it);
          snapshots.add(in);
          checksThen.add(checks.size());
        }
      }
    }
    List<Object> states =
        ParallelMap.map(
            snapshots,
            in -> {
              try {
                return QuorumEvaluator.evaluate(in);
              } catch (RuntimeException ex) {
                return ex;
              }
            },
            decodeOn,
            ParallelMap.processors());
    for (int i = 0; i < states.size(); i++) {
      if (states.get(i) instanceof RuntimeException ex) {
        // as when evaluated in the loop: the checks of later events were not made yet
        checks.subList(checksThen.get(i), checks.size()).clear();
        throw ex;
      }
      evaluated.get(i).stateAfter = (QuorumState) states.get(i);
    }
    Instant at = head != null ? head.time() : latest;
    ProposalEvaluation fin = c.evaluate(at);
    policyFile(pe, fin.policy());
    QuorumState state = fin.state();
    if (state == null) {
      fail(
          VerificationCheck.QUORUM_STATE,
          proposalId,
          ProposalEvaluation.UNKNOWN_EPOCH.equals(fin.status())
              ? ReasonCode.UNKNOWN_EPOCH.code()
              : "invalid-policy",
          fin.reason());
    } else if (proposal.counts) {
      pass(
          VerificationCheck.QUORUM_STATE,
          proposalId,
          "recomputed at "
              + at
              + ": "
              + state.status().wire()
              + (state.isFinal() ? " (final)" : "")
              + " by rule "
              + state.rule()
              + ": "
              + state.explanation());
      decisions(c, fin);
    }
    return new VerificationReport(
        checks, reconstruction(proposalId, pe, title, fin, timeline, policyName));
  }

  void decisions(Counting c, ProposalEvaluation fin) {
    QuorumInputs in = fin.inputs();
    Set<String> held = new HashSet<>();
    items.forEach(i -> held.add(i.eventId));
    List<DecisionVerdict> verdicts = new ArrayList<>();
    for (DecisionRecord d : in.decisions()) {
      verdicts.add(DecisionValidator.validate(in, d));
    }
    String valid =
        verdicts.stream()
            .filter(DecisionVerdict::valid)
            .map(DecisionVerdict::decision)
            .findFirst()
            .orElse(null);
    for (DecisionRecord d : in.decisions()) {
      List<String> absent = d.counted().stream().filter(id -> !held.contains(id)).toList();
      if (!absent.isEmpty()) {
        fail(
            VerificationCheck.DECISION,
            d.eventId(),
            AuditReasonCode.MISSING_EVENT,
            "the decision counts "
                + absent.size()
                + " attestation(s) the bundle does not hold, e.g. "
                + absent.get(0));
      }
      DecisionVerdict v = DecisionValidator.validate(in, d);
      if (v.valid()) {
        pass(
            VerificationCheck.DECISION,
            d.eventId(),
            "decision " + d.outcome() + " recomputed: valid (" + d.counted().size() + " counted)");
      } else if (valid != null && absent.isEmpty() && superseded(in, d)) {
        // SPEC §3 "Finality is relative to what a node held": a decision taken without votes
        // issued before it that reached its node later (a partition) is invalid, and a valid
        // decision over the complete set holds the proposal; the bundle is right to show both.
        pass(
            VerificationCheck.DECISION,
            d.eventId(),
            "decision "
                + d.outcome()
                + " recomputed: invalid, superseded by valid decision "
                + valid
                + " ("
                + v.reason()
                + ": votes its node did not hold yet)");
      } else {
        fail(
            VerificationCheck.DECISION,
            d.eventId(),
            AuditReasonCode.DECISION_MISMATCH,
            "decision " + d.outcome() + " does not recompute: " + v.reason());
      }
    }
  }

  /**
   * Whether a decision's only fault is attestations it does not count: everything it counts is an
   * attestation on the proposal issued at or before it, and some issued at or before it are missing
   * (they reached its node after it decided, SPEC §3).
   */
  private static boolean superseded(QuorumInputs in, DecisionRecord d) {
    Set<String> upTo = new HashSet<>();
    for (org.quorate.core.quorum.AttestationRecord a : in.attestations()) {
      if (a.atOrBefore(d)) {
        upTo.add(a.eventId());
      }
    }
    Set<String> counted = new HashSet<>(d.counted());
    return counted.size() == d.counted().size()
        && upTo.containsAll(counted)
        && upTo.size() > counted.size();
  }

  /**
   * Compares {@code policy.json} with the policy the evaluator resolved for the proposal in its
   * epoch (the genesis, a {@code declare-policy} decision of the bundle, or built in), made by the
   * same {@link AuditBundle#policyFile}.
   */
  void policyFile(Event proposal, PolicyResolution resolved) {
    JsonNode stated = bundle.policy();
    if (resolved == null) {
      fail(
          VerificationCheck.POLICY,
          AuditBundle.POLICY,
          ReasonCode.UNKNOWN_EPOCH.code(),
          "the proposal relies on epoch "
              + proposal.epoch()
              + ", which no governance decision of the bundle opens: the policy in force there"
              + " cannot be resolved");
      return;
    }
    JsonNode expected = AuditBundle.policyFile(resolved);
    List<String> diffs = new ArrayList<>();
    for (Iterator<String> it = stated.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!expected.has(f)) {
        diffs.add("an unknown field \"" + f + "\"");
      }
    }
    for (Iterator<String> it = expected.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      JsonNode want = expected.get(f);
      JsonNode got = stated.path(f);
      boolean same =
          want.isNumber()
              ? got.isIntegralNumber() && got.asLong() == want.asLong()
              : want.equals(got) || (want.isNull() && got.isMissingNode());
      if (!same) {
        diffs.add(f + " " + shown(got) + " where " + shown(want) + " is in force");
      }
    }
    String source =
        resolved.declaredBy() != null
            ? "as governance decision " + resolved.declaredBy() + " declared it"
            : resolved.declared() != null ? "as the genesis declares it" : "built in";
    if (diffs.isEmpty()) {
      pass(
          VerificationCheck.POLICY,
          AuditBundle.POLICY,
          "policy " + resolved.name() + " of epoch " + resolved.epoch() + ", " + source);
    } else {
      fail(
          VerificationCheck.POLICY,
          AuditBundle.POLICY,
          AuditReasonCode.POLICY_MISMATCH,
          "policy.json states "
              + String.join(", ", diffs)
              + " (policy "
              + resolved.name()
              + " of epoch "
              + resolved.epoch()
              + ", "
              + source
              + ")");
    }
  }

  private static String shown(JsonNode n) {
    String s = n.isMissingNode() ? "(absent)" : n.toString();
    return s.length() > 200 ? s.substring(0, 200) + "…" : s;
  }

  Reconstruction reconstruction(
      String proposalId,
      Event pe,
      String title,
      ProposalEvaluation fin,
      List<BundleItem> timeline,
      String policyName) {
    List<ReconstructedEvent> events = new ArrayList<>();
    for (BundleItem it : timeline) {
      Event e = it.decoded == null ? null : it.decoded.event();
      String role = null;
      if (e != null) {
        role = e.type() == EventType.ATTESTATION ? e.attestedRole() : e.type().namedRole();
      }
      String code =
          it.judgement == null || it.judgement.reasonCode() == null
              ? null
              : it.judgement.reasonCode().code();
      events.add(
          new ReconstructedEvent(
              it.eventId,
              it.inputId,
              it.type,
              e == null ? null : e.member(),
              role,
              e == null ? null : e.issued(),
              it.outcome == null ? "unlogged" : outcome(it.outcome),
              code,
              it.records.stream().map(LogEntry::logIndex).toList(),
              it.stateAfter,
              it.lineage == null
                  ? new Lineage(List.of(), null, "not checked", "not checked")
                  : it.lineage));
    }
    QuorumState state = fin == null ? null : fin.state();
    PolicyResolution pol = fin == null ? null : fin.policy();
    return new Reconstruction(
        genesis.mission(),
        genesis.genesisId(),
        proposalId,
        title,
        policyName,
        pe == null ? 0 : pe.epoch(),
        pol == null ? null : pol.policy(),
        events,
        state,
        state == null ? List.of() : state.dissents(),
        state == null ? null : state.decision(),
        head == null ? null : head.rootHex(),
        head == null ? -1 : head.size());
  }

  /** The quorum inputs gathered in log order ({@link ProposalScope.Tally}). */
  final class Counting {
    final ProposalScope.Tally tally;

    Counting(ProposalRecord proposal) {
      this.tally = new ProposalScope.Tally(proposal);
    }

    /** Adds an event; answers whether it bears on the proposal. */
    boolean add(BundleItem it) {
      try {
        return tally.add(held(it));
      } catch (CoordinationException ex) {
        fail(
            VerificationCheck.QUORUM_STATE,
            it.eventId,
            ReasonCode.MALFORMED_CONTENT,
            ex.getMessage());
        return false;
      }
    }

    ProposalEvaluation evaluate(Instant at) {
      return tally.evaluate(genesis, chain, at);
    }

    /**
     * What the state at {@code at} is evaluated over ({@link QuorumEvaluator}): the inputs gathered
     * so far, with the roster and policy {@link ProposalEvaluation} resolves (once), without its
     * decision advice; null without a valid policy.
     */
    QuorumInputs inputs(Instant at) {
      if (resolved == null) {
        resolved = evaluate(at);
      }
      if (resolved.inputs() == null) {
        return null;
      }
      return tally.inputs(resolved.policy().policy(), resolved.roster(), at);
    }

    private ProposalEvaluation resolved;
  }

  /** An item as the proposal scope sees it: counts when re-checked, evidence by its log record. */
  ProposalScope.Held held(BundleItem it) {
    return new ProposalScope.Held(
        it.decoded.event(), it.counts, ProposalScope.makesByzantine(it.outcome, null));
  }

  Recount(
      AuditBundle bundle,
      VerifyOptions options,
      CertificationPathValidator validator,
      Admission admission) {
    super(bundle, options, validator, admission);
  }
}
