/**
 * The node's tamper-evident log (SPEC §5): an RFC 9162 Merkle tree over one {@link
 * org.quorate.core.log.LogEntry} per admission outcome, and the state digest.
 *
 * <p>One concept per class, after transparency-dev/merkle: {@link
 * org.quorate.core.log.Rfc9162Hasher} hashes; {@link org.quorate.core.log.InclusionProofs} and
 * {@link org.quorate.core.log.ConsistencyProofs} say which subtree hashes a proof needs; {@link
 * org.quorate.core.log.ProofVerifier} checks proofs and fails with a typed {@link
 * org.quorate.core.log.ProofVerificationException}; {@link org.quorate.core.log.MerkleLog} appends
 * in O(log n) over a {@link org.quorate.core.log.NodeStore}. Every index, size and length is
 * checked before any hashing.
 */
package org.quorate.core.log;
