package org.quorate.cli;

import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * Entry point of {@code quorate-cli.jar}: the {@code quorate} command for national contribution and
 * PKI officers (SPEC §7). Errors print one clear message and exit non-zero; {@code --verbose} adds
 * the stack trace.
 */
@Command(
    name = "quorate",
    mixinStandardHelpOptions = true,
    version = "quorate 0.1.0",
    description = "Credentialed contributions to coalition missions (demo PKI, sign, submit).",
    exitCodeListHeading = "%nExit codes (each command's --help lists its own):%n",
    exitCodeList = {
      "0:done",
      "1:the command failed; the message says why",
      "2:the command line is invalid (unknown option, missing argument)"
    },
    subcommands = {
      PkiCommand.class,
      EventCommand.class,
      SignCommand.class,
      SubmitCommand.class,
      MissionCommand.class,
      PeerCommand.class,
      CrlCommand.class,
      ContributionsCommand.class,
      LogCommand.class,
      DemoCommand.class,
      InspectCommand.class,
      LabelGroup.class,
      ProposeCommand.class,
      AttestCommand.class,
      LoadCommand.class,
      DeclareQuorumCommand.class,
      VerifyCommand.class,
      ExportCommand.class,
      GovernCommand.class,
      CommandLine.HelpCommand.class
    })
public final class QuorateCli implements Runnable {
  @Spec CommandSpec spec;

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Print stack traces of errors.")
  boolean verbose;

  /**
   * How to run this command again, for the hints it prints: {@code java -jar
   * cli/target/quorate-cli.jar} (the jar it runs from, relative to the working directory when it
   * lies below it), or {@code quorate} when it does not run from a jar.
   *
   * @return the command line's start
   */
  static String invocation() {
    try {
      java.security.CodeSource source = QuorateCli.class.getProtectionDomain().getCodeSource();
      if (source != null) {
        Path jar = Path.of(source.getLocation().toURI());
        if (Files.isRegularFile(jar) && jar.toString().endsWith(".jar")) {
          Path here = Path.of("").toAbsolutePath();
          return "java -jar " + (jar.startsWith(here) ? here.relativize(jar) : jar);
        }
      }
    } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
      // not a file: the short name
    }
    return "quorate";
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command.");
  }

  /**
   * The configured command line, with the error handler that prints {@link CliException} messages
   * without stack traces (unless {@code --verbose}).
   *
   * @return a new command line
   */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new QuorateCli());
    cl.setExecutionExceptionHandler(QuorateCli::handle);
    return cl;
  }

  private static int handle(Exception ex, CommandLine cl, ParseResult parseResult) {
    PrintWriter err = cl.getErr();
    boolean verbose = false;
    for (ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
      verbose |= pr.hasMatchedOption("--verbose");
    }
    if (ex instanceof CliException) {
      err.println("error: " + ex.getMessage());
    } else {
      err.println(
          "error: "
              + ex.getClass().getSimpleName()
              + (ex.getMessage() == null ? "" : ": " + ex.getMessage())
              + (verbose ? "" : " (run with --verbose for details)"));
    }
    if (verbose) {
      ex.printStackTrace(err);
    }
    err.flush();
    return ex instanceof CliException ? ((CliException) ex).exitCode() : CliException.FAILURE;
  }

  /**
   * Runs {@code quorate} and exits with its code.
   *
   * @param args command line
   */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * Reads a password from the environment variable named by an option.
   *
   * @param envName variable name
   * @param user the user it belongs to, for the message
   * @return the password
   * @throws CliException if the variable is unset or empty
   */
  static String passwordFromEnv(String envName, String user) {
    String p = System.getenv(envName);
    if (p == null || p.isEmpty()) {
      throw new CliException(
          "set environment variable "
              + envName
              + " to the password of user "
              + user
              + " (or name another variable with --password-env)");
    }
    return p;
  }
}
