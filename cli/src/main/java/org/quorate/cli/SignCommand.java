package org.quorate.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code quorate sign}: wraps an event in the CMS SignedData of SPEC §1 ({@link CmsSigning}).
 *
 * <p>Unless {@code --no-fill}, an event lacking {@code v}, {@code signer}, {@code epoch}, {@code
 * issued} or {@code seq}/{@code prev} gets them ({@link EventJson#fill}) and is re-serialised in
 * SPEC field order; an event lacking none is signed byte for byte. After signing, an event of this
 * certificate's key with a {@code seq} beyond the chain state becomes the new end of the signer's
 * chain in {@code DIR/chains} (unless {@code --no-chain-state}).
 */
@Command(
    name = "sign",
    mixinStandardHelpOptions = true,
    description = {
      "Sign an event as a CMS SignedData (DER).",
      "",
      "Content attached (id-data); signed attributes content-type, message-digest,"
          + " signing-time; the certificate and --chain certificates included.",
      "Missing signer/issued/seq/prev/epoch/v are filled (see 'quorate event'); seq/prev come"
          + " from DIR/chains/<signer hex>.json, which is updated after signing. An event with"
          + " all of them is signed byte for byte.",
      "The event is checked against SPEC §1 (schema, unknown fields, body of its type) before"
          + " signing: an invalid one is not signed and the chain state is left as it was"
          + " (--no-validate signs it anyway, for test inputs)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:signed",
      "1:not signed: the event is invalid (the reason code and why), or a file could not be read",
      "2:invalid command line"
    })
final class SignCommand implements Callable<Integer> {
  /** Largest event accepted for signing (the server's default cap is 4 MiB for the whole DER). */
  static final int MAX_EVENT_BYTES = 4 << 20;

  @Spec CommandSpec spec;

  @Option(names = "--key", required = true, description = "Private key (PKCS#8 or OpenSSL PEM).")
  Path key;

  @Option(names = "--cert", required = true, description = "Signer's certificate (PEM).")
  Path cert;

  @Option(
      names = "--chain",
      arity = "1..*",
      description = "Intermediate CA certificates (PEM) to include.")
  List<Path> chain = new ArrayList<>();

  @Option(names = "--in", defaultValue = "-", description = "Event JSON file, - for stdin.")
  String in;

  @Option(names = "--out", required = true, description = "Output .p7m (DER).")
  Path out;

  @Option(
      names = "--dir",
      defaultValue = ".quorate/demo",
      description = "Directory of the chain state (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Option(names = "--no-fill", description = "Sign the input bytes exactly, fill nothing.")
  boolean noFill;

  @Option(names = "--no-chain-state", description = "Neither read nor update the chain state.")
  boolean noChainState;

  @Option(
      names = "--no-validate",
      description =
          "Sign even an event that SPEC §1 refuses (test inputs); never advances the chain.")
  boolean noValidate;

  @Option(names = "--rsa-pss", description = "RSA keys: RSASSA-PSS instead of PKCS#1 v1.5.")
  boolean rsaPss;

  @Override
  public Integer call() throws IOException {
    PrivateKey k = Pem.readPrivateKey(key);
    X509Certificate c = Pem.readCertificate(cert);
    List<X509Certificate> intermediates = new ArrayList<>();
    for (Path p : chain) {
      intermediates.addAll(Pem.readCertificates(p));
    }
    byte[] input = readInput();
    String spki = Pem.spkiHash(c);
    ChainState chains = noChainState ? null : new ChainState(dir);
    byte[] content = input;
    ObjectNode event = null;
    PrintWriter err = spec.commandLine().getErr();
    if (!noFill) {
      event = EventJson.parse(input, in.equals("-") ? "stdin" : in);
      EventJson.Filled f = EventJson.fill(event, spki, chains, Clock.systemUTC());
      event = f.event();
      if (f.changed()) {
        content = EventJson.bytes(event);
      }
      if (!spki.equals(event.path("signer").asText())) {
        err.println(
            "warning: the event's signer "
                + event.path("signer").asText()
                + " is not this certificate's key "
                + spki
                + "; Quorate will reject it (signer-mismatch)");
      }
    }
    boolean valid = true;
    try {
      new org.quorate.core.event.EventParser().parse(content);
    } catch (org.quorate.core.reason.AdmissionException e) {
      valid = false;
      if (!noValidate) {
        throw new CliException(
            "not signed: the event does not meet SPEC §1 ("
                + e.reasonCode().code()
                + "): "
                + e.getMessage()
                + "; the chain state is unchanged");
      }
      err.println(
          "warning: signing an invalid event ("
              + e.reasonCode().code()
              + ": "
              + e.getMessage()
              + "); the chain state is not advanced");
    }
    byte[] der =
        CmsSigning.sign(
            content,
            k,
            c,
            intermediates,
            rsaPss ? CmsSigning.RsaScheme.PSS : CmsSigning.RsaScheme.PKCS1);
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.write(out, der);
    String eventId = Pem.sha256Id(content);
    if (valid
        && event != null
        && chains != null
        && spki.equals(event.path("signer").asText())
        && event.path("mission").isTextual()
        && event.path("seq").canConvertToLong()) {
      chains.record(spki, event.get("mission").asText(), event.get("seq").asLong(), eventId);
    }
    PrintWriter o = spec.commandLine().getOut();
    o.println("signed   " + out + " (" + der.length + " bytes)");
    o.println("event id " + eventId);
    o.println("input id " + Pem.sha256Id(der));
    o.println("signer   " + spki + "  " + c.getSubjectX500Principal().getName());
    if (event != null && event.has("seq")) {
      o.println(
          "chain    seq " + event.path("seq").asText() + ", prev " + event.path("prev").asText());
    }
    o.flush();
    return 0;
  }

  private byte[] readInput() throws IOException {
    if (!in.equals("-")) {
      Path p = Path.of(in);
      if (Files.size(p) > MAX_EVENT_BYTES) {
        throw new CliException(in + " is larger than " + MAX_EVENT_BYTES + " bytes");
      }
      return Files.readAllBytes(p);
    }
    InputStream s = System.in;
    byte[] b = s.readNBytes(MAX_EVENT_BYTES + 1);
    if (b.length > MAX_EVENT_BYTES) {
      throw new CliException("stdin holds more than " + MAX_EVENT_BYTES + " bytes");
    }
    return b;
  }
}
