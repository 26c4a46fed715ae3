/**
 * The node log on the web (SPEC §5, §7; RFC 9162): REST endpoints for signed tree heads, inclusion
 * and consistency proofs, entries and the state digest, and the portal's log page that verifies the
 * heads and their consistency.
 */
package org.quorate.web.log;
