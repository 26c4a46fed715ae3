package org.quorate.core.audit;

import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.quorate.core.admission.Admission;
import org.quorate.core.admission.CredentialRoles;
import org.quorate.core.cms.SignedDataVerifier;
import org.quorate.core.log.MalformedTreeHeadException;
import org.quorate.core.log.SignedTreeHead;
import org.quorate.core.mission.Roster;
import org.quorate.core.pki.CertificationPathValidator;
import org.quorate.core.reason.AdmissionException;
import org.quorate.core.reason.PathValidationException;
import org.quorate.core.reason.ReasonCode;

/**
 * The one verification of a signed tree head (SPEC §5 "STH"), at full strength, in three steps a
 * caller runs in order: {@link #signature} (the CMS SignedData profile and signature of SPEC §1 and
 * a well-formed content), {@link #content} (the log it names and its time against the verifier's
 * clock), {@link #signer} (the signer's certification path at the head's time to the anchors of a
 * member of the roster in force, with the CRLs delivered to the mission, and the {@code node} role
 * there). The offline verifier ({@link BundleVerifier}), {@code quorate log sth} and the portal's
 * log page use it; a caller that cannot know the roster (the CLI with {@code --anchor} only) says
 * which step it skipped.
 *
 * <p>Each refusal carries a check reason code ({@link Refused#code()}) and one sentence.
 */
public final class TreeHeadVerification {
  /**
   * One CMS verifier and one path validator for every head checked (both thread-safe): each made
   * builds a Bouncy Castle provider, which costs more than the verification (issue 12: the audit of
   * one decision made both for its one tree head).
   */
  private static final SignedDataVerifier VERIFIER = new SignedDataVerifier();

  private static final CertificationPathValidator VALIDATOR = new CertificationPathValidator();

  /** The role a tree head's signer must hold (SPEC §3 "Node credentials"). */
  public static final String NODE_ROLE = "node";

  /** How far a head's time may lie ahead of the verifier's clock. */
  public static final Duration SKEW = Admission.DEFAULT_SKEW;

  private TreeHeadVerification() {}

  /** A tree head that does not verify. */
  public static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    private final String code;

    /**
     * @param code the reason code, e.g. {@code sth-signature}
     * @param message one sentence saying what failed
     * @param cause the failure behind it, or null
     */
    public Refused(String code, String message, Throwable cause) {
      super(message, cause);
      this.code = code;
    }

    /**
     * @return the reason code: {@code sth-signature}, {@code malformed-tree-head}, {@code
     *     sth-mission}, {@code issued-in-future}, a path reason code ({@code path-invalid}, {@code
     *     expired}, {@code revoked}, …) or {@code role-not-granted}
     */
    public String code() {
      return code;
    }
  }

  /**
   * Step 1: the CMS signature (Bouncy Castle, SPEC §1 profile) and the content's form.
   *
   * @param der the DER CMS SignedData of a tree head
   * @return the head, its signer and the certificates it carries
   * @throws Refused {@code sth-signature} or {@code malformed-tree-head}
   */
  public static SignedTreeHead.Verified signature(byte[] der) throws Refused {
    try {
      return SignedTreeHead.verify(der, VERIFIER);
    } catch (AdmissionException e) {
      throw new Refused(
          "sth-signature",
          "the tree head's CMS signature does not verify ("
              + e.reasonCode().code()
              + "): "
              + e.getMessage(),
          e);
    } catch (MalformedTreeHeadException e) {
      throw new Refused("malformed-tree-head", e.getMessage(), e);
    }
  }

  /**
   * Step 2: the head is of the expected log and not from the future.
   *
   * @param head the signed head
   * @param mission the mission (log name) expected
   * @param now the verifier's clock
   * @throws Refused {@code sth-mission} or {@code issued-in-future}
   */
  public static void content(SignedTreeHead head, String mission, Instant now) throws Refused {
    if (!head.mission().equals(mission)) {
      throw new Refused(
          "sth-mission",
          "the tree head is of log " + head.mission() + ", not of mission " + mission,
          null);
    }
    if (head.time().isAfter(now.plus(SKEW))) {
      throw new Refused(
          "issued-in-future",
          "the tree head's time " + head.time() + " is ahead of the verifier's clock " + now,
          null);
    }
  }

  /**
   * Step 3: the signer is a node of the mission: {@link #signerPath} then {@link #nodeRole}.
   *
   * @param v the verified head
   * @param inForce the roster epoch in force
   * @param crls the CRLs delivered to the mission
   * @return the signer's holder (member, path, roles)
   * @throws Refused a path reason code or {@code role-not-granted}
   */
  public static CredentialRoles.Holder signer(
      SignedTreeHead.Verified v, Roster inForce, Collection<X509CRL> crls) throws Refused {
    CredentialRoles.Holder holder = signerPath(v, inForce, crls);
    nodeRole(v, holder);
    return holder;
  }

  /**
   * Step 3a: the signer's path at the head's time reaches a member's anchor of the roster in force,
   * with the delivered CRLs (a caller with pinned anchors checks {@code holder.path()} next).
   *
   * @param v the verified head
   * @param inForce the roster epoch in force
   * @param crls the CRLs delivered to the mission
   * @return the signer's holder (member, path, roles)
   * @throws Refused a path reason code ({@code path-invalid}, {@code expired}, {@code revoked}, …)
   */
  public static CredentialRoles.Holder signerPath(
      SignedTreeHead.Verified v, Roster inForce, Collection<X509CRL> crls) throws Refused {
    List<java.security.cert.X509Certificate> intermediates = new ArrayList<>(v.certificates());
    intermediates.remove(v.signer());
    try {
      return CredentialRoles.holder(
          VALIDATOR, inForce, v.signer(), intermediates, crls, v.head().time());
    } catch (PathValidationException e) {
      throw new Refused(
          e.reasonCode().code(), "the node certificate " + subject(v) + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new Refused(ReasonCode.PATH_INVALID.code(), e.getMessage(), e);
    }
  }

  /**
   * Step 3b: the member the signer's path ends under grants it {@code node}.
   *
   * @param v the verified head
   * @param holder the signer's holder ({@link #signerPath})
   * @throws Refused {@code role-not-granted}
   */
  public static void nodeRole(SignedTreeHead.Verified v, CredentialRoles.Holder holder)
      throws Refused {
    if (!holder.holds(NODE_ROLE)) {
      throw new Refused(
          ReasonCode.ROLE_NOT_GRANTED.code(),
          "the credential " + subject(v) + " does not hold role node in the mission",
          null);
    }
  }

  private static String subject(SignedTreeHead.Verified v) {
    return v.signer()
        .getSubjectX500Principal()
        .getName(javax.security.auth.x500.X500Principal.RFC2253);
  }
}
