package org.quorate.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.quorate.core.admission.Admission;
import org.quorate.core.admission.HeldLimits;
import org.quorate.core.admission.InMemoryLedgerStore;
import org.quorate.core.admission.InputRecord;
import org.quorate.core.admission.Ledger;
import org.quorate.core.admission.LoadedMission;
import org.quorate.core.cms.SignedDataVerifier;
import org.quorate.core.event.EventParser;
import org.quorate.core.mission.Genesis;
import org.quorate.core.mission.GenesisException;
import org.quorate.core.mission.GenesisParser;
import org.quorate.core.pki.CertificationPathValidator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code quorate inspect FILE…}: what admission (SPEC §2) would decide for each input and why, run
 * offline with the same code as the node. With {@code --genesis}, the mission is known (and taken
 * as endorsed unless {@code --pending}); earlier files (e.g. a {@code crl} contribution or a
 * chain's predecessors) are taken into account in the order given. Without it, only the stateless
 * stages 1–3 are judged and authentic inputs wait for their mission.
 */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Print what admission would decide for each signed contribution, and why.",
      "Without --genesis only stages 1-3 (size, CMS profile, signature, content, signer) are"
          + " judged: an authentic input then waits for its mission (held, unknown-mission)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every input would be admitted",
      "4:some input would not be admitted (held, rejected, evidence, void)",
      "1:a file or the genesis could not be read",
      "2:invalid command line"
    })
final class InspectCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "FILE", description = "DER CMS SignedData files.")
  List<Path> files;

  @Option(names = "--genesis", description = "The mission's genesis JSON (as loaded on nodes).")
  Path genesis;

  @Option(names = "--pending", description = "Treat the mission as not yet endorsed.")
  boolean pending;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    InMemoryLedgerStore store = new InMemoryLedgerStore();
    if (genesis != null) {
      byte[] bytes = read(genesis);
      try {
        Genesis g = new GenesisParser().parse(bytes);
        store.load(new LoadedMission(g.mission(), EventParser.sha256Id(bytes), bytes, pending));
        out.printf(java.util.Locale.ROOT, "mission %s, genesis %s%n", g.mission(), g.genesisId());
      } catch (GenesisException e) {
        throw new CliException("genesis " + genesis + ": " + e.getMessage());
      }
    }
    Ledger ledger =
        new Ledger(
            new Admission(
                new SignedDataVerifier(), new CertificationPathValidator(), Admission.DEFAULT_SKEW),
            store,
            Clock.systemUTC(),
            HeldLimits.DEFAULT);
    if (genesis == null) {
      out.println(
          "no --genesis: judged stages 1-3 only (size, CMS profile, signature, content, signer);"
              + " the mission, epoch, certification path, roles, posture and chain are not judged,"
              + " so an authentic input is held for its mission");
    }
    int notAdmitted = 0;
    for (Path f : files) {
      InputRecord r = ledger.submit(read(f), "file " + f).record();
      out.printf(java.util.Locale.ROOT, "%s%n  input   %s%n", f, r.inputId());
      if (r.eventId() != null) {
        out.printf(
            java.util.Locale.ROOT,
            "  event   %s (%s, %s, seq %s)%n  signer  %s%n",
            r.eventId(),
            r.type(),
            r.member(),
            r.seq(),
            r.signerSubject());
      }
      out.printf(java.util.Locale.ROOT, "  outcome %s%n", r.outcome().code());
      if (r.reasonCode() != null) {
        out.printf(java.util.Locale.ROOT, "  reason  %s: %s%n", r.reasonCode(), r.reason());
      }
      if (r.path() != null && !r.path().isEmpty()) {
        out.printf(java.util.Locale.ROOT, "  path    %s%n", r.path());
      }
      if (r.outcome() != org.quorate.core.admission.Outcome.ADMITTED) {
        notAdmitted++;
      }
    }
    // Outcomes may change as later files release earlier ones: print the final state too.
    out.println("final outcomes:");
    for (InputRecord r : store.all()) {
      out.printf(
          java.util.Locale.ROOT,
          "  %-9s %s %s%n",
          r.outcome().code(),
          r.inputId(),
          nullToEmpty(r.reasonCode()));
    }
    out.flush();
    return notAdmitted == 0 ? 0 : 4;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  private static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new CliException("cannot read " + p + ": " + e.getMessage());
    }
  }
}
