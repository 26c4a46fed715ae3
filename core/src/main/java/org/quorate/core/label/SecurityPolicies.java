package org.quorate.core.label;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The security policies a node knows: the shipped NATO SPIF and any SPIF files an operator loads.
 * Looked up by a label's policy identifier (name or OID) or by the SPIF hash a genesis names.
 * Immutable; {@link #plus} returns a new registry.
 */
public final class SecurityPolicies {
  /** Cap on the number of policies of one registry. */
  public static final int MAX_POLICIES = 64;

  private final List<SecurityPolicy> policies;

  private SecurityPolicies(List<SecurityPolicy> policies) {
    this.policies = List.copyOf(policies);
  }

  /**
   * @return a registry holding the shipped NATO SPIF
   */
  public static SecurityPolicies defaults() {
    return new SecurityPolicies(List.of(SecurityPolicy.nato()));
  }

  /**
   * @param policies the policies; a later one with the same name or OID as an earlier one is
   *     refused
   * @return the registry
   * @throws IllegalArgumentException on a clash of names or OIDs, or more than {@value
   *     #MAX_POLICIES}
   */
  public static SecurityPolicies of(List<SecurityPolicy> policies) {
    SecurityPolicies r = new SecurityPolicies(List.of());
    for (SecurityPolicy p : policies) {
      r = r.plus(p);
    }
    return r;
  }

  /**
   * @param p a policy to add
   * @return a registry with it; the same SPIF (by hash) again is a no-op
   * @throws IllegalArgumentException when another SPIF has its name or OID, or the cap is reached
   */
  public SecurityPolicies plus(SecurityPolicy p) {
    for (SecurityPolicy q : policies) {
      if (q.spifHash().equals(p.spifHash())) {
        return this;
      }
      if (q.name().equals(p.name()) || q.oid().equals(p.oid())) {
        throw new IllegalArgumentException(
            "policy " + p.name() + " (" + p.oid() + ") clashes with loaded " + q);
      }
    }
    if (policies.size() >= MAX_POLICIES) {
      throw new IllegalArgumentException("more than " + MAX_POLICIES + " policies");
    }
    List<SecurityPolicy> l = new ArrayList<>(policies);
    l.add(p);
    return new SecurityPolicies(l);
  }

  /**
   * @param spif a SPIF file to load and add
   * @return a registry with it
   * @throws IOException when the file cannot be read
   * @throws LabelFormatException when it is not a valid SPIF
   */
  public SecurityPolicies load(Path spif) throws IOException, LabelFormatException {
    return plus(SecurityPolicy.load(spif));
  }

  /**
   * @param policyIdentifier a label's policy: name, OID or {@code urn:oid:} OID
   * @return the policy it names
   */
  public Optional<SecurityPolicy> forPolicy(String policyIdentifier) {
    return policies.stream().filter(p -> p.isNamedBy(policyIdentifier)).findFirst();
  }

  /**
   * @param spifHash {@code sha256:} and hex, as {@link SecurityPolicy#spifHash()}
   * @return the policy loaded from that SPIF
   */
  public Optional<SecurityPolicy> bySpifHash(String spifHash) {
    return policies.stream().filter(p -> p.spifHash().equals(spifHash)).findFirst();
  }

  /**
   * @return the policies, in the order added
   */
  public List<SecurityPolicy> all() {
    return policies;
  }
}
