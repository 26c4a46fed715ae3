package org.quorate.ejb.mission;

import jakarta.ejb.ApplicationException;

/**
 * A different genesis already holds the mission name (SPEC §1: a name is bound to one genesis id).
 * Answered 409 with reason code {@code genesis-conflict}.
 */
@ApplicationException(rollback = true)
public class GenesisConflictException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * @param message names both genesis ids
   */
  public GenesisConflictException(String message) {
    super(message);
  }
}
