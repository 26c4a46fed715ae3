package org.quorate.core.log;

/**
 * A request to a {@link MerkleLog} named a leaf index or tree size the log does not have: an index
 * not below the tree size, a size above the current size, or {@code size1 > size2}. Such values
 * come from the other side ({@code …/log/inclusion?index=i&size=n}, SPEC §5); the REST adapter maps
 * this to a client error.
 */
public final class LogRangeException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * @param message one sentence naming the requested and the available values
   */
  public LogRangeException(String message) {
    super(message);
  }
}
