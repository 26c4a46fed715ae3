package org.quorate.core.node;

/** A node credential was refused; the message says why, for the operator. */
public class NodeCredentialException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * @param message one sentence
   */
  public NodeCredentialException(String message) {
    super(message);
  }
}
