package org.quorate.ejb.log;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/**
 * One record of a node log (SPEC §5): the {@link org.quorate.core.log.LogEntry} bytes at their
 * index, with the input and event ids they encode (lookups by event go through the input records,
 * by input id).
 */
@Entity
@Table(
    name = "Q_LOG_ENTRY",
    uniqueConstraints =
        @UniqueConstraint(
            name = "Q_LOG_ENTRY_POSITION",
            columnNames = {"LOG_NAME", "LOG_INDEX"}),
    indexes = {@Index(name = "Q_LOG_ENTRY_INPUT", columnList = "INPUT_ID")})
@SequenceGenerator(name = "Q_LOG_ENTRY_SEQ", sequenceName = "Q_LOG_ENTRY_SEQ", allocationSize = 50)
public class LogEntryEntity {
  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "Q_LOG_ENTRY_SEQ")
  @Column(name = "ID")
  private Long id;

  @Column(name = "LOG_NAME", length = 64, nullable = false)
  private String log;

  @Column(name = "LOG_INDEX", nullable = false)
  private long logIndex;

  /** The 74 entry bytes in lower-case hex. */
  @Column(name = "ENTRY_HEX", length = 148, nullable = false)
  private String entry;

  @Column(name = "INPUT_ID", length = 71, nullable = false)
  private String inputId;

  @Column(name = "EVENT_ID", length = 71)
  private String eventId;

  @Column(name = "OUTCOME", length = 16, nullable = false)
  private String outcome;

  @Column(name = "RECORDED_MS", nullable = false)
  private long recordedMillis;

  /** For JPA. */
  protected LogEntryEntity() {}

  LogEntryEntity(
      String log,
      long logIndex,
      String entry,
      String inputId,
      String eventId,
      String outcome,
      long recordedMillis) {
    this.log = log;
    this.logIndex = logIndex;
    this.entry = entry;
    this.inputId = inputId;
    this.eventId = eventId;
    this.outcome = outcome;
    this.recordedMillis = recordedMillis;
  }

  String log() {
    return log;
  }

  long logIndex() {
    return logIndex;
  }

  String entry() {
    return entry;
  }

  String inputId() {
    return inputId;
  }

  String eventId() {
    return eventId;
  }

  String outcome() {
    return outcome;
  }

  long recordedMillis() {
    return recordedMillis;
  }
}
