package org.quorate.ejb.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

/**
 * The exact bytes of an input, kept forever under its input id: the non-repudiable evidence (SPEC
 * §1 Ids). Kept apart from {@link org.quorate.core.admission.InputRecord} so listings never load
 * them.
 */
@Entity
@Table(name = "Q_INPUT")
public class InputBytes {
  @Id
  @Column(name = "INPUT_ID", length = 71)
  private String inputId;

  @Lob
  @Column(name = "DER", nullable = false)
  private byte[] der;

  /** For JPA. */
  protected InputBytes() {}

  /**
   * @param inputId {@code sha256:} of the bytes
   * @param der the bytes received
   */
  public InputBytes(String inputId, byte[] der) {
    this.inputId = inputId;
    this.der = der.clone();
  }

  /**
   * @return the input id
   */
  public String inputId() {
    return inputId;
  }

  /**
   * @return a copy of the bytes received
   */
  public byte[] der() {
    return der.clone();
  }
}
