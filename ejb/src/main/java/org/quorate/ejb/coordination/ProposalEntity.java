package org.quorate.ejb.coordination;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;
import org.quorate.core.quorum.ProposalRecord;

/**
 * A projected {@code proposal} (SPEC §1) with its current quorum status (SPEC §3), updated after
 * every event that bears on it, and when the node's clock must count it again ({@link #clockDue}):
 * the next instant time alone can change its evaluation, or a decision advised and not yet held.
 */
@Entity
@Table(
    name = "Q_PROPOSAL",
    indexes = @Index(name = "Q_PROPOSAL_CLOCK", columnList = "IS_FINAL,CLOCK_DUE_MS"))
public class ProposalEntity extends ProjectedEvent {
  @Column(name = "EPOCH", nullable = false)
  private long epoch;

  @Column(name = "POLICY", length = 128, nullable = false)
  private String policy;

  @Column(name = "TITLE", length = 1000)
  private String title;

  @Lob
  @Column(name = "BODY_TEXT")
  private String text;

  @Column(name = "ACTION_SUBJECT", length = 32)
  private String actionSubject;

  @Column(name = "SUBJECT_RULE", length = 16)
  private String subjectRule;

  @Column(name = "STATUS", length = 32)
  private String status;

  @Column(name = "IS_FINAL", nullable = false)
  private boolean isFinal;

  @Column(name = "RULE_NAME", length = 64)
  private String rule;

  @Column(name = "REASON", length = 2000)
  private String reason;

  @Column(name = "DECISION_ID", length = 71)
  private String decision;

  @Column(name = "UPDATED_MS", nullable = false)
  private long updatedMillis;

  /**
   * Epoch milliseconds from which the clock must count this proposal again ({@code
   * TimeBoundaries}); {@link Long#MAX_VALUE} when only new events can change it; null before the
   * first count (a row of an earlier version: counted at the next tick).
   */
  @Column(name = "CLOCK_DUE_MS")
  private Long clockDueMillis;

  /**
   * When the last count advised a decision (epoch milliseconds of that count), null when it advised
   * none: the clock retries it while the mission's node holds a credential. A number, not a
   * boolean: EclipseLink maps {@code Boolean} and {@code boolean} to column types H2 does not
   * compare.
   */
  @Column(name = "DECISION_ADVISED_MS")
  private Long decisionAdvisedMillis;

  /** For JPA. */
  protected ProposalEntity() {}

  /**
   * @param eventId event id
   * @param mission mission
   * @param member proposing member
   * @param signer credential
   * @param issued issued
   * @param admission admission outcome
   * @param epoch roster epoch relied on
   * @param policy policy name
   * @param title title
   * @param text text
   * @param actionSubject governance action's member, or null
   * @param subjectRule how counting treats that member (SPEC §1)
   */
  public ProposalEntity(
      String eventId,
      String mission,
      String member,
      String signer,
      Instant issued,
      String admission,
      long epoch,
      String policy,
      String title,
      String text,
      String actionSubject,
      ProposalRecord.SubjectRule subjectRule) {
    super(eventId, mission, member, signer, issued, admission);
    this.epoch = epoch;
    this.policy = clip(policy, 128);
    this.title = clip(title, 1000);
    this.text = text;
    this.actionSubject = clip(actionSubject, 32);
    this.subjectRule = subjectRule == null ? null : subjectRule.name();
    this.updatedMillis = issued.toEpochMilli();
  }

  /**
   * Records the status after an evaluation.
   *
   * @param status wire status, {@code invalid-policy} or {@code unknown-epoch}
   * @param isFinal final or not
   * @param rule the rule's wire name, or null
   * @param reason the explanation
   * @param decision the decision backing it, or null
   * @param at when
   */
  public void status(
      String status, boolean isFinal, String rule, String reason, String decision, Instant at) {
    this.status = status;
    this.isFinal = isFinal;
    this.rule = rule;
    this.reason = clip(reason, 2000);
    this.decision = decision;
    this.updatedMillis = at.toEpochMilli();
  }

  /**
   * Records when the clock must count this proposal again.
   *
   * @param dueMillis epoch milliseconds of the next time boundary, {@link Long#MAX_VALUE} for none
   * @param advised whether the count advised a decision
   * @param at the count's time
   */
  public void clockDue(long dueMillis, boolean advised, Instant at) {
    this.clockDueMillis = dueMillis;
    this.decisionAdvisedMillis = advised ? at.toEpochMilli() : null;
  }

  /**
   * @param now the clock's time
   * @return whether the clock must count this proposal again at {@code now}: a time boundary
   *     reached, or never counted
   */
  public boolean clockDueAt(Instant now) {
    return clockDueMillis == null || clockDueMillis <= now.toEpochMilli();
  }

  /**
   * @return whether the last count advised a decision
   */
  public boolean decisionAdvised() {
    return decisionAdvisedMillis != null;
  }

  /**
   * @return the roster epoch
   */
  public long epoch() {
    return epoch;
  }

  /**
   * @return the policy name
   */
  public String policy() {
    return policy;
  }

  /**
   * @return the title
   */
  public String title() {
    return title;
  }

  /**
   * @return the text
   */
  public String text() {
    return text;
  }

  /**
   * @return the governance action's subject member, or null
   */
  public String actionSubject() {
    return actionSubject;
  }

  /**
   * @return the record for counting: id, policy, epoch, issued, the action's subject and how it is
   *     counted
   */
  public ProposalRecord record() {
    return new ProposalRecord(
        eventId(),
        policy,
        epoch,
        issued(),
        actionSubject,
        subjectRule == null
            ? ProposalRecord.SubjectRule.COUNTED
            : ProposalRecord.SubjectRule.valueOf(subjectRule));
  }

  /**
   * @return the status, or null before the first evaluation
   */
  public String status() {
    return status;
  }

  /**
   * @return whether final
   */
  public boolean isFinal() {
    return isFinal;
  }

  /**
   * @return the rule
   */
  public String rule() {
    return rule;
  }

  /**
   * @return the explanation
   */
  public String reason() {
    return reason;
  }

  /**
   * @return the decision id, or null
   */
  public String decision() {
    return decision;
  }

  /**
   * @return when the status was last recorded
   */
  public Instant updated() {
    return Instant.ofEpochMilli(updatedMillis);
  }
}
