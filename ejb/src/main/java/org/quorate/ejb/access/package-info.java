/**
 * Access control by label and clearance on the node (SPEC §6): users' clearances and who may hold
 * one, the redaction of every view a user reads ({@link org.quorate.ejb.access.RedactionService}
 * over {@link org.quorate.core.access.Redaction}), and the label filter on FMN egress (SPEC §4 "FMN
 * services").
 */
package org.quorate.ejb.access;
