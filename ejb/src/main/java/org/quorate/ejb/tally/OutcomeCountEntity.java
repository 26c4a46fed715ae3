package org.quorate.ejb.tally;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import org.quorate.core.admission.Standing;

/**
 * How many inputs stand now at one (mission, outcome, reason code): the {@code count(r)} of {@code
 * select r.mission, r.outcome, r.reasonCode, count(r) from InputRecord r group by …}, kept up to
 * date by {@link OutcomeCounts} in the transactions that change the records. A row whose count goes
 * back to zero is deleted (readers skip a row at 0, as a database from before that may hold).
 */
@Entity
@Table(
    name = "Q_OUTCOME_COUNT",
    indexes = @Index(name = "Q_OUTCOME_COUNT_MISSION", columnList = "MISSION"))
public class OutcomeCountEntity {
  /** {@link #key(Standing)}: the three fields in one unambiguous string. */
  @Id
  @Column(name = "COUNT_KEY", length = 255)
  private String key;

  /** Null for inputs that name no mission. */
  @Column(name = "MISSION", length = 64)
  private String mission;

  @Column(name = "OUTCOME", length = 16, nullable = false)
  private String outcome;

  @Column(name = "REASON_CODE", length = 40)
  private String reasonCode;

  @Column(name = "INPUTS", nullable = false)
  private long inputs;

  /** For JPA. */
  protected OutcomeCountEntity() {}

  /**
   * @param standing the (mission, outcome, reason code) counted
   * @param inputs how many inputs stand there, {@code >= 0}
   */
  OutcomeCountEntity(Standing standing, long inputs) {
    this.key = key(standing);
    this.mission = standing.mission();
    this.outcome = standing.outcome();
    this.reasonCode = standing.reasonCode();
    this.inputs = inputs;
  }

  /**
   * The key of a standing's row: each part marked present ({@code =}) or absent ({@code -}) and
   * separated by a newline, which outcome and reason codes never hold; distinct standings, distinct
   * keys.
   *
   * @param s a standing
   * @return at most 1 + 64 + 1 + 16 + 1 + 1 + 40 characters for column-sized values
   */
  static String key(Standing s) {
    return part(s.mission()) + "\n" + s.outcome() + "\n" + part(s.reasonCode());
  }

  private static String part(String s) {
    return s == null ? "-" : "=" + s;
  }

  /**
   * @return what this row counts
   */
  public Standing standing() {
    return new Standing(mission, outcome, reasonCode);
  }

  /**
   * @return how many inputs stand there (negative only if the counters were broken)
   */
  public long inputs() {
    return inputs;
  }

  /**
   * @param delta inputs that came (positive) or left (negative)
   */
  void add(long delta) {
    inputs += delta;
  }
}
