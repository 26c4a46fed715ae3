package org.quorate.core.quorum;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The counting of SPEC §3 over a normalised event set: deduplicated, restricted to one proposal,
 * sorted in SPEC §1 order. One instance per evaluation; immutable.
 */
final class Engine {

  final ProposalRecord proposal;
  final QuorumPolicy policy;
  final List<AttestationRecord> atts;
  final List<RetractionRecord> rets;
  final List<QuorumDeclarationRecord> decls;
  final List<DecisionRecord> decisions;
  final Set<String> byzantine;
  final RosterSnapshot roster;
  final Map<String, RosterSnapshot.Member> voters;

  /**
   * The member whose own concur the action needs ({@link ProposalRecord#consentOf()}), as the
   * roster of the proposal's epoch lists it (suspended or not), or null.
   */
  final RosterSnapshot.Member consenting;

  final int n;
  final long totalWeight;
  final Instant deadlineAt;
  final long thresholdFull;

  private Engine(
      ProposalRecord proposal,
      QuorumPolicy policy,
      RosterSnapshot roster,
      List<AttestationRecord> atts,
      List<RetractionRecord> rets,
      List<QuorumDeclarationRecord> decls,
      List<DecisionRecord> decisions,
      Set<String> byzantine) {
    this.proposal = proposal;
    this.policy = policy;
    this.atts = atts;
    this.rets = rets;
    this.decls = decls;
    this.decisions = decisions;
    this.roster = roster;
    Map<String, RosterSnapshot.Member> v = new TreeMap<>();
    for (RosterSnapshot.Member m : roster.active()) {
      if (policy.exceptActionSubject()
          && proposal.subjectRule() == ProposalRecord.SubjectRule.EXCEPTED
          && m.id().equals(proposal.actionSubject())) {
        continue;
      }
      v.put(m.id(), m);
    }
    this.voters = v;
    String consentOf = proposal.consentOf();
    this.consenting = consentOf == null ? null : roster.members().get(consentOf);
    this.n = v.size();
    this.totalWeight = weight(v.keySet());
    this.deadlineAt = proposal.issued().plus(policy.deadline());
    Set<String> byz = new TreeSet<>(byzantine);
    byz.retainAll(v.keySet());
    this.byzantine = byz;
    this.thresholdFull = thresholdOver(v.keySet());
  }

  static Engine of(QuorumInputs in) {
    String pid = in.proposal().id();
    return new Engine(
        in.proposal(),
        in.policy(),
        in.roster(),
        normalise(in.attestations(), a -> a.proposal().equals(pid)),
        normalise(in.retractions(), r -> true),
        normalise(in.declarations(), d -> d.proposal().equals(pid)),
        normalise(in.decisions(), d -> d.proposal().equals(pid)),
        in.byzantineMembers());
  }

  /** The same events with one attestation's verdict replaced (counterfactual for dissents). */
  Engine withVerdict(String attestationId, Verdict verdict) {
    List<AttestationRecord> changed = new ArrayList<>(atts.size());
    for (AttestationRecord a : atts) {
      changed.add(
          a.eventId().equals(attestationId)
              ? new AttestationRecord(
                  a.eventId(),
                  a.proposal(),
                  a.member(),
                  a.signer(),
                  a.role(),
                  verdict,
                  a.rationale(),
                  a.supersedes(),
                  a.issued(),
                  a.epoch())
              : a);
    }
    Engine e = new Engine(proposal, policy, roster, changed, rets, decls, decisions, byzantine);
    return e;
  }

  private static <T extends Ordered> List<T> normalise(Collection<T> in, Predicate<T> keep) {
    Map<String, T> byId = new HashMap<>();
    for (T t : in) {
      if (!keep.test(t)) {
        continue;
      }
      T prior = byId.putIfAbsent(t.eventId(), t);
      if (prior != null && !prior.equals(t)) {
        throw new IllegalArgumentException(
            "two different records share event id " + t.eventId() + ": " + prior + " and " + t);
      }
    }
    List<T> out = new ArrayList<>(byId.values());
    out.sort(Ordered.ORDER);
    return List.copyOf(out);
  }

  long weight(Collection<String> members) {
    long w = 0;
    for (String m : members) {
      RosterSnapshot.Member mm = voters.get(m);
      if (mm != null) {
        w = Math.addExact(w, mm.weight());
      }
    }
    return w;
  }

  long measure(Collection<String> members) {
    return policy.threshold().basis() == QuorumPolicy.Basis.WEIGHT
        ? weight(members)
        : members.size();
  }

