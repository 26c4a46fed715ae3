package org.quorate.core.quorum;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/** Random but reproducible event sets for property tests (seeded {@link Random}). */
final class Worlds {
  static final Instant T0 = Instant.parse("2026-11-29T08:00:00Z");
  static final String AA = "approving-authority";
  static final String LEGAL = "legal-advisor";
  static final List<String> IDS = List.of("POL", "DEU", "FRA", "ITA", "NLD", "ESP", "LTU");
  static final List<String> FRACTIONS = List.of("1/2", "2/3", "3/4", "1/1", "3/5");

  private Worlds() {}

  static Instant at(long minutes) {
    return T0.plus(Duration.ofMinutes(minutes));
  }

  /** POL, DEU and FRA, one vote each, each with an approving authority (the example tests'). */
  static RosterSnapshot threeMembers() {
    return RosterSnapshot.of(
        0,
        List.of(
            new RosterSnapshot.Member("POL", 1, false, Set.of(AA)),
            new RosterSnapshot.Member("DEU", 1, false, Set.of(AA)),
            new RosterSnapshot.Member("FRA", 1, false, Set.of(AA))));
  }

  /**
   * The example tests' {@code operational} policy: that fraction of the members' approving
   * authorities, no role required, a 24 h deadline.
   *
   * @param fraction e.g. {@code 2/3}
   * @param partial the partial-quorum policy, or null for none
   */
  static QuorumPolicy operational(String fraction, QuorumPolicy.PartialPolicy partial) {
    return new QuorumPolicy(
        "operational",
        1,
        AA,
        QuorumPolicy.Threshold.fraction(Fraction.parse(fraction), QuorumPolicy.Basis.MEMBERS),
        List.of(),
        Set.of(),
        0,
        partial,
        Duration.ofHours(24),
        false);
  }

  /** The same inputs with one more decision, at the same time. */
  static QuorumInputs withDecision(QuorumInputs in, DecisionRecord decision) {
    List<DecisionRecord> decisions = new ArrayList<>(in.decisions());
    decisions.add(decision);
    return new QuorumInputs(
        in.proposal(),
        in.policy(),
        in.roster(),
        in.attestations(),
        in.retractions(),
        in.declarations(),
        decisions,
        in.byzantineMembers(),
        in.now());
  }

