package org.quorate.ejb.access;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A user's clearance as set by an operator (SPEC §6): the JSON array of labels, one per security
 * policy, under the user's login name.
 */
@Entity
@Table(name = "Q_CLEARANCE")
public class ClearanceEntity {
  @Id
  @Column(name = "USER_NAME", length = 128)
  private String user;

  @Lob
  @Column(name = "LABELS_JSON", nullable = false)
  private String labels;

  @Column(name = "SET_BY", length = 128)
  private String setBy;

  @Column(name = "SET_MS", nullable = false)
  private long setMillis;

  /** For JPA. */
  protected ClearanceEntity() {}

  /**
   * @param user login name
   * @param labels the clearance's JSON array
   * @param setBy the operator who set it
   * @param at when
   */
  public ClearanceEntity(String user, byte[] labels, String setBy, Instant at) {
    this.user = user;
    set(labels, setBy, at);
  }

  /**
   * @param labels the clearance's JSON array
   * @param by the operator who set it
   * @param at when
   */
  public final void set(byte[] labels, String by, Instant at) {
    this.labels = new String(labels, StandardCharsets.UTF_8);
    this.setBy = by;
    this.setMillis = at.toEpochMilli();
  }

  /**
   * @return the login name
   */
  public String user() {
    return user;
  }

  /**
   * @return the clearance's JSON array
   */
  public byte[] labels() {
    return labels.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * @return who set it
   */
  public String setBy() {
    return setBy;
  }

  /**
   * @return when it was set
   */
  public Instant setAt() {
    return Instant.ofEpochMilli(setMillis);
  }
}
