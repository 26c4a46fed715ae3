package org.quorate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code quorate crl}: import a CRL into a mission as an operator's hint ({@code import}) and list
 * a mission's delivered and imported CRLs ({@code list}). An imported CRL never changes an outcome
 * (SPEC §2 stage 5): only CRLs delivered as signed {@code crl} contributions do.
 */
@Command(
    name = "crl",
    mixinStandardHelpOptions = true,
    description = "CRLs of a mission on a Quorate server.",
    subcommands = {CrlCommand.Import.class, CrlCommand.ListCrls.class})
final class CrlCommand implements Runnable {
  /** Largest CRL file sent, as the server accepts (2 MiB). */
  static final long MAX_CRL_FILE_BYTES = 2L << 20;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Options every subcommand shares. */
  abstract static class Server {
    @Option(
        names = "--url",
        required = true,
        description = "Quorate base URL, e.g. http://localhost:8080/quorate")
    String url;

    @Option(names = "--mission", required = true, description = "Mission name.")
    String mission;

    @Option(
        names = "--user",
        defaultValue = "operator",
        description = "(default: ${DEFAULT-VALUE})")
    String user;

    @Option(
        names = "--password-env",
        defaultValue = "QUORATE_OPERATOR_PASSWORD",
        description = "Environment variable holding the password (default: ${DEFAULT-VALUE}).")
    String passwordEnv;

    QuorateRest rest() {
      return new QuorateRest(url, user, QuorateCli.passwordFromEnv(passwordEnv, user));
    }

    String path() {
      return "/missions/" + QuorateRest.encode(mission) + "/crls";
    }
  }

  private static CliException refused(String what, QuorateRest.Answer a) {
    String detail = a.body();
    try {
      JsonNode j = EventJson.parseValue(a.body(), "answer");
      if (j.has("reasonCode")) {
        detail = Table.text(j, "reasonCode") + ": " + Table.text(j, "reason");
      }
    } catch (CliException e) {
      // not JSON: show the body as it is
    }
    String hint =
        a.status() == 401 || a.status() == 403 ? " (check the operator user and password)" : "";
    return new CliException(what + ": HTTP " + a.status() + " " + detail + hint);
  }

  /** {@code quorate crl import --mission M FILE}. */
  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description = {
        "Import a CRL (DER or PEM) into a mission; needs role operator.",
        "The CRL must be signed by a trust anchor of a member of the mission. It is a hint only:"
            + " events it lists stay as they are, marked 'revocation pending', until the member"
            + " delivers the CRL as a signed crl contribution."
      })
  static final class Import extends Server implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "CRL file (DER or PEM, at most 2 MiB).")
    Path file;

    @Override
    public Integer call() {
      byte[] bytes = read(file);
      boolean pem = bytes.length > 0 && bytes[0] == '-';
      QuorateRest.Answer a =
          rest().post(path(), pem ? "text/plain" : "application/pkix-crl", bytes);
      if (!a.ok()) {
        throw refused("the server refused the CRL", a);
      }
      JsonNode crl = EventJson.parseValue(a.body(), "the server's answer").path("crl");
      PrintWriter out = spec.commandLine().getOut();
      out.println(
          (a.status() == 201 ? "imported CRL " : "CRL already imported: ")
              + Table.text(crl, "name"));
      out.println("  member     " + Table.text(crl, "member"));
      out.println("  issuer     " + Table.text(crl, "issuer"));
      out.println("  thisUpdate " + Table.text(crl, "thisUpdate"));
      out.println("  entries    " + Table.text(crl, "entries"));
      out.println(
          crl.path("superseded").asBoolean()
              ? "  a CRL of this issuer at least as recent is already delivered: no hint shows"
              : "  a hint only: outcomes change when "
                  + Table.text(crl, "member")
                  + " delivers it as a crl contribution");
      out.flush();
      return 0;
    }

    private static byte[] read(Path file) {
      try {
        long size = Files.size(file);
        if (size > MAX_CRL_FILE_BYTES) {
          throw new CliException(
              file + " is " + size + " bytes; the limit is " + MAX_CRL_FILE_BYTES + " bytes");
        }
        return Files.readAllBytes(file);
      } catch (java.nio.file.NoSuchFileException e) {
        throw new CliException("file not found: " + file, e);
      } catch (IOException e) {
        throw new CliException("cannot read " + file + ": " + e.getMessage(), e);
      }
    }
  }

  /** {@code quorate crl list --mission M}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List a mission's CRLs: delivered (used by outcomes) and imported (hints).")
  static final class ListCrls extends Server implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      QuorateRest.Answer a = rest().get(path());
      if (!a.ok()) {
        throw refused("listing CRLs failed", a);
      }
      JsonNode j = EventJson.parseValue(a.body(), "the server's answer");
      Table t = new Table("source", "member", "issuer", "thisUpdate", "entries", "name", "events");
      for (JsonNode c : j.path("delivered")) {
        StringBuilder events = new StringBuilder();
        for (JsonNode e : c.path("eventIds")) {
          events.append(events.length() == 0 ? "" : " ").append(e.asText());
        }
        t.row(
            "delivered",
            Table.text(c, "member"),
            Table.text(c, "issuer"),
            Table.text(c, "thisUpdate"),
            Table.text(c, "entries"),
            Table.text(c, "name"),
            events.toString());
      }
      for (JsonNode c : j.path("imported")) {
        t.row(
            c.path("superseded").asBoolean() ? "imported (superseded)" : "imported (hint)",
            Table.text(c, "member"),
            Table.text(c, "issuer"),
            Table.text(c, "thisUpdate"),
            Table.text(c, "entries"),
            Table.text(c, "name"),
            "");
      }
      t.print(spec.commandLine().getOut());
      return 0;
    }
  }
}
