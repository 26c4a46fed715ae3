/**
 * Certification paths and CRLs (RFC 5280 §6 and §5, RFC 5937 trust anchor constraints; SPEC §2 step
 * 5), with Bouncy Castle's PKIX: {@link org.quorate.core.pki.CertificationPathValidator} validates
 * a path at a given time with the CRLs delivered to a mission, whose revocation evidence over time
 * {@link org.quorate.core.pki.CrlHistory} reads (RFC 5280 §5.2.4, §5.3.1); {@link
 * org.quorate.core.pki.ValidatedPathCache} memoises paths; {@link
 * org.quorate.core.pki.ImportedCrls} checks operator-imported CRLs, which only give hints (SPEC §2
 * step 5).
 */
package org.quorate.core.pki;
