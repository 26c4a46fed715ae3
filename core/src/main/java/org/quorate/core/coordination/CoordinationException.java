package org.quorate.core.coordination;

/** An event whose body cannot be mapped to a quorum record (a wrong shape), with the reason. */
public class CoordinationException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * @param message the event id and what is wrong
   */
  public CoordinationException(String message) {
    super(message);
  }
}
