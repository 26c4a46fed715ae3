package org.quorate.core.mission;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A roster epoch (SPEC §1 vocabulary): the members, trust anchors, grants, posture and policies in
 * force. Genesis opens epoch 0; each adopted governance decision opens the next (SPEC §3
 * "Governance"; the rule that picks it is {@code org.quorate.core.coordination.EpochChain}).
 *
 * @param epoch the epoch number (&ge; 0)
 * @param members the members of the epoch, suspended ones included (in genesis order, admitted
 *     members appended)
 * @param suspended ids of members suspended in this epoch: still members (their events are judged
 *     as any member's), left out of n when counting (SPEC §3 "Counting")
 * @param posture the posture label (SPEC §6) in force, or null: no ceiling
 * @param policies the quorum policies declared in force (SPEC §3 "Policy"), as JSON objects
 * @param governancePolicy the name of the policy governing roster changes (genesis {@code
 *     governancePolicy})
 * @param opened the decision that opened this epoch; null for epoch 0 (the genesis)
 * @param withdrawn ids of members withdrawn in this or an earlier epoch: never admitted again (SPEC
 *     §1), so nobody inherits another's history
 * @param declaredBy for each policy of {@code policies} declared by governance ({@code
 *     declare-policy}), its name to the event id of the decision that adopted it; a policy not
 *     listed comes from the genesis
 */
public record Roster(
    long epoch,
    List<Member> members,
    Set<String> suspended,
    JsonNode posture,
    List<JsonNode> policies,
    String governancePolicy,
    Opening opened,
    Set<String> withdrawn,
    Map<String, String> declaredBy) {

  /** Copies the collections; a null set, list or map is taken as empty. */
  public Roster {
    if (epoch < 0) {
      throw new IllegalArgumentException("epoch must not be negative");
    }
    members = List.copyOf(members);
    suspended = suspended == null ? Set.of() : Set.copyOf(new TreeSet<>(suspended));
    policies = policies == null ? List.of() : List.copyOf(policies);
    governancePolicy = governancePolicy == null ? "governance" : governancePolicy;
    withdrawn = withdrawn == null ? Set.of() : Set.copyOf(new TreeSet<>(withdrawn));
    declaredBy =
        declaredBy == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(declaredBy));
  }

  /**
   * An epoch in which no member was ever withdrawn and every policy comes from the genesis.
   *
   * @param epoch the epoch number
   * @param members its members, suspended ones included
   * @param suspended ids of suspended members
   * @param posture the posture, or null
   * @param policies the policies in force
   * @param governancePolicy the governance policy's name
   * @param opened the decision that opened it, or null for epoch 0
   */
  public Roster(
      long epoch,
      List<Member> members,
      Set<String> suspended,
      JsonNode posture,
      List<JsonNode> policies,
      String governancePolicy,
      Opening opened) {
    this(
        epoch, members, suspended, posture, policies, governancePolicy, opened, Set.of(), Map.of());
  }

  /**
   * An epoch with these members only: no suspension, no posture, no declared policy.
   *
   * @param epoch the epoch number
   * @param members its members
   */
  public Roster(long epoch, List<Member> members) {
    this(epoch, members, Set.of(), null, List.of(), "governance", null);
  }

  /**
   * The decision that opened an epoch (SPEC §3 "Governance").
   *
   * @param decision the decision's event id
   * @param proposal the governance proposal it decided
   * @param issued the decision's {@code issued}: events naming the previous epoch issued after it
   *     (ties by event id) are {@code stale-epoch} (SPEC §2 stage 4)
   * @param action the action applied, e.g. {@code admit-member}
   */
  public record Opening(String decision, String proposal, Instant issued, String action) {
    /**
     * @param eventIssued an event's {@code issued}
     * @param eventId its event id
     * @return whether the event was issued at or before this decision (ties by event id), i.e. may
     *     still name the epoch this decision closed
     */
    public boolean admitsEarlier(Instant eventIssued, String eventId) {
      int c = eventIssued.compareTo(issued);
      return c < 0 || (c == 0 && eventId.compareTo(decision) <= 0);
    }
  }

  /**
   * @param genesis a parsed genesis
   * @return epoch 0 of its mission
   */
  public static Roster genesis(Genesis genesis) {
    return new Roster(
        0,
        genesis.members(),
        Set.of(),
        genesis.posture(),
        genesis.policies(),
        genesis.governancePolicy(),
        null);
  }

  /**
   * @param id a member id
   * @return whether that member is suspended in this epoch
   */
  public boolean isSuspended(String id) {
    return suspended.contains(id);
  }

  /**
   * @param id a member id
   * @return whether that member was withdrawn (in this or an earlier epoch)
   */
  public boolean isWithdrawn(String id) {
    return withdrawn.contains(id);
  }

  /**
   * @param id a member id
   * @return that member in this epoch
   */
  public Optional<Member> member(String id) {
    return members.stream().filter(m -> m.id().equals(id)).findFirst();
  }

  /**
   * @return every trust anchor of every member of the epoch
   */
  public List<X509Certificate> allAnchors() {
    return members.stream().flatMap(m -> m.trustAnchors().stream()).toList();
  }

  /**
   * @param anchor a trust anchor certificate a certification path ended at
   * @return the member whose anchors include it (compared by DER encoding)
   */
  public Optional<Member> owner(X509Certificate anchor) {
    for (Member m : members) {
      if (contains(m.trustAnchors(), anchor)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  /**
   * The roles the member's grants give a credential in this epoch; a grant holds only under the
   * member's own anchors, which the caller has established by path validation.
   *
   * @param member the member the path ended under
   * @param certificate the signer's certificate
   * @param spki the certificate's SPKI hash ({@code sha256:…})
   * @return the granted roles, sorted; empty when none
   */
  public Set<String> roles(Member member, X509Certificate certificate, String spki) {
    Set<String> roles = new TreeSet<>();
    javax.security.auth.x500.X500Principal subject = certificate.getSubjectX500Principal();
    for (Grant g : member.grants()) {
      if (g.names(subject, spki)) {
        roles.addAll(g.roles());
      }
    }
    return roles;
  }

  private static boolean contains(Collection<X509Certificate> anchors, X509Certificate c) {
    try {
      byte[] der = c.getEncoded();
      for (X509Certificate a : anchors) {
        if (Arrays.equals(a.getEncoded(), der)) {
          return true;
        }
      }
      return false;
    } catch (CertificateEncodingException e) {
      return false;
    }
  }
}
