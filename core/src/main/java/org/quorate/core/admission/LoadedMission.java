package org.quorate.core.admission;

/**
 * A mission as the ledger needs it: bound to its genesis.
 *
 * @param name mission name
 * @param genesisId {@code sha256:} of the genesis bytes
 * @param genesis the exact genesis bytes
 * @param pending whether it waits for its founders' endorsements
 */
public record LoadedMission(String name, String genesisId, byte[] genesis, boolean pending) {}
