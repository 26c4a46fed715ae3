package org.quorate.cli;

/** Entry point of {@code quorate-cli.jar}; the subcommands are added by the CLI work. */
public final class QuorateCli {
  private QuorateCli() {}

  /**
   * @param args command line
   */
  public static void main(String[] args) {
    System.exit(0);
  }
}
