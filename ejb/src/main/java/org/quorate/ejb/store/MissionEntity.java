package org.quorate.ejb.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A mission bound to its genesis (SPEC §1): the name, the genesis id and the exact genesis bytes.
 * The row is also the mission's lock: stateful admission stages take it {@code PESSIMISTIC_WRITE},
 * so judgements of one mission are serial on every database.
 */
@Entity
@Table(name = "Q_MISSION")
public class MissionEntity {
  /** A mission waiting for its founders' genesis endorsements. */
  public static final String PENDING = "pending";

  /** An active mission. */
  public static final String ACTIVE = "active";

  @Id
  @Column(name = "NAME", length = 64)
  private String name;

  @Column(name = "GENESIS_ID", length = 71, nullable = false, unique = true)
  private String genesisId;

  @Column(name = "DISPLAY_NAME", length = 512)
  private String displayName;

  @Lob
  @Column(name = "GENESIS", nullable = false)
  private byte[] genesis;

  @Column(name = "STATUS", length = 16, nullable = false)
  private String status;

  @Column(name = "CREATED_MS", nullable = false)
  private long createdMillis;

  /** For JPA. */
  protected MissionEntity() {}

  /**
   * @param name mission name
   * @param genesisId {@code sha256:} of the genesis bytes
   * @param displayName the genesis {@code name}
   * @param genesis the exact genesis bytes
   * @param status {@link #PENDING} or {@link #ACTIVE}
   * @param created when the operator loaded it
   */
  public MissionEntity(
      String name,
      String genesisId,
      String displayName,
      byte[] genesis,
      String status,
      Instant created) {
    this.name = name;
    this.genesisId = genesisId;
    this.displayName = displayName;
    this.genesis = genesis.clone();
    this.status = status;
    this.createdMillis = created.toEpochMilli();
  }

  /**
   * @return the mission as the admission ledger loads it (name, genesis id and bytes, pending)
   */
  public org.quorate.core.admission.LoadedMission loaded() {
    return new org.quorate.core.admission.LoadedMission(
        name, genesisId, genesis, PENDING.equals(status));
  }

  /**
   * @return the mission name
   */
  public String name() {
    return name;
  }

  /**
   * @return the genesis id
   */
  public String genesisId() {
    return genesisId;
  }

  /**
   * @return the display name
   */
  public String displayName() {
    return displayName;
  }

  /**
   * @return a copy of the exact genesis bytes
   */
  public byte[] genesis() {
    return genesis.clone();
  }

  /**
   * @return {@link #PENDING} or {@link #ACTIVE}
   */
  public String status() {
    return status;
  }

  /**
   * @return when it was loaded
   */
  public Instant created() {
    return Instant.ofEpochMilli(createdMillis);
  }

  /** Marks the mission active: every founder endorsed the genesis. */
  public void activate() {
    this.status = ACTIVE;
  }
}
