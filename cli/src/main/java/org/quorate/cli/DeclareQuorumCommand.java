package org.quorate.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code quorate declare-quorum}: signs a SPEC §1 {@code quorum-declaration} ({@code
 * {"proposal","reachable","unreachable","reason"}}) for partial quorum (SPEC §3); the credential
 * needs the role {@code mission-authority}. R and U must not overlap.
 */
@Command(
    name = "declare-quorum",
    mixinStandardHelpOptions = true,
    description = {
      "Sign a quorum declaration (reachable and unreachable members) for a proposal and submit it.",
      "",
      "Needs a mission-authority credential; R and U together should name every member."
    })
final class DeclareQuorumCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ProposeCommand.Signing signing;

  @Option(names = "--proposal", required = true, description = "The proposal's event id.")
  String proposal;

  @Option(
      names = "--reachable",
      required = true,
      split = ",",
      description = "Reachable members, comma separated (e.g. POL,LTU).")
  List<String> reachable = new ArrayList<>();

  @Option(
      names = "--unreachable",
      split = ",",
      description = "Unreachable members, comma separated.")
  List<String> unreachable = new ArrayList<>();

  @Option(names = "--reason", required = true, description = "Why they are unreachable.")
  String reason;

  @Override
  public Integer call() throws IOException {
    AttestCommand.requireId(proposal, "--proposal");
    Set<String> r = new HashSet<>(reachable);
    for (String u : unreachable) {
      if (r.contains(u)) {
        throw new CliException(u + " is named both reachable and unreachable");
      }
    }
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("proposal", proposal);
    ArrayNode ra = body.putArray("reachable");
    reachable.forEach(ra::add);
    ArrayNode ua = body.putArray("unreachable");
    unreachable.forEach(ua::add);
    body.put("reason", reason);
    return signing.emit(spec, "quorum-declaration", body);
  }
}
