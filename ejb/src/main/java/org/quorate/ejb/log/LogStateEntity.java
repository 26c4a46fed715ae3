package org.quorate.ejb.log;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One node log (SPEC §5): its name (a mission name or {@code _quarantine}) and committed tree size.
 * Appends take this row {@code PESSIMISTIC_WRITE}, so the appends of one log are serial on H2 and
 * PostgreSQL alike, whichever admission path (judgement, replay, release, sweep) records them.
 */
@Entity
@Table(name = "Q_LOG_STATE")
public class LogStateEntity {
  @Id
  @Column(name = "LOG_NAME", length = 64)
  private String name;

  @Column(name = "TREE_SIZE", nullable = false)
  private long treeSize;

  @Column(name = "UPDATED_MS", nullable = false)
  private long updatedMillis;

  /** For JPA. */
  protected LogStateEntity() {}

  /**
   * @param name the log name, at most 64 characters
   * @param now creation time, epoch milliseconds
   */
  LogStateEntity(String name, long now) {
    this.name = name;
    this.treeSize = 0;
    this.updatedMillis = now;
  }

  /**
   * @return the log name
   */
  public String name() {
    return name;
  }

  /**
   * @return the number of entries committed, {@code >= 0}
   */
  public long treeSize() {
    return treeSize;
  }

  /**
   * @param size the new size, not smaller than the current one
   * @param now epoch milliseconds
   */
  void grow(long size, long now) {
    if (size < treeSize) {
      throw new IllegalArgumentException("tree size may only grow: " + treeSize + " -> " + size);
    }
    this.treeSize = size;
    this.updatedMillis = now;
  }
}
