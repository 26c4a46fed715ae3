package org.quorate.core.log;

/**
 * An inclusion or consistency proof did not verify (RFC 9162 §2.1.3.2, §2.1.4.2). The {@link Kind}
 * says which check failed; the message is one sentence naming the values compared (for a mismatch,
 * both hashes in hex).
 */
public final class ProofVerificationException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Which check refused the proof. Every range and length check runs before any hashing. */
  public enum Kind {
    /** A tree size is negative (a uint64 of 2^63 or more), or {@code size1 > size2}. */
    SIZE_OUT_OF_RANGE,
    /** The leaf index is negative or not below the tree size (a tree of size 0 has no leaves). */
    INDEX_OUT_OF_RANGE,
    /**
     * A consistency proof from the empty tree ({@code size1 == 0}) was offered; it proves nothing.
     */
    CONSISTENCY_FROM_EMPTY_TREE,
    /** A root, leaf hash or proof element is not 32 bytes. */
    HASH_LENGTH,
    /** The proof has more or fewer elements than the index and sizes require. */
    WRONG_PROOF_SIZE,
    /** The root computed from the proof differs from the expected root. */
    ROOT_MISMATCH
  }

  private final Kind kind;

  /**
   * @param kind the check that failed
   * @param message one sentence naming the values compared
   */
  public ProofVerificationException(Kind kind, String message) {
    super(message);
    if (kind == null) {
      throw new NullPointerException("kind");
    }
    this.kind = kind;
  }

  /**
   * @return the check that failed, never null
   */
  public Kind kind() {
    return kind;
  }
}
