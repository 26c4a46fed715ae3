package org.quorate.core.event;

import java.util.Locale;
import java.util.Optional;

/**
 * The event types of SPEC §1 and the role a credential needs to sign each.
 *
 * <p>The wire name is the lower-case hyphenated form ({@code quorum-declaration}).
 */
public enum EventType {
  /** {@code {"genesis":id}}: a founder endorses the genesis; any granted role. */
  GENESIS_ENDORSEMENT(RoleRule.ANY_GRANTED, null),
  /** A coordination proposal under a named quorum policy; any granted role. */
  PROPOSAL(RoleRule.ANY_GRANTED, null),
  /** A verdict on a proposal in a role; the credential must hold the role the body names. */
  ATTESTATION(RoleRule.ROLE_IN_BODY, null),
  /** Which members are reachable for a proposal; {@code mission-authority}. */
  QUORUM_DECLARATION(RoleRule.NAMED, "mission-authority"),
  /** A node's decision certificate; {@code node}. */
  DECISION(RoleRule.NAMED, "node"),
  /** A contribution of content by digest; any granted role. */
  CONTRIBUTION(RoleRule.ANY_GRANTED, null),
  /** A dispute of an event; any granted role. */
  DISPUTE(RoleRule.ANY_GRANTED, null),
  /** A retraction of one's own event; any granted role. */
  RETRACTION(RoleRule.ANY_GRANTED, null),
  /** A CRL issued under the member's anchor; any granted role. */
  CRL(RoleRule.ANY_GRANTED, null),
  /** Declares a signer's chain gap; {@code mission-authority}. */
  GAP_DECLARATION(RoleRule.NAMED, "mission-authority");

  /** How the needed role is found. */
  public enum RoleRule {
    /** Any role granted to the credential in the epoch suffices. */
    ANY_GRANTED,
    /** The role named in the body ({@code body.role}) must be granted. */
    ROLE_IN_BODY,
    /** A fixed role must be granted. */
    NAMED
  }

  private final RoleRule roleRule;
  private final String namedRole;

  EventType(RoleRule roleRule, String namedRole) {
    this.roleRule = roleRule;
    this.namedRole = namedRole;
  }

  /**
   * @return how the role this type needs is determined
   */
  public RoleRule roleRule() {
    return roleRule;
  }

  /**
   * @return the fixed role for {@link RoleRule#NAMED}, else null
   */
  public String namedRole() {
    return namedRole;
  }

  /**
   * @return the wire name, e.g. {@code genesis-endorsement}
   */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * @param wire a wire name such as {@code attestation}
   * @return the type, or empty when version 1 defines no such type
   */
  public static Optional<EventType> fromWire(String wire) {
    for (EventType t : values()) {
      if (t.wireName().equals(wire)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
