package org.quorate.core.quorum;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The members of one roster epoch as quorum counting sees them (SPEC §3 "Counting"): each member
 * once, with its genesis {@code weight}, whether it is suspended, and the union of the roles its
 * credentials hold in that epoch (a member may hold a role through several credentials; it is still
 * one member). Independent of the CMS layer: the integrator builds it from the epoch.
 *
 * @param epoch the roster epoch number
 * @param members the members by id (sorted, immutable)
 */
public record RosterSnapshot(long epoch, Map<String, Member> members) {

  /**
   * One member.
   *
   * @param id member id (ISO 3166 alpha-3 or organisation id)
   * @param weight genesis weight, at least 0
   * @param suspended suspended members are left out of n
   * @param roles roles held by at least one of the member's credentials in this epoch
   */
  public record Member(String id, long weight, boolean suspended, Set<String> roles) {
    /** Checks and copies. */
    public Member {
      if (id == null || id.isEmpty() || weight < 0) {
        throw new IllegalArgumentException("a member needs an id and a weight >= 0");
      }
      roles = Set.copyOf(new TreeSet<>(roles));
    }

    /**
     * @param role a role name
     * @return whether a credential of this member holds it
     */
    public boolean holds(String role) {
      return roles.contains(role);
    }
  }

  /** Sorts by id and copies; refuses two members with one id. */
  public RosterSnapshot {
    if (epoch < 0) {
      throw new IllegalArgumentException("epoch must not be negative");
    }
    members = java.util.Collections.unmodifiableMap(new TreeMap<>(members));
    for (Map.Entry<String, Member> e : members.entrySet()) {
      if (!e.getKey().equals(e.getValue().id())) {
        throw new IllegalArgumentException("member key " + e.getKey() + " names " + e.getValue());
      }
    }
  }

  /**
   * @param epoch the epoch number
   * @param members the members; a member id may appear once
   * @return the snapshot
   * @throws IllegalArgumentException when an id appears twice
   */
  public static RosterSnapshot of(long epoch, Collection<Member> members) {
    Map<String, Member> byId = new TreeMap<>();
    for (Member m : members) {
      if (byId.put(m.id(), m) != null) {
        throw new IllegalArgumentException("member " + m.id() + " listed twice");
      }
    }
    return new RosterSnapshot(epoch, byId);
  }

  /**
   * @return the members that are not suspended, sorted by id
   */
  public List<Member> active() {
    List<Member> out = new ArrayList<>();
    for (Member m : members.values()) {
      if (!m.suspended()) {
        out.add(m);
      }
    }
    return out;
  }

  /**
   * @return every role some active member holds, sorted
   */
  public Set<String> knownRoles() {
    Set<String> roles = new TreeSet<>();
    for (Member m : active()) {
      roles.addAll(m.roles());
    }
    return roles;
  }
}
