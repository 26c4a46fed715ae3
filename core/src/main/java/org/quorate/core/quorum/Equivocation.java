package org.quorate.core.quorum;

/**
 * Evidence of equivocation (SPEC §3 "Counting"): two attestations of one (proposal, member, role)
 * with different verdicts, neither superseding the other. The member counts for nobody on the
 * proposal but stays in n.
 *
 * @param member the equivocating member
 * @param role the role
 * @param first the earlier attestation id (SPEC §1 order)
 * @param second the later attestation id
 */
public record Equivocation(String member, String role, String first, String second) {}
