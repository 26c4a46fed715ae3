/**
 * The CMS SignedData profile of SPEC §1 (RFC 5652, RFC 5754, RFC 8419), verified with Bouncy
 * Castle: {@link org.quorate.core.cms.SignedDataVerifier} checks structure, allowed algorithms
 * ({@link org.quorate.core.cms.SignatureAlgorithms}), signed attributes and the signature; {@link
 * org.quorate.core.cms.Ids} is the one SHA-256 identifier and fingerprint helper (FIPS 180-4):
 * event and input ids, {@code signer} (SubjectPublicKeyInfo hash), certificate fingerprints.
 */
package org.quorate.core.cms;
