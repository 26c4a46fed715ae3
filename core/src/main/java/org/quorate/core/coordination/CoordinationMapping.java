package org.quorate.core.coordination;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.quorate.core.event.Event;
import org.quorate.core.event.EventType;
import org.quorate.core.mission.Genesis;
import org.quorate.core.mission.Grant;
import org.quorate.core.mission.Member;
import org.quorate.core.quorum.AttestationRecord;
import org.quorate.core.quorum.DecisionRecord;
import org.quorate.core.quorum.ProposalRecord;
import org.quorate.core.quorum.QuorumDeclarationRecord;
import org.quorate.core.quorum.RetractionRecord;
import org.quorate.core.quorum.RosterSnapshot;
import org.quorate.core.quorum.Verdict;

/**
 * Maps admitted events (SPEC §1 bodies, already schema-checked by {@link
 * org.quorate.core.event.EventParser}) to the quorum input records of {@code
 * org.quorate.core.quorum}, and a roster epoch to its roster snapshot (SPEC §3 "Counting"). Bodies
 * are read defensively: a field of the wrong shape raises {@link CoordinationException}, never a
 * runtime error from Jackson.
 */
public final class CoordinationMapping {
  /** Largest number of ids accepted in a decision's {@code counted} or a declaration's lists. */
  public static final int MAX_IDS = 10_000;

  /** Governance actions whose {@code member} names the subject member (SPEC §1). */
  private static final Set<String> MEMBER_ACTIONS =
      Set.of(
          "admit-member",
          "suspend-member",
          "reinstate-member",
          "withdraw-member",
          "grant-role",
          "revoke-role",
          "rotate-trust-anchor");

  private CoordinationMapping() {}

  /**
   * @param type an event type
   * @return whether the projection keeps events of this type (proposal, attestation, retraction,
   *     quorum-declaration, decision, dispute)
   */
  public static boolean projected(EventType type) {
    return switch (type) {
      case PROPOSAL, ATTESTATION, RETRACTION, QUORUM_DECLARATION, DECISION, DISPUTE -> true;
      default -> false;
    };
  }

  /**
   * @param e a {@code proposal} event
   * @return its record: policy name, epoch, issued and the governance action's subject member
   * @throws CoordinationException for another type or a body of the wrong shape
   */
  public static ProposalRecord proposal(Event e) throws CoordinationException {
    require(e, EventType.PROPOSAL);
    JsonNode action = e.body().get("action");
    return new ProposalRecord(
        e.eventId(),
        text(e, "policy", true),
        e.epoch(),
        e.issued(),
        actionSubject(e.body()),
        GovernanceAction.subjectRule(GovernanceAction.kind(action)));
  }

  /**
   * @param e an {@code attestation} event
   * @return its record
   * @throws CoordinationException for another type, an unknown verdict or a body of the wrong shape
   */
  public static AttestationRecord attestation(Event e) throws CoordinationException {
    require(e, EventType.ATTESTATION);
    Verdict verdict;
    try {
      verdict = Verdict.fromWire(text(e, "verdict", true));
    } catch (IllegalArgumentException ex) {
      throw new CoordinationException(e.eventId() + ": " + ex.getMessage());
    }
    return new AttestationRecord(
        e.eventId(),
        text(e, "proposal", true),
        e.member(),
        e.signer(),
        text(e, "role", true),
        verdict,
        text(e, "rationale", false),
        text(e, "supersedes", false),
        e.issued(),
        e.epoch());
  }

  /**
   * @param e a {@code retraction} event
   * @return its record
   * @throws CoordinationException for another type or a body of the wrong shape
   */
  public static RetractionRecord retraction(Event e) throws CoordinationException {
    require(e, EventType.RETRACTION);
    return new RetractionRecord(e.eventId(), e.member(), text(e, "event", true), e.issued());
  }

  /**
   * @param e a {@code quorum-declaration} event
   * @return its record (R and U as sets)
   * @throws CoordinationException for another type or a body of the wrong shape
   */
  public static QuorumDeclarationRecord declaration(Event e) throws CoordinationException {
    require(e, EventType.QUORUM_DECLARATION);
    return new QuorumDeclarationRecord(
        e.eventId(),
        text(e, "proposal", true),
        new TreeSet<>(ids(e, "reachable")),
        new TreeSet<>(ids(e, "unreachable")),
        e.issued());
  }