  /** T over a population (full roster or R), with the byzantine floor over the full n. */
  long thresholdOver(Collection<String> population) {
    QuorumPolicy.Threshold th = policy.threshold();
    long t =
        th.basis() == QuorumPolicy.Basis.COUNT
            ? th.count()
            : th.fraction().ceilOf(measure(population));
    int f = policy.byzantineF();
    if (f >= 1) {
      t = Math.max(t, byzantineFloor());
    }
    return t;
  }

  /** ⌈(n+f+1)/2⌉. */
  long byzantineFloor() {
    long x = (long) n + policy.byzantineF() + 1;
    return (x + 1) / 2;
  }

  // ---------------------------------------------------------------- recount

  /** The outcome of one recount. */
  static final class Result {
    QuorumStatus status;
    QuorumRule rule;
    String explanation;
    boolean decidable;
    RuleCheck check;
    List<Equivocation> equivocations;
    Set<String> faulty;
    boolean boundExceeded;
    Set<String> late = new TreeSet<>();
    List<String> ineligible = new ArrayList<>();
    QuorumDeclarationRecord declaration;
    Instant windowCloses;
    List<AttestationRecord> considered;
  }

  /** Sentinel for "events issued at or before t", whatever their id. */
  static Ordered endOf(Instant t) {
    return new Ordered() {
      @Override
      public String eventId() {
        return "\uffff";
      }

      @Override
      public Instant issued() {
        return t;
      }
    };
  }

  private static <T extends Ordered> List<T> upTo(List<T> list, Ordered cutoff) {
    if (cutoff == null) {
      return list;
    }
    List<T> out = new ArrayList<>();
    for (T t : list) {
      if (t.atOrBefore(cutoff)) {
        out.add(t);
      }
    }
    return out;
  }

  private static <T extends Ordered> List<T> notAfter(List<T> list, Instant horizon) {
    List<T> out = new ArrayList<>();
    for (T t : list) {
      if (!t.issued().isAfter(horizon)) {
        out.add(t);
      }
    }
    return out;
  }

  /** Valid declaration: R and U partition the counted members. */
  private boolean validDeclaration(QuorumDeclarationRecord d) {
    if (d.issued().isAfter(deadlineAt)) {
      return false;
    }
    Set<String> all = new TreeSet<>(d.reachable());
    if (!java.util.Collections.disjoint(d.reachable(), d.unreachable())) {
      return false;
    }
    all.addAll(d.unreachable());
    return all.equals(voters.keySet());
  }

  /** Of the valid declarations, the one with the largest R, ties by lowest event id. */
  QuorumDeclarationRecord chooseDeclaration(List<QuorumDeclarationRecord> held) {
    QuorumDeclarationRecord best = null;
    for (QuorumDeclarationRecord d : held) {
      if (!validDeclaration(d)) {
        continue;
      }
      if (best == null
          || d.reachable().size() > best.reachable().size()
          || (d.reachable().size() == best.reachable().size()
              && d.eventId().compareTo(best.eventId()) < 0)) {
        best = d;
      }
    }
    return best;
  }

  /**
   * Whether an attestation counts: its member is a voter of the proposal's epoch holding the role
   * there. The member whose own concur the action needs ({@link ProposalRecord#consentOf()}) is
   * heard even when suspended (for its consent only: it stays out of n), but only through
   * attestations naming the proposal's epoch, i.e. signed under an anchor it holds there.
   */
  private boolean eligible(AttestationRecord x) {
    RosterSnapshot.Member m = voters.get(x.member());
    if (consenting != null && x.member().equals(consenting.id())) {
      m = x.epoch() == proposal.epoch() ? consenting : null;
    }
    return m != null && m.holds(x.role());
  }

