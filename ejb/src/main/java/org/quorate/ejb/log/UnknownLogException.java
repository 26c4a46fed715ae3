package org.quorate.ejb.log;

import jakarta.ejb.ApplicationException;

/** No log of that name: no such mission and nothing logged under the name; answered 404. */
@ApplicationException(rollback = false)
public class UnknownLogException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * @param message one sentence naming the log
   */
  public UnknownLogException(String message) {
    super(message);
  }
}