  /** A world: policy, roster, attestations, retractions, declarations, decisions, now. */
  static QuorumInputs world(long seed) {
    Random rnd = new Random(seed);
    int size = 3 + rnd.nextInt(5);
    List<RosterSnapshot.Member> members = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      Set<String> roles = new TreeSet<>(Set.of(AA));
      if (i == 0 || rnd.nextInt(10) < 3) {
        roles.add(LEGAL);
      }
      members.add(
          new RosterSnapshot.Member(
              IDS.get(i), 1 + rnd.nextInt(3), i > 0 && rnd.nextInt(10) == 0, roles));
    }
    RosterSnapshot roster = RosterSnapshot.of(0, members);
    List<String> active = roster.active().stream().map(RosterSnapshot.Member::id).toList();
    int f = active.size() >= 4 && rnd.nextBoolean() ? 1 : 0;
    QuorumPolicy.Threshold th =
        rnd.nextInt(6) == 0
            ? QuorumPolicy.Threshold.count(2)
            : QuorumPolicy.Threshold.fraction(
                Fraction.parse(FRACTIONS.get(rnd.nextInt(FRACTIONS.size()))),
                f == 0 && rnd.nextInt(4) == 0
                    ? QuorumPolicy.Basis.WEIGHT
                    : QuorumPolicy.Basis.MEMBERS);
    QuorumPolicy.PartialPolicy partial =
        rnd.nextInt(10) < 4
            ? new QuorumPolicy.PartialPolicy(
                Fraction.parse(rnd.nextBoolean() ? "1/2" : "3/5"),
                Duration.ofHours(6 + rnd.nextInt(48)),
                rnd.nextBoolean() ? QuorumPolicy.WindowClose.ADOPT : QuorumPolicy.WindowClose.LAPSE,
                rnd.nextBoolean())
            : null;
    QuorumPolicy policy =
        new QuorumPolicy(
            "operational",
            1,
            AA,
            th,
            rnd.nextInt(10) < 3 ? List.of(new QuorumPolicy.RoleRequirement(LEGAL, 1)) : List.of(),
            rnd.nextInt(10) < 3 ? Set.of(active.get(rnd.nextInt(active.size()))) : Set.of(),
            f,
            partial,
            Duration.ofHours(24),
            false);
    ProposalRecord proposal = new ProposalRecord("p1", "operational", 0, T0, null);
    List<AttestationRecord> atts = new ArrayList<>();
    List<String> voters = new ArrayList<>(IDS.subList(0, size));
    voters.add("NOR");
    for (String member : voters) {
      boolean outsider = member.equals("NOR");
      for (String role : List.of(AA, LEGAL)) {
        RosterSnapshot.Member rm = roster.members().get(member);
        boolean holds = rm != null && rm.holds(role);
        if (rnd.nextInt(10) >= (outsider ? 2 : holds ? 8 : 1)) {
          continue;
        }
        AttestationRecord prev = null;
        int votes = 1 + (rnd.nextInt(4) == 0 ? 1 : 0) + (rnd.nextInt(10) == 0 ? 1 : 0);
        for (int j = 0; j < votes; j++) {
          Verdict v = biased(rnd);
          boolean equivocate = prev != null && rnd.nextInt(12) == 0;
          boolean secondCredential = prev != null && !equivocate && rnd.nextInt(8) == 0;
          long base = prev == null ? 0 : Duration.between(T0, prev.issued()).toMinutes();
          AttestationRecord a =
              new AttestationRecord(
                  String.format(java.util.Locale.ROOT, "sha256:a%03d", rnd.nextInt(1000))
                      + "-"
                      + atts.size(),
                  "p1",
                  member,
                  member + (secondCredential ? "-cred-2" : "-cred-1"),
                  role,
                  secondCredential ? prev.verdict() : v,
                  v == Verdict.DISSENT ? "reason " + atts.size() : null,
                  prev == null || equivocate || secondCredential ? null : prev.eventId(),
                  at(base + 5L * rnd.nextInt(300)));
          atts.add(a);
          prev = a;
        }
      }
    }
    List<RetractionRecord> rets = new ArrayList<>();
    for (AttestationRecord a : atts) {
      if (rnd.nextInt(10) < 1) {
        rets.add(
            new RetractionRecord(
                "sha256:r-" + a.eventId(),
                a.member(),
                a.eventId(),
                a.issued().plus(Duration.ofMinutes(5L * rnd.nextInt(60)))));
      }
    }
    List<QuorumDeclarationRecord> decls = new ArrayList<>();
    int nd = rnd.nextInt(10) < 5 ? 1 + rnd.nextInt(2) : 0;
    for (int i = 0; i < nd; i++) {
      List<String> shuffled = new ArrayList<>(active);
      Collections.shuffle(shuffled, rnd);
      int r = shuffled.size() / 2 + rnd.nextInt(shuffled.size() - shuffled.size() / 2);
      decls.add(
          new QuorumDeclarationRecord(
              "sha256:q" + i,
              "p1",
              Set.copyOf(shuffled.subList(0, r)),
              Set.copyOf(shuffled.subList(r, shuffled.size())),
              at(2 + 5L * rnd.nextInt(200))));
    }
    Set<String> byzantine =
        rnd.nextInt(8) == 0 ? Set.of(active.get(rnd.nextInt(active.size()))) : Set.of();
    QuorumInputs in =
        new QuorumInputs(proposal, policy, roster, atts, rets, decls, List.of(), byzantine, at(0));
    List<DecisionRecord> decisions = new ArrayList<>();
    int ndec = rnd.nextInt(3);
    for (int i = 0; i < ndec; i++) {
      Instant t = at(5L * rnd.nextInt(1000) + 1);
      QuorumInputs then =
          new QuorumInputs(proposal, policy, roster, atts, rets, decls, decisions, byzantine, t);
      Optional<DecisionAdvice> advice = DecisionTrigger.advise(then);
      if (advice.isPresent()) {
        DecisionAdvice a = advice.get();
        decisions.add(
            new DecisionRecord(
                "sha256:zd" + i, "p1", a.outcome().wire(), a.counted(), a.declaration(), t));
      } else if (rnd.nextBoolean()) {
        decisions.add(
            new DecisionRecord(
                "sha256:zx" + i,
                "p1",
                QuorumStatus.values()[rnd.nextInt(QuorumStatus.values().length)].wire(),
                atts.stream().map(AttestationRecord::eventId).toList(),
                null,
                t));
      }
    }
    return new QuorumInputs(
        proposal,
        policy,
        roster,
        atts,
        rets,
        decls,
        decisions,
        byzantine,
        at(5L * rnd.nextInt(1000)));
  }

  private static Verdict biased(Random rnd) {
    int x = rnd.nextInt(20);
    return x < 14 ? Verdict.CONCUR : x < 18 ? Verdict.DISSENT : Verdict.ABSTAIN;
  }

  static <T> List<T> shuffled(List<T> in, Random rnd) {
    List<T> out = new ArrayList<>(in);
    Collections.shuffle(out, rnd);
    return out;
  }
}
