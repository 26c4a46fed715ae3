package org.quorate.ejb.admission;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

/**
 * A CRL an operator imported into a mission ({@link CrlImportService}): a hint only, never an input
 * of admission (SPEC §2 stage 5). One row per mission and CRL (by the SHA-256 of its DER).
 */
@Entity
@Table(
    name = "Q_IMPORTED_CRL",
    indexes = @Index(name = "Q_IMPORTED_CRL_MISSION", columnList = "MISSION"))
public class ImportedCrlEntity {
  @Id
  @Column(name = "ID", length = 140)
  private String id;

  @Column(name = "MISSION", length = 64, nullable = false)
  private String mission;

  @Column(name = "SHA256", length = 71, nullable = false)
  private String sha256;

  @Column(name = "MEMBER", length = 32, nullable = false)
  private String member;

  @Column(name = "ISSUER", length = 1024, nullable = false)
  private String issuer;

  @Column(name = "THIS_UPDATE_MS", nullable = false)
  private long thisUpdateMillis;

  @Column(name = "NEXT_UPDATE_MS")
  private Long nextUpdateMillis;

  @Column(name = "ENTRIES", nullable = false)
  private int entries;

  @Lob
  @Column(name = "DER", nullable = false)
  private byte[] der;

  @Column(name = "IMPORTED_MS", nullable = false)
  private long importedMillis;

  @Column(name = "IMPORTED_BY", length = 128)
  private String importedBy;

  /** For JPA. */
  protected ImportedCrlEntity() {}

  /**
   * @param mission the mission name
   * @param sha256 {@code sha256:} of the DER
   * @param member the member whose anchor signed it
   * @param issuer the CRL issuer (RFC 2253)
   * @param thisUpdateMillis its thisUpdate
   * @param nextUpdateMillis its nextUpdate, or null
   * @param entries how many certificates it lists
   * @param der its DER
   * @param importedMillis when it was imported
   * @param importedBy the operator's user name, or null
   */
  public ImportedCrlEntity(
      String mission,
      String sha256,
      String member,
      String issuer,
      long thisUpdateMillis,
      Long nextUpdateMillis,
      int entries,
      byte[] der,
      long importedMillis,
      String importedBy) {
    this.id = key(mission, sha256);
    this.mission = mission;
    this.sha256 = sha256;
    this.member = member;
    this.issuer = issuer.length() > 1024 ? issuer.substring(0, 1021) + "..." : issuer;
    this.thisUpdateMillis = thisUpdateMillis;
    this.nextUpdateMillis = nextUpdateMillis;
    this.entries = entries;
    this.der = der.clone();
    this.importedMillis = importedMillis;
    this.importedBy = importedBy;
  }

  /**
   * @param mission a mission name
   * @param sha256 a CRL's {@code sha256:…}
   * @return the row's id
   */
  public static String key(String mission, String sha256) {
    return mission + "|" + sha256;
  }

  /**
   * @return the mission name
   */
  public String mission() {
    return mission;
  }

  /**
   * @return {@code sha256:} of the DER
   */
  public String sha256() {
    return sha256;
  }

  /**
   * @return the member whose anchor signed it
   */
  public String member() {
    return member;
  }

  /**
   * @return the issuer (RFC 2253)
   */
  public String issuer() {
    return issuer;
  }

  /**
   * @return thisUpdate in epoch milliseconds
   */
  public long thisUpdateMillis() {
    return thisUpdateMillis;
  }

  /**
   * @return nextUpdate in epoch milliseconds, or null
   */
  public Long nextUpdateMillis() {
    return nextUpdateMillis;
  }

  /**
   * @return how many certificates it lists
   */
  public int entries() {
    return entries;
  }

  /**
   * @return a copy of the DER
   */
  public byte[] der() {
    return der.clone();
  }

  /**
   * @return when it was imported, epoch milliseconds
   */
  public long importedMillis() {
    return importedMillis;
  }

  /**
   * @return who imported it, or null
   */
  public String importedBy() {
    return importedBy;
  }
}
