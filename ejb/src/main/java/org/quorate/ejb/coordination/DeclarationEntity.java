package org.quorate.ejb.coordination;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.quorate.core.quorum.QuorumDeclarationRecord;

/** A projected {@code quorum-declaration} (SPEC §1): reachable R and unreachable U members. */
@Entity
@Table(
    name = "Q_DECLARATION",
    indexes = @Index(name = "Q_DECLARATION_PROPOSAL", columnList = "PROPOSAL_ID"))
public class DeclarationEntity extends ProjectedEvent {
  @Column(name = "PROPOSAL_ID", length = 71, nullable = false)
  private String proposal;

  @Column(name = "REACHABLE", length = 4000)
  private String reachable;

  @Column(name = "UNREACHABLE", length = 4000)
  private String unreachable;

  @Column(name = "REASON", length = 2000)
  private String reason;

  /** For JPA. */
  protected DeclarationEntity() {}

  /**
   * @param d the record
   * @param mission mission
   * @param member declaring member
   * @param signer credential
   * @param reason the body's reason
   * @param admission admission outcome
   */
  public DeclarationEntity(
      QuorumDeclarationRecord d,
      String mission,
      String member,
      String signer,
      String reason,
      String admission) {
    super(d.eventId(), mission, member, signer, d.issued(), admission);
    this.proposal = d.proposal();
    this.reachable = String.join(",", new TreeSet<>(d.reachable()));
    this.unreachable = String.join(",", new TreeSet<>(d.unreachable()));
    this.reason = clip(reason, 2000);
  }

  /**
   * @return the record for counting
   */
  public QuorumDeclarationRecord record() {
    return new QuorumDeclarationRecord(
        eventId(), proposal, split(reachable), split(unreachable), issued());
  }

  private static Set<String> split(String csv) {
    Set<String> out = new TreeSet<>();
    if (csv != null && !csv.isEmpty()) {
      out.addAll(Arrays.asList(csv.split(",")));
    }
    return out;
  }

  /**
   * @return the proposal id
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
