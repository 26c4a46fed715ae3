package org.quorate.ejb.audit;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceProperty;
import java.security.cert.CRLException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.quorate.core.admission.CrlContribution;
import org.quorate.core.admission.InputRecord;
import org.quorate.core.admission.LoadedMission;
import org.quorate.core.admission.Outcome;
import org.quorate.core.audit.AuditBundle;
import org.quorate.core.audit.AuditCheck;
import org.quorate.core.audit.BundleVerifier;
import org.quorate.core.audit.ParallelMap;
import org.quorate.core.audit.VerificationReport;
import org.quorate.core.audit.VerifyOptions;
import org.quorate.core.cms.SignedDataVerifier;
import org.quorate.core.coordination.EpochChain;
import org.quorate.core.coordination.ProposalScope;
import org.quorate.core.event.Event;
import org.quorate.core.event.EventParser;
import org.quorate.core.event.EventType;
import org.quorate.core.log.LogRangeException;
import org.quorate.core.log.OutcomeCode;
import org.quorate.core.mission.Genesis;
import org.quorate.core.mission.Member;
import org.quorate.core.node.NodeCredential;
import org.quorate.core.reason.AdmissionException;
import org.quorate.core.reason.ReasonCode;
import org.quorate.ejb.access.ClearanceInsufficientException;
import org.quorate.ejb.admission.AdmissionEngine;
import org.quorate.ejb.log.LogViews;
import org.quorate.ejb.log.NoNodeCredentialException;
import org.quorate.ejb.log.NodeLogService;
import org.quorate.ejb.log.UnknownLogException;
import org.quorate.ejb.node.NodeCredentialService;
import org.quorate.ejb.store.InLists;
import org.quorate.ejb.store.InputBytes;
import org.quorate.ejb.store.MissionEntity;
import org.quorate.ejb.store.QuoratePersistence;

/**
 * Reconstruction and audit of one proposal (SPEC §5 "Reconstruction", "Audit bundle"; §7 {@code
 * …/proposals/{id}/audit} and {@code …/bundle}).
 *
 * <p>{@link #bundle} gathers, from what the node keeps, everything an auditor needs to re-verify
 * the proposal offline: the exact genesis bytes; the exact DER of the genesis endorsements, the
 * CRLs delivered as {@code crl} contributions, the proposal and every event on it (attestations,
 * quorum declarations, decisions, and the retractions and disputes of those) and the mission's
 * chain-fork evidence (its members are byzantine for every proposal); the governance decisions in
 * force at the proposal's roster epoch k (every adopted or ratified decision that opened epochs
 * 1..k, as the Ledger's {@link EpochChain} derives them) with their proposals and every event on
 * those (attestations, declarations, decisions, retractions, disputes), so that the verifier
 * recounts them and derives the same epochs (SPEC §3 "Governance", §5); all in log order; each
 * input's node-log records with an inclusion proof against a freshly signed tree head; the trust
 * anchors of every member of every epoch involved (0..k, and k+1 when the proposal's own decision
 * opened it); the node certificate. An input is taken when its node-log records (not its database
 * row) say it was authentic ({@code admitted}, {@code evidence}, {@code void}), so a row altered
 * behind the application cannot hide it.
 *
 * <p>{@link #audit} verifies that bundle with the core {@link BundleVerifier} (the same code as
 * {@code quorate verify}) and adds the database checks of {@link DatabaseChecks}: the stored
 * projection compared, field by field, with the reconstruction from the signed bytes.
 */
@Stateless
public class AuditService {
  private static final Logger LOG = Logger.getLogger(AuditService.class.getName());
  private static final HexFormat HEX = HexFormat.of();

  /**
   * One verifier for every audit (thread-safe): each one made builds a Bouncy Castle provider,
   * which costs more than the verification of an input.
   */
  private static final SignedDataVerifier VERIFIER = new SignedDataVerifier();

  /** One bundle verifier for every audit (thread-safe; it builds three providers when made). */
  private static final BundleVerifier BUNDLE_VERIFIER =
      new BundleVerifier(new VerifyOptions(Set.of(), Clock.systemUTC()));

