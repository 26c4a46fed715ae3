package org.quorate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code quorate submit}: sends DER SignedData files to Quorate over REST ({@code POST
 * …/api/contributions}, {@code application/pkcs7-mime}) or AMQP 1.0 ({@link AmqpSender}).
 */
@Command(
    name = "submit",
    mixinStandardHelpOptions = true,
    description = {
      "Submit signed contributions (.p7m, DER) over REST or AMQP.",
      "",
      "REST prints the server's answer; AMQP prints the input id (sha256 of the DER) of each"
          + " message sent: look it up with 'quorate contributions' or"
          + " GET …/api/contributions/{id}."
    })
final class SubmitCommand implements Callable<Integer> {
  /** Largest file sent (16 MiB); the server's own cap (4 MiB by default) is checked there. */
  static final long MAX_SUBMIT_BYTES = 16L << 20;

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "DER SignedData files.")
  List<Path> files;

  static final class Transport {
    @Option(
        names = "--rest",
        paramLabel = "URL",
        description = "Quorate base URL, e.g. http://localhost:8080/quorate")
    String rest;

    @Option(
        names = "--amqp",
        paramLabel = "URL",
        description = "AMQP 1.0 acceptor, e.g. amqp://localhost:5673")
    String amqp;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Transport transport;

  @Option(
      names = "--user",
      description = "AMQP user (default submitter); REST: optional HTTP Basic user.")
  String user;

  @Option(
      names = "--password-env",
      defaultValue = "QUORATE_SUBMITTER_PASSWORD",
      description = "Environment variable holding the password (default: ${DEFAULT-VALUE}).")
  String passwordEnv;

  @Option(
      names = "--address",
      defaultValue = AmqpSender.DEFAULT_ADDRESS,
      description = "AMQP queue address (default: ${DEFAULT-VALUE}).")
  String address;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    for (Path f : files) {
      if (!Files.isRegularFile(f)) {
        throw new CliException(f + " is not a file");
      }
      if (Files.size(f) > MAX_SUBMIT_BYTES) {
        throw new CliException(f + " is larger than " + MAX_SUBMIT_BYTES + " bytes");
      }
    }
    if (transport.rest != null) {
      QuorateRest rest =
          new QuorateRest(
              transport.rest,
              user,
              user == null ? null : QuorateCli.passwordFromEnv(passwordEnv, user));
      int failures = 0;
      for (Path f : files) {
        byte[] der = Files.readAllBytes(f);
        QuorateRest.Answer a = rest.post("/contributions", "application/pkcs7-mime", der);
        if (!a.ok()) {
          failures++;
          out.println(f + ": HTTP " + a.status() + " " + a.body());
          continue;
        }
        out.println(f + ": " + describe(a.body(), Pem.sha256Id(der)));
        out.println("  " + a.body());
      }
      out.flush();
      if (failures > 0) {
        throw new CliException(failures + " of " + files.size() + " submissions failed");
      }
      return 0;
    }
    String u = user == null ? "submitter" : user;
    try (AmqpSender sender =
        new AmqpSender(transport.amqp, u, QuorateCli.passwordFromEnv(passwordEnv, u), address)) {
      for (Path f : files) {
        byte[] der = Files.readAllBytes(f);
        sender.send(der);
        out.println(f + ": sent, input id " + Pem.sha256Id(der));
      }
    }
    out.flush();
    return 0;
  }

  /** One line: outcome, reason code and reason of a SPEC §1 submission answer. */
  static String describe(String json, String inputId) {
    JsonNode a;
    try {
      a = EventJson.parseValue(json, "the server's answer");
    } catch (CliException e) {
      return "answer is not JSON (input id " + inputId + ")";
    }
    StringBuilder b = new StringBuilder(Table.text(a, "outcome"));
    if (!a.path("reasonCode").isNull() && a.has("reasonCode")) {
      b.append(" (").append(Table.text(a, "reasonCode")).append(')');
    }
    if (!a.path("reason").isNull() && a.has("reason")) {
      b.append(": ").append(Table.text(a, "reason"));
    }
    b.append(" — input id ").append(a.path("inputId").asText(inputId));
    return b.toString();
  }
}
