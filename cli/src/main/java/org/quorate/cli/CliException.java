package org.quorate.cli;

/**
 * An error the officer can act on: its message is printed as is (without a stack trace unless
 * {@code --verbose}) and the command exits with {@link #exitCode()}.
 */
public final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Exit code for a failed command. */
  public static final int FAILURE = 1;

  private final int exitCode;

  /**
   * @param message a sentence saying what went wrong and, where possible, what to do
   */
  public CliException(String message) {
    this(message, null);
  }

  /**
   * @param message a sentence saying what went wrong and, where possible, what to do
   * @param cause the underlying error, shown with {@code --verbose}
   */
  public CliException(String message, Throwable cause) {
    super(message, cause);
    this.exitCode = FAILURE;
  }

  /**
   * @return the process exit code for this error (non-zero)
   */
  public int exitCode() {
    return exitCode;
  }
}
