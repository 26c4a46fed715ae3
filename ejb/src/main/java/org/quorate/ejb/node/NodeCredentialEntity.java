package org.quorate.ejb.node;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The node credential installed for a mission (SPEC §3). The private key is kept as PKCS#8 PEM in
 * the node's own database: protect the database as the key (a WildFly credential store or an HSM is
 * the production route; see README).
 */
@Entity
@Table(name = "Q_NODE_CREDENTIAL")
public class NodeCredentialEntity {
  @Id
  @Column(name = "MISSION", length = 64)
  private String mission;

  @Lob
  @Column(name = "CERTIFICATE_PEM", nullable = false)
  private String certificatePem;

  @Lob
  @Column(name = "PRIVATE_KEY_PEM", nullable = false)
  private String privateKeyPem;

  @Column(name = "MEMBER", length = 32, nullable = false)
  private String member;

  @Column(name = "INSTALLED_MS", nullable = false)
  private long installedMillis;

  /** For JPA. */
  protected NodeCredentialEntity() {}

  /**
   * @param mission mission name
   * @param certificatePem node certificate (and intermediates)
   * @param privateKeyPem PKCS#8 PEM
   * @param member the member whose anchor the certificate chains to
   * @param installed when
   */
  public NodeCredentialEntity(
      String mission,
      String certificatePem,
      String privateKeyPem,
      String member,
      Instant installed) {
    this.mission = mission;
    this.certificatePem = certificatePem;
    this.privateKeyPem = privateKeyPem;
    this.member = member;
    this.installedMillis = installed.toEpochMilli();
  }

  /**
   * @return the mission
   */
  public String mission() {
    return mission;
  }

  /**
   * @return certificate PEM
   */
  public String certificatePem() {
    return certificatePem;
  }

  /**
   * @return private key PEM
   */
  public String privateKeyPem() {
    return privateKeyPem;
  }

  /**
   * @return the member the node belongs to
   */
  public String member() {
    return member;
  }

  /**
   * @return when it was installed
   */
  public Instant installed() {
    return Instant.ofEpochMilli(installedMillis);
  }
}
