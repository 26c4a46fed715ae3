package org.quorate.ejb.coordination;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import org.quorate.core.quorum.RetractionRecord;

/** A projected {@code retraction} (SPEC §1) and the proposal its target bears on, when known. */
@Entity
@Table(
    name = "Q_RETRACTION",
    indexes = @Index(name = "Q_RETRACTION_PROPOSAL", columnList = "PROPOSAL_ID"))
public class RetractionEntity extends ProjectedEvent {
  @Column(name = "TARGET_ID", length = 71, nullable = false)
  private String target;

  @Column(name = "PROPOSAL_ID", length = 71)
  private String proposal;

  @Column(name = "REASON", length = 2000)
  private String reason;

  /** For JPA. */
  protected RetractionEntity() {}

  /**
   * @param r the record
   * @param mission mission
   * @param signer credential
   * @param proposal the proposal the retracted event bears on, or null
   * @param reason the body's reason
   * @param admission admission outcome
   */
  public RetractionEntity(
      RetractionRecord r,
      String mission,
      String signer,
      String proposal,
      String reason,
      String admission) {
    super(r.eventId(), mission, r.member(), signer, r.issued(), admission);
    this.target = r.event();
    this.proposal = proposal;
    this.reason = clip(reason, 2000);
  }

  /**
   * @return the record for counting
   */
  public RetractionRecord record() {
    return new RetractionRecord(eventId(), member(), target, issued());
  }

  /**
   * @return the retracted event
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
