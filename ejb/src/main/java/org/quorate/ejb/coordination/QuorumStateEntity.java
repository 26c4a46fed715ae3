package org.quorate.ejb.coordination;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.quorate.core.quorum.QuorumState;

/**
 * The quorum state of a proposal after one event (SPEC §5 "the quorum state after each event"): one
 * row per (proposal, triggering event), or per clock tick that changed the status (trigger {@code
 * clock}).
 */
@Entity
@Table(
    name = "Q_QUORUM_STATE",
    indexes = @Index(name = "Q_QUORUM_STATE_PROPOSAL", columnList = "PROPOSAL_ID,ID"))
@SequenceGenerator(
    name = "Q_QUORUM_STATE_SEQ",
    sequenceName = "Q_QUORUM_STATE_SEQ",
    allocationSize = 50)
public class QuorumStateEntity {
  /** Trigger id of a state recorded because time passed (deadline, window). */
  public static final String CLOCK = "clock";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "Q_QUORUM_STATE_SEQ")
  @Column(name = "ID")
  private Long id;

  @Column(name = "MISSION", length = 64, nullable = false)
  private String mission;

  @Column(name = "PROPOSAL_ID", length = 71, nullable = false)
  private String proposal;

  @Column(name = "TRIGGER_ID", length = 71, nullable = false)
  private String trigger;

  @Column(name = "TRIGGER_TYPE", length = 32)
  private String triggerType;

  @Column(name = "TRIGGER_MEMBER", length = 32)
  private String triggerMember;

  @Column(name = "TRIGGER_ADMISSION", length = 16)
  private String triggerAdmission;

  @Column(name = "TRIGGER_ISSUED_MS")
  private Long triggerIssuedMillis;

  @Column(name = "RECORDED_MS", nullable = false)
  private long recordedMillis;

  @Column(name = "STATUS", length = 32, nullable = false)
  private String status;

  @Column(name = "IS_FINAL", nullable = false)
  private boolean isFinal;

  @Column(name = "RULE_NAME", length = 64)
  private String rule;

  @Column(name = "EXPLANATION", length = 2000)
  private String explanation;

  @Column(name = "THRESHOLD_T", nullable = false)
  private long threshold;

  @Column(name = "MEMBERS_N", nullable = false)
  private int n;

  @Column(name = "CONCURS", nullable = false)
  private int concurs;

  @Column(name = "DISSENTS", nullable = false)
  private int dissents;

  @Column(name = "ABSTAINS", nullable = false)
  private int abstains;

  @Column(name = "DISSENT_RECORDS", nullable = false)
  private int dissentRecords;

  @Lob
  @Column(name = "MISSING_JSON")
  private String missingJson;

  @Column(name = "DECISION_ID", length = 71)
  private String decision;

  /** For JPA. */
  protected QuorumStateEntity() {}

  /**
   * The state of a proposal after one trigger: the one place a row is made.
   *
   * @param p the proposal (mission and id are taken from it)
   * @param t what caused the state
   * @param recorded when this row is written
   * @param status the proposal's status
   * @param explanation why (truncated to 2,000 characters)
   * @param n the number of members counted over
   * @param s the evaluator's state, or null when nothing was counted (T, counts and dissents 0,
   *     missing {@code {}}, not final, no rule, no decision)
   * @return the row, not yet persisted
   */
  static QuorumStateEntity of(
      ProposalEntity p,
      Trigger t,
      Instant recorded,
      String status,
      String explanation,
      int n,
      QuorumState s) {
    return new QuorumStateEntity(
        p.mission(),
        p.eventId(),
        t.id(),
        t.type(),
        t.member(),
        t.admission(),
        t.issued(),
        recorded,
        status,
        s != null && s.isFinal(),
        s == null ? null : s.rule().wire(),
        explanation,
        s == null ? 0 : s.threshold(),
        n,
        s == null ? 0 : s.counts().concur(),
        s == null ? 0 : s.counts().dissent(),
        s == null ? 0 : s.counts().abstain(),
        s == null ? 0 : s.dissents().size(),
        s == null ? "{}" : missingJson(s),
        s == null ? null : s.decision());
  }

  private static String missingJson(QuorumState s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("roles", s.missingPerRole());
    m.put("voters", s.missingVoters());
    try {
      return MAPPER.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Rendering missing members failed", e);
    }
  }

  /**
   * @param mission mission
   * @param proposal proposal id
   * @param trigger the triggering event id, or {@link #CLOCK}
   * @param triggerType its type, or null
   * @param triggerMember its member, or null
   * @param triggerAdmission its admission outcome, or null
   * @param triggerIssued its issued time, or null
   * @param recorded when this row was written
   * @param status status
   * @param isFinal final
   * @param rule rule, or null
   * @param explanation explanation
   * @param threshold T
   * @param n n
   * @param concurs concurs counted
   * @param dissents dissents counted
   * @param abstains abstentions counted
   * @param dissentRecords dissents on record (current or not)
   * @param missingJson JSON object: role to members still missing, plus {@code "voters"}
   * @param decision the decision id, or null
   */
  private QuorumStateEntity(
      String mission,
      String proposal,
      String trigger,
      String triggerType,
      String triggerMember,
      String triggerAdmission,
      Instant triggerIssued,
      Instant recorded,
      String status,
      boolean isFinal,
      String rule,
      String explanation,
      long threshold,
      int n,
      int concurs,
      int dissents,
      int abstains,
      int dissentRecords,
      String missingJson,
      String decision) {
    this.mission = mission;
    this.proposal = proposal;
    this.trigger = trigger;
    this.triggerType = triggerType;
    this.triggerMember = triggerMember;
    this.triggerAdmission = triggerAdmission;
    this.triggerIssuedMillis = triggerIssued == null ? null : triggerIssued.toEpochMilli();
    this.recordedMillis = recorded.toEpochMilli();
    this.status = status;
    this.isFinal = isFinal;
    this.rule = rule;
    this.explanation =
        explanation == null || explanation.length() <= 2000
            ? explanation
            : explanation.substring(0, 1997) + "...";
    this.threshold = threshold;
    this.n = n;
    this.concurs = concurs;
    this.dissents = dissents;
    this.abstains = abstains;
    this.dissentRecords = dissentRecords;
    this.missingJson = missingJson;
    this.decision = decision;
  }

  /**
   * @return row id (write order)
   */
  public Long id() {
    return id;
  }

  /**
   * @return the proposal
   */
  public String proposal() {
    return proposal;
  }

  /**
   * @return the trigger id or {@link #CLOCK}
   */
  public String trigger() {
    return trigger;
  }

  /**
   * @return the trigger's type, or null
   */
  public String triggerType() {
    return triggerType;
  }

  /**
   * @return the trigger's member, or null
   */
  public String triggerMember() {
    return triggerMember;
  }

  /**
   * @return the trigger's admission outcome, or null
   */
  public String triggerAdmission() {
    return triggerAdmission;
  }

  /**
   * @return the trigger's issued, or null
   */
  public Instant triggerIssued() {
    return triggerIssuedMillis == null ? null : Instant.ofEpochMilli(triggerIssuedMillis);
  }

  /**
   * @return when recorded
   */
  public Instant recorded() {
    return Instant.ofEpochMilli(recordedMillis);
  }

  /**
   * @return status
   */
  public String status() {
    return status;
  }

  /**
   * @return final
   */
  public boolean isFinal() {
    return isFinal;
  }

  /**
   * @return rule or null
   */
  public String rule() {
    return rule;
  }

  /**
   * @return explanation
   */
  public String explanation() {
    return explanation;
  }

  /**
   * @return T
   */
  public long threshold() {
    return threshold;
  }

  /**
   * @return n
   */
  public int n() {
    return n;
  }

  /**
   * @return concurs
   */
  public int concurs() {
    return concurs;
  }

  /**
   * @return dissents counted
   */
  public int dissents() {
    return dissents;
  }

  /**
   * @return abstentions
   */
  public int abstains() {
    return abstains;
  }

  /**
   * @return dissents on record
   */
  public int dissentRecords() {
    return dissentRecords;
  }

  /**
   * @return missing members JSON
   */
  public String missingJson() {
    return missingJson;
  }

  /**
   * @return decision id or null
   */
  public String decision() {
    return decision;
  }
}
