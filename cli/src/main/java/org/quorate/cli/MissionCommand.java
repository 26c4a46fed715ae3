package org.quorate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code quorate mission}: load a genesis ({@code create}) and list missions. */
@Command(
    name = "mission",
    mixinStandardHelpOptions = true,
    description = "Missions on a Quorate server.",
    subcommands = {MissionCommand.Create.class, MissionCommand.ListMissions.class})
final class MissionCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Outcome of loading a genesis. */
  record Loaded(int status, String mission, String genesisId, String missionStatus) {}

  /**
   * POSTs the exact genesis bytes ({@code POST …/api/missions}, contract.md): 201 created, 200
   * identical genesis already loaded.
   *
   * @throws CliException on any other answer, with the server's reason code and reason
   */
  static Loaded load(QuorateRest rest, byte[] genesis) {
    QuorateRest.Answer a = rest.post("/missions", "application/json", genesis);
    if (!a.ok()) {
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
          a.status() == 401 || a.status() == 403
              ? " (check the operator user and password)"
              : a.status() == 409 ? " (another genesis holds this mission name)" : "";
      throw new CliException(
          "the server refused the genesis: HTTP " + a.status() + " " + detail + hint);
    }
    JsonNode j = EventJson.parseValue(a.body(), "the server's answer");
    return new Loaded(
        a.status(), Table.text(j, "mission"), Table.text(j, "genesisId"), Table.text(j, "status"));
  }

  /** {@code quorate mission create}. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Load a genesis (its exact bytes) as a mission; needs role operator.")
  static final class Create implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "GENESIS", description = "Genesis JSON file (SPEC §1).")
    Path genesis;

    @Option(
        names = "--url",
        required = true,
        description = "Quorate base URL, e.g. http://localhost:8080/quorate")
    String url;

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

    @Override
    public Integer call() {
      byte[] bytes = Pem.readSmallFile(genesis);
      QuorateRest rest = new QuorateRest(url, user, QuorateCli.passwordFromEnv(passwordEnv, user));
      Loaded l = load(rest, bytes);
      PrintWriter out = spec.commandLine().getOut();
      out.println(
          (l.status() == 201 ? "created mission " : "mission already loaded with this genesis: ")
              + l.mission());
      out.println("  genesis id " + l.genesisId());
      out.println("  status     " + l.missionStatus());
      String local = Pem.sha256Id(bytes);
      if (!local.equals(l.genesisId())) {
        out.println("  warning: the file's sha256 is " + local + ", not the server's genesis id");
      }
      out.flush();
      return 0;
    }
  }

  /** {@code quorate mission list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List missions.")
  static final class ListMissions implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--url", required = true, description = "Quorate base URL.")
    String url;

    @Option(names = "--user", description = "Optional HTTP Basic user.")
    String user;

    @Option(
        names = "--password-env",
        defaultValue = "QUORATE_OPERATOR_PASSWORD",
        description = "Environment variable holding the password (default: ${DEFAULT-VALUE}).")
    String passwordEnv;

    @Override
    public Integer call() {
      QuorateRest rest =
          new QuorateRest(
              url, user, user == null ? null : QuorateCli.passwordFromEnv(passwordEnv, user));
      QuorateRest.Answer a = rest.get("/missions");
      if (!a.ok()) {
        throw new CliException("listing missions failed: HTTP " + a.status() + " " + a.body());
      }
      Table t = new Table("mission", "status", "genesis id", "name");
      for (JsonNode m : EventJson.parseValue(a.body(), "the server's answer")) {
        t.row(
            Table.text(m, "mission"),
            Table.text(m, "status"),
            Table.text(m, "genesisId"),
            Table.text(m, "name"));
      }
      t.print(spec.commandLine().getOut());
      return 0;
    }
  }
}
