/**
 * Access decisions on what a user may read (SPEC §6): {@link org.quorate.core.access.Redaction}
 * decides whether a {@link org.quorate.core.label.Clearance} admits an event and which fields are
 * withheld. The container side (ejb {@code org.quorate.ejb.access.RedactionService}) applies it to
 * every view record.
 */
package org.quorate.core.access;
