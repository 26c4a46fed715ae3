package org.quorate.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code quorate attest}: signs a SPEC §1 {@code attestation} ({@code
 * {"proposal","role","verdict","rationale","supersedes"}}) and writes and/or submits it. A dissent
 * needs a rationale (SPEC §1); the credential must hold the role (SPEC §2 step 6).
 */
@Command(
    name = "attest",
    mixinStandardHelpOptions = true,
    description = {
      "Sign an attestation (concur, dissent with rationale, abstain) on a proposal and submit it.",
      "",
      "To change a vote, attest again with --supersedes the earlier attestation's event id."
    })
final class AttestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ProposeCommand.Signing signing;

  @Option(names = "--proposal", required = true, description = "The proposal's event id.")
  String proposal;

  @Option(
      names = "--role",
      defaultValue = "approving-authority",
      description = "Role attested in (default: ${DEFAULT-VALUE}).")
  String role;

  @Option(names = "--verdict", required = true, description = "concur, dissent or abstain.")
  String verdict;

  @Option(names = "--rationale", description = "Why (required for dissent).")
  String rationale;

  @Option(names = "--supersedes", description = "Event id of the attestation this replaces.")
  String supersedes;

  @Override
  public Integer call() throws IOException {
    String v = verdict.toLowerCase(Locale.ROOT);
    if (!v.equals("concur") && !v.equals("dissent") && !v.equals("abstain")) {
      throw new CliException("--verdict must be concur, dissent or abstain, not " + verdict);
    }
    if (v.equals("dissent") && (rationale == null || rationale.isBlank())) {
      throw new CliException("a dissent needs --rationale (SPEC §1)");
    }
    requireId(proposal, "--proposal");
    if (supersedes != null) {
      requireId(supersedes, "--supersedes");
    }
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("proposal", proposal);
    body.put("role", role);
    body.put("verdict", v);
    if (rationale == null) {
      body.putNull("rationale");
    } else {
      body.put("rationale", rationale);
    }
    if (supersedes == null) {
      body.putNull("supersedes");
    } else {
      body.put("supersedes", supersedes);
    }
    return signing.emit(spec, "attestation", body);
  }

  /**
   * @param id a value
   * @param option the option it came from
   * @throws CliException unless it is {@code sha256:} and 64 lower-case hex digits
   */
  static void requireId(String id, String option) {
    if (!id.matches("sha256:[0-9a-f]{64}")) {
      throw new CliException(option + " must be an event id (sha256: and 64 hex digits)");
    }
  }
}
