/**
 * Missions (SPEC §1 "Genesis", §3 "Governance"): {@link org.quorate.core.mission.GenesisParser}
 * reads a genesis into a {@link org.quorate.core.mission.Genesis}; a {@link
 * org.quorate.core.mission.Roster} is one roster epoch — its {@link
 * org.quorate.core.mission.Member}s, their trust anchors, weights, {@link
 * org.quorate.core.mission.Grant}s of roles, policies and posture — and says which roles a
 * credential's grants give ({@link org.quorate.core.mission.Roster#roles}).
 */
package org.quorate.core.mission;
