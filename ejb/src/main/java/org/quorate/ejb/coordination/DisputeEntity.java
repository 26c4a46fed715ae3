package org.quorate.ejb.coordination;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/** A projected {@code dispute} (SPEC §1): recorded and shown, it changes no count (SPEC §3). */
@Entity
@Table(
    name = "Q_DISPUTE",
    indexes = @Index(name = "Q_DISPUTE_PROPOSAL", columnList = "PROPOSAL_ID"))
public class DisputeEntity extends ProjectedEvent {
  @Column(name = "TARGET_ID", length = 71, nullable = false)
  private String target;

  @Column(name = "PROPOSAL_ID", length = 71)
  private String proposal;

  @Column(name = "REASON", length = 2000)
  private String reason;

  /** For JPA. */
  protected DisputeEntity() {}

  /**
   * @param eventId event id
   * @param mission mission
   * @param member disputing member
   * @param signer credential
   * @param issued issued
   * @param admission admission outcome
   * @param target disputed event
   * @param proposal the proposal it bears on, or null
   * @param reason the reason
   */
  public DisputeEntity(
      String eventId,
      String mission,
      String member,
      String signer,
      Instant issued,
      String admission,
      String target,
      String proposal,
      String reason) {
    super(eventId, mission, member, signer, issued, admission);
    this.target = target;
    this.proposal = proposal;
    this.reason = clip(reason, 2000);
  }

  /**
   * @return the disputed event
   */
  public String target() {
    return target;
  }

  /**
   * @return the proposal, or null
   */
  public String proposal() {
    return proposal;
  }

  /**
   * @return the reason
   */
  public String reason() {
    return reason;
  }
}
