package org.quorate.ejb.coordination;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.util.Arrays;
import java.util.List;
import org.quorate.core.quorum.DecisionRecord;

/**
 * A projected {@code decision} (SPEC §1, the decision certificate) and whether recomputation found
 * it valid (SPEC §3 "Decisions make it final").
 */
@Entity
@Table(
    name = "Q_DECISION",
    indexes = @Index(name = "Q_DECISION_PROPOSAL", columnList = "PROPOSAL_ID"))
public class DecisionEntity extends ProjectedEvent {
  @Column(name = "PROPOSAL_ID", length = 71, nullable = false)
  private String proposal;

  @Column(name = "DECIDED", length = 32, nullable = false)
  private String outcome;

  @Lob
  @Column(name = "COUNTED")
  private String counted;

  @Column(name = "DECLARATION_ID", length = 71)
  private String declaration;

  @Column(name = "VALIDITY", length = 2000)
  private String validity;

  /** For JPA. */
  protected DecisionEntity() {}

  /**
   * @param d the record
   * @param mission mission
   * @param member the node's member
   * @param signer the node credential
   * @param admission admission outcome
   */
  public DecisionEntity(
      DecisionRecord d, String mission, String member, String signer, String admission) {
    super(d.eventId(), mission, member, signer, d.issued(), admission);
    this.proposal = d.proposal();
    this.outcome = clip(d.outcome(), 32);
    this.counted = String.join(",", d.counted());
    this.declaration = d.declaration();
  }

  /**
   * @return the record for counting
   */
  public DecisionRecord record() {
    return new DecisionRecord(eventId(), proposal, outcome, counted(), declaration, issued());
  }

  /**
   * @return the attestation ids it counted, in wire order
   */
  public List<String> counted() {
    return counted == null || counted.isEmpty() ? List.of() : Arrays.asList(counted.split(","));
  }

  /**
   * @return the proposal
   */
  public String proposal() {
    return proposal;
  }

  /**
   * @return the outcome it names
   */
  public String outcome() {
    return outcome;
  }

  /**
   * @return the declaration it relied on, or null
   */
  public String declaration() {
    return declaration;
  }

  /**
   * @return {@code valid}, or why recomputation refuses it; null before the first evaluation
   */
  public String validity() {
    return validity;
  }

  /**
   * @param validity {@code valid} or the reason it is not
   */
  public void validity(String validity) {
    this.validity = clip(validity, 2000);
  }
}
