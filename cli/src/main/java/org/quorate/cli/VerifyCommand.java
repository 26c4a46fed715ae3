package org.quorate.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.quorate.core.audit.AuditCheck;
import org.quorate.core.audit.BundleVerifier;
import org.quorate.core.audit.ReconstructedEvent;
import org.quorate.core.audit.Reconstruction;
import org.quorate.core.audit.ReportJson;
import org.quorate.core.audit.VerificationReport;
import org.quorate.core.audit.VerifyOptions;
import org.quorate.core.quorum.Dissent;
import org.quorate.core.quorum.QuorumPolicy;
import org.quorate.core.quorum.QuorumState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code quorate verify BUNDLE}: re-verifies an audit bundle offline (SPEC §5) with the node's own
 * code ({@link BundleVerifier}) and prints each check with its result and the reconstruction of the
 * proposal: policy, epoch, every event with its outcome and the quorum state after it, dissents,
 * decision. Exits 0 when every check passed, 1 with the first failure's reason otherwise.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = "Re-verify an audit bundle (ZIP) offline and print the reconstruction.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:VERIFIED: every check passed",
      "1:not verified (the first failure's reason is printed), or the bundle could not be read",
      "2:invalid command line"
    })
final class VerifyCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "BUNDLE", description = "The audit bundle (ZIP).")
  Path bundle;

  @Option(
      names = "--anchor-sha256",
      paramLabel = "HEX",
      description =
          "Pin a trust anchor by the SHA-256 of its DER (64 hex digits, ':' allowed); repeatable."
              + " Every certification path must end at a pinned anchor.")
  List<String> pins = new ArrayList<>();

  @Option(
      names = "--anchor",
      paramLabel = "PEM",
      description = "Pin a trust anchor by its certificate file (PEM or DER); repeatable.")
  List<Path> anchorFiles = new ArrayList<>();

  @Option(names = "--json", description = "Print the report as JSON.")
  boolean json;

  @Option(names = "--all", description = "List every check, not only a summary and the failures.")
  boolean all;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Set<String> pinned = new TreeSet<>(pins);
    for (Path a : anchorFiles) {
      pinned.add(fingerprint(a));
    }
    VerifyOptions options;
    try {
      options = new VerifyOptions(pinned, Clock.systemUTC());
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage());
    }
    VerificationReport report;
    try (InputStream in = Files.newInputStream(bundle)) {
      report = new BundleVerifier(options).verifyZip(in);
    } catch (NoSuchFileException e) {
      throw new CliException("no such file: " + bundle);
    } catch (IOException e) {
      throw new CliException("cannot read " + bundle + ": " + e.getMessage(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(ReportJson.text(report));
    } else {
      print(out, report);
    }
    out.flush();
    if (!report.passed()) {
      AuditCheck f = report.firstFailure().orElseThrow();
      PrintWriter err = spec.commandLine().getErr();
      err.println(
          "error: the bundle does not verify ("
              + report.failures().size()
              + " failed check"
              + (report.failures().size() == 1 ? "" : "s")
              + "); first: "
              + f.check()
              + " "
              + f.subject()
              + ": "
              + f.reasonCode()
              + ": "
              + f.detail());
      err.flush();
      return CliException.FAILURE;
    }
    return 0;
  }

  private void print(PrintWriter out, VerificationReport report) {
    out.printf(Locale.ROOT, "bundle    %s%n", bundle);
    Reconstruction r = report.reconstruction();
    if (r != null) {
      out.printf(Locale.ROOT, "mission   %s (genesis %s)%n", r.mission(), r.genesisId());
      out.printf(
          Locale.ROOT,
          "proposal  %s%s%n",
          r.proposalId(),
          r.title() == null ? "" : " \"" + r.title() + "\"");
      out.printf(
          Locale.ROOT, "policy    %s, epoch %d%s%n", r.policyName(), r.epoch(), rule(r.policy()));
      if (r.sthRootHex() != null) {
        out.printf(Locale.ROOT, "tree head size %d, root %s%n", r.sthSize(), r.sthRootHex());
      }
      out.println();
      out.println("events (log order)");
      Table t = new Table("log", "type", "member", "role", "issued", "outcome", "state after");
      for (ReconstructedEvent e : r.events()) {
        t.row(
            e.logIndexes().isEmpty() ? "-" : join(e.logIndexes()),
            e.type(),
            e.member(),
            e.role(),
            e.issued() == null ? null : e.issued().toString(),
            e.outcome() + (e.reasonCode() == null ? "" : " (" + e.reasonCode() + ")"),
            state(e.stateAfter()));
      }
      t.print(out);
      out.println();
      if (r.dissents().isEmpty()) {
        out.println("dissents  none");
      } else {
        out.println("dissents");
        for (Dissent d : r.dissents()) {
          out.printf(
              Locale.ROOT,
              "  %s as %s at %s: \"%s\"%s%s%s%n",
              d.member(),
              d.role(),
              d.issued(),
              d.rationale(),
              d.current() ? "" : " (not current)",
              d.late() ? " (late)" : "",
              d.changedOutcome() ? " (changed the outcome)" : "");
        }
      }
      QuorumState s = r.finalState();
      out.printf(
          Locale.ROOT,
          "state     %s%n",
          s == null ? "none (no valid policy)" : state(s) + ": " + s.explanation());
      out.printf(Locale.ROOT, "decision  %s%n", r.decisionId() == null ? "none" : r.decisionId());
      out.println();
    }
    Map<String, int[]> byCheck = new TreeMap<>();
    for (AuditCheck c : report.checks()) {
      int[] n = byCheck.computeIfAbsent(c.check(), k -> new int[2]);
      n[c.passed() ? 0 : 1]++;
    }
    out.println("checks");
    Table summary = new Table("check", "passed", "failed");
    byCheck.forEach((k, n) -> summary.row(k, String.valueOf(n[0]), String.valueOf(n[1])));
    summary.print(out);
    List<AuditCheck> shown = all ? report.checks() : report.failures();
    if (!shown.isEmpty()) {
      out.println();
      for (AuditCheck c : shown) {
        out.printf(
            Locale.ROOT,
            "%s %-12s %s%s: %s%n",
            c.passed() ? "ok  " : "FAIL",
            c.check(),
            c.subject(),
            c.passed() ? "" : " [" + c.reasonCode() + "]",
            c.detail());
      }
    }
    out.println();
    out.println(
        report.passed()
            ? "result    VERIFIED: every check passed"
            : "result    FAILED: " + report.failures().size() + " check(s) failed");
  }

  private static String rule(QuorumPolicy p) {
    if (p == null) {
      return " (policy not valid in the genesis)";
    }
    QuorumPolicy.Threshold t = p.threshold();
    String threshold =
        t.basis() == QuorumPolicy.Basis.COUNT
            ? t.count() + " members"
            : t.fraction() + " of " + t.basis().name().toLowerCase(Locale.ROOT);
    return ": votingRole "
        + p.votingRole()
        + ", threshold "
        + threshold
        + ", deadline "
        + p.deadline();
  }

  private static String state(QuorumState s) {
    if (s == null) {
      return null;
    }
    return s.status().wire()
        + (s.isFinal() ? " final" : "")
        + " "
        + s.counts().concur()
        + "/"
        + s.counts().dissent()
        + "/"
        + s.counts().abstain()
        + " T="
        + s.threshold();
  }

  private static String join(List<Long> l) {
    StringBuilder b = new StringBuilder();
    for (Long x : l) {
      b.append(b.length() == 0 ? "" : ",").append(x);
    }
    return b.toString();
  }

  private static String fingerprint(Path pem) {
    try {
      byte[] bytes = Files.readAllBytes(pem);
      X509Certificate c =
          (X509Certificate)
              java.security.cert.CertificateFactory.getInstance("X.509")
                  .generateCertificate(new java.io.ByteArrayInputStream(bytes));
      return org.quorate.core.cms.Ids.fingerprint(c);
    } catch (NoSuchFileException e) {
      throw new CliException("no such file: " + pem);
    } catch (IOException e) {
      throw new CliException("cannot read " + pem + ": " + e.getMessage(), e);
    } catch (java.security.GeneralSecurityException | ClassCastException e) {
      throw new CliException(pem + " is not an X.509 certificate: " + e.getMessage(), e);
    }
  }
}
