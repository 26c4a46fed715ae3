package org.quorate.ejb.log;

import jakarta.ejb.ApplicationException;

/**
 * No node credential is installed for the mission, so no tree head can be signed; answered 409
 * {@code no-node-credential} (SPEC §5).
 */
@ApplicationException(rollback = true)
public class NoNodeCredentialException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * @param message one sentence naming the mission
   */
  public NoNodeCredentialException(String message) {
    super(message);
  }
}
