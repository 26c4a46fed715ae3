/**
 * Audit of a decision (SPEC §5 "Reconstruction", "Audit bundle"; counting of SPEC §3), plain Java.
 *
 * <p>{@link org.quorate.core.audit.AuditBundle} is the ZIP an auditor takes away: the genesis, the
 * exact DER of every input that bears on one proposal, their node log records with inclusion proofs
 * against a signed tree head, the governance decisions in force at the proposal's roster epoch
 * (with their proposals and votes), the anchors of every member of the epochs involved, the node
 * certificate and the CRLs in force. {@link org.quorate.core.audit.BundleVerifier} re-checks it
 * offline with the same code admission uses ({@link org.quorate.core.admission.Admission}, {@link
 * org.quorate.core.cms.SignedDataVerifier}, {@link
 * org.quorate.core.pki.CertificationPathValidator}, {@link
 * org.quorate.core.coordination.EpochChain} for the roster epochs, {@link
 * org.quorate.core.log.ProofVerifier}, {@link org.quorate.core.coordination.ProposalEvaluation},
 * {@link org.quorate.core.quorum.DecisionValidator}) and answers a {@link
 * org.quorate.core.audit.VerificationReport}: each {@link org.quorate.core.audit.AuditCheck} with
 * its result and reason, and the {@link org.quorate.core.audit.Reconstruction} of the proposal.
 */
package org.quorate.core.audit;
