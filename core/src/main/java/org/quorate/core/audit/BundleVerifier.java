package org.quorate.core.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.quorate.core.admission.Admission;
import org.quorate.core.admission.CredentialRoles;
import org.quorate.core.admission.CrlContribution;
import org.quorate.core.admission.DecodedContribution;
import org.quorate.core.admission.Judgement;
import org.quorate.core.admission.MissionFacts;
import org.quorate.core.admission.Outcome;
import org.quorate.core.admission.ReferencedEvent;
import org.quorate.core.cms.Ids;
import org.quorate.core.cms.SignedDataVerifier;
import org.quorate.core.coordination.CoordinationException;
import org.quorate.core.coordination.CoordinationMapping;
import org.quorate.core.coordination.EpochChain;
import org.quorate.core.coordination.PolicyResolution;
import org.quorate.core.coordination.ProposalEvaluation;
import org.quorate.core.coordination.ProposalScope;
import org.quorate.core.event.Event;
import org.quorate.core.event.EventType;
import org.quorate.core.log.LogEntry;
import org.quorate.core.log.MalformedLogEntryException;
import org.quorate.core.log.OutcomeCode;
import org.quorate.core.log.ProofVerificationException;
import org.quorate.core.log.ProofVerifier;
import org.quorate.core.log.Rfc9162Hasher;
import org.quorate.core.log.SignedTreeHead;
import org.quorate.core.mission.Genesis;
import org.quorate.core.mission.GenesisException;
import org.quorate.core.mission.GenesisParser;
import org.quorate.core.mission.Member;
import org.quorate.core.mission.Roster;
import org.quorate.core.pki.CertificationPathValidator;
import org.quorate.core.pki.PathOptions;
import org.quorate.core.pki.ValidatedPath;
import org.quorate.core.pki.ValidatedPathCache;
import org.quorate.core.quorum.DecisionRecord;
import org.quorate.core.quorum.DecisionValidator;
import org.quorate.core.quorum.DecisionVerdict;
import org.quorate.core.quorum.ProposalRecord;
import org.quorate.core.quorum.QuorumEvaluator;
import org.quorate.core.quorum.QuorumInputs;
import org.quorate.core.quorum.QuorumState;
import org.quorate.core.reason.AdmissionException;
import org.quorate.core.reason.AuditReasonCode;
import org.quorate.core.reason.PathValidationException;
import org.quorate.core.reason.ReasonCode;
import org.quorate.core.reason.VerificationCheck;

/**
 * Verifies an audit bundle offline (SPEC §5 {@code quorate verify BUNDLE}) and reconstructs its
 * proposal, with the same code a node admits and counts with.
 *
 * <p>Each input is re-checked as admission does ({@link Admission#decode}: CMS profile and
 * signature, content schema and {@code signer}; {@link Admission#judge}: certification path at
 * {@code issued} against the anchors of the roster epoch the event names and the CRLs of the
 * bundle's admitted {@code crl} events, binding and role, posture). The roster epochs are derived
 * as the node derives them ({@link EpochChain#derive}, {@code GovernanceAction}) from the bundle's
 * governance decisions, their proposals and counted attestations (SPEC §3 "Governance", §5); an
 * event naming an epoch the bundle opens no governance decision for fails with {@code
 * unknown-epoch}, and the quorum is counted over the proposal's epoch roster. The chain position,
 * idempotency and cross-mission references cannot be recomputed from a bundle (predecessors and
 * other missions are not in it), so each event's outcome is taken from its last log record (a
 * {@code duplicate} record of a replay aside), and that record is proven by its inclusion proof
 * against the signed tree head, whose signature by the node certificate, path and {@code node} role
 * are checked too. An event whose record says admitted (or void) but that the re-check judges
 * otherwise is a failed check. The quorum state is then recomputed ({@link ProposalEvaluation})
 * over the events admitted so far after each event bearing on the proposal, evaluated at the latest
 * {@code issued} seen, and every decision is validated by recomputation ({@link
 * DecisionValidator}); the final state is evaluated at the tree head's time.
 *
 * <p>Never throws for bad bundle content: every failure is a failed {@link AuditCheck}. Thread-safe
 * (each call uses its own state).
 */
public final class BundleVerifier {
  private static final JsonMapper JSON = new JsonMapper();
  private static final HexFormat HEX = HexFormat.of();

  private final VerifyOptions options;
  private final SignedDataVerifier signedData = new SignedDataVerifier();
  private final CertificationPathValidator validator = new CertificationPathValidator();
  private final Admission admission = new Admission(signedData, validator, Admission.DEFAULT_SKEW);

