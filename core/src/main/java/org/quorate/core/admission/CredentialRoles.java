package org.quorate.core.admission;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.quorate.core.cms.Ids;
import org.quorate.core.mission.Member;
import org.quorate.core.mission.Roster;
import org.quorate.core.pki.CertificationPathValidator;
import org.quorate.core.pki.PathOptions;
import org.quorate.core.pki.ValidatedPath;
import org.quorate.core.reason.PathValidationException;

/**
 * "Credential holds a role", the one rule (SPEC §2 steps 5 and 6; §3 "Node credentials"): a
 * credential holds the roles that the grants of the member whose trust anchor its certification
 * path ends at give its subject or SubjectPublicKeyInfo in one roster epoch ({@link Roster#roles}).
 * The path is validated (RFC 5280 §6, {@link PathOptions#quorate()}) at a given time with the CRLs
 * delivered to the mission. Admission judges events with it, the offline verifier and the node
 * credential installation check the {@code node} role of a tree head's or a node's certificate with
 * it.
 */
public final class CredentialRoles {
  private CredentialRoles() {}

  /**
   * Who holds a credential in an epoch, and which roles.
   *
   * @param path the validated certification path
   * @param member the member whose anchor the path ends at (empty when the anchor is no member's)
   * @param roles the roles the member's grants give the credential; sorted, empty when none
   */
  public record Holder(ValidatedPath path, Optional<Member> member, Set<String> roles) {
    /** Copies. */
    public Holder {
      roles = java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(roles));
    }

    /**
     * @param role a role name, e.g. {@code node}
     * @return whether the credential holds it
     */
    public boolean holds(String role) {
      return roles.contains(role);
    }
  }

  /**
   * The roles a member's grants give a credential whose path was validated to that member's anchors
   * (admission stage 6).
   *
   * @param epoch the roster epoch
   * @param member the member the path ends under
   * @param certificate the credential's certificate
   * @param spki its SubjectPublicKeyInfo hash ({@code sha256:…}, SPEC §1 {@code signer})
   * @return the roles; sorted, empty when none
   */
  public static Set<String> granted(
      Roster epoch, Member member, X509Certificate certificate, String spki) {
    return epoch.roles(member, certificate, spki);
  }

  /**
   * Validates a credential's path at {@code at} to the anchors of every member of an epoch and
   * answers whose it is and the roles it holds there.
   *
   * @param validator the path validator (Bouncy Castle PKIX)
   * @param epoch the roster epoch (the epoch in force for node credentials)
   * @param certificate the credential's certificate
   * @param intermediates certificates that may complete the path (the certificate itself is
   *     ignored)
   * @param crls the CRLs delivered to the mission (SPEC §2 step 5)
   * @param at the time the path must be valid at
   * @return the holder
   * @throws PathValidationException when no valid path reaches a member's anchor ({@code
   *     path-invalid}, {@code expired}, {@code not-yet-valid}, {@code revoked})
   * @throws IllegalArgumentException when the inputs cannot be handed to the validator
   */
  public static Holder holder(
      CertificationPathValidator validator,
      Roster epoch,
      X509Certificate certificate,
      List<X509Certificate> intermediates,
      Collection<X509CRL> crls,
      Instant at)
      throws PathValidationException {
    ValidatedPath path =
        validator.validate(
            certificate, intermediates, epoch.allAnchors(), crls, at, PathOptions.quorate());
    Optional<Member> owner = epoch.owner(path.trustAnchor());
    Set<String> roles =
        owner.isEmpty()
            ? Set.of()
            : granted(epoch, owner.get(), certificate, Ids.spkiHash(certificate));
    return new Holder(path, owner, roles);
  }
}
