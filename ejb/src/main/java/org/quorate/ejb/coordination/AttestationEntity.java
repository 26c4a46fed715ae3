package org.quorate.ejb.coordination;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import org.quorate.core.quorum.AttestationRecord;
import org.quorate.core.quorum.Verdict;

/** A projected {@code attestation} (SPEC §1): a verdict on a proposal in a role. */
@Entity
@Table(
    name = "Q_ATTESTATION",
    indexes = @Index(name = "Q_ATTESTATION_PROPOSAL", columnList = "PROPOSAL_ID"))
public class AttestationEntity extends ProjectedEvent {
  @Column(name = "PROPOSAL_ID", length = 71, nullable = false)
  private String proposal;

  @Column(name = "ROLE_NAME", length = 128, nullable = false)
  private String role;

  @Column(name = "VERDICT", length = 16, nullable = false)
  private String verdict;

  @Lob
  @Column(name = "RATIONALE")
  private String rationale;

  @Column(name = "SUPERSEDES", length = 71)
  private String supersedes;

  /** The roster epoch the attestation names (null in rows projected before it was kept). */
  @Column(name = "EPOCH")
  private Long epoch;

  /** For JPA. */
  protected AttestationEntity() {}

  /**
   * @param a the attestation record
   * @param mission mission
   * @param admission admission outcome
   */
  public AttestationEntity(AttestationRecord a, String mission, String admission) {
    super(a.eventId(), mission, a.member(), a.signer(), a.issued(), admission);
    this.proposal = a.proposal();
    this.role = clip(a.role(), 128);
    this.verdict = a.verdict().wire();
    this.rationale = a.rationale();
    this.supersedes = a.supersedes();
    this.epoch = a.epoch();
  }

  /**
   * @return the record for counting
   */
  public AttestationRecord record() {
    return new AttestationRecord(
        eventId(),
        proposal,
        member(),
        signer(),
        role,
        Verdict.fromWire(verdict),
        rationale,
        supersedes,
        issued(),
        epoch == null ? -1 : epoch);
  }

  /**
   * @return the proposal id
   */
  public String proposal() {
    return proposal;
  }

  /**
   * @return the role
   */
  public String role() {
    return role;
  }

  /**
   * @return the verdict ({@code concur}, {@code dissent}, {@code abstain})
   */
  public String verdict() {
    return verdict;
  }

  /**
   * @return the rationale, or null
   */
  public String rationale() {
    return rationale;
  }

  /**
   * @return the superseded attestation, or null
   */
  public String supersedes() {
    return supersedes;
  }
}
