/**
 * REST resources and portal beans of coordination (SPEC §3, §7): proposals, their quorum state now
 * and over time, the mission dashboard and the proposal view. Adapters over {@link
 * org.quorate.ejb.coordination.CoordinationQueries}; they see DTOs only.
 */
package org.quorate.web.coordination;
