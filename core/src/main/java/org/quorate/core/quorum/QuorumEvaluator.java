package org.quorate.core.quorum;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The quorum state of a proposal (SPEC §3), a pure function of the events held and the time.
 *
 * <p>Rules, in the order applied, with our reading where SPEC §3 is silent or ambiguous:
 *
 * <ol>
 *   <li><b>Order.</b> Inputs are deduplicated by event id and sorted by {@code issued}, ties by
 *       event id. Input order never matters.
 *   <li><b>Who counts.</b> n = active (not suspended) members of the proposal's epoch roster; for
 *       the built-in governance policy the member a {@code suspend-member} or {@code
 *       withdraw-member} names is left out (SPEC §1). An attestation by a non-member of that roster
 *       (e.g. admitted later) or in a role its member does not hold there is <i>ineligible</i>:
 *       kept, listed, counted for nobody.
 *   <li><b>Own consent.</b> An action that changes a member's own anchors or grants ({@link
 *       ProposalRecord#consentOf()}) is adopted only with that member's current concur in the
 *       voting role, whatever the policy; only its attestations naming the proposal's epoch count
 *       (others are ineligible), and it is heard even when suspended (still out of n). Its dissent,
 *       abstention or equivocation gives {@code rejected}, rule {@code consent-withheld}; threshold
 *       met without it, {@code open}, rule {@code awaiting-consent}.
 *   <li><b>Current vote</b> per (member, role): attestations form supersedes chains; an edge is
 *       valid when it names an earlier attestation of the same (proposal, member, role) not already
 *       superseded by an earlier one (each is superseded at most once). The heads are the
 *       attestations no valid edge replaces. Heads with <i>different</i> verdicts are equivocation
 *       (evidence, member counts for nobody, stays in n); heads with the same verdict (two
 *       credentials of one member concurring) count once. A retraction by the attestation's own
 *       member of the head withdraws the vote (the superseded one does not come back).
 *   <li><b>Byzantine bound.</b> More than f equivocators or chain-fork members (among the counted
 *       members) gives {@code open}, rule {@code byzantine-bound-exceeded}, even past the deadline
 *       (no decision can be signed; literal SPEC, also for f = 0).
 *   <li><b>Threshold.</b> T = ⌈fraction·n⌉ (or of total weight) or the count; with f ≥ 1, T =
 *       max(T, ⌈(n+f+1)/2⌉). Required roles count distinct members whose attestation in that role
 *       concurs; T met with a required role short is {@code open}, rule {@code
 *       awaiting-required-role}. Veto: a veto holder's current vote in the voting role is a
 *       dissent.
 *   <li><b>Deadline.</b> Votes and retractions issued after the deadline are late and not counted
 *       (except during a ratification window). At or after the deadline: {@code rejected} if the
 *       votes cast make adoption impossible, else {@code lapsed}. Before it, {@code rejected} is
 *       shown but cannot be decided. "Impossible" assumes current votes stand: members yet to vote
 *       could concur; abstainers, dissenters and faulty members cannot.
 *   <li><b>Partial quorum.</b> Of the valid declarations (R and U partition the counted members,
 *       issued at or before the deadline) the largest R counts, ties by lowest event id; it is in
 *       force when |R| ≥ ⌈minReachable·n⌉. Attestations of U members issued after it are late. The
 *       rule over R uses T over R (byzantine floor over n) and the non-late votes issued by the
 *       deadline. If met: full-roster rule met over votes issued by the window's close (late ones
 *       included) gives {@code ratified}; else a late dissent in the voting role by a U member
 *       gives {@code overturned} when {@code overturnOnDissent} or it holds a veto; else at the
 *       window's close {@code onWindowClose} gives {@code adopted} or {@code lapsed}; else {@code
 *       provisionally-adopted}. With a declaration in force, {@code ratified} replaces {@code
 *       adopted} whenever the rule over R is met. Once the rule over R is met the window, not the
 *       deadline, bounds the votes: those issued after the window's close are late, those between
 *       the deadline and the close count for ratification (even if the window closes before the
 *       deadline). A U member's dissent issued before the declaration counts as any other and does
 *       not overturn.
 *   <li><b>Decisions.</b> Each held decision is checked by {@link DecisionValidator}. One final
 *       outcome among the valid final decisions: the state is the recount at the earliest of them,
 *       {@code final}, and attestations issued after it are late. Two or more different outcomes:
 *       {@code contested}, {@code final} (nothing can make either decision invalid later), rule
 *       {@code conflicting-decisions}, counts as of now. No valid final decision: the recount of
 *       every event held at time {@code now}, not final.
 * </ol>
 */
public final class QuorumEvaluator {

  private QuorumEvaluator() {}

