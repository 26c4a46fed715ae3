package org.quorate.ejb.access;

/** The caller's clearance does not admit an event a whole answer needs (an audit bundle). */
public class ClearanceInsufficientException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String eventId;

  /**
   * @param eventId the first event not admitted
   * @param message what failed, naming the event and the category or classification
   */
  public ClearanceInsufficientException(String eventId, String message) {
    super(message);
    this.eventId = eventId;
  }

  /**
   * @return the first event the clearance does not admit
   */
  public String eventId() {
    return eventId;
  }
}