  /**
   * Counts the events at or before {@code cutoff} (all when null) as they stand at time {@code t}.
   */
  Result recount(Instant t, Ordered cutoff) {
    Result r = new Result();
    List<AttestationRecord> a = upTo(atts, cutoff);
    List<RetractionRecord> rt = upTo(rets, cutoff);
    r.considered = a;
    List<AttestationRecord> eligible = new ArrayList<>();
    for (AttestationRecord x : a) {
      if (eligible(x)) {
        eligible.add(x);
      } else {
        r.ineligible.add(x.eventId());
      }
    }
    r.equivocations = Votes.equivocations(eligible);
    Set<String> faulty = new TreeSet<>(byzantine);
    for (Equivocation e : r.equivocations) {
      faulty.add(e.member());
    }
    r.faulty = faulty;
    r.boundExceeded = faulty.size() > policy.byzantineF();
    boolean pastDeadline = !t.isBefore(deadlineAt);

    QuorumDeclarationRecord d = null;
    if (policy.partial() != null) {
      d = chooseDeclaration(upTo(decls, cutoff));
      if (d != null && d.reachable().size() < policy.partial().minReachable().ceilOf(n)) {
        d = null;
      }
    }
    r.declaration = d;
    for (AttestationRecord x : eligible) {
      if (x.issued().isAfter(deadlineAt)) {
        r.late.add(x.eventId());
      }
    }
    final QuorumDeclarationRecord decl = d;
    Predicate<AttestationRecord> lateU =
        x -> decl != null && decl.unreachable().contains(x.member()) && decl.atOrBefore(x);

    if (r.boundExceeded) {
      r.check =
          new RuleCheck(
              this,
              Votes.votes(notAfter(eligible, deadlineAt), notAfter(rt, deadlineAt), faulty),
              thresholdFull,
              faulty);
      set(
          r,
          QuorumStatus.OPEN,
          QuorumRule.BYZANTINE_BOUND_EXCEEDED,
          false,
          faulty.size()
              + " equivocating or byzantine members "
              + faulty
              + " exceed f = "
              + policy.byzantineF());
      return r;
    }

    if (decl != null) {
      Instant windowAt = decl.issued().plus(policy.partial().ratificationWindow());
      r.windowCloses = windowAt;
      for (AttestationRecord x : eligible) {
        if (lateU.test(x)) {
          r.late.add(x.eventId());
        }
      }
      List<AttestationRecord> forR = new ArrayList<>();
      for (AttestationRecord x : notAfter(eligible, deadlineAt)) {
        if (!lateU.test(x)) {
          forR.add(x);
        }
      }
      long tR = thresholdOver(decl.reachable());
      RuleCheck checkR =
          new RuleCheck(this, Votes.votes(forR, notAfter(rt, deadlineAt), faulty), tR, faulty);
      if (checkR.met()) {
        r.late.clear();
        for (AttestationRecord x : eligible) {
          if (x.issued().isAfter(windowAt) || lateU.test(x)) {
            r.late.add(x.eventId());
          }
        }
        RuleCheck full =
            new RuleCheck(
                this,
                Votes.votes(notAfter(eligible, windowAt), notAfter(rt, windowAt), faulty),
                thresholdFull,
                faulty);
        r.check = full;
        String absentDissent = null;
        for (String m : decl.unreachable()) {
          AttestationRecord v = full.vote(m, policy.votingRole());
          if (v != null
              && v.verdict() == Verdict.DISSENT
              && lateU.test(v)
              && (policy.partial().overturnOnDissent() || policy.veto().contains(m))) {
            absentDissent = m;
            break;
          }
        }
        if (full.met()) {
          set(
              r,
              QuorumStatus.RATIFIED,
              QuorumRule.FULL_ROSTER_MET,
              true,
              "after the quorum declaration, " + full.describe() + " over the full roster");
        } else if (absentDissent != null) {
          set(
              r,
              QuorumStatus.OVERTURNED,
              QuorumRule.ABSENT_MEMBER_DISSENT,
              true,
              "absent member "
                  + absentDissent
                  + " dissented after the quorum declaration "
                  + decl.eventId());
        } else if (!t.isBefore(windowAt)) {
          if (policy.partial().onWindowClose() == QuorumPolicy.WindowClose.ADOPT) {
            set(
                r,
                QuorumStatus.ADOPTED,
                QuorumRule.WINDOW_CLOSED_ADOPT,
                true,
                "the ratification window closed at " + windowAt + "; onWindowClose is adopt");
          } else {
            set(
                r,
                QuorumStatus.LAPSED,
                QuorumRule.WINDOW_CLOSED_LAPSE,
                true,
                "the ratification window closed at " + windowAt + "; onWindowClose is lapse");
          }
        } else {
          set(
              r,
              QuorumStatus.PROVISIONALLY_ADOPTED,
              QuorumRule.PARTIAL_QUORUM,
              true,
              checkR.concurMeasure()
                  + " concur over the "
                  + decl.reachable().size()
                  + " reachable members (T over R = "
                  + tR
                  + "); full roster not met; window closes "
                  + windowAt);
        }
        return r;
      }
    }

    RuleCheck c =
        new RuleCheck(
            this,
            Votes.votes(notAfter(eligible, deadlineAt), notAfter(rt, deadlineAt), faulty),
            thresholdFull,
            faulty);
    r.check = c;
    if (c.met()) {
      set(r, QuorumStatus.ADOPTED, QuorumRule.THRESHOLD_MET, true, c.describe());
    } else if (!c.vetoDissent.isEmpty()) {
      set(
          r,
          QuorumStatus.REJECTED,
          QuorumRule.VETO,
          pastDeadline,
          "veto holder " + c.vetoDissent + " dissented");
    } else if (c.consentWithheld) {
      set(
          r,
          QuorumStatus.REJECTED,
          QuorumRule.CONSENT_WITHHELD,
          pastDeadline,
          "the action changes "
              + proposal.consentOf()
              + "'s own anchors or grants and "
              + proposal.consentOf()
              + " has not concurred (SPEC §1: its own concur, under an anchor it holds in epoch "
              + proposal.epoch()
              + ", is required)");
    } else if (c.maxConcur < c.threshold) {
      set(
          r,
          QuorumStatus.REJECTED,
          QuorumRule.THRESHOLD_UNREACHABLE,
          pastDeadline,
          "at most " + c.maxConcur + " could concur, T = " + c.threshold);
    } else if (c.roleUnreachable) {
      set(
          r,
          QuorumStatus.REJECTED,
          QuorumRule.REQUIRED_ROLE_UNREACHABLE,
          pastDeadline,
          "too few holders of a required role could still concur: missing " + c.missingPerRole);
    } else if (pastDeadline) {
      set(
          r,
          QuorumStatus.LAPSED,
          QuorumRule.DEADLINE_LAPSED,
          true,
          "deadline " + deadlineAt + " passed: " + c.describe());
    } else if (c.concurMeasure() >= c.threshold && !c.rolesMet) {
      set(r, QuorumStatus.OPEN, QuorumRule.AWAITING_REQUIRED_ROLE, false, c.describe());
    } else if (c.concurMeasure() >= c.threshold && !c.consentGiven) {
      set(r, QuorumStatus.OPEN, QuorumRule.AWAITING_CONSENT, false, c.describe());
    } else {
      set(r, QuorumStatus.OPEN, QuorumRule.AWAITING_VOTES, false, c.describe());
    }
    return r;
  }

