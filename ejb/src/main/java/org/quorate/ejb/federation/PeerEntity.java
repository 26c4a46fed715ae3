package org.quorate.ejb.federation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/**
 * A peer node of one mission (SPEC §4): where this node's broker forwards ({@code amqp}), the
 * peer's REST base ({@code url}), the peer's member, the broker credentials the bridge logs in
 * with, whether the link is paused, and the forwarding position: the last log index of the
 * mission's node log that was examined and (when due) enqueued for the peer, and whether the
 * genesis was enqueued.
 */
@Entity
@Table(name = "Q_PEER")
@IdClass(PeerEntity.Key.class)
public class PeerEntity {
  /** Composite key: mission and peer name. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    private String mission;
    private String name;

    /** For JPA. */
    public Key() {}

    /**
     * @param mission the mission
     * @param name the peer's name
     */
    public Key(String mission, String name) {
      this.mission = mission;
      this.name = name;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && Objects.equals(mission, k.mission)
          && Objects.equals(name, k.name);
    }

    @Override
    public int hashCode() {
      return Objects.hash(mission, name);
    }
  }

  @Id
  @Column(name = "MISSION", length = 64)
  private String mission;

  @Id
  @Column(name = "NAME", length = 32)
  private String name;

  @Column(name = "URL", length = 512)
  private String url;

  @Column(name = "AMQP", length = 512, nullable = false)
  private String amqp;

  @Column(name = "MEMBER_ID", length = 64, nullable = false)
  private String member;

  @Column(name = "BROKER_USER", length = 128, nullable = false)
  private String user;

  @Column(name = "BROKER_PASSWORD", length = 512, nullable = false)
  private String password;

  @Column(name = "PAUSED", nullable = false)
  private boolean paused;

  /** Last log index examined and, when due, enqueued; -1 before the first. */
  @Column(name = "ENQUEUED_INDEX", nullable = false)
  private long enqueuedIndex = -1;

  @Column(name = "GENESIS_SENT", nullable = false)
  private boolean genesisSent;

  @Column(name = "FORWARDED", nullable = false)
  private long forwarded;

  /** For JPA. */
  protected PeerEntity() {}

  PeerEntity(String mission, String name) {
    this.mission = mission;
    this.name = name;
  }

  void configure(
      String url, String amqp, String member, String user, String password, boolean paused) {
    this.url = url;
    this.amqp = amqp;
    this.member = member;
    this.user = user;
    if (password != null) {
      this.password = password;
    }
    this.paused = paused;
  }

  String mission() {
    return mission;
  }

  String name() {
    return name;
  }

  String url() {
    return url;
  }

  String amqp() {
    return amqp;
  }

  String member() {
    return member;
  }

  String user() {
    return user;
  }

  String password() {
    return password;
  }

  boolean paused() {
    return paused;
  }

  void paused(boolean paused) {
    this.paused = paused;
  }

  long enqueuedIndex() {
    return enqueuedIndex;
  }

  boolean genesisSent() {
    return genesisSent;
  }

  long forwarded() {
    return forwarded;
  }

  void advance(long index, int sent) {
    this.enqueuedIndex = index;
    this.forwarded += sent;
  }

  void genesisSent(boolean sent) {
    this.genesisSent = sent;
  }
}
