package org.quorate.core.mission;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A roster epoch (SPEC §1 vocabulary): the members, trust anchors and grants in force. Genesis
 * opens epoch 0; each adopted governance decision opens the next.
 *
 * @param epoch the epoch number (&ge; 0)
 * @param members the members of the epoch
 */
public record Roster(long epoch, List<Member> members) {

  /**
   * @param genesis a parsed genesis
   * @return epoch 0 of its mission
   */
  public static Roster genesis(Genesis genesis) {
    return new Roster(0, genesis.members());
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
    for (Grant g : member.grants()) {
      if (g.names(certificate, spki)) {
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
