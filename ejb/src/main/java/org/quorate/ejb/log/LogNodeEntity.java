package org.quorate.ejb.log;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/**
 * The hash of one perfect subtree of a node log's RFC 9162 tree, addressed as {@link
 * org.quorate.core.log.NodeStore} addresses it: {@code (level, index)}. Written once.
 */
@Entity
@Table(
    name = "Q_LOG_NODE",
    uniqueConstraints =
        @UniqueConstraint(
            name = "Q_LOG_NODE_ADDRESS",
            columnNames = {"LOG_NAME", "NODE_LEVEL", "NODE_INDEX"}))
@SequenceGenerator(name = "Q_LOG_NODE_SEQ", sequenceName = "Q_LOG_NODE_SEQ", allocationSize = 50)
public class LogNodeEntity {
  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "Q_LOG_NODE_SEQ")
  @Column(name = "ID")
  private Long id;

  @Column(name = "LOG_NAME", length = 64, nullable = false)
  private String log;

  @Column(name = "NODE_LEVEL", nullable = false)
  private int level;

  @Column(name = "NODE_INDEX", nullable = false)
  private long nodeIndex;

  /** The 32-byte hash in lower-case hex. */
  @Column(name = "HASH_HEX", length = 64, nullable = false)
  private String hash;

  /** For JPA. */
  protected LogNodeEntity() {}

  LogNodeEntity(String log, int level, long nodeIndex, String hash) {
    this.log = log;
    this.level = level;
    this.nodeIndex = nodeIndex;
    this.hash = hash;
  }

  /**
   * @return the hash, lower-case hex
   */
  String hash() {
    return hash;
  }
}
