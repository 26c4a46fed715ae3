package org.quorate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code quorate propose}: builds a SPEC §1 {@code proposal} event ({@code
 * {"policy","title","text","action"}}), signs it ({@link CmsSigning}, chain state as {@code quorate
 * sign}; an event the server rejects does not advance the chain) and writes and/or submits it over
 * REST. {@link Signing} is the mixin the coordination commands ({@code propose}, {@code attest},
 * {@code declare-quorum}) share.
 */
@Command(
    name = "propose",
    mixinStandardHelpOptions = true,
    description = {
      "Sign a proposal under a named quorum policy (SPEC §1, §3) and submit it.",
      "",
      "Prints the proposal's event id: attest with 'quorate attest --proposal ID'."
    })
final class ProposeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin Signing signing;

  @Option(
      names = "--policy",
      defaultValue = "operational",
      description = "Quorum policy name in the genesis (default: ${DEFAULT-VALUE}).")
  String policy;

  @Option(names = "--title", required = true, description = "Title.")
  String title;

  @Option(names = "--text", description = "Text of the proposal (default: the title).")
  String text;

  @Option(
      names = "--action",
      description = "Governance action as JSON, or @FILE (with --policy governance).")
  String action;

  @Override
  public Integer call() throws IOException {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("policy", policy);
    body.put("title", title);
    body.put("text", text == null || text.isBlank() ? title : text);
    if (action == null) {
      body.putNull("action");
    } else {
      JsonNode a = EventJson.parseValue(Signing.textOrFile(action), "--action");
      if (!a.isObject()) {
        throw new CliException("--action must be a JSON object");
      }
      body.set("action", a);
    }
    return signing.emit(spec, "proposal", body);
  }

  /** Options and the sign-and-submit step every coordination command shares. */
  static final class Signing {
    @Option(names = "--key", required = true, description = "Private key (PKCS#8 or OpenSSL PEM).")
    Path key;

    @Option(names = "--cert", required = true, description = "Signer's certificate (PEM).")
    Path cert;

    @Option(
        names = "--chain",
        arity = "1..*",
        description = "Intermediate CA certificates (PEM) to include.")
    List<Path> chain = new ArrayList<>();

    @Option(names = "--mission", required = true, description = "Mission name.")
    String mission;

    @Option(names = "--member", required = true, description = "Member id, e.g. POL.")
    String member;

    @Option(
        names = "--epoch",
        defaultValue = "0",
        description = "Roster epoch (default: ${DEFAULT-VALUE}).")
    long epoch;

    @Option(
        names = "--dir",
        defaultValue = ".quorate/demo",
        description = "Directory of the chain state (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--out", description = "Also write the SignedData (DER) to this file.")
    Path out;

    @Option(
        names = "--rest",
        paramLabel = "URL",
        description = "Submit to this Quorate, e.g. http://localhost:8080/quorate.")
    String rest;

    @Option(names = "--user", description = "REST: optional HTTP Basic user.")
    String user;

    @Option(
        names = "--password-env",
        defaultValue = "QUORATE_SUBMITTER_PASSWORD",
        description = "Environment variable holding the password (default: ${DEFAULT-VALUE}).")
    String passwordEnv;

    /**
     * @param value JSON text, or {@code @FILE}
     * @return the text
     */
    static String textOrFile(String value) {
      return value.startsWith("@")
          ? new String(Pem.readSmallFile(Path.of(value.substring(1))), StandardCharsets.UTF_8)
          : value;
    }

    /**
     * Builds the event (signer, issued, seq/prev filled as {@code quorate event} does), signs it,
     * records it as the end of the signer's chain, writes {@code --out} and submits to {@code
     * --rest}.
     *
     * @param spec the command (for its output)
     * @param type SPEC §1 event type
     * @param body the body
     * @return 0, or 1 when the server does not admit it
     * @throws IOException when a file cannot be written
     */
    int emit(CommandSpec spec, String type, ObjectNode body) throws IOException {
      if (out == null && rest == null) {
        throw new CliException("give --out FILE, --rest URL, or both");
      }
      PrivateKey k = Pem.readPrivateKey(key);
      X509Certificate c = Pem.readCertificate(cert);
      List<X509Certificate> intermediates = new ArrayList<>();
      for (Path p : chain) {
        intermediates.addAll(Pem.readCertificates(p));
      }
      String spki = Pem.spkiHash(c);
      ChainState chains = new ChainState(dir);
      ObjectNode event =
          EventJson.fill(
                  EventJson.event(mission, member, epoch, type, body),
                  spki,
                  chains,
                  Clock.systemUTC())
              .event();
      byte[] content = EventJson.bytes(event);
      byte[] der = CmsSigning.sign(content, k, c, intermediates, CmsSigning.RsaScheme.PKCS1);
      String eventId = Pem.sha256Id(content);
      PrintWriter o = spec.commandLine().getOut();
      o.println(type + " " + eventId + " (seq " + event.get("seq").asLong() + ")");
      if (out != null) {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        Files.write(out, der);
        o.println("wrote " + out + " (" + der.length + " bytes)");
      }
      int rc = 0;
      boolean chained = true;
      if (rest != null) {
        QuorateRest r =
            new QuorateRest(
                rest, user, user == null ? null : QuorateCli.passwordFromEnv(passwordEnv, user));
        QuorateRest.Answer a = r.post("/contributions", "application/pkcs7-mime", der);
        if (!a.ok()) {
          o.println("HTTP " + a.status() + " " + a.body());
          rc = 1;
          chained = false;
        } else {
          o.println(SubmitCommand.describe(a.body(), Pem.sha256Id(der)));
          JsonNode answer = EventJson.parseValue(a.body(), "the server's answer");
          String outcome = answer.path("outcome").asText();
          rc = "admitted".equals(outcome) ? 0 : 1;
          chained = !"rejected".equals(outcome);
        }
      }
      if (chained) {
        chains.record(spki, mission, event.get("seq").asLong(), eventId);
      } else {
        o.println("not recorded in the chain state: the next event reuses seq " + event.get("seq"));
      }
      o.flush();
      return rc;
    }
  }
}
