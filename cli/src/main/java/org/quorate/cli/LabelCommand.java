package org.quorate.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.quorate.core.label.ConfidentialityLabel;
import org.quorate.core.label.LabelFormatException;
import org.quorate.core.label.LabelJson;
import org.quorate.core.label.LabelValidation;
import org.quorate.core.label.LabelXml;
import org.quorate.core.label.SecurityPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code quorate label check [--spif SPIF] [--lang LANG] LABEL}: validates a confidentiality label
 * (STANAG 4774 XML, or the JSON of SPEC §6; told apart by the first non-blank byte) against an XML
 * SPIF 2.1 (the shipped NATO SPIF when {@code --spif} is absent) and prints its validity, the
 * reasons when invalid, and its display marking.
 *
 * <p>Exit codes: 0 valid, 1 invalid, 2 the label or SPIF could not be read. Meant as the {@code
 * check} subcommand of a {@code label} parent command.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description =
        "Validate a STANAG 4774 label (XML or JSON) against a SPIF and print its marking.")
public final class LabelCommand implements Callable<Integer> {
  /** Exit code of a valid label. */
  public static final int VALID = 0;

  /** Exit code of a label its policy refuses. */
  public static final int INVALID = 1;

  /** Exit code when the label or the SPIF cannot be read. */
  public static final int UNREADABLE = 2;

  @Spec CommandSpec spec;

  @Option(
      names = "--spif",
      paramLabel = "SPIF",
      description = "XML SPIF 2.1 file (default: the shipped NATO SPIF 1.3.26.1.3.1)")
  Path spif;

  @Option(
      names = "--lang",
      paramLabel = "LANG",
      description = "marking language, a BCP 47 tag such as en or fr (default: the SPIF default)")
  String lang;

  @Parameters(index = "0", paramLabel = "LABEL", description = "label file, XML or JSON")
  Path label;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SecurityPolicy policy;
    ConfidentialityLabel l;
    try {
      policy = spif == null ? SecurityPolicy.nato() : SecurityPolicy.load(spif);
      l = read(label);
    } catch (IOException | LabelFormatException e) {
      err.println("error: " + e.getMessage());
      err.flush();
      return UNREADABLE;
    }
    LabelValidation v = policy.validate(l);
    out.println("policy: " + policy.name() + " (" + policy.oid() + ") " + policy.spifHash());
    out.println(v.valid() ? "valid" : "invalid");
    for (String reason : v.reasons()) {
      out.println("  - " + reason);
    }
    out.println("marking: " + policy.displayMarking(l, lang));
    out.flush();
    return v.valid() ? VALID : INVALID;
  }

  private static ConfidentialityLabel read(Path file) throws IOException, LabelFormatException {
    byte[] data;
    try (InputStream in = Files.newInputStream(file)) {
      data = in.readNBytes(Math.max(LabelXml.MAX_BYTES, LabelJson.MAX_BYTES) + 1);
    }
    for (byte b : data) {
      if (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
        continue;
      }
      return b == '{' ? LabelJson.read(data) : LabelXml.read(data);
    }
    throw new LabelFormatException("label file " + file + " is empty");
  }
}
