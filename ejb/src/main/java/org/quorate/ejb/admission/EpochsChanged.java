package org.quorate.ejb.admission;

/**
 * CDI event fired synchronously, inside the admitting transaction, when the roster epochs of a
 * mission changed (a governance decision opened one; SPEC §3 "Governance"). The coordination
 * projection writes its epoch rows.
 *
 * @param mission the mission
 */
public record EpochsChanged(String mission) {}