  /**
   * Evaluates a proposal.
   *
   * @param in the events held and the evaluation time
   * @return the state; never null
   * @throws IllegalArgumentException when two different records share an event id
   */
  public static QuorumState evaluate(QuorumInputs in) {
    Engine e = Engine.of(in);
    Map<String, String> invalid = new TreeMap<>();
    List<DecisionRecord> validFinal = new ArrayList<>();
    DecisionRecord validProvisional = null;
    for (DecisionRecord d : e.decisions) {
      DecisionVerdict v = e.check(d);
      if (!v.valid()) {
        invalid.put(d.eventId(), v.reason());
      } else if (v.recount().finalOutcome()) {
        validFinal.add(d);
      } else {
        validProvisional = d;
      }
    }
    Set<QuorumStatus> outcomes = new TreeSet<>();
    for (DecisionRecord d : validFinal) {
      outcomes.add(QuorumStatus.fromWire(d.outcome()));
    }
    List<String> finalIds = new ArrayList<>();
    for (DecisionRecord d : validFinal) {
      finalIds.add(d.eventId());
    }
    Engine.Result r;
    Instant t;
    Ordered cutoff;
    QuorumStatus status;
    QuorumRule rule;
    String why;
    boolean isFinal;
    String decision = null;
    Set<String> late;
    if (outcomes.size() >= 2) {
      t = in.now();
      cutoff = null;
      r = e.recount(t, null);
      status = QuorumStatus.CONTESTED;
      rule = QuorumRule.CONFLICTING_DECISIONS;
      why = "valid final decisions disagree: " + describe(validFinal);
      isFinal = true;
      late = new TreeSet<>(r.late);
    } else if (outcomes.size() == 1) {
      DecisionRecord d = validFinal.get(0);
      t = d.issued();
      cutoff = d;
      r = e.recount(t, d);
      status = r.status;
      rule = r.rule;
      why = "decision " + d.eventId() + ": " + r.explanation;
      isFinal = true;
      decision = d.eventId();
      late = new TreeSet<>(r.late);
      for (AttestationRecord a : e.atts) {
        if (!a.atOrBefore(d)) {
          late.add(a.eventId());
        }
      }
    } else {
      t = in.now();
      cutoff = null;
      r = e.recount(t, null);
      status = r.status;
      rule = r.rule;
      why = r.explanation;
      isFinal = false;
      late = new TreeSet<>(r.late);
      if (status == QuorumStatus.PROVISIONALLY_ADOPTED && validProvisional != null) {
        decision = validProvisional.eventId();
      }
    }
    List<Dissent> dissents = dissents(e, r, t, cutoff, late);
    RuleCheck c = r.check;
    QuorumState.Counts counts =
        new QuorumState.Counts(
            c.concur.size(),
            c.dissent.size(),
            c.abstain.size(),
            e.weight(c.concur),
            e.weight(c.dissent),
            e.weight(c.abstain));
    Set<String> byz = new TreeSet<>(e.byzantine);
    return new QuorumState(
        e.proposal.id(),
        status,
        isFinal,
        rule,
        why,
        e.thresholdFull,
        e.policy.threshold().basis(),
        e.n,
        e.totalWeight,
        counts,
        dissents,
        new LinkedHashMap<>(c.missingPerRole),
        List.copyOf(c.missingVoters),
        List.copyOf(r.equivocations),
        byz,
        r.boundExceeded,
        List.copyOf(late),
        List.copyOf(r.ineligible),
        r.declaration == null ? null : r.declaration.eventId(),
        e.deadlineAt,
        r.windowCloses,
        decision,
        List.copyOf(finalIds),
        invalid);
  }

  private static String describe(List<DecisionRecord> ds) {
    StringBuilder sb = new StringBuilder();
    for (DecisionRecord d : ds) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(d.eventId()).append(" says ").append(d.outcome());
    }
    return sb.toString();
  }

  /**
   * True when turning dissent {@code a} into a concur cannot change an {@code open} status: no
   * quorum declaration is in play and even with {@code a}'s member the concurs stay under the
   * threshold (fewer dissents never make a proposal rejected, and only a declaration gives a
   * provisional status).
   */
  private static boolean stillShort(Engine e, Engine.Result r, AttestationRecord a) {
    if (r.status != QuorumStatus.OPEN || r.declaration != null) {
      return false;
    }
    Set<String> concur = new TreeSet<>(r.check.concur);
    concur.add(a.member());
    return e.measure(concur) < e.thresholdFull;
  }

  /** Every dissent by an eligible member, with the counterfactual "had it been a concur". */
  private static List<Dissent> dissents(
      Engine e, Engine.Result r, Instant t, Ordered cutoff, Set<String> late) {
    List<Dissent> out = new ArrayList<>();
    Set<String> ineligible = new TreeSet<>(r.ineligible);
    for (AttestationRecord a : e.atts) {
      if (a.verdict() != Verdict.DISSENT || ineligible.contains(a.eventId())) {
        continue;
      }
      boolean inScope = cutoff == null || a.atOrBefore(cutoff);
      AttestationRecord v = r.check.vote(a.member(), a.role());
      boolean current = inScope && v != null && v.eventId().equals(a.eventId());
      boolean changed = false;
      // Turning a dissent into a concur only adds to the concurs (weights, required roles) and
      // removes no veto, so an adopted proposal stays adopted: no recount needed (this keeps the
      // state after each of a thousand attestations cheap to recompute).
      if (current && r.status != QuorumStatus.ADOPTED && !stillShort(e, r, a)) {
        Engine.Result alt = e.withVerdict(a.eventId(), Verdict.CONCUR).recount(t, cutoff);
        changed = alt.status != r.status;
      }
      out.add(
          new Dissent(
              a.eventId(),
              a.member(),
              a.role(),
              a.signer(),
              a.rationale(),
              a.issued(),
              late.contains(a.eventId()),
              current,
              changed));
    }
    return out;
  }
}
