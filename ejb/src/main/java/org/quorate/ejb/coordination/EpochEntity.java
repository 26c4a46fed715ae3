package org.quorate.ejb.coordination;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A roster epoch as this node holds it (SPEC §1, §3 "Governance"), written when the epochs derived
 * from the admitted events change: the decision that opened it and the roster it opened, rendered
 * as the JSON of {@link org.quorate.ejb.view.EpochView}. Epoch 0 is the genesis. The rows are a
 * durable record for auditors and queries; the rule itself is {@code
 * org.quorate.core.coordination.EpochChain}.
 */
@Entity
@Table(name = "Q_EPOCH")
public class EpochEntity {
  @Id
  @Column(name = "ID", length = 200)
  private String id;

  @Column(name = "MISSION", length = 64, nullable = false)
  private String mission;

  @Column(name = "EPOCH_NO", nullable = false)
  private long epoch;

  @Column(name = "OPENED_BY", length = 71)
  private String openedBy;

  @Column(name = "PROPOSAL_ID", length = 71)
  private String proposal;

  @Column(name = "ACTION_KIND", length = 40)
  private String action;

  @Column(name = "OPENED_ISSUED", length = 40)
  private String opened;

  @Lob
  @Column(name = "ROSTER_JSON")
  private String roster;

  @Column(name = "RECORDED_MS", nullable = false)
  private long recordedMillis;

  /** For JPA. */
  protected EpochEntity() {}

  /**
   * @param mission mission name
   * @param epoch epoch number
   * @param openedBy opening decision, or null for epoch 0
   * @param proposal its proposal, or null
   * @param action the action applied, or null
   * @param opened the decision's issued, or null
   * @param roster the epoch's {@link org.quorate.ejb.view.EpochView} as JSON
   * @param recorded when written
   */
  public EpochEntity(
      String mission,
      long epoch,
      String openedBy,
      String proposal,
      String action,
      String opened,
      String roster,
      Instant recorded) {
    this.id = id(mission, epoch);
    this.mission = mission;
    this.epoch = epoch;
    this.openedBy = openedBy;
    this.proposal = proposal;
    this.action = action;
    this.opened = opened;
    this.roster = roster;
    this.recordedMillis = recorded.toEpochMilli();
  }

  /**
   * @param mission mission name
   * @param epoch epoch number
   * @return the row id
   */
  public static String id(String mission, long epoch) {
    return mission + "#" + epoch;
  }

  /**
   * @return mission name
   */
  public String mission() {
    return mission;
  }

  /**
   * @return epoch number
   */
  public long epoch() {
    return epoch;
  }

  /**
   * @return the opening decision, or null for epoch 0
   */
  public String openedBy() {
    return openedBy;
  }

  /**
   * @return when the row was last written
   */
  public Instant recorded() {
    return Instant.ofEpochMilli(recordedMillis);
  }

  /**
   * @return the epoch's view as JSON
   */
  public String roster() {
    return roster;
  }

  /**
   * Replaces the row's content (the epochs changed: an earlier governance decision arrived).
   *
   * @param other the new content of the same epoch
   */
  public void replaceWith(EpochEntity other) {
    this.openedBy = other.openedBy;
    this.proposal = other.proposal;
    this.action = other.action;
    this.opened = other.opened;
    this.roster = other.roster;
    this.recordedMillis = other.recordedMillis;
  }
}