  /** Event types an audit bundle can hold (SPEC §5 "events/*.p7m"). */
  private static final List<String> TYPES =
      List.of(
          EventType.GENESIS_ENDORSEMENT.wireName(),
          EventType.CRL.wireName(),
          EventType.PROPOSAL.wireName(),
          EventType.ATTESTATION.wireName(),
          EventType.QUORUM_DECLARATION.wireName(),
          EventType.DECISION.wireName(),
          EventType.RETRACTION.wireName(),
          EventType.DISPUTE.wireName());

  @PersistenceContext(
      unitName = QuoratePersistence.NAME,
      properties = {
        @PersistenceProperty(name = QuoratePersistence.SKIP_MIXED_SYNC_CHECK, value = "false"),
        @PersistenceProperty(name = QuoratePersistence.ALLOW_JOINED_UNSYNC, value = "false")
      })
  private EntityManager em;

  @EJB private NodeLogService logs;
  @EJB private NodeCredentialService credentials;
  @Inject private AdmissionEngine engine;
  @EJB private org.quorate.ejb.access.RedactionService redaction;

  /**
   * Runs the signature checks of a bundle's events besides the request's thread ({@link
   * ParallelMap}); the container's default managed executor.
   */
  @Resource private ManagedExecutorService executor;

  /**
   * The audit bundle of a proposal (SPEC §5). Signs a tree head when the log grew since the last.
   *
   * @param mission mission name
   * @param proposal the proposal's event id
   * @return the bundle (write it with {@link AuditBundle#writeZip})
   * @throws UnknownProposalException when the mission is unknown or holds no such authentic
   *     proposal
   * @throws NoNodeCredentialException when the mission has no node credential (no tree head can be
   *     signed; 409 {@code no-node-credential})
   * @throws ClearanceInsufficientException when the caller's clearance does not admit every event
   *     in the bundle (SPEC §6; 403 {@code clearance-insufficient})
   */
  public AuditBundle bundle(String mission, String proposal)
      throws UnknownProposalException, NoNodeCredentialException, ClearanceInsufficientException {
    Gathered g = gather(mission, proposal);
    requireCleared(mission, g);
    return g.bundle();
  }

  /** The audit and the bundle hold the signed bytes of every event: all or nothing (SPEC §6). */
  private void requireCleared(String mission, Gathered g) throws ClearanceInsufficientException {
    List<String> ids = new ArrayList<>();
    for (GatheredEvent e : g.events()) {
      if (e.record().eventId() != null) {
        ids.add(e.record().eventId());
      }
    }
    redaction.requireAdmitsAll(mission, ids);
  }

  /**
   * Audits a proposal: the bundle's verification report (every core check and the reconstruction)
   * plus the database checks (check {@code database}: each stored field that differs from the
   * signed content or the log is a failed check naming the table, row and field).
   *
   * @param mission mission name
   * @param proposal the proposal's event id
   * @return the reconstruction, every check, whether all passed, the tree head and the proofs
   * @throws UnknownProposalException when the mission is unknown or holds no such proposal
   * @throws NoNodeCredentialException when the mission has no node credential
   * @throws ClearanceInsufficientException when the caller's clearance does not admit every event
   *     of the reconstruction (it is rebuilt from the bundle's signed bytes; SPEC §6)
   */
  public AuditReport audit(String mission, String proposal)
      throws UnknownProposalException, NoNodeCredentialException, ClearanceInsufficientException {
    Gathered g = gather(mission, proposal);
    requireCleared(mission, g);
    VerificationReport report = BUNDLE_VERIFIER.verify(g.bundle(), executor);
    List<AuditCheck> checks = new ArrayList<>(report.checks());
    checks.addAll(g.unreadable());
    checks.addAll(new DatabaseChecks(em).compare(proposal, g.events(), report.reconstruction()));
    boolean passed = checks.stream().allMatch(AuditCheck::passed);
    return new AuditReport(
        mission, proposal, passed, report.reconstruction(), checks, g.sth(), g.proofs());
  }

  /** Everything gathered for one proposal. */
  private record Gathered(
      AuditBundle bundle,
      List<GatheredEvent> events,
      List<AuditCheck> unreadable,
      LogViews.SthView sth,
      List<LogViews.InclusionView> proofs) {}

