package org.quorate.ejb.coordination;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;

/**
 * Columns every projected coordination event has (SPEC §1 envelope): event id, mission, member,
 * signer, issued (epoch millis) and its admission outcome as it stands ({@code admitted}, {@code
 * evidence} or {@code void}; only admitted ones count).
 */
@MappedSuperclass
public abstract class ProjectedEvent {
  @Id
  @Column(name = "EVENT_ID", length = 71)
  private String eventId;

  @Column(name = "MISSION", length = 64, nullable = false)
  private String mission;

  @Column(name = "MEMBER", length = 32, nullable = false)
  private String member;

  @Column(name = "SIGNER", length = 71, nullable = false)
  private String signer;

  @Column(name = "ISSUED_MS", nullable = false)
  private long issuedMillis;

  @Column(name = "ADMISSION", length = 16, nullable = false)
  private String admission;

  /** For JPA. */
  protected ProjectedEvent() {}

  /**
   * @param eventId event id
   * @param mission mission name
   * @param member member id
   * @param signer SPKI hash of the credential
   * @param issued the signer's claimed time
   * @param admission admission outcome ({@code admitted}, {@code evidence}, {@code void})
   */
  protected ProjectedEvent(
      String eventId,
      String mission,
      String member,
      String signer,
      Instant issued,
      String admission) {
    this.eventId = eventId;
    this.mission = mission;
    this.member = member;
    this.signer = signer;
    this.issuedMillis = issued.toEpochMilli();
    this.admission = admission;
  }

  /**
   * @return the event id
   */
  public String eventId() {
    return eventId;
  }

  /**
   * @return the mission
   */
  public String mission() {
    return mission;
  }

  /**
   * @return the member
   */
  public String member() {
    return member;
  }

  /**
   * @return the signer's SPKI hash
   */
  public String signer() {
    return signer;
  }

  /**
   * @return the signer's claimed time
   */
  public Instant issued() {
    return Instant.ofEpochMilli(issuedMillis);
  }

  /**
   * @return the admission outcome as it stands
   */
  public String admission() {
    return admission;
  }

  /**
   * @return whether it counts (admitted)
   */
  public boolean counts() {
    return "admitted".equals(admission);
  }

  /**
   * @param outcome a later admission outcome (e.g. {@code void} after a CRL, {@code evidence})
   */
  public void admission(String outcome) {
    this.admission = outcome;
  }

  /**
   * Cuts text to a column's length.
   *
   * @param s text or null
   * @param max the column length
   * @return s, cut with an ellipsis when longer
   */
  protected static String clip(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max - 3) + "...";
  }
}
