package org.quorate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import org.quorate.core.audit.TreeHeadVerification;
import org.quorate.core.log.SignedTreeHead;
import org.quorate.core.pki.CertificationPathValidator;
import org.quorate.core.pki.PathOptions;
import org.quorate.core.reason.AdmissionException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code quorate log sth|inclusion|consistency}: fetches a mission's signed tree heads and proofs
 * from the node (SPEC §5) and verifies them here, with the same code the node uses: the STH with
 * {@link TreeHeadVerification} (CMS signature, the mission it names, its time not ahead of this
 * clock; with {@code --anchor}, the node certificate's path to that trust anchor — the CLI holds no
 * roster, so the {@code node} role is not checked here: {@code quorate verify} on an audit bundle
 * checks it), proofs with {@code ProofVerifier} against the roots the heads sign. Exits non-zero
 * when anything does not verify.
 */
@Command(
    name = "log",
    mixinStandardHelpOptions = true,
    description =
        "Verify a mission's node log: signed tree heads, inclusion and consistency proofs.",
    subcommands = {
      LogCommand.Sth.class,
      ProofCommand.Inclusion.class,
      ProofCommand.Consistency.class
    })
final class LogCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing subcommand: sth, inclusion or consistency.");
  }

  /** Where the log is and how to read it. */
  static final class Server {
    @Option(
        names = "--url",
        required = true,
        description = "Quorate base URL, e.g. http://localhost:8080/quorate")
    String url;

    @Option(names = "--mission", required = true, description = "Mission name.")
    String mission;

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

    @Option(
        names = "--anchor",
        description =
            "Trust anchor PEM (the node's national root): also validate the STH signer's"
                + " certification path to it.")
    Path anchor;

    QuorateRest rest() {
      return new QuorateRest(url, user, QuorateCli.passwordFromEnv(passwordEnv, user));
    }

    String logPath() {
      return "/missions/" + QuorateRest.encode(mission) + "/log";
    }
  }

  /** {@code quorate log sth}: fetch and verify the latest signed tree head. */
  @Command(
      name = "sth",
      mixinStandardHelpOptions = true,
      description = "Fetch the latest signed tree head and verify its CMS signature.")
  static final class Sth implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Server server;

    @Option(names = "--out", description = "Also write the STH's DER SignedData to this file.")
    Path out;

    @Override
    public Integer call() {
      QuorateRest rest = server.rest();
      JsonNode json = get(rest, server.logPath() + "/sth", "the signed tree head");
      Verified v = verify(json, server);
      if (out != null) {
        try {
          java.nio.file.Files.write(out, der(json));
        } catch (java.io.IOException e) {
          throw new CliException("cannot write " + out + ": " + e.getMessage(), e);
        }
      }
      PrintWriter w = spec.commandLine().getOut();
      print(w, v);
      w.flush();
      return 0;
    }
  }

  /** A verified head and what was verified about it. */
  record Verified(SignedTreeHead head, X509Certificate signer, String trust) {}

  /**
   * GETs JSON from the node.
   *
   * @throws CliException on a non-2xx answer, with the server's reason
   */
  static JsonNode get(QuorateRest rest, String path, String what) {
    QuorateRest.Answer a = rest.get(path);
    if (!a.ok()) {
      String reason = a.body();
      try {
        JsonNode e = EventJson.parseValue(a.body(), "the server's answer");
        if (e.hasNonNull("reasonCode")) {
          reason = e.path("reasonCode").asText() + ": " + e.path("reason").asText();
        }
      } catch (CliException ignored) {
        // not JSON: print the body as it is
      }
      throw new CliException("fetching " + what + " failed: HTTP " + a.status() + " " + reason);
    }
    return EventJson.parseValue(a.body(), "the server's answer");
  }

  static byte[] der(JsonNode sth) {
    try {
      return Base64.getDecoder().decode(sth.path("sth").asText());
    } catch (IllegalArgumentException e) {
      throw new CliException("the STH's \"sth\" field is not base64", e);
    }
  }

  /**
   * Verifies an STH answer: the CMS signature, the signed fields against the JSON fields and the
   * mission asked for, and (with {@code --anchor}) the signer's path.
   *
   * @throws CliException naming what did not verify
   */
  static Verified verify(JsonNode sth, Server server) {
    SignedTreeHead.Verified v;
    try {
      v = TreeHeadVerification.signature(der(sth));
      TreeHeadVerification.content(v.head(), server.mission, java.time.Instant.now());
    } catch (TreeHeadVerification.Refused e) {
      throw new CliException("the signed tree head does not verify: " + e.getMessage(), e);
    }
    SignedTreeHead h = v.head();
    if (h.size() != sth.path("size").asLong(-1) || !h.rootHex().equals(sth.path("root").asText())) {
      throw new CliException(
          "the server's fields (size "
              + sth.path("size").asText()
              + ", root "
              + sth.path("root").asText()
              + ") differ from the signed ones (size "
              + h.size()
              + ", root "
              + h.rootHex()
              + ")");
    }
    String trust = "signer's certificate not checked against a trust anchor (use --anchor)";
    if (server.anchor != null) {
      List<X509Certificate> anchors = Pem.readCertificates(server.anchor);
      try {
        new CertificationPathValidator()
            .validate(
                v.signer(),
                new ArrayList<>(v.certificates()),
                anchors,
                List.of(),
                h.time(),
                PathOptions.quorate());
      } catch (AdmissionException e) {
        throw new CliException(
            "the STH signer "
                + v.signer().getSubjectX500Principal().getName()
                + " has no valid path to "
                + server.anchor
                + " ("
                + e.reasonCode().code()
                + "): "
                + e.getMessage(),
            e);
      }
      trust = "signer's certification path to " + server.anchor + " valid at " + h.time();
    }
    return new Verified(h, v.signer(), trust);
  }

  static void print(PrintWriter w, Verified v) {
    SignedTreeHead h = v.head();
    w.println("signed tree head of " + h.mission());
    w.println("  size:   " + h.size());
    w.println("  root:   " + h.rootHex());
    w.println("  time:   " + h.time());
    w.println("  signer: " + v.signer().getSubjectX500Principal().getName());
    w.println("VERIFIED: CMS signature; " + v.trust());
  }
}
