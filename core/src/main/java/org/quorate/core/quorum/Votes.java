package org.quorate.core.quorum;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The votes of SPEC §3 from a proposal's attestations: the groups by (member, role), their heads
 * under the supersedes edges, equivocation evidence, and the current vote of each member and role
 * after retractions and faulty members. For {@link Engine}; holds no state.
 */
final class Votes {
  private Votes() {}

  private static String groupKey(AttestationRecord a) {
    return a.member() + "\u0000" + a.role();
  }

  /** Groups by (member, role), preserving SPEC §1 order inside each group. */
  private static Map<String, List<AttestationRecord>> groups(List<AttestationRecord> list) {
    Map<String, List<AttestationRecord>> g = new TreeMap<>();
    for (AttestationRecord a : list) {
      g.computeIfAbsent(groupKey(a), k -> new ArrayList<>()).add(a);
    }
    return g;
  }

  /**
   * The heads of a group: attestations no valid supersedes edge replaces. An edge is valid when it
   * names an earlier attestation of the same group that no earlier attestation already superseded
   * (each attestation is superseded at most once); a second successor is a fork and stays a head.
   */
  private static List<AttestationRecord> heads(List<AttestationRecord> group) {
    Map<String, AttestationRecord> seen = new HashMap<>();
    Set<String> superseded = new HashSet<>();
    for (AttestationRecord a : group) {
      String s = a.supersedes();
      if (s != null && seen.containsKey(s) && !superseded.contains(s)) {
        superseded.add(s);
      }
      seen.put(a.eventId(), a);
    }
    List<AttestationRecord> heads = new ArrayList<>();
    for (AttestationRecord a : group) {
      if (!superseded.contains(a.eventId())) {
        heads.add(a);
      }
    }
    return heads;
  }

  /** Equivocation evidence of each group: the first pair of heads with different verdicts. */
  static List<Equivocation> equivocations(List<AttestationRecord> eligible) {
    List<Equivocation> out = new ArrayList<>();
    for (List<AttestationRecord> group : groups(eligible).values()) {
      List<AttestationRecord> heads = heads(group);
      outer:
      for (int i = 0; i < heads.size(); i++) {
        for (int j = i + 1; j < heads.size(); j++) {
          if (heads.get(i).verdict() != heads.get(j).verdict()) {
            AttestationRecord a = heads.get(i);
            out.add(new Equivocation(a.member(), a.role(), a.eventId(), heads.get(j).eventId()));
            break outer;
          }
        }
      }
    }
    return out;
  }

  /**
   * Current votes: member → role → attestation. Faulty members are left out; a head that is
   * retracted (by its own member) leaves no vote; concordant heads (same verdict, e.g. two
   * credentials of one member) count once, as the earliest.
   */
  static Map<String, Map<String, AttestationRecord>> votes(
      List<AttestationRecord> list, List<RetractionRecord> retractions, Set<String> faulty) {
    Set<String> retracted = new HashSet<>();
    Map<String, String> byId = new HashMap<>();
    for (AttestationRecord a : list) {
      byId.put(a.eventId(), a.member());
    }
    for (RetractionRecord r : retractions) {
      if (r.member().equals(byId.get(r.event()))) {
        retracted.add(r.event());
      }
    }
    Map<String, Map<String, AttestationRecord>> out = new TreeMap<>();
    for (List<AttestationRecord> group : groups(list).values()) {
      AttestationRecord first = group.get(0);
      if (faulty.contains(first.member())) {
        continue;
      }
      List<AttestationRecord> heads = heads(group);
      boolean concordant = heads.stream().allMatch(h -> h.verdict() == heads.get(0).verdict());
      if (!concordant) {
        continue;
      }
      List<AttestationRecord> live = new ArrayList<>();
      for (AttestationRecord h : heads) {
        if (!retracted.contains(h.eventId())) {
          live.add(h);
        }
      }
      if (!live.isEmpty()) {
        out.computeIfAbsent(first.member(), k -> new TreeMap<>()).put(first.role(), live.get(0));
      }
    }
    return out;
  }
}
