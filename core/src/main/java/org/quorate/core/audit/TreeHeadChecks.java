package org.quorate.core.audit;

import java.security.cert.X509Certificate;
import java.util.Optional;
import org.quorate.core.admission.Admission;
import org.quorate.core.admission.CredentialRoles;
import org.quorate.core.cms.Ids;
import org.quorate.core.log.SignedTreeHead;
import org.quorate.core.pki.CertificationPathValidator;
import org.quorate.core.reason.AuditReasonCode;
import org.quorate.core.reason.VerificationCheck;

/**
 * The signed tree head (SPEC §5 "STH") with {@link TreeHeadVerification}: signature by the bundle's
 * node certificate, mission, time and size; once the epochs are known, the signer's path, the pins
 * and its {@code node} role.
 */
abstract class TreeHeadChecks extends StructureChecks {
  // ---- tree head ------------------------------------------------------------------------

  void treeHead() {
    SignedTreeHead.Verified v;
    try {
      v = TreeHeadVerification.signature(bundle.treeHead());
    } catch (TreeHeadVerification.Refused e) {
      fail(VerificationCheck.TREE_HEAD, AuditBundle.STH, e.code(), e.getMessage());
      return;
    }
    Optional<byte[]> nodePem = bundle.nodeCertificate();
    if (nodePem.isEmpty()) {
      fail(
          VerificationCheck.TREE_HEAD,
          AuditBundle.NODE_CERTIFICATE,
          AuditReasonCode.MISSING_FILE,
          "the bundle holds no node certificate");
      return;
    }
    X509Certificate node;
    try {
      node = SignedFiles.certificate(nodePem.get());
    } catch (IllegalArgumentException e) {
      fail(
          VerificationCheck.TREE_HEAD,
          AuditBundle.NODE_CERTIFICATE,
          AuditReasonCode.MALFORMED_CERTIFICATE,
          e.getMessage());
      return;
    }
    if (!node.equals(v.signer())) {
      fail(
          VerificationCheck.TREE_HEAD,
          AuditBundle.STH,
          AuditReasonCode.STH_SIGNATURE,
          "the tree head is signed by "
              + subject(v.signer())
              + ", not by the node certificate "
              + subject(node));
      return;
    }
    SignedTreeHead h = v.head();
    try {
      TreeHeadVerification.content(h, genesis.mission(), now);
    } catch (TreeHeadVerification.Refused e) {
      fail(VerificationCheck.TREE_HEAD, AuditBundle.STH, e.code(), e.getMessage());
      return;
    }
    if (h.size() != bundle.treeSize()) {
      fail(
          VerificationCheck.TREE_HEAD,
          AuditBundle.PROOFS,
          AuditReasonCode.SIZE_MISMATCH,
          "proofs.json is for tree size "
              + bundle.treeSize()
              + " but the tree head states "
              + h.size());
      return;
    }
    head = h;
    signed = v;
    this.node = node;
  }

  /**
   * The tree head's node credential: path at the head's time to a member's anchors of the epoch in
   * force, the pins and its {@code node} role. Checked once the epochs are derived (a node role may
   * be granted by governance); until then the head's signature alone proves records, and a failure
   * here fails the report.
   */
  void nodeCredential() {
    if (head == null) {
      return;
    }
    try {
      CredentialRoles.Holder holder =
          TreeHeadVerification.signerPath(signed, chain.current(), crls);
      if (!pinned(holder.path().trustAnchor(), VerificationCheck.TREE_HEAD, AuditBundle.STH)) {
        return;
      }
      TreeHeadVerification.nodeRole(signed, holder);
    } catch (TreeHeadVerification.Refused e) {
      fail(VerificationCheck.TREE_HEAD, AuditBundle.STH, e.code(), e.getMessage());
      return;
    }
    pass(
        VerificationCheck.TREE_HEAD,
        AuditBundle.STH,
        "signed by node "
            + subject(node)
            + ": log "
            + head.mission()
            + " size "
            + head.size()
            + " root "
            + head.rootHex()
            + " at "
            + head.time());
  }

  boolean pinned(X509Certificate anchor, VerificationCheck check, String subject) {
    if (!options.pinned()) {
      return true;
    }
    String fp = Ids.fingerprint(anchor);
    if (options.pinnedAnchorSha256Hex().contains(fp)) {
      return true;
    }
    fail(
        check,
        subject,
        AuditReasonCode.ANCHOR_NOT_PINNED,
        "the path ends at trust anchor "
            + subject(anchor)
            + " (SHA-256 "
            + fp
            + "), which is not among the pinned anchors");
    return false;
  }

  TreeHeadChecks(
      AuditBundle bundle,
      VerifyOptions options,
      CertificationPathValidator validator,
      Admission admission) {
    super(bundle, options, validator, admission);
  }
}