  /**
   * @param e a {@code decision} event
   * @return its record ({@code counted} in wire order)
   * @throws CoordinationException for another type or a body of the wrong shape
   */
  public static DecisionRecord decision(Event e) throws CoordinationException {
    require(e, EventType.DECISION);
    return new DecisionRecord(
        e.eventId(),
        text(e, "proposal", true),
        text(e, "outcome", true),
        ids(e, "counted"),
        text(e, "declaration", false),
        e.issued());
  }

  /**
   * The roster of epoch 0 as counting sees it: every founding member, its weight, not suspended,
   * with the union of the roles its grants name.
   *
   * @param genesis the mission genesis
   * @return the snapshot of epoch 0
   */
  public static RosterSnapshot roster(Genesis genesis) {
    return roster(org.quorate.core.mission.Roster.genesis(genesis));
  }

  /**
   * A roster epoch as counting sees it: every member of the epoch, its weight, whether it is
   * suspended there, with the union of the roles its grants of that epoch name. Members admitted in
   * a later epoch are not in it, so they cannot vote on the epoch's proposals (SPEC §3).
   *
   * @param epoch a roster epoch
   * @return its snapshot
   */
  public static RosterSnapshot roster(org.quorate.core.mission.Roster epoch) {
    List<RosterSnapshot.Member> members = new ArrayList<>();
    for (Member m : epoch.members()) {
      Set<String> roles = new TreeSet<>();
      for (Grant g : m.grants()) {
        roles.addAll(g.roles());
      }
      members.add(
          new RosterSnapshot.Member(
              m.id(), Math.max(0, m.weight()), epoch.isSuspended(m.id()), roles));
    }
    return RosterSnapshot.of(epoch.epoch(), members);
  }

  private static String actionSubject(JsonNode body) {
    JsonNode action = body.get("action");
    if (action == null || !action.isObject()) {
      return null;
    }
    String kind = action.path("action").asText("");
    if (!MEMBER_ACTIONS.contains(kind)) {
      return null;
    }
    JsonNode member = action.get("member");
    if (member == null) {
      return null;
    }
    if (member.isTextual()) {
      return member.asText();
    }
    return member.isObject() && member.path("id").isTextual() ? member.get("id").asText() : null;
  }

  private static void require(Event e, EventType type) throws CoordinationException {
    if (e.type() != type) {
      throw new CoordinationException(
          e.eventId() + " is a " + e.type().wireName() + ", not a " + type.wireName());
    }
  }

  /** A required text field of the body ({@link ProposalScope} reads the fields naming events). */
  static String text(Event e, String field) throws CoordinationException {
    return text(e, field, true);
  }

  private static String text(Event e, String field, boolean required) throws CoordinationException {
    JsonNode n = e.body() == null ? null : e.body().get(field);
    if (n == null || n.isNull()) {
      if (required) {
        throw new CoordinationException(e.eventId() + ": body field \"" + field + "\" is required");
      }
      return null;
    }
    if (!n.isTextual()) {
      throw new CoordinationException(e.eventId() + ": body field \"" + field + "\" is not text");
    }
    return n.asText();
  }

  private static List<String> ids(Event e, String field) throws CoordinationException {
    JsonNode n = e.body() == null ? null : e.body().get(field);
    if (n == null || n.isNull()) {
      return List.of();
    }
    if (!n.isArray()) {
      throw new CoordinationException(e.eventId() + ": body field \"" + field + "\" not a list");
    }
    if (n.size() > MAX_IDS) {
      throw new CoordinationException(
          e.eventId() + ": body field \"" + field + "\" has more than " + MAX_IDS + " entries");
    }
    List<String> ordered = new ArrayList<>();
    for (JsonNode x : n) {
      if (!x.isTextual()) {
        throw new CoordinationException(
            e.eventId() + ": body field \"" + field + "\" holds a non-text entry");
      }
      ordered.add(x.asText());
    }
    return ordered;
  }
}
