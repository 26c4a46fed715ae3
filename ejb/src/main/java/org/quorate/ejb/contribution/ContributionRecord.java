package org.quorate.ejb.contribution;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import org.quorate.core.admission.Outcome;
import org.quorate.core.admission.ReasonCode;

/**
 * The recorded outcome of one input (SPEC §2): exactly one row per input id. Authentic inputs carry
 * their event's fields; rejected ones carry what could be read of their content (so that those
 * naming a mission are listed with it). A held row may later change outcome; the history of
 * outcomes is the node log's business (SPEC §5).
 */
@Entity
@Table(
    name = "Q_CONTRIBUTION",
    indexes = {
      @Index(name = "Q_CONTRIB_EVENT", columnList = "EVENT_ID"),
      @Index(name = "Q_CONTRIB_MISSION", columnList = "MISSION,RECEIVED_MS"),
      @Index(name = "Q_CONTRIB_CHAIN", columnList = "MISSION,SIGNER,SEQ"),
      @Index(name = "Q_CONTRIB_WAITING", columnList = "WAITING_ON")
    })
public class ContributionRecord {
  @Id
  @SequenceGenerator(name = "Q_CONTRIB_SEQ", sequenceName = "Q_CONTRIB_SEQ", allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "Q_CONTRIB_SEQ")
  @Column(name = "ID")
  private Long id;

  @Column(name = "INPUT_ID", length = 71, nullable = false, unique = true)
  private String inputId;

  @Column(name = "EVENT_ID", length = 71)
  private String eventId;

  @Column(name = "MISSION", length = 64)
  private String mission;

  @Column(name = "MEMBER", length = 32)
  private String member;

  @Column(name = "SIGNER", length = 71)
  private String signer;

  @Column(name = "SIGNER_SUBJECT", length = 1024)
  private String signerSubject;

  @Column(name = "EVENT_TYPE", length = 32)
  private String type;

  @Column(name = "EPOCH")
  private Long epoch;

  @Column(name = "SEQ")
  private Long seq;

  @Column(name = "PREV_ID", length = 71)
  private String prev;

  @Column(name = "ISSUED", length = 40)
  private String issued;

  @Column(name = "OUTCOME", length = 16, nullable = false)
  private String outcome;

  @Column(name = "REASON_CODE", length = 40)
  private String reasonCode;

  @Column(name = "REASON", length = 2000)
  private String reason;

  @Column(name = "WAITING_ON", length = 200)
  private String waitingOn;

  @Column(name = "CONFLICTS_WITH", length = 71)
  private String conflictsWith;

  @Column(name = "ROLES", length = 512)
  private String roles;

  @Column(name = "CERT_PATH", length = 4000)
  private String path;

  @Column(name = "TRANSPORT", length = 200)
  private String transport;

  @Column(name = "RECEIVED_MS", nullable = false)
  private long receivedMillis;

  @Column(name = "DECIDED_MS", nullable = false)
  private long decidedMillis;

  @Column(name = "REPLAYS", nullable = false)
  private int replays;

  /** For JPA. */
  protected ContributionRecord() {}

  /**
   * @param inputId {@code sha256:} of the bytes received
   * @param transport how it arrived ({@code jms}, {@code amqp}, {@code rest}, with metadata)
   * @param received when it arrived
   */
  public ContributionRecord(String inputId, String transport, Instant received) {
    this.inputId = inputId;
    this.transport = clip(transport, 200);
    this.receivedMillis = received.toEpochMilli();
    this.decidedMillis = receivedMillis;
    this.outcome = Outcome.REJECTED.code();
  }

