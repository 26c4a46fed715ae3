package org.quorate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.quorate.core.audit.AuditBundle;
import org.quorate.core.audit.BundleFormatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code quorate export}: downloads a proposal's audit bundle (SPEC §5) from a node, {@code GET
 * /quorate/api/missions/{m}/proposals/{id}/bundle} (auditor or operator), and checks that it reads
 * as a bundle (layout, caps, manifest shape) before keeping it. Verify it with {@code quorate
 * verify FILE}, on any machine.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = "Download a proposal's audit bundle (ZIP) from a node.")
final class ExportCommand implements Callable<Integer> {
  @Option(
      names = "--url",
      required = true,
      description = "Quorate base URL, e.g. http://localhost:8080/quorate")
  String url;

  @Option(names = "--mission", required = true, description = "Mission name.")
  String mission;

  @Option(names = "--proposal", required = true, description = "The proposal's event id.")
  String proposal;

  @Option(
      names = {"-o", "--out"},
      required = true,
      paramLabel = "FILE",
      description = "Where to write the bundle.")
  Path out;

  @Option(
      names = "--user",
      defaultValue = "auditor",
      description = "HTTP Basic user (default: ${DEFAULT-VALUE}).")
  String user;

  @Option(
      names = "--password-env",
      defaultValue = "QUORATE_AUDITOR_PASSWORD",
      description = "Environment variable holding the password (default: ${DEFAULT-VALUE}).")
  String passwordEnv;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    QuorateRest rest = new QuorateRest(url, user, QuorateCli.passwordFromEnv(passwordEnv, user));
    PrintWriter err = spec.commandLine().getErr();
    String path =
        "/missions/"
            + QuorateRest.encode(mission)
            + "/proposals/"
            + QuorateRest.encode(proposal)
            + "/bundle";
    Path target = out.toAbsolutePath();
    if (target.getParent() == null || !Files.isDirectory(target.getParent())) {
      throw new CliException("no such directory for " + out);
    }
    QuorateRest.Download d =
        rest.download(
            path,
            "application/zip",
            target,
            AuditBundle.MAX_TOTAL_BYTES,
            n -> {
              err.printf(Locale.ROOT, "received %d MiB…%n", n >> 20);
              err.flush();
            });
    if (!d.ok()) {
      String reason = d.errorBody();
      try {
        JsonNode e = EventJson.parseValue(d.errorBody(), "the server's answer");
        if (e.hasNonNull("reasonCode")) {
          reason = e.path("reasonCode").asText() + ": " + e.path("reason").asText();
        }
      } catch (CliException ignored) {
        // not JSON: print the body as it is
      }
      throw new CliException(
          "exporting the bundle failed: HTTP " + d.status() + " " + reason.strip());
    }
    AuditBundle b;
    try (InputStream in = Files.newInputStream(target)) {
      b = AuditBundle.readZip(in);
    } catch (BundleFormatException e) {
      deleteQuietly(target);
      throw new CliException(
          "the server's answer is not an audit bundle ("
              + e.reasonCode().code()
              + "): "
              + e.getMessage());
    } catch (IOException e) {
      throw new CliException("cannot read back " + out + ": " + e.getMessage(), e);
    }
    PrintWriter o = spec.commandLine().getOut();
    o.printf(
        Locale.ROOT,
        "wrote %s: %d bytes, %d inputs, %d log records, proposal %s%n"
            + "verify it with: quorate verify %s%n",
        out,
        d.bytes(),
        b.events().size(),
        b.logRecords().size(),
        b.proposalId(),
        out);
    o.flush();
    return 0;
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // best effort: the message says what is wrong with it
    }
  }
}