  /**
   * @param options the pinned anchors and the auditor's clock
   */
  public BundleVerifier(VerifyOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * Reads a ZIP with {@link AuditBundle#readZip} and verifies it; a bundle that cannot be read
   * gives a report with one failed {@code format} check carrying the {@link BundleFormatException}
   * reason code.
   *
   * @param zip the ZIP bytes
   * @return the report
   */
  public VerificationReport verifyZip(InputStream zip) {
    try {
      return verify(AuditBundle.readZip(zip));
    } catch (BundleFormatException e) {
      return new VerificationReport(
          List.of(
              AuditCheck.fail(VerificationCheck.FORMAT, "bundle", e.reasonCode(), e.getMessage())),
          null);
    }
  }

  /**
   * @param bundle a bundle as read
   * @return every check and the reconstruction
   */
  public VerificationReport verify(AuditBundle bundle) {
    Objects.requireNonNull(bundle, "bundle");
    Run run = new Run(bundle);
    try {
      return run.go();
    } catch (RuntimeException e) {
      // A defect of ours or a library on input we did not foresee: still a report, never a crash.
      run.fail(
          VerificationCheck.FORMAT,
          "bundle",
          AuditReasonCode.VERIFIER_ERROR,
          "verification stopped on unexpected input: "
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage());
      return new VerificationReport(run.checks, null);
    }
  }

  /** One input of the bundle as the verification sees it. */
  private static final class Item {
    final AuditBundle.EventFile file;
    final String inputId;
    String eventId;
    String type;
    DecodedContribution decoded;
    final List<LogEntry> records = new ArrayList<>();
    OutcomeCode outcome;
    Judgement judgement;
    Lineage lineage;
    boolean counts;
    QuorumState stateAfter;

    Item(AuditBundle.EventFile file) {
      this.file = file;
      this.inputId = Ids.sha256Id(file.der());
    }

    long firstIndex() {
      return records.isEmpty() ? Long.MAX_VALUE : records.get(0).logIndex();
    }

    long decidingIndex() {
      long at = Long.MAX_VALUE;
      for (LogEntry r : records) {
        if (r.outcome() != OutcomeCode.DUPLICATE || at == Long.MAX_VALUE) {
          at = r.logIndex();
        }
      }
      return at;
    }
  }

  /** The state of one verification. */
  private final class Run {
    final AuditBundle bundle;
    final List<AuditCheck> checks = new ArrayList<>();
    final Instant now = options.clock().instant();
    final ValidatedPathCache paths = new ValidatedPathCache(validator);
    Genesis genesis;

    /**
     * The roster epochs derived from the bundle's admitted governance events with the Ledger's rule
     * ({@link EpochChain#derive}); epoch 0 only until {@link #epochs()} ran.
     */
    EpochChain chain;

    SignedTreeHead head;
    SignedTreeHead.Verified signed;
    X509Certificate node;
    final List<Item> items = new ArrayList<>();
    final List<X509CRL> crls = new ArrayList<>();

    Run(AuditBundle bundle) {
      this.bundle = bundle;
    }

    void pass(VerificationCheck check, String subject, String detail) {
      checks.add(AuditCheck.pass(check, subject, detail));
    }

    void fail(VerificationCheck check, String subject, String code, String detail) {
      checks.add(AuditCheck.fail(check, subject, code, detail));
    }

    void fail(VerificationCheck check, String subject, AuditReasonCode code, String detail) {
      fail(check, subject, code.code(), detail);
    }

    void fail(VerificationCheck check, String subject, ReasonCode code, String detail) {
      fail(check, subject, code.code(), detail);
    }

    VerificationReport go() {
      manifest();
      if (!genesis()) {
        return new VerificationReport(checks, null);
      }
      treeHead();
      Map<String, List<LogEntry>> records = logRecords();
      decodeEvents(records);
      orphanRecords(records);
      order();
      collectCrls();
      epochs();
      anchors();
      nodeCredential();
      crlFiles();
      recheck();
      rederive();
      endorsements();
      return reconstruct();
    }

    // ---- manifest -------------------------------------------------------------------------

    void manifest() {
      Map<String, byte[]> files = bundle.files();
      Set<String> listed = new HashSet<>();
      int failures = 0;
      for (AuditBundle.ManifestEntry e : bundle.manifest()) {
        if (!listed.add(e.path())) {
          fail(
              VerificationCheck.MANIFEST,
              e.path(),
              AuditReasonCode.MANIFEST_MISMATCH,
              "manifest.json lists " + e.path() + " twice");
          failures++;
          continue;
        }
        byte[] bytes = files.get(e.path());
        if (bytes == null || e.path().equals(AuditBundle.MANIFEST)) {
          fail(
              VerificationCheck.MANIFEST,
              e.path(),
              AuditReasonCode.MISSING_FILE,
              "manifest.json lists " + e.path() + ", which the bundle does not hold");
          failures++;
          continue;
        }
        String actual = Ids.sha256Hex(bytes);
        if (!actual.equals(e.sha256Hex())) {
          fail(
              VerificationCheck.MANIFEST,
              e.path(),
              AuditReasonCode.MANIFEST_MISMATCH,
              e.path() + " has SHA-256 " + actual + " but manifest.json states " + e.sha256Hex());
          failures++;
        }
      }
      for (String name : files.keySet()) {
        if (!name.equals(AuditBundle.MANIFEST) && !listed.contains(name)) {
          fail(
              VerificationCheck.MANIFEST,
              name,
              AuditReasonCode.EXTRA_FILE,
              name + " is in the bundle but not in manifest.json");
          failures++;
        }
      }
      if (failures == 0) {
        pass(
            VerificationCheck.MANIFEST,
            AuditBundle.MANIFEST,
            "every one of " + (files.size() - 1) + " files is listed with its SHA-256 and matches");
      }
    }

    // ---- genesis --------------------------------------------------------------------------

    boolean genesis() {
      try {
        genesis = new GenesisParser().parse(bundle.genesis());
      } catch (GenesisException | RuntimeException e) {
        fail(
            VerificationCheck.GENESIS,
            AuditBundle.GENESIS,
            AuditReasonCode.MALFORMED_GENESIS,
            "genesis.json is not a genesis of SPEC §1: " + e.getMessage());
        return false;
      }
      chain = EpochChain.genesisOnly(genesis);
      pass(
          VerificationCheck.GENESIS,
          genesis.genesisId(),
          "genesis of mission "
              + genesis.mission()
              + " with "
              + genesis.members().size()
              + " members");
      return true;
    }

    void anchors() {
      Map<String, X509Certificate> declared = new LinkedHashMap<>();
      for (X509Certificate a : allAnchors()) {
        declared.put(Ids.fingerprint(a), a);
      }
      Set<String> inFiles = new HashSet<>();
      for (Map.Entry<String, byte[]> f : bundle.anchors().entrySet()) {
        X509Certificate c;
        try {
          c = AuditBundle.certificate(f.getValue());
        } catch (IllegalArgumentException e) {
          fail(
              VerificationCheck.ANCHOR,
              f.getKey(),
              AuditReasonCode.MALFORMED_CERTIFICATE,
              f.getKey() + " is not a certificate");
          continue;
        }
        String fp = Ids.fingerprint(c);
        inFiles.add(fp);
        if (!declared.containsKey(fp)) {
          fail(
              VerificationCheck.ANCHOR,
              f.getKey(),
              AuditReasonCode.GENESIS_MISMATCH,
              f.getKey()
                  + " (SHA-256 "
                  + fp
                  + ") is not a trust anchor the genesis or an adopted governance decision"
                  + " of the bundle declares");
        } else {
          pass(
              VerificationCheck.ANCHOR,
              f.getKey(),
              "trust anchor " + subject(c) + ", SHA-256 " + fp);
        }
      }
      for (Map.Entry<String, X509Certificate> d : declared.entrySet()) {
        if (!inFiles.contains(d.getKey())) {
          fail(
              VerificationCheck.ANCHOR,
              subject(d.getValue()),
              AuditReasonCode.MISSING_FILE,
              "epoch "
                  + epochOf(d.getKey())
                  + " declares anchor "
                  + subject(d.getValue())
                  + " (SHA-256 "
                  + d.getKey()
                  + ") but anchors/ does not hold it");
        }
      }
    }

    // ---- tree head ------------------------------------------------------------------------

    void treeHead() {
      SignedTreeHead.Verified v;
      try {
        v = TreeHeadVerification.signature(bundle.treeHead());
      } catch (TreeHeadVerification.Refused e) {
        fail(VerificationCheck.TREE_HEAD, AuditBundle.STH, e.code(), e.getMessage());
        return;
      }
      Optional<byte[]> nodePem = bundle.nodeCertificate();
      if (nodePem.isEmpty()) {
        fail(
            VerificationCheck.TREE_HEAD,
            AuditBundle.NODE_CERTIFICATE,
            AuditReasonCode.MISSING_FILE,
            "the bundle holds no node certificate");
        return;
      }
      X509Certificate node;
      try {
        node = AuditBundle.certificate(nodePem.get());
      } catch (IllegalArgumentException e) {
        fail(
            VerificationCheck.TREE_HEAD,
            AuditBundle.NODE_CERTIFICATE,
            AuditReasonCode.MALFORMED_CERTIFICATE,
            e.getMessage());
        return;
      }
      if (!node.equals(v.signer())) {
        fail(
            VerificationCheck.TREE_HEAD,
            AuditBundle.STH,
            AuditReasonCode.STH_SIGNATURE,
            "the tree head is signed by "
                + subject(v.signer())
                + ", not by the node certificate "
                + subject(node));
        return;
      }
      SignedTreeHead h = v.head();
      try {
        TreeHeadVerification.content(h, genesis.mission(), now);
      } catch (TreeHeadVerification.Refused e) {
        fail(VerificationCheck.TREE_HEAD, AuditBundle.STH, e.code(), e.getMessage());
        return;
      }
      if (h.size() != bundle.treeSize()) {
        fail(
            VerificationCheck.TREE_HEAD,
            AuditBundle.PROOFS,
            AuditReasonCode.SIZE_MISMATCH,
            "proofs.json is for tree size "
                + bundle.treeSize()
                + " but the tree head states "
                + h.size());
        return;
      }
      head = h;
      signed = v;
      this.node = node;
    }

    /**
     * The tree head's node credential: path at the head's time to a member's anchors of the epoch
     * in force, the pins and its {@code node} role. Checked once the epochs are derived (a node
     * role may be granted by governance); until then the head's signature alone proves records, and
     * a failure here fails the report.
     */
    void nodeCredential() {
      if (head == null) {
        return;
      }
      try {
        CredentialRoles.Holder holder =
            TreeHeadVerification.signerPath(signed, chain.current(), crls);
        if (!pinned(holder.path().trustAnchor(), VerificationCheck.TREE_HEAD, AuditBundle.STH)) {
          return;
        }
        TreeHeadVerification.nodeRole(signed, holder);
      } catch (TreeHeadVerification.Refused e) {
        fail(VerificationCheck.TREE_HEAD, AuditBundle.STH, e.code(), e.getMessage());
        return;
      }
      pass(
          VerificationCheck.TREE_HEAD,
          AuditBundle.STH,
          "signed by node "
              + subject(node)
              + ": log "
              + head.mission()
              + " size "
              + head.size()
              + " root "
              + head.rootHex()
              + " at "
              + head.time());
    }

    boolean pinned(X509Certificate anchor, VerificationCheck check, String subject) {
      if (!options.pinned()) {
        return true;
      }
      String fp = Ids.fingerprint(anchor);
      if (options.pinnedAnchorSha256Hex().contains(fp)) {
        return true;
      }
      fail(
          check,
          subject,
          AuditReasonCode.ANCHOR_NOT_PINNED,
          "the path ends at trust anchor "
              + subject(anchor)
              + " (SHA-256 "
              + fp
              + "), which is not among the pinned anchors");
      return false;
    }

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
      for (AuditBundle.EventFile f : bundle.events()) {
        Item it = new Item(f);
        items.add(it);
        try {
          it.decoded = admission.decode(f.der());
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
            byte[] content = AuditBundle.content(f.der());
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
            if (r.outcome() != OutcomeCode.DUPLICATE
                || deciding.outcome() == OutcomeCode.DUPLICATE) {
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
      Item previous = null;
      boolean ok = true;
      for (Item it : items) {
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

    // ---- epochs ---------------------------------------------------------------------------

    /**
     * Derives the roster epochs as the Ledger does ({@link EpochChain#derive}) from the bundle's
     * events whose log record says admitted (the re-check then judges each against the epoch it
     * names, and {@link #rederive} confirms the epochs from the events that passed it), and checks
     * each governance decision: one that opened an epoch must have every attestation it counts in
     * the bundle.
     */
    void epochs() {
      chain = derive(false);
      Set<String> held = new HashSet<>();
      items.forEach(i -> held.add(i.eventId));
      Map<String, DecisionRecord> records = new HashMap<>();
      for (Item it : items) {
        if (it.decoded != null && it.decoded.event().type() == EventType.DECISION) {
          try {
            DecisionRecord d = CoordinationMapping.decision(it.decoded.event());
            records.put(d.eventId(), d);
          } catch (CoordinationException e) {
            // the reconstruction reports malformed content
          }
        }
      }
      for (EpochChain.GovernanceDecision g : chain.decisions()) {
        if (!g.applied()) {
          pass(
              VerificationCheck.EPOCH,
              g.decision(),
              "governance decision "
                  + g.outcome()
                  + " ("
                  + g.action()
                  + ") on proposal "
                  + g.proposal()
                  + " of epoch "
                  + g.proposalEpoch()
                  + " is held but opens no epoch: "
                  + g.reason());
          continue;
        }
        DecisionRecord d = records.get(g.decision());
        List<String> absent =
            d == null ? List.of() : d.counted().stream().filter(id -> !held.contains(id)).toList();
        if (!absent.isEmpty()) {
          fail(
              VerificationCheck.EPOCH,
              g.decision(),
              AuditReasonCode.MISSING_EVENT,
              "the governance decision opening epoch "
                  + g.opened()
                  + " counts "
                  + absent.size()
                  + " attestation(s) the bundle does not hold, e.g. "
                  + absent.get(0));
          continue;
        }
        pass(
            VerificationCheck.EPOCH,
            g.decision(),
            "governance decision "
                + g.outcome()
                + " ("
                + g.action()
                + ") on proposal "
                + g.proposal()
                + " recounted over epoch "
                + g.proposalEpoch()
                + ": valid, opens epoch "
                + g.opened()
                + " at "
                + g.issued());
      }
    }

    /**
     * @param counted whether to read only the events that passed the re-check (else every event the
     *     log records as admitted)
     */
    EpochChain derive(boolean counted) {
      List<ProposalScope.Held> held = new ArrayList<>();
      for (Item it : items) {
        if (it.decoded == null || !it.decoded.event().mission().equals(genesis.mission())) {
          continue;
        }
        held.add(
            new ProposalScope.Held(
                it.decoded.event(),
                counted ? it.counts : it.outcome == OutcomeCode.ADMITTED,
                ProposalScope.makesByzantine(it.outcome, null)));
      }
      return ProposalScope.of(genesis, held).epochs(new GenesisParser());
    }

    /**
     * The epochs again, from the events that passed the re-check only: an event the log says
     * admitted but that fails the re-check must not have opened an epoch.
     */
    void rederive() {
      EpochChain again = derive(true);
      if (!again.epochs().equals(chain.epochs())) {
        fail(
            VerificationCheck.EPOCH,
            "epochs",
            AuditReasonCode.EPOCH_MISMATCH,
            "from the events the log records as admitted the bundle opens epochs 0.."
                + (chain.epochs().size() - 1)
                + ", but from those that pass the re-check 0.."
                + (again.epochs().size() - 1)
                + (again.epochs().size() == chain.epochs().size()
                    ? " with different rosters"
                    : ""));
      } else if (chain.epochs().size() > 1) {
        pass(
            VerificationCheck.EPOCH,
            "epochs",
            "epochs 0.."
                + (chain.epochs().size() - 1)
                + " derived from the bundle's governance decisions with the node's rule");
      }
    }

    /** Every trust anchor of every epoch, each once. */
    List<X509Certificate> allAnchors() {
      Map<String, X509Certificate> all = new LinkedHashMap<>();
      for (Roster r : chain.epochs()) {
        for (X509Certificate a : r.allAnchors()) {
          all.putIfAbsent(Ids.fingerprint(a), a);
        }
      }
      return List.copyOf(all.values());
    }

    /** The first epoch declaring an anchor (by SHA-256 hex). */
    long epochOf(String fingerprint) {
      for (Roster r : chain.epochs()) {
        for (X509Certificate a : r.allAnchors()) {
          if (Ids.fingerprint(a).equals(fingerprint)) {
            return r.epoch();
          }
        }
      }
      return 0;
    }

    // ---- CRLs -----------------------------------------------------------------------------

    void collectCrls() {
      for (Item it : items) {
        if (it.decoded != null
            && it.decoded.event().type() == EventType.CRL
            && it.outcome == OutcomeCode.ADMITTED) {
          try {
            crls.add(CrlContribution.parse(it.decoded.event()));
          } catch (AdmissionException e) {
            // the re-check reports it
          }
        }
      }
    }

    void crlFiles() {
      Set<String> delivered = new HashSet<>();
      for (X509CRL c : crls) {
        try {
          delivered.add(Ids.sha256Hex(c.getEncoded()));
        } catch (java.security.cert.CRLException e) {
          // unreachable for a parsed CRL
        }
      }
      for (Map.Entry<String, byte[]> f : bundle.crls().entrySet()) {
        if (delivered.contains(Ids.sha256Hex(f.getValue()))) {
          pass(
              VerificationCheck.CRL,
              f.getKey(),
              "delivered in an admitted crl contribution of the bundle");
        } else {
          fail(
              VerificationCheck.CRL,
              f.getKey(),
              AuditReasonCode.CRL_NOT_DELIVERED,
              f.getKey() + " is not the CRL of any admitted crl contribution in the bundle");
        }
      }
    }

    // ---- re-check -------------------------------------------------------------------------

    void recheck() {
      MissionFacts facts = new BundleFacts();
      for (Item it : items) {
        if (it.decoded == null) {
          it.lineage =
              new Lineage(
                  List.of(), null, "not checked: the input is not authentic", "not checked");
          continue;
        }
        Event e = it.decoded.event();
        String subject = it.eventId;
        if (!e.mission().equals(genesis.mission())) {
          fail(
              VerificationCheck.ADMISSION,
              subject,
              AuditReasonCode.MISSION_MISMATCH,
              "the event is of mission " + e.mission() + ", not " + genesis.mission());
          continue;
        }
        it.judgement = admission.judge(it.decoded, facts, now);
        it.lineage = lineage(it);
        Outcome judged = it.judgement.outcome();
        String code = it.judgement.reasonCode() == null ? null : it.judgement.reasonCode().code();
        if (it.outcome == OutcomeCode.ADMITTED || it.outcome == OutcomeCode.EVIDENCE) {
          if (ReasonCode.UNKNOWN_EPOCH.code().equals(code)) {
            fail(
                VerificationCheck.EPOCH,
                subject,
                code,
                it.file.path()
                    + " names roster epoch "
                    + e.epoch()
                    + ", but the bundle holds no adopted governance decision opening it (epochs"
                    + " 0.."
                    + (chain.epochs().size() - 1)
                    + " derived): its path, binding and role cannot be checked");
            continue;
          }
          if (judged != Outcome.ADMITTED) {
            fail(
                checkOf(code),
                subject,
                code == null ? "outcome-mismatch" : code,
                "the log records "
                    + outcome(it.outcome)
                    + " for "
                    + it.file.path()
                    + " but the re-check gives "
                    + judged.code()
                    + ": "
                    + it.judgement.reason());
            continue;
          }
        } else if (it.outcome == OutcomeCode.VOID) {
          if (judged != Outcome.VOID) {
            fail(
                VerificationCheck.ADMISSION,
                subject,
                AuditReasonCode.OUTCOME_MISMATCH,
                "the log records void for "
                    + it.file.path()
                    + " but the re-check gives "
                    + judged.code()
                    + (it.judgement.reason() == null ? "" : ": " + it.judgement.reason()));
            continue;
          }
        }
        // An unpinned anchor fails the report but the event still counts in the recount, so that
        // the report names the anchor rather than every consequence of leaving its events out.
        it.counts = it.outcome == OutcomeCode.ADMITTED;
        if (it.lineage.anchorSha256Hex() != null) {
          X509Certificate anchor = anchorOf(it.lineage.anchorSha256Hex());
          if (anchor != null && !pinned(anchor, VerificationCheck.ANCHOR, subject)) {
            continue;
          }
        }
        pass(
            VerificationCheck.ADMISSION,
            subject,
            e.type().wireName()
                + " by "
                + e.member()
                + ": re-check gives "
                + judged.code()
                + (code == null ? "" : " (" + code + ")")
                + ", the log "
                + (it.outcome == null ? "nothing" : outcome(it.outcome)));
      }
    }

    Lineage lineage(Item it) {
      Event e = it.decoded.event();
      Optional<Roster> epoch = chain.epoch(e.epoch());
      if (epoch.isEmpty()) {
        return new Lineage(
            List.of(), null, "not checked: the bundle opens no epoch " + e.epoch(), "not checked");
      }
      Optional<Member> m = epoch.get().member(e.member());
      if (m.isEmpty()) {
        return new Lineage(
            List.of(), null, "not checked: " + e.member() + " is not a member", "not checked");
      }
      X509Certificate signer = it.decoded.signedData().signerCertificate();
      List<X509Certificate> chain = new ArrayList<>(it.decoded.signedData().certificates());
      chain.remove(signer);
      try {
        ValidatedPath p =
            paths.validate(
                signer, chain, m.get().trustAnchors(), crls, e.issued(), PathOptions.quorate());
        return new Lineage(
            p.subjects(),
            Ids.fingerprint(p.trustAnchor()),
            "valid at " + e.issued(),
            "not revoked");
      } catch (PathValidationException ex) {
        if (ex.reasonCode() == ReasonCode.REVOKED) {
          Lineage unrevoked = lineageIgnoringCrls(signer, chain, m.get(), e.issued());
          return new Lineage(
              unrevoked.pathSubjects(),
              unrevoked.anchorSha256Hex(),
              unrevoked.validation(),
              "revoked: " + ex.getMessage());
        }
        return new Lineage(
            List.of(), null, ex.reasonCode().code() + ": " + ex.getMessage(), "not checked");
      } catch (IllegalArgumentException ex) {
        return new Lineage(List.of(), null, "path-invalid: " + ex.getMessage(), "not checked");
      }
    }

    Lineage lineageIgnoringCrls(
        X509Certificate signer, List<X509Certificate> chain, Member m, Instant at) {
      try {
        ValidatedPath p =
            paths.validate(signer, chain, m.trustAnchors(), List.of(), at, PathOptions.quorate());
        return new Lineage(
            p.subjects(),
            Ids.fingerprint(p.trustAnchor()),
            "valid at " + at + " but for revocation",
            "");
      } catch (PathValidationException | IllegalArgumentException ex) {
        return new Lineage(List.of(), null, ex.getMessage(), "");
      }
    }

    X509Certificate anchorOf(String fingerprint) {
      for (X509Certificate a : allAnchors()) {
        if (Ids.fingerprint(a).equals(fingerprint)) {
          return a;
        }
      }
      return null;
    }

    void endorsements() {
      Set<String> endorsed = new TreeSet<>();
      for (Item it : items) {
        if (it.counts && it.decoded.event().type() == EventType.GENESIS_ENDORSEMENT) {
          endorsed.add(it.decoded.event().member());
        }
      }
      List<String> missing = new ArrayList<>();
      for (Member m : genesis.members()) {
        if (!endorsed.contains(m.id())) {
          missing.add(m.id());
        }
      }
      if (missing.isEmpty()) {
        pass(
            VerificationCheck.GENESIS,
            genesis.genesisId(),
            "every founding member endorsed the genesis: " + endorsed);
      } else {
        fail(
            VerificationCheck.GENESIS,
            genesis.genesisId(),
            AuditReasonCode.MISSING_EVENT,
            "the bundle holds no admitted genesis endorsement of "
                + missing
                + ": the mission was not active");
      }
    }

    // ---- reconstruction -------------------------------------------------------------------

    VerificationReport reconstruct() {
      String proposalId = bundle.proposalId();
      Item proposal = null;
      for (Item it : items) {
        if (proposalId.equals(it.eventId)
            && it.decoded != null
            && it.decoded.event().type() == EventType.PROPOSAL) {
          proposal = it;
        }
      }
      List<Item> timeline = new ArrayList<>(items);
      timeline.sort((a, b) -> Long.compare(a.decidingIndex(), b.decidingIndex()));
      if (proposal == null) {
        fail(
            VerificationCheck.QUORUM_STATE,
            proposalId,
            AuditReasonCode.MISSING_EVENT,
            "the bundle holds no proposal " + proposalId);
        return new VerificationReport(
            checks, reconstruction(proposalId, null, null, null, timeline, null));
      }
      Event pe = proposal.decoded.event();
      String policyName = pe.body().path("policy").asText(null);
      String title = pe.body().path("title").asText(null);
      ProposalRecord pr;
      try {
        pr = CoordinationMapping.proposal(pe);
      } catch (CoordinationException e) {
        fail(
            VerificationCheck.QUORUM_STATE,
            proposalId,
            ReasonCode.MALFORMED_CONTENT,
            e.getMessage());
        return new VerificationReport(
            checks, reconstruction(proposalId, pe, title, null, timeline, null));
      }
      if (!proposal.counts) {
        fail(
            VerificationCheck.QUORUM_STATE,
            proposalId,
            AuditReasonCode.OUTCOME_MISMATCH,
            "the proposal is "
                + (proposal.outcome == null ? "not logged" : outcome(proposal.outcome))
                + ", not admitted: it counts for nobody");
      }
      Counting c = new Counting(pr);
      Instant latest = pe.issued();
      for (Item it : timeline) {
        if (it.decoded == null) {
          continue;
        }
        Event e = it.decoded.event();
        if (e.issued().isAfter(latest)) {
          latest = e.issued();
        }
        boolean bears = c.add(it);
        if (bears && proposal.counts) {
          it.stateAfter = c.state(latest);
        }
      }
      Instant at = head != null ? head.time() : latest;
      ProposalEvaluation fin = c.evaluate(at);
      policyFile(pe, fin.policy());
      QuorumState state = fin.state();
      if (state == null) {
        fail(
            VerificationCheck.QUORUM_STATE,
            proposalId,
            ProposalEvaluation.UNKNOWN_EPOCH.equals(fin.status())
                ? ReasonCode.UNKNOWN_EPOCH.code()
                : "invalid-policy",
            fin.reason());
      } else if (proposal.counts) {
        pass(
            VerificationCheck.QUORUM_STATE,
            proposalId,
            "recomputed at "
                + at
                + ": "
                + state.status().wire()
                + (state.isFinal() ? " (final)" : "")
                + " by rule "
                + state.rule()
                + ": "
                + state.explanation());
        decisions(c, fin);
      }
      return new VerificationReport(
          checks, reconstruction(proposalId, pe, title, fin, timeline, policyName));
    }

    void decisions(Counting c, ProposalEvaluation fin) {
      QuorumInputs in = fin.inputs();
      Set<String> held = new HashSet<>();
      items.forEach(i -> held.add(i.eventId));
      for (DecisionRecord d : in.decisions()) {
        List<String> absent = d.counted().stream().filter(id -> !held.contains(id)).toList();
        if (!absent.isEmpty()) {
          fail(
              VerificationCheck.DECISION,
              d.eventId(),
              AuditReasonCode.MISSING_EVENT,
              "the decision counts "
                  + absent.size()
                  + " attestation(s) the bundle does not hold, e.g. "
                  + absent.get(0));
        }
        DecisionVerdict v = DecisionValidator.validate(in, d);
        if (v.valid()) {
          pass(
              VerificationCheck.DECISION,
              d.eventId(),
              "decision "
                  + d.outcome()
                  + " recomputed: valid ("
                  + d.counted().size()
                  + " counted)");
        } else {
          fail(
              VerificationCheck.DECISION,
              d.eventId(),
              AuditReasonCode.DECISION_MISMATCH,
              "decision " + d.outcome() + " does not recompute: " + v.reason());
        }
      }
    }

    /**
     * Compares {@code policy.json} with the policy the evaluator resolved for the proposal in its
     * epoch (the genesis, a {@code declare-policy} decision of the bundle, or built in), made by
     * the same {@link AuditBundle#policyFile}.
     */
    void policyFile(Event proposal, PolicyResolution resolved) {
      JsonNode stated = bundle.policy();
      if (resolved == null) {
        fail(
            VerificationCheck.POLICY,
            AuditBundle.POLICY,
            ReasonCode.UNKNOWN_EPOCH.code(),
            "the proposal relies on epoch "
                + proposal.epoch()
                + ", which no governance decision of the bundle opens: the policy in force there"
                + " cannot be resolved");
        return;
      }
      JsonNode expected = AuditBundle.policyFile(resolved);
      List<String> diffs = new ArrayList<>();
      for (Iterator<String> it = stated.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!expected.has(f)) {
          diffs.add("an unknown field \"" + f + "\"");
        }
      }
      for (Iterator<String> it = expected.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        JsonNode want = expected.get(f);
        JsonNode got = stated.path(f);
        boolean same =
            want.isNumber()
                ? got.isIntegralNumber() && got.asLong() == want.asLong()
                : want.equals(got) || (want.isNull() && got.isMissingNode());
        if (!same) {
          diffs.add(f + " " + shown(got) + " where " + shown(want) + " is in force");
        }
      }
      String source =
          resolved.declaredBy() != null
              ? "as governance decision " + resolved.declaredBy() + " declared it"
              : resolved.declared() != null ? "as the genesis declares it" : "built in";
      if (diffs.isEmpty()) {
        pass(
            VerificationCheck.POLICY,
            AuditBundle.POLICY,
            "policy " + resolved.name() + " of epoch " + resolved.epoch() + ", " + source);
      } else {
        fail(
            VerificationCheck.POLICY,
            AuditBundle.POLICY,
            AuditReasonCode.POLICY_MISMATCH,
            "policy.json states "
                + String.join(", ", diffs)
                + " (policy "
                + resolved.name()
                + " of epoch "
                + resolved.epoch()
                + ", "
                + source
                + ")");
      }
    }

    private static String shown(JsonNode n) {
      String s = n.isMissingNode() ? "(absent)" : n.toString();
      return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    Reconstruction reconstruction(
        String proposalId,
        Event pe,
        String title,
        ProposalEvaluation fin,
        List<Item> timeline,
        String policyName) {
      List<ReconstructedEvent> events = new ArrayList<>();
      for (Item it : timeline) {
        Event e = it.decoded == null ? null : it.decoded.event();
        String role = null;
        if (e != null) {
          role = e.type() == EventType.ATTESTATION ? e.attestedRole() : e.type().namedRole();
        }
        String code =
            it.judgement == null || it.judgement.reasonCode() == null
                ? null
                : it.judgement.reasonCode().code();
        events.add(
            new ReconstructedEvent(
                it.eventId,
                it.inputId,
                it.type,
                e == null ? null : e.member(),
                role,
                e == null ? null : e.issued(),
                it.outcome == null ? "unlogged" : outcome(it.outcome),
                code,
                it.records.stream().map(LogEntry::logIndex).toList(),
                it.stateAfter,
                it.lineage == null
                    ? new Lineage(List.of(), null, "not checked", "not checked")
                    : it.lineage));
      }
      QuorumState state = fin == null ? null : fin.state();
      PolicyResolution pol = fin == null ? null : fin.policy();
      return new Reconstruction(
          genesis.mission(),
          genesis.genesisId(),
          proposalId,
          title,
          policyName,
          pe == null ? 0 : pe.epoch(),
          pol == null ? null : pol.policy(),
          events,
          state,
          state == null ? List.of() : state.dissents(),
          state == null ? null : state.decision(),
          head == null ? null : head.rootHex(),
          head == null ? -1 : head.size());
    }

    /** The quorum inputs gathered in log order ({@link ProposalScope.Tally}). */
    final class Counting {
      final ProposalScope.Tally tally;

      Counting(ProposalRecord proposal) {
        this.tally = new ProposalScope.Tally(proposal);
      }

      /** Adds an event; answers whether it bears on the proposal. */
      boolean add(Item it) {
        try {
          return tally.add(held(it));
        } catch (CoordinationException ex) {
          fail(
              VerificationCheck.QUORUM_STATE,
              it.eventId,
              ReasonCode.MALFORMED_CONTENT,
              ex.getMessage());
          return false;
        }
      }

      ProposalEvaluation evaluate(Instant at) {
        return tally.evaluate(genesis, chain, at);
      }

      /**
       * The state at {@code at}: {@link QuorumEvaluator} over the roster and policy {@link
       * ProposalEvaluation} resolves (once), without its decision advice; null without a valid
       * policy.
       */
      QuorumState state(Instant at) {
        if (resolved == null) {
          resolved = evaluate(at);
        }
        if (resolved.inputs() == null) {
          return null;
        }
        return QuorumEvaluator.evaluate(
            tally.inputs(resolved.policy().policy(), resolved.roster(), at));
      }

      private ProposalEvaluation resolved;
    }

    /**
     * An item as the proposal scope sees it: counts when re-checked, evidence by its log record.
     */
    ProposalScope.Held held(Item it) {
      return new ProposalScope.Held(
          it.decoded.event(), it.counts, ProposalScope.makesByzantine(it.outcome, null));
    }

    /**
     * What admission needs to know, answered from the bundle: the genesis, the epochs derived from
     * the bundle's governance decisions (and when each closed), the CRLs of the admitted crl
     * events; chain, idempotency and references are not recomputable from a bundle and pass (the
     * log record and its proof stand for them).
     */
    final class BundleFacts implements MissionFacts {
      @Override
      public boolean missionKnown() {
        return true;
      }

      @Override
      public Optional<Genesis> genesis() {
        return Optional.of(genesis);
      }

      @Override
      public Optional<ReferencedEvent> referenced(String mission, String eventId) {
        return Optional.of(new ReferencedEvent(null, null));
      }

      @Override
      public Optional<String> genesisId() {
        return Optional.of(genesis.genesisId());
      }

      @Override
      public boolean missionPending() {
        return false;
      }

      @Override
      public Optional<Roster> roster(long epoch) {
        return chain.epoch(epoch);
      }

      @Override
      public Optional<Roster.Opening> epochClosedBy(long epoch) {
        return chain.closedBy(epoch);
      }

      @Override
      public Collection<X509CRL> crls() {
        return crls;
      }

      @Override
      public boolean authenticEventHeld(String eventId) {
        return false;
      }

      @Override
      public boolean chainHas(String signer, long seq, String eventId) {
        return true;
      }

      @Override
      public boolean gapDeclared(String signer, long seq) {
        return true;
      }

      @Override
      public Optional<String> chainConflict(String signer, long seq, String eventId) {
        return Optional.empty();
      }
    }
  }

  private static VerificationCheck checkOf(String reasonCode) {
    if (reasonCode == null) {
      return VerificationCheck.ADMISSION;
    }
    ReasonCode code;
    try {
      code = ReasonCode.fromCode(reasonCode);
    } catch (IllegalArgumentException e) {
      return VerificationCheck.ADMISSION;
    }
    return switch (code) {
      case PATH_INVALID, EXPIRED, NOT_YET_VALID, REVOKED -> VerificationCheck.PATH;
      case ANCHOR_NOT_MEMBER, ROLE_NOT_GRANTED -> VerificationCheck.BINDING;
      default -> VerificationCheck.ADMISSION;
    };
  }

  private static String indexes(Item it) {
    return it.records.stream().map(r -> String.valueOf(r.logIndex())).toList().toString();
  }

  /**
   * @param code a log outcome code
   * @return its name in a reconstruction: code 6 is {@code void}
   */
  static String outcome(OutcomeCode code) {
    return code.recorded();
  }

  private static String subject(X509Certificate c) {
    return c.getSubjectX500Principal().getName(javax.security.auth.x500.X500Principal.RFC2253);
  }
}
