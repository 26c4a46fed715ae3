package org.quorate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code quorate pki}: demo PKI for trying Quorate without a national PKI. */
@Command(
    name = "pki",
    mixinStandardHelpOptions = true,
    description = "Demo coalition PKI.",
    subcommands = {PkiCommand.Demo.class})
final class PkiCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code quorate pki demo}. */
  @Command(
      name = "demo",
      mixinStandardHelpOptions = true,
      description = {
        "Generate a demo coalition PKI and genesis.",
        "",
        "Five NATO nations (POL, LTU, LVA, EST, DEU) and a partner (JPN): per nation a national"
            + " root CA and signer credentials (approving-authority, legal-advisor,"
            + " mission-authority, extra demo credentials; node for POL), ECDSA P-256;"
            + " DIR/genesis.json (first mission) and the second mission's genesis.",
        "Private keys are unencrypted PKCS#8 PEM: demo use only."
      })
  static final class Demo implements java.util.concurrent.Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--dir",
        defaultValue = ".quorate/demo",
        description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(
        names = "--mission",
        defaultValue = "BALTIC-SHIELD",
        description = "Mission name in the genesis (default: ${DEFAULT-VALUE}).")
    String mission;

    @Option(names = "--no-posture", description = "Write no posture label (no ceiling).")
    boolean noPosture;

    @Option(names = "--force", description = "Replace an existing demo PKI in DIR.")
    boolean force;

    @Override
    public Integer call() {
      if (Files.exists(dir.resolve("genesis.json")) && !force) {
        throw new CliException(
            dir + " already holds a demo PKI (genesis.json); use --force to replace it");
      }
      Path genesis = new DemoPki().generate(dir, mission, !noPosture);
      printSummary(spec.commandLine().getOut(), dir, genesis);
      return 0;
    }
  }

  static void printSummary(PrintWriter out, Path dir, Path genesis) {
    byte[] bytes = Pem.readSmallFile(genesis);
    JsonNode g = EventJson.parse(bytes, genesis.toString());
    out.println("Demo PKI in " + dir);
    out.println("  mission:    " + g.path("mission").asText());
    out.println("  genesis:    " + genesis);
    out.println("  genesis id: " + Pem.sha256Id(bytes));
    Table t = new Table("member", "credential", "subject / grant");
    for (JsonNode m : g.path("members")) {
      for (JsonNode grant : m.path("grants")) {
        String roles = String.join(",", Table.texts(grant.path("roles")));
        String who =
            grant.has("subject")
                ? grant.path("subject").asText()
                : "spki " + grant.path("spki").asText();
        t.row(m.path("id").asText(), roles, who);
      }
    }
    t.print(out);
    out.println("Files: <dir>/<MEMBER>/ca.pem|ca.key, <credential>.pem|<credential>.key");
    out.flush();
  }
}
