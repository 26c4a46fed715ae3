package org.quorate.ejb.log;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** A signed tree head the node made (SPEC §5): the fields it signed and the DER SignedData. */
@Entity
@Table(
    name = "Q_LOG_STH",
    indexes = @Index(name = "Q_LOG_STH_LOG", columnList = "LOG_NAME,TREE_SIZE"))
@SequenceGenerator(name = "Q_LOG_STH_SEQ", sequenceName = "Q_LOG_STH_SEQ", allocationSize = 10)
public class SignedTreeHeadEntity {
  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "Q_LOG_STH_SEQ")
  @Column(name = "ID")
  private Long id;

  @Column(name = "LOG_NAME", length = 64, nullable = false)
  private String log;

  @Column(name = "TREE_SIZE", nullable = false)
  private long treeSize;

  @Column(name = "ROOT_HEX", length = 64, nullable = false)
  private String root;

  @Column(name = "HEAD_TIME_MS", nullable = false)
  private long timeMillis;

  @Column(name = "SIGNER", length = 71, nullable = false)
  private String signer;

  @Column(name = "SIGNER_SUBJECT", length = 1024)
  private String signerSubject;

  @Lob
  @Column(name = "DER", nullable = false)
  private byte[] der;

  /** For JPA. */
  protected SignedTreeHeadEntity() {}

  SignedTreeHeadEntity(
      String log,
      long treeSize,
      String root,
      long timeMillis,
      String signer,
      String signerSubject,
      byte[] der) {
    this.log = log;
    this.treeSize = treeSize;
    this.root = root;
    this.timeMillis = timeMillis;
    this.signer = signer;
    this.signerSubject = signerSubject;
    this.der = der.clone();
  }

  Long id() {
    return id;
  }

  String log() {
    return log;
  }

  long treeSize() {
    return treeSize;
  }

  String root() {
    return root;
  }

  long timeMillis() {
    return timeMillis;
  }

  String signer() {
    return signer;
  }

  String signerSubject() {
    return signerSubject;
  }

  byte[] der() {
    return der.clone();
  }
}
