package org.quorate.core.pki;

import java.util.Objects;
import java.util.Set;

/**
 * Options of a {@link CertificationPathValidator} run: the revocation mode and the RFC 5280 §6.1.1
 * policy inputs.
 *
 * @param revocation how CRLs are used
 * @param initialPolicies {@code user-initial-policy-set} as dotted OIDs; empty means {@code
 *     any-policy}
 * @param explicitPolicyRequired {@code initial-explicit-policy}
 * @param policyMappingInhibited {@code initial-policy-mapping-inhibit}
 * @param anyPolicyInhibited {@code initial-any-policy-inhibit}
 * @param requireSigningKeyUsage when set, an end-entity certificate with a keyUsage extension (RFC
 *     5280 §4.2.1.3) must assert digitalSignature or nonRepudiation (contentCommitment): the
 *     credential signs contributions
 */
public record PathOptions(
    RevocationMode revocation,
    Set<String> initialPolicies,
    boolean explicitPolicyRequired,
    boolean policyMappingInhibited,
    boolean anyPolicyInhibited,
    boolean requireSigningKeyUsage) {

  /** How revocation is judged. */
  public enum RevocationMode {
    /**
     * RFC 5280 §6.3: every certificate of the path needs a valid, current CRL (its thisUpdate and
     * nextUpdate around the validation time, signed by an authorised CRL issuer, in scope); a
     * missing or stale CRL fails the path. Used for PKITS. Bouncy Castle refuses validation times
     * after the current time in this mode (the path is then invalid).
     */
    STRICT_RFC5280,
    /**
     * The Quorate rule of SPEC §2 stage 5: the CRLs delivered to the mission are evidence of
     * revocation times. A certificate counts as revoked at the validation time only if a CRL issued
     * and properly signed by its issuer (the next certificate of the path, or the trust anchor)
     * lists it with a revocationDate at or before that time. CRL freshness (nextUpdate) does not
     * matter, and a missing CRL is not an error.
     */
    EVIDENCE
  }

  /**
   * @throws NullPointerException when {@code revocation} or {@code initialPolicies} is null
   */
  public PathOptions {
    Objects.requireNonNull(revocation, "revocation");
    initialPolicies = Set.copyOf(initialPolicies);
  }

  /**
   * @return the options Quorate admission uses: {@link RevocationMode#EVIDENCE}, any policy, no
   *     policy constraints of our own, a signing key usage on the credential
   */
  public static PathOptions quorate() {
    return new PathOptions(RevocationMode.EVIDENCE, Set.of(), false, false, false, true);
  }

  /**
   * @return RFC 5280 defaults with {@link RevocationMode#STRICT_RFC5280}: any policy, no explicit
   *     policy, mapping and anyPolicy allowed, no key usage demanded of the end entity
   */
  public static PathOptions strict() {
    return new PathOptions(RevocationMode.STRICT_RFC5280, Set.of(), false, false, false, false);
  }
}
