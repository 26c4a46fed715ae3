package org.quorate.core.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.quorate.core.admission.Admission;
import org.quorate.core.admission.DecodedContribution;
import org.quorate.core.cms.Ids;
import org.quorate.core.event.Event;
import org.quorate.core.log.LogEntry;
import org.quorate.core.log.MalformedLogEntryException;
import org.quorate.core.log.OutcomeCode;
import org.quorate.core.log.ProofVerificationException;
import org.quorate.core.log.ProofVerifier;
import org.quorate.core.log.Rfc9162Hasher;
import org.quorate.core.pki.CertificationPathValidator;
import org.quorate.core.reason.AdmissionException;
import org.quorate.core.reason.AuditReasonCode;
import org.quorate.core.reason.VerificationCheck;

/**
 * The log records (SPEC §5 "Node log"): each decodes, names its input, and is proven by its
 * inclusion proof against the tree head; each event file is authentic and logged; the events are in
 * log order.
 */
abstract class LogRecordChecks extends TreeHeadChecks {
  // ---- log records ----------------------------------------------------------------------

  /** Decodes and proves each record; answers the proven ones by input id. */
  Map<String, List<LogEntry>> logRecords() {
    Map<String, List<LogEntry>> byInput = new LinkedHashMap<>();
    Set<Long> seen = new HashSet<>();
    int ok = 0;
    for (AuditBundle.LogRecord r : bundle.logRecords()) {
      String subject = "log index " + r.index();
      if (!seen.add(r.index())) {
        fail(
            VerificationCheck.LOG_ENTRY,
            subject,
            AuditReasonCode.ENTRY_MISMATCH,
            "proofs.json holds log index " + r.index() + " twice");
        continue;
      }
      LogEntry entry;
      try {
        entry = LogEntry.decode(r.entry());
      } catch (MalformedLogEntryException e) {
        fail(
            VerificationCheck.LOG_ENTRY,
            subject,
            AuditReasonCode.ENTRY_MISMATCH,
            "the entry bytes are not a SPEC §5 log entry: " + e.getMessage());
        continue;
      }
      if (entry.logIndex() != r.index()) {
        fail(
            VerificationCheck.LOG_ENTRY,
            subject,
            AuditReasonCode.ENTRY_MISMATCH,
            "the entry bytes state log index " + entry.logIndex() + ", not " + r.index());
        continue;
      }
      if (head == null) {
        fail(
            VerificationCheck.INCLUSION,
            subject,
            AuditReasonCode.INCLUSION_FAILED,
            "no verified tree head to prove the record against");
      } else {
        try {
          ProofVerifier.verifyInclusion(
              r.index(),
              head.size(),
              Rfc9162Hasher.hashLeaf(r.entry()),
              r.auditPath(),
              head.root());
          ok++;
        } catch (ProofVerificationException e) {
          fail(
              VerificationCheck.INCLUSION,
              subject,
              AuditReasonCode.INCLUSION_FAILED,
              "the record at log index "
                  + r.index()
                  + " is not proven in the tree head: "
                  + e.getMessage());
          continue;
        }
      }
      String input = Ids.PREFIX + HEX.formatHex(entry.receivedDigest());
      byInput.computeIfAbsent(input, k -> new ArrayList<>()).add(entry);
    }
    if (head != null) {
      pass(
          VerificationCheck.INCLUSION,
          AuditBundle.PROOFS,
          ok
              + " of "
              + bundle.logRecords().size()
              + " log records proven against the tree head of size "
              + head.size());
    }
    byInput.values().forEach(l -> l.sort((a, b) -> Long.compare(a.logIndex(), b.logIndex())));
    return byInput;
  }

