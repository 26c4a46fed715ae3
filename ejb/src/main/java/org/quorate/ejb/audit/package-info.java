/**
 * Reconstruction and audit of one proposal on the node (SPEC §5 "Reconstruction", "Audit bundle";
 * §7 {@code …/proposals/{id}/audit} and {@code …/bundle}): gathering what the node keeps into an
 * {@link org.quorate.core.audit.AuditBundle}, verifying it with the core {@link
 * org.quorate.core.audit.BundleVerifier}, and the database checks that compare the stored
 * projection with what the signed bytes say.
 */
package org.quorate.ejb.audit;
