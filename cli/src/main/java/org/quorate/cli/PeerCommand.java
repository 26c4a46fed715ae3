package org.quorate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code quorate peer add|list|pause|resume|remove}: the peer nodes a mission on this node forwards
 * to (SPEC §4, {@code /missions/{m}/peers}); all but {@code list} need role operator.
 */
@Command(
    name = "peer",
    mixinStandardHelpOptions = true,
    description = "Peer nodes of a mission (federation, SPEC §4).",
    subcommands = {
      PeerCommand.Add.class,
      PeerCommand.ListPeers.class,
      PeerCommand.Pause.class,
      PeerCommand.Resume.class,
      PeerCommand.Remove.class
    })
final class PeerCommand implements Runnable {
  private static final JsonMapper JSON = new JsonMapper();

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Options every subcommand takes. */
  static final class Server {
    @Option(
        names = "--url",
        required = true,
        description = "This node's Quorate base URL, e.g. http://localhost:8080/quorate")
    String url;

    @Option(names = "--mission", required = true, description = "The mission.")
    String mission;

    @Option(
        names = "--user",
        defaultValue = "operator",
        description = "This node's user (default: ${DEFAULT-VALUE}).")
    String user;

    @Option(
        names = "--password-env",
        defaultValue = "QUORATE_OPERATOR_PASSWORD",
        description = "Environment variable holding its password (default: ${DEFAULT-VALUE}).")
    String passwordEnv;

    QuorateRest rest() {
      return new QuorateRest(url, user, QuorateCli.passwordFromEnv(passwordEnv, user));
    }

    String path(String name) {
      return "/missions/"
          + QuorateRest.encode(mission)
          + "/peers"
          + (name == null ? "" : "/" + QuorateRest.encode(name));
    }
  }

  private static JsonNode answer(QuorateRest.Answer a, String what) {
    if (!a.ok()) {
      throw new CliException(what + " failed: HTTP " + a.status() + " " + a.body());
    }
    return EventJson.parseValue(a.body(), "the server's answer");
  }

  private static void printOne(CommandSpec spec, JsonNode p) {
    var out = spec.commandLine().getOut();
    out.println(
        "peer "
            + Table.text(p, "name")
            + " of "
            + Table.text(p, "mission")
            + ": member "
            + Table.text(p, "member")
            + ", amqp "
            + Table.text(p, "amqp")
            + (p.path("paused").asBoolean() ? ", paused" : "")
            + ", bridge "
            + Table.text(p, "bridge")
            + (p.path("connected").asBoolean() ? ", connected" : ", not connected")
            + ", backlog "
            + p.path("backlog").asLong());
    out.flush();
  }

  /** {@code quorate peer add}. */
  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = "Link the mission to a peer node (or change the link).")
  static final class Add implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Server server;

    @Parameters(paramLabel = "NAME", description = "The peer's name (a-z 0-9 _ -).")
    String name;

    @Option(
        names = "--amqp",
        required = true,
        description = "Where this node's broker forwards: the peer's amqp://host:port.")
    String amqp;

    @Option(names = "--peer-url", description = "The peer's REST base, http://host:port/quorate.")
    String peerUrl;

    @Option(names = "--member", required = true, description = "The peer's member, e.g. POL.")
    String member;

    @Option(
        names = "--peer-user",
        defaultValue = "peer",
        description = "The peer's broker user (default: ${DEFAULT-VALUE}).")
    String peerUser;

    @Option(
        names = "--peer-password-env",
        defaultValue = "QUORATE_PEER_REMOTE_PASSWORD",
        description =
            "Environment variable holding the peer's broker password (default: ${DEFAULT-VALUE}).")
    String peerPasswordEnv;

    @Option(names = "--paused", description = "Add the link paused.")
    boolean paused;

    @Override
    public Integer call() {
      ObjectNode body = JSON.createObjectNode();
      if (peerUrl != null) {
        body.put("url", peerUrl);
      }
      body.put("amqp", amqp).put("member", member).put("user", peerUser);
      String password = System.getenv(peerPasswordEnv);
      if (password != null && !password.isEmpty()) {
        body.put("password", password);
      }
      body.put("paused", paused);
      JsonNode p =
          answer(
              server
                  .rest()
                  .put(
                      server.path(name),
                      "application/json",
                      body.toString().getBytes(StandardCharsets.UTF_8)),
              "adding peer " + name);
      printOne(spec, p);
      return 0;
    }
  }

  /** {@code quorate peer list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "The mission's peers with their status.")
  static final class ListPeers implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Server server;

    @Override
    public Integer call() {
      JsonNode all = answer(server.rest().get(server.path(null)), "listing peers");
      Table t =
          new Table(
              "peer", "member", "amqp", "paused", "bridge", "connected", "backlog", "acked index");
      for (JsonNode p : all) {
        t.row(
            Table.text(p, "name"),
            Table.text(p, "member"),
            Table.text(p, "amqp"),
            String.valueOf(p.path("paused").asBoolean()),
            Table.text(p, "bridge"),
            String.valueOf(p.path("connected").asBoolean()),
            String.valueOf(p.path("backlog").asLong()),
            String.valueOf(p.path("lastAcknowledgedIndex").asLong()));
      }
      t.print(spec.commandLine().getOut());
      return 0;
    }
  }

  /** Sets {@code paused} on a peer, keeping the rest (the password is kept by the server). */
  abstract static class SetPaused implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Server server;

    @Parameters(paramLabel = "NAME")
    String name;

    /** The state this command sets. */
    abstract boolean paused();

    @Override
    public Integer call() {
      JsonNode p = answer(server.rest().get(server.path(name)), "reading peer " + name);
      ObjectNode body = JSON.createObjectNode();
      for (String f : new String[] {"url", "amqp", "member", "user"}) {
        if (p.hasNonNull(f)) {
          body.put(f, p.get(f).asText());
        }
      }
      body.put("paused", paused());
      byte[] json = body.toString().getBytes(StandardCharsets.UTF_8);
      printOne(
          spec,
          answer(
              server.rest().put(server.path(name), "application/json", json),
              (paused() ? "pausing" : "resuming") + " peer " + name));
      return 0;
    }
  }

  /** {@code quorate peer pause}. */
  @Command(
      name = "pause",
      mixinStandardHelpOptions = true,
      description = "Hold a link: nothing is forwarded (the backlog grows) until resumed.")
  static final class Pause extends SetPaused {
    @Override
    boolean paused() {
      return true;
    }
  }

  /** {@code quorate peer resume}. */
  @Command(
      name = "resume",
      mixinStandardHelpOptions = true,
      description = "Resume a paused link; its backlog drains.")
  static final class Resume extends SetPaused {
    @Override
    boolean paused() {
      return false;
    }
  }

  /** {@code quorate peer remove}. */
  @Command(
      name = "remove",
      mixinStandardHelpOptions = true,
      description = "Remove a peer with its link and backlog.")
  static final class Remove implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Server server;

    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
      QuorateRest.Answer a = server.rest().delete(server.path(name));
      if (a.status() != 204) {
        throw new CliException(
            "removing peer " + name + " failed: HTTP " + a.status() + " " + a.body());
      }
      spec.commandLine().getOut().println("removed peer " + name);
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