  /**
   * Fills what the content says (authentic or best-effort read of a rejected input).
   *
   * @param eventId event id or null
   * @param mission mission or null
   * @param member member or null
   * @param signer signer SPKI hash or null
   * @param signerSubject the certificate subject or null
   * @param type event type wire name or null
   * @param epoch epoch or null
   * @param seq seq or null
   * @param prev prev or null
   * @param issued issued (RFC 3339) or null
   */
  public void describe(
      String eventId,
      String mission,
      String member,
      String signer,
      String signerSubject,
      String type,
      Long epoch,
      Long seq,
      String prev,
      String issued) {
    this.eventId = eventId;
    this.mission = clip(mission, 64);
    this.member = clip(member, 32);
    this.signer = clip(signer, 71);
    this.signerSubject = clip(signerSubject, 1024);
    this.type = clip(type, 32);
    this.epoch = epoch;
    this.seq = seq;
    this.prev = clip(prev, 71);
    this.issued = clip(issued, 40);
  }

  /**
   * Records an outcome (the first, or a later one for a held input).
   *
   * @param outcome the outcome
   * @param code the reason code, or null
   * @param sentence the reason in words, or null
   * @param waitingOn what a held input waits for, else null
   * @param conflictsWith the other event of a fork, else null
   * @param at when it was decided
   */
  public void decide(
      Outcome outcome,
      ReasonCode code,
      String sentence,
      String waitingOn,
      String conflictsWith,
      Instant at) {
    this.outcome = outcome.code();
    this.reasonCode = code == null ? null : code.code();
    this.reason = clip(sentence, 2000);
    this.waitingOn = outcome == Outcome.HELD ? clip(waitingOn, 200) : null;
    this.conflictsWith = conflictsWith;
    this.decidedMillis = at.toEpochMilli();
  }

  /**
   * @param roles the roles the credential holds, comma-separated
   * @param path the certification path subjects, end entity first
   */
  public void credential(String roles, String path) {
    this.roles = clip(roles, 512);
    this.path = clip(path, 4000);
  }

  /** Counts one more arrival of the very same bytes. */
  public void replayed() {
    replays++;
  }

  private static String clip(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max - 3) + "...";
  }

  /**
   * @return database id
   */
  public Long id() {
    return id;
  }

  /**
   * @return input id
   */
  public String inputId() {
    return inputId;
  }

  /**
   * @return event id or null
   */
  public String eventId() {
    return eventId;
  }

  /**
   * @return mission or null
   */
  public String mission() {
    return mission;
  }

  /**
   * @return member or null
   */
  public String member() {
    return member;
  }

  /**
   * @return signer SPKI hash or null
   */
  public String signer() {
    return signer;
  }

  /**
   * @return signer certificate subject or null
   */
  public String signerSubject() {
    return signerSubject;
  }

  /**
   * @return event type or null
   */
  public String type() {
    return type;
  }

  /**
   * @return epoch or null
   */
  public Long epoch() {
    return epoch;
  }

  /**
   * @return seq or null
   */
  public Long seq() {
    return seq;
  }

  /**
   * @return issued or null
   */
  public String issued() {
    return issued;
  }

  /**
   * @return outcome wire form
   */
  public String outcome() {
    return outcome;
  }

  /**
   * @return reason code or null
   */
  public String reasonCode() {
    return reasonCode;
  }

  /**
   * @return reason or null
   */
  public String reason() {
    return reason;
  }

  /**
   * @return what a held input waits for
   */
  public String waitingOn() {
    return waitingOn;
  }

  /**
   * @return the other event of a fork
   */
  public String conflictsWith() {
    return conflictsWith;
  }

  /**
   * @return roles, comma-separated
   */
  public String roles() {
    return roles;
  }

  /**
   * @return path subjects
   */
  public String path() {
    return path;
  }

  /**
   * @return transport description
   */
  public String transport() {
    return transport;
  }

  /**
   * @return when it arrived
   */
  public Instant received() {
    return Instant.ofEpochMilli(receivedMillis);
  }

  /**
   * @return when its current outcome was decided
   */
  public Instant decided() {
    return Instant.ofEpochMilli(decidedMillis);
  }

  /**
   * @return how many times the very same bytes arrived again
   */
  public int replays() {
    return replays;
  }
}
