/**
 * Missions (SPEC §1): loading a mission from its genesis (one genesis per name), the pending and
 * active states, and the mission views REST and the portal show.
 */
package org.quorate.ejb.mission;
