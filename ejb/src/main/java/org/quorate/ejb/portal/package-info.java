/**
 * The portal's read side (SPEC §7): one event with everything around it, search, paged listings of
 * a mission's inputs and a member's view. Each answer is a view record; the labelled fields (title,
 * text, rationale, body) of each record type are built in one place ({@link
 * org.quorate.ejb.portal.EventViews}), so that clearance-based redaction (SPEC §6) applies there.
 */
package org.quorate.ejb.portal;
