/**
 * Confidentiality labels and classification posture (SPEC §6, STANAG 4774 / ADatP-4774, XML SPIF
 * 2.1).
 *
 * <ul>
 *   <li>{@link org.quorate.core.label.ConfidentialityLabel}: policy, classification, security
 *       categories; read and written as STANAG 4774 XML ({@link org.quorate.core.label.LabelXml})
 *       and as the JSON of SPEC §6 ({@link org.quorate.core.label.LabelJson}).
 *   <li>{@link org.quorate.core.label.SecurityPolicy}: a security policy loaded from an XML SPIF
 *       2.1 file; label validity, display marking and dominance.
 *   <li>{@link org.quorate.core.label.LabelPolicy}: a mission's SPIF plus {@link
 *       org.quorate.core.label.GroupTable}; posture admission, releasability and the composite rule
 *       for cross-mission references, as {@link org.quorate.core.label.PostureDecision}s.
 * </ul>
 *
 * <p>Policy naming: the JSON {@code policy} field and the 4774 {@code PolicyIdentifier} text carry
 * the SPIF's {@code securityPolicyId/@name} (e.g. {@code NATO}). A label naming its policy by OID
 * ({@code 1.3.26.1.3.1} or {@code urn:oid:1.3.26.1.3.1}, the 4774 {@code URL} attribute form) is
 * matched to the same SPIF; the name is what Quorate writes.
 */
package org.quorate.core.label;
