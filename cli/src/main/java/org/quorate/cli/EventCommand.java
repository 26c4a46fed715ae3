package org.quorate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code quorate event}: writes an unsigned SPEC §1 event, with {@code signer} from the
 * certificate, {@code issued} now and {@code seq}/{@code prev} from the local chain state. It does
 * not advance the chain state; {@code quorate sign} does when it signs the event.
 */
@Command(
    name = "event",
    mixinStandardHelpOptions = true,
    description = {
      "Write an event (JSON) ready for 'quorate sign'.",
      "",
      "signer = sha256 of the certificate's SubjectPublicKeyInfo, issued = now (UTC, seconds),"
          + " seq/prev = next in DIR/chains/<signer hex>.json (seq 1, prev null when none)."
          + " The chain state is not changed; 'quorate sign' records the event when it signs it."
    })
final class EventCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--cert", required = true, description = "Signer's certificate (PEM).")
  Path cert;

  @Option(names = "--mission", required = true, description = "Mission name.")
  String mission;

  @Option(names = "--member", required = true, description = "Member id, e.g. POL.")
  String member;

  @Option(
      names = "--type",
      required = true,
      description = "Event type: genesis-endorsement, proposal, attestation, contribution, …")
  String type;

  @Option(
      names = "--body",
      required = true,
      description = "Body as JSON, or @FILE to read it from a file.")
  String body;

  @Option(
      names = "--epoch",
      defaultValue = "0",
      description = "Roster epoch (default: ${DEFAULT-VALUE}).")
  long epoch;

  @Option(names = "--label", description = "Label as JSON (absent: the mission posture).")
  String label;

  @Option(
      names = "--dir",
      defaultValue = ".quorate/demo",
      description = "Directory of the chain state (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Option(names = "--out", defaultValue = "-", description = "Output file, - for stdout.")
  String out;

  @Override
  public Integer call() throws IOException {
    X509Certificate c = Pem.readCertificate(cert);
    String bodyText =
        body.startsWith("@")
            ? new String(Pem.readSmallFile(Path.of(body.substring(1))), StandardCharsets.UTF_8)
            : body;
    JsonNode b = EventJson.parseValue(bodyText, "--body");
    if (!b.isObject()) {
      throw new CliException("--body must be a JSON object");
    }
    ObjectNode e = EventJson.event(mission, member, epoch, type, b);
    if (label != null) {
      e.set("label", EventJson.parseValue(label, "--label"));
    }
    ObjectNode filled =
        EventJson.fill(e, Pem.spkiHash(c), new ChainState(dir), Clock.systemUTC()).event();
    byte[] bytes = EventJson.bytes(filled);
    PrintWriter stdout = spec.commandLine().getOut();
    if (out.equals("-")) {
      stdout.println(new String(bytes, StandardCharsets.UTF_8));
    } else {
      Files.write(Path.of(out), bytes);
      stdout.println("wrote " + out + " (seq " + filled.path("seq").asLong() + ")");
    }
    stdout.flush();
    return 0;
  }
}