  private static void set(
      Result r, QuorumStatus s, QuorumRule rule, boolean decidable, String why) {
    r.status = s;
    r.rule = rule;
    r.decidable = decidable;
    r.explanation = why;
  }

  // ---------------------------------------------------------------- decisions

  /** Checks a decision by recomputation (SPEC §3). */
  DecisionVerdict check(DecisionRecord d) {
    if (!d.proposal().equals(proposal.id())) {
      return new DecisionVerdict(
          d.eventId(),
          false,
          "decision names proposal " + d.proposal() + ", not " + proposal.id(),
          null);
    }
    QuorumStatus outcome;
    try {
      outcome = QuorumStatus.fromWire(d.outcome());
    } catch (IllegalArgumentException e) {
      return new DecisionVerdict(d.eventId(), false, "unknown outcome " + d.outcome(), null);
    }
    Set<String> expected = new TreeSet<>();
    for (AttestationRecord a : upTo(atts, d)) {
      expected.add(a.eventId());
    }
    Set<String> counted = new TreeSet<>(d.counted());
    if (counted.size() != d.counted().size()) {
      return new DecisionVerdict(d.eventId(), false, "counted lists an attestation twice", null);
    }
    Result r = recount(d.issued(), d);
    if (!counted.equals(expected)) {
      Set<String> extra = new TreeSet<>(counted);
      extra.removeAll(expected);
      Set<String> missing = new TreeSet<>(expected);
      missing.removeAll(counted);
      return new DecisionVerdict(
          d.eventId(),
          false,
          "counted differs from the attestations issued at or before the decision: extra "
              + extra
              + ", missing "
              + missing,
          r.status);
    }
    String expectedDecl = r.declaration == null ? null : r.declaration.eventId();
    if (!java.util.Objects.equals(expectedDecl, d.declaration())) {
      return new DecisionVerdict(
          d.eventId(),
          false,
          "declaration " + d.declaration() + " is not the one in force, " + expectedDecl,
          r.status);
    }
    if (r.status != outcome) {
      return new DecisionVerdict(
          d.eventId(),
          false,
          "recount yields " + r.status.wire() + ", decision says " + outcome.wire(),
          r.status);
    }
    if (!r.decidable) {
      return new DecisionVerdict(
          d.eventId(),
          false,
          outcome.wire() + " is not final before the deadline " + deadlineAt,
          r.status);
    }
    return new DecisionVerdict(d.eventId(), true, "valid", r.status);
  }
}
