package org.quorate.ejb.mission;

import java.time.Instant;

/**
 * A mission as REST and the portal show it.
 *
 * @param mission mission name
 * @param genesisId the genesis id it is bound to
 * @param name display name
 * @param status {@code pending} or {@code active}
 * @param members founding member ids, comma-separated
 * @param createdAt when an operator loaded it
 */
public record MissionView(
    String mission,
    String genesisId,
    String name,
    String status,
    String members,
    Instant createdAt) {}
