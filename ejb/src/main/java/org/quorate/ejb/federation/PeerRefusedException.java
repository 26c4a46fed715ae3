package org.quorate.ejb.federation;

import jakarta.ejb.ApplicationException;

/** A peer definition this node refuses (bad name, fields, unknown mission, broker refusal). */
@ApplicationException(rollback = true)
public class PeerRefusedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String reasonCode;

  /**
   * @param reasonCode {@code unknown-mission}, {@code unknown-peer}, {@code peer-refused}
   * @param message a sentence
   */
  public PeerRefusedException(String reasonCode, String message) {
    super(message);
    this.reasonCode = reasonCode;
  }

  /**
   * @return the reason code
   */
  public String reasonCode() {
    return reasonCode;
  }
}