  private Gathered gather(String mission, String proposal)
      throws UnknownProposalException, NoNodeCredentialException {
    // The gathering reads one to a few rows per event (its records, its bytes, its log entries,
    // its label claim) and changes nothing it reads; the only write, a tree head signed when the
    // log grew, is never queried back here. With the default flush mode every one of those queries
    // first compared every entity this transaction had loaded so far (EclipseLink's deferred change
    // detection): quadratic in the events, 13-30 s for a decision of 1,000 attestations. Queries of
    // this transaction therefore no longer flush; the commit still writes.
    em.setFlushMode(jakarta.persistence.FlushModeType.COMMIT);
    MissionEntity m = mission == null ? null : em.find(MissionEntity.class, mission);
    if (m == null) {
      throw new UnknownProposalException(
          UnknownProposalException.UNKNOWN_MISSION, "No mission " + mission + ".");
    }
    Genesis genesis =
        engine
            .ledger()
            .genesisOf(
                new LoadedMission(
                    m.name(),
                    m.genesisId(),
                    m.genesis(),
                    MissionEntity.PENDING.equals(m.status())));
    NodeCredential node =
        credentials
            .credential(mission)
            .orElseThrow(
                () ->
                    new NoNodeCredentialException(
                        "No node credential is installed for mission "
                            + mission
                            + ": no tree head can be signed for the audit bundle."));

    List<AuditCheck> unreadable = new ArrayList<>();
    Inputs inputs = new Inputs(mission, unreadable);
    inputs.fixed();
    inputs.bearingOn(Set.of(proposal));
    List<GatheredEvent> authentic = inputs.authentic();
    Event proposed =
        authentic.stream()
            .map(GatheredEvent::event)
            .filter(e -> e.type() == EventType.PROPOSAL && e.eventId().equals(proposal))
            .findFirst()
            .orElseThrow(
                () ->
                    new UnknownProposalException(
                        UnknownProposalException.UNKNOWN_PROPOSAL,
                        "Mission " + mission + " holds no proposal " + proposal + "."));
    EpochChain epochs =
        engine.ledger().epochsOf(mission).orElseGet(() -> EpochChain.genesisOnly(genesis));
    // The governance decisions in force at epoch k, the latest epoch the proposal or any event on
    // it names (a node decision or a late attestation may name an epoch opened after the
    // proposal's): those that opened 1..k.
    long named = proposed.epoch();
    for (GatheredEvent e : select(authentic, genesis.genesisId(), Set.of(proposal))) {
      named = Math.max(named, e.event().epoch());
    }
    Set<String> proposals = new LinkedHashSet<>();
    proposals.add(proposal);
    for (EpochChain.GovernanceDecision d : epochs.decisions()) {
      if (d.applied() && d.opened() <= named) {
        proposals.add(d.proposal());
      }
    }
    inputs.bearingOn(proposals);
    List<GatheredEvent> chosen = select(inputs.authentic(), genesis.genesisId(), proposals);
    chosen.sort(
        Comparator.comparingLong(GatheredEvent::firstIndex)
            .thenComparing(e -> e.event().eventId()));

    LogViews.SthView sth;
    try {
      sth = logs.latest(mission);
    } catch (UnknownLogException e) {
      throw new UnknownProposalException(UnknownProposalException.UNKNOWN_MISSION, e.getMessage());
    }

    // Every record's inclusion proof from one read of the log (its nodes and entries in bounded
    // in lists), in the order the records are added.
    List<LogViews.EntryView> proven = new ArrayList<>();
    for (GatheredEvent e : chosen) {
      for (LogViews.EntryView r : e.records()) {
        if (r.index() < sth.size()) {
          proven.add(r);
        }
      }
    }
    List<LogViews.InclusionView> proofs;
    try {
      proofs = logs.inclusions(mission, proven, sth.size());
    } catch (UnknownLogException | LogRangeException ex) {
      throw new IllegalStateException("A log record of " + mission + " has no inclusion proof", ex);
    }
    AuditBundle.Builder b = AuditBundle.builder(m.genesis(), proposal).epochs(epochs);
    int next = 0;
    for (GatheredEvent e : chosen) {
      b.event(e.der());
      for (LogViews.EntryView r : e.records()) {
        if (r.index() >= sth.size()) {
          continue;
        }
        LogViews.InclusionView proof = proofs.get(next++);
        b.logRecord(r.index(), HEX.parseHex(r.entry()));
        b.inclusionProof(r.index(), proof.auditPath().stream().map(HEX::parseHex).toList());
      }
      if (e.event().type() == EventType.CRL) {
        try {
          b.crl(CrlContribution.parse(e.event()).getEncoded());
        } catch (AdmissionException | CRLException ex) {
          unreadable.add(
              new AuditCheck(
                  DatabaseChecks.CHECK,
                  "Q_INPUT " + e.record().inputId(),
                  false,
                  "unreadable-input",
                  "the crl contribution "
                      + e.event().eventId()
                      + " holds no readable CRL: "
                      + ex.getMessage()));
        }
      }
    }
    // Anchors of every member of every epoch involved: 0..k, and the epoch a decision in the
    // bundle opened (the proposal may itself be a governance proposal).
    Set<String> inBundle = new LinkedHashSet<>();
    chosen.forEach(e -> inBundle.add(e.event().eventId()));
    long last = Math.min(named, epochs.epochs().size() - 1L);
    for (EpochChain.GovernanceDecision d : epochs.decisions()) {
      if (d.applied() && inBundle.contains(d.decision())) {
        last = Math.max(last, d.opened());
      }
    }
    try {
      Set<String> anchored = new LinkedHashSet<>();
      for (long k = 0; k <= last; k++) {
        for (Member member : epochs.epoch(k).orElseThrow().members()) {
          for (X509Certificate anchor : member.trustAnchors()) {
            byte[] der = anchor.getEncoded();
            if (anchored.add(member.id() + ":" + HEX.formatHex(der))) {
              b.anchor(member.id(), der);
            }
          }
        }
      }
      b.nodeCertificate(node.certificate().getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(
          "A certificate of mission " + mission + " cannot be encoded", e);
    }
    b.treeHead(Base64.getDecoder().decode(sth.sth()));
    return new Gathered(b.build(), List.copyOf(chosen), unreadable, sth, proofs);
  }

  /**
   * The inputs an audit bundle may take, read as the proposal needs them, not the mission (SPEC §5;
   * issue 12: one decision of a mission of 1,000,000 events reconstructed in under 100 ms, heap
   * flat). {@link #fixed} reads what every bundle takes (the genesis endorsements, the CRLs and the
   * chain-fork evidence: few per mission) and {@link #bearingOn} the proposals and, through the
   * indexed {@code REFERS_TO} column ({@link ProposalScope#reference}), the events referring to
   * them and, step by step, to the events so found: a superset of what bears on them, which {@link
   * ProposalScope#bearingOn} then narrows exactly as over the whole mission. Each row read passes
   * the same filter, in the same order, as a scan of the whole mission would: the bundle is the
   * same.
   *
   * <p>A mission holding a row stored before {@code REFERS_TO} existed (null there) is read whole,
   * as before the column.
   */
  private final class Inputs {
    private final String mission;
    private final List<AuditCheck> unreadable;
    private final boolean whole;

    /** Event ids whose rows were read. */
    private final Set<String> read = new HashSet<>();

    /** Event ids whose referring rows were read. */
    private final Set<String> followed = new HashSet<>();

    /** The authentic inputs taken, by the id of the row taken (arrival order). */
    private final TreeMap<Long, GatheredEvent> taken = new TreeMap<>();

    Inputs(String mission, List<AuditCheck> unreadable) {
      this.mission = mission;
      this.unreadable = unreadable;
      this.whole =
          !em.createQuery(
                  "select r.id from InputRecord r where r.refersTo is null and r.mission = :m",
                  Long.class)
              .setParameter("m", mission)
              .setMaxResults(1)
              .getResultList()
              .isEmpty();
      if (whole) {
        LOG.log(
            Level.INFO,
            "Audit: mission {0} holds inputs stored before REFERS_TO; its audits read it whole",
            mission);
        take(
            em.createQuery(
                    "select r from InputRecord r where r.mission = :m and r.eventId is not null"
                        + " and (r.type in :t or r.outcome = :e or r.reasonCode = :f)"
                        + " order by r.id",
                    InputRecord.class)
                .setParameter("m", mission)
                .setParameter("t", TYPES)
                .setParameter("e", Outcome.EVIDENCE.code())
                .setParameter("f", ReasonCode.CHAIN_FORK.code())
                .getResultList());
      }
    }

    /**
     * Reads what every bundle may take: the genesis endorsements, the CRLs and the inputs recorded
     * as evidence (a chain fork's, SPEC §2 step 9; an evidence outcome is never changed, so every
     * input whose log records evidence is among them).
     */
    void fixed() {
      if (whole) {
        return;
      }
      Set<String> ids = new LinkedHashSet<>();
      for (EventType t : List.of(EventType.GENESIS_ENDORSEMENT, EventType.CRL)) {
        ids.addAll(
            em.createQuery(
                    "select r.eventId from InputRecord r where r.mission = :m and r.type = :t"
                        + " and r.eventId is not null",
                    String.class)
                .setParameter("m", mission)
                .setParameter("t", t.wireName())
                .getResultList());
      }
      ids.addAll(
          em.createQuery(
                  "select r.eventId from InputRecord r where r.outcome = :e and r.mission = :m"
                      + " and r.eventId is not null",
                  String.class)
              .setParameter("e", Outcome.EVIDENCE.code())
              .setParameter("m", mission)
              .getResultList());
      readEvents(ids);
    }

    /**
     * Reads the proposals and every input referring to them, transitively.
     *
     * @param proposals proposal event ids
     */
    void bearingOn(Set<String> proposals) {
      if (whole) {
        return;
      }
      readEvents(proposals);
      Set<String> frontier = new LinkedHashSet<>(proposals);
      while (!frontier.isEmpty()) {
        frontier.removeAll(followed);
        followed.addAll(frontier);
        Set<String> next = new LinkedHashSet<>();
        for (List<String> chunk : InLists.chunks(frontier)) {
          List<InputRecord> rows =
              em.createQuery(
                      "select r from InputRecord r where r.refersTo in :ids and r.mission = :m"
                          + " and r.eventId is not null",
                      InputRecord.class)
                  .setParameter("ids", chunk)
                  .setParameter("m", mission)
                  .getResultList();
          Set<String> found = new LinkedHashSet<>();
          for (InputRecord r : rows) {
            if (!read.contains(r.eventId())) {
              found.add(r.eventId());
            }
          }
          // every row of an event holds the same content, hence the same reference: all its
          // copies are among these rows
          List<InputRecord> fresh = new ArrayList<>();
          for (InputRecord r : rows) {
            if (found.contains(r.eventId())) {
              fresh.add(r);
            }
          }
          read.addAll(found);
          take(fresh);
          next.addAll(found);
        }
        frontier = next;
      }
    }

    /** Reads every row of these events (all copies, whatever their outcome). */
    private void readEvents(Set<String> eventIds) {
      Set<String> wanted = new LinkedHashSet<>(eventIds);
      wanted.removeAll(read);
      for (List<String> chunk : InLists.chunks(wanted)) {
        take(
            em.createQuery(
                    "select r from InputRecord r where r.eventId in :ids and r.mission = :m",
                    InputRecord.class)
                .setParameter("ids", chunk)
                .setParameter("m", mission)
                .getResultList());
      }
      read.addAll(wanted);
    }

    /**
     * Takes, of these rows (every row of each of their events), those a scan of the mission would:
     * rows of the bundle's types or evidence, not a {@code duplicate}, whose node-log records say
     * authentic, the first such row of each event (by arrival), its bytes parsed and verified. An
     * authentic input whose stored bytes do not parse is a failed check (its bytes were altered or
     * lost).
     */
    private void take(List<InputRecord> rows) {
      List<InputRecord> sorted = new ArrayList<>(rows);
      sorted.sort(Comparator.comparing(InputRecord::id));
      List<InputRecord> candidates = new ArrayList<>();
      for (InputRecord r : sorted) {
        if (r.eventId() == null
            || !(TYPES.contains(r.type())
                || r.outcome() == Outcome.EVIDENCE
                || ReasonCode.CHAIN_FORK.code().equals(r.reasonCode()))) {
          continue;
        }
        if (r.outcome() == Outcome.DUPLICATE) {
          // A copy of an event another input holds (SPEC §2.8), e.g. voided before an unrevoked
          // copy arrived: the copy holding the event's outcome is its evidence.
          continue;
        }
        candidates.add(r);
      }
      // Each candidate's node-log records (what NodeLogService.entries says of its event,
      // restricted to this input), then the bytes of those taken: a few queries per chunk of rows,
      // not some per row.
      Map<String, List<LogViews.EntryView>> logged =
          logs.entriesOfInputs(
              mission,
              candidates.stream()
                  .filter(r -> EventParser.ID.matcher(r.eventId()).matches())
                  .map(InputRecord::inputId)
                  .toList());
      Set<String> seen = new HashSet<>();
      List<InputRecord> chosen = new ArrayList<>();
      List<List<LogViews.EntryView>> chosenRecords = new ArrayList<>();
      for (InputRecord r : candidates) {
        List<LogViews.EntryView> records =
            EventParser.ID.matcher(r.eventId()).matches()
                ? logged.getOrDefault(r.inputId(), List.of())
                : List.of();
        if (records.stream().noneMatch(x -> OutcomeCode.fromCode(x.outcomeCode()).authentic())) {
          continue;
        }
        if (!seen.add(r.eventId())) {
          continue;
        }
        chosen.add(r);
        chosenRecords.add(List.copyOf(records));
      }
      Map<String, byte[]> stored =
          InputBytes.read(em, chosen.stream().map(InputRecord::inputId).toList());
      // Signature and content of each, independent of the others: on the managed executor's
      // threads too, the results used in the rows' order.
      List<Readout> read =
          ParallelMap.map(
              chosen, r -> Readout.of(stored.get(r.inputId())), executor, ParallelMap.processors());
      for (int i = 0; i < chosen.size(); i++) {
        InputRecord r = chosen.get(i);
        Readout o = read.get(i);
        if (o.failure() == null) {
          taken.put(r.id(), new GatheredEvent(r, o.der(), o.event(), chosenRecords.get(i)));
          continue;
        }
        Exception ex = o.failure();
        LOG.log(Level.WARNING, "Audit: input {0} unreadable: {1}", new Object[] {r.inputId(), ex});
        unreadable.add(
            new AuditCheck(
                DatabaseChecks.CHECK,
                "Q_INPUT " + r.inputId(),
                false,
                "unreadable-input",
                "the log records input "
                    + r.inputId()
                    + " (event "
                    + r.eventId()
                    + ") as authentic but its stored bytes do not verify: "
                    + ex.getMessage()));
      }
    }

    /**
     * @return the authentic inputs read so far, in arrival order
     */
    List<GatheredEvent> authentic() {
      return new ArrayList<>(taken.values());
    }
  }

  /** An input's stored bytes verified and parsed, or why not. */
  private record Readout(byte[] der, Event event, Exception failure) {
    static Readout of(byte[] der) {
      try {
        if (der == null) {
          throw new IllegalStateException("no stored bytes");
        }
        return new Readout(der, new EventParser().parse(VERIFIER.verify(der).content()), null);
      } catch (AdmissionException | RuntimeException ex) {
        return new Readout(der, null, ex);
      }
    }
  }

  /**
   * The genesis endorsements of this genesis, the CRLs, the proposals, the events naming them and
   * the retractions and disputes of any of those (transitively).
   *
   * @param proposals the audited proposal and the governance proposals whose decisions opened the
   *     epochs up to its own
   */
  private static List<GatheredEvent> select(
      List<GatheredEvent> all, String genesisId, Set<String> proposals) {
    List<GatheredEvent> out = new ArrayList<>();
    List<GatheredEvent> onProposal = new ArrayList<>();
    for (GatheredEvent g : all) {
      Event e = g.event();
      if (g.records().stream()
          .anyMatch(
              r -> ProposalScope.makesByzantine(OutcomeCode.fromCode(r.outcomeCode()), null))) {
        // chain-fork evidence: its member is byzantine for every proposal (SPEC §2 step 9, §3)
        out.add(g);
        continue;
      }
      switch (e.type()) {
        case GENESIS_ENDORSEMENT -> {
          if (genesisId.equals(e.body().path("genesis").asText(null))) {
            out.add(g);
          }
        }
        case CRL -> out.add(g);
        default -> onProposal.add(g);
      }
    }
    out.addAll(ProposalScope.bearingOn(onProposal, GatheredEvent::event, proposals));
    return out;
  }
}