  void decodeEvents(Map<String, List<LogEntry>> records) {
    Map<String, AuditBundle.ManifestEntry> manifest = new HashMap<>();
    bundle.manifest().forEach(m -> manifest.put(m.path(), m));
    // Stages 1-3 of each event depend on its bytes alone: decoded on several threads when the
    // caller gave an executor, used below in the bundle's order (the same checks, same order).
    List<Decoding> decodings =
        ParallelMap.map(
            bundle.events(),
            f -> Decoding.of(admission, f.der()),
            decodeOn,
            ParallelMap.processors());
    int position = 0;
    for (AuditBundle.EventFile f : bundle.events()) {
      BundleItem it = new BundleItem(f);
      items.add(it);
      Decoding decoding = decodings.get(position++);
      try {
        it.decoded = decoding.decoded();
        Event e = it.decoded.event();
        it.eventId = e.eventId();
        it.type = e.type().wireName();
        pass(
            VerificationCheck.SIGNATURE,
            f.path(),
            "CMS profile, signature and content of " + it.eventId + " (" + it.type + ") verify");
      } catch (AdmissionException e) {
        fail(
            VerificationCheck.SIGNATURE,
            f.path(),
            e.reasonCode().code(),
            f.path() + " fails admission stages 1-3: " + e.getMessage());
        try {
          byte[] content = SignedFiles.content(f.der());
          it.eventId = Ids.sha256Id(content);
          JsonNode j = JSON.readTree(content);
          it.type = j == null ? null : j.path("type").asText(null);
        } catch (IOException | IllegalArgumentException ignored) {
          // not even readable content: no event id
        }
      }
      AuditBundle.ManifestEntry m = manifest.get(f.path());
      if (m != null
          && (!Objects.equals(m.eventId(), it.eventId) || !Objects.equals(m.type(), it.type))) {
        fail(
            VerificationCheck.MANIFEST,
            f.path(),
            AuditReasonCode.MANIFEST_MISMATCH,
            "manifest.json states event "
                + m.eventId()
                + " ("
                + m.type()
                + ") for "
                + f.path()
                + ", which holds "
                + it.eventId
                + " ("
                + it.type
                + ")");
      }
      String expectedType = f.path().replaceAll("^events/[0-9]+-|\\.p7m$", "");
      if (it.type != null && !expectedType.equals(it.type)) {
        fail(
            VerificationCheck.MANIFEST,
            f.path(),
            AuditReasonCode.MANIFEST_MISMATCH,
            f.path() + " is named a " + expectedType + " but holds a " + it.type);
      }
      List<LogEntry> mine = records.getOrDefault(it.inputId, List.of());
      String eventHex = it.eventId == null ? null : it.eventId.substring(Ids.PREFIX.length());
      boolean good = true;
      for (LogEntry r : mine) {
        String logged = r.eventId().map(HEX::formatHex).orElse(null);
        if (!Objects.equals(logged, eventHex)) {
          fail(
              VerificationCheck.LOG_ENTRY,
              "log index " + r.logIndex(),
              AuditReasonCode.ENTRY_MISMATCH,
              "the record of input "
                  + it.inputId
                  + " names event "
                  + (logged == null ? "none" : Ids.PREFIX + logged)
                  + ", but "
                  + f.path()
                  + " holds event "
                  + it.eventId);
          good = false;
        }
      }
      it.records.addAll(mine);
      if (mine.isEmpty()) {
        fail(
            VerificationCheck.LOG_ENTRY,
            f.path(),
            AuditReasonCode.MISSING_RECORD,
            "no log record proven in the tree head is of input "
                + it.inputId
                + " ("
                + f.path()
                + ", event "
                + it.eventId
                + ")");
      } else {
        LogEntry deciding = mine.get(0);
        for (LogEntry r : mine) {
          if (r.outcome() != OutcomeCode.DUPLICATE || deciding.outcome() == OutcomeCode.DUPLICATE) {
            deciding = r;
          }
        }
        it.outcome = deciding.outcome();
        if (good) {
          pass(
              VerificationCheck.LOG_ENTRY,
              f.path(),
              "log records "
                  + indexes(it)
                  + " match the DER hash and event id; outcome "
                  + outcome(it.outcome));
        }
      }
    }
  }

  void orphanRecords(Map<String, List<LogEntry>> records) {
    Set<String> inputs = new HashSet<>();
    items.forEach(i -> inputs.add(i.inputId));
    for (Map.Entry<String, List<LogEntry>> r : records.entrySet()) {
      if (!inputs.contains(r.getKey())) {
        for (LogEntry e : r.getValue()) {
          fail(
              VerificationCheck.LOG_ENTRY,
              "log index " + e.logIndex(),
              AuditReasonCode.MISSING_EVENT,
              "the record at log index "
                  + e.logIndex()
                  + " is of input "
                  + r.getKey()
                  + ", which the bundle does not hold");
        }
      }
    }
  }

  void order() {
    BundleItem previous = null;
    boolean ok = true;
    for (BundleItem it : items) {
      if (it.records.isEmpty()) {
        continue;
      }
      if (previous != null && previous.firstIndex() > it.firstIndex()) {
        fail(
            VerificationCheck.ORDER,
            it.file.path(),
            AuditReasonCode.ORDER_MISMATCH,
            it.file.path()
                + " (log index "
                + it.firstIndex()
                + ") comes after "
                + previous.file.path()
                + " (log index "
                + previous.firstIndex()
                + ") in the bundle but before it in the log");
        ok = false;
      }
      previous = it;
    }
    if (ok) {
      pass(VerificationCheck.ORDER, "events/", "the inputs are in log order");
    }
  }

  LogRecordChecks(
      AuditBundle bundle,
      VerifyOptions options,
      CertificationPathValidator validator,
      Admission admission) {
    super(bundle, options, validator, admission);
  }

  /**
   * The outcome of {@link Admission#decode} on one event's bytes: the contribution, or the
   * admission failure, or what else it threw (rethrown where the event's turn comes).
   */
  private record Decoding(
      DecodedContribution contribution, AdmissionException refused, RuntimeException error) {
    static Decoding of(Admission admission, byte[] der) {
      try {
        return new Decoding(admission.decode(der), null, null);
      } catch (AdmissionException e) {
        return new Decoding(null, e, null);
      } catch (RuntimeException e) {
        return new Decoding(null, null, e);
      }
    }

    DecodedContribution decoded() throws AdmissionException {
      if (error != null) {
        throw error;
      }
      if (refused != null) {
        throw refused;
      }
      return contribution;
    }
  }
}
