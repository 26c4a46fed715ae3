package org.quorate.core.audit;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.quorate.core.admission.Admission;
import org.quorate.core.admission.CrlContribution;
import org.quorate.core.admission.DecodedContribution;
import org.quorate.core.admission.HeldLimits;
import org.quorate.core.admission.InMemoryLedgerStore;
import org.quorate.core.admission.InputRecord;
import org.quorate.core.admission.Ledger;
import org.quorate.core.admission.LoadedMission;
import org.quorate.core.admission.Outcome;
import org.quorate.core.cms.Ids;
import org.quorate.core.cms.SignedDataVerifier;
import org.quorate.core.coordination.CoordinationException;
import org.quorate.core.coordination.CoordinationMapping;
import org.quorate.core.coordination.DecisionContent;
import org.quorate.core.coordination.ProposalEvaluation;
import org.quorate.core.coordination.ProposalScope;
import org.quorate.core.event.Event;
import org.quorate.core.event.EventParser;
import org.quorate.core.event.EventType;
import org.quorate.core.log.InMemoryNodeStore;
import org.quorate.core.log.LogEntry;
import org.quorate.core.log.LogRangeException;
import org.quorate.core.log.MerkleLog;
import org.quorate.core.log.NodeLogs;
import org.quorate.core.log.SignedTreeHead;
import org.quorate.core.mission.Genesis;
import org.quorate.core.mission.GenesisParser;
import org.quorate.core.pki.CertificationPathValidator;
import org.quorate.core.quorum.AttestationRecord;
import org.quorate.core.quorum.DecisionAdvice;
import org.quorate.core.quorum.DecisionRecord;
import org.quorate.core.quorum.QuorumDeclarationRecord;
import org.quorate.core.quorum.RetractionRecord;
import org.quorate.core.reason.AdmissionException;
import org.quorate.core.testing.TestPki;
import org.quorate.core.testing.TestPki.Credential;

/**
 * A coalition with its own generated PKI whose signed events go through the real {@link Ledger} (in
 * memory) with a node log ({@link MerkleLog}) fed by the ledger's outcome listener, as the
 * container does: the source of realistic audit bundles for tests and the benchmark.
 */
public final class AuditScenario {
  public static final String MISSION = "BALTIC-SHIELD";
  public static final String VOTING = "approving-authority";
  private static final JsonMapper JSON = new JsonMapper();

  /** Events are issued from here on, a second or a minute apart. */
  public final Instant t0 =
      Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(3, ChronoUnit.HOURS);

  public final List<String> members;
  public final Map<String, Credential> cas = new LinkedHashMap<>();
  public final Map<String, Credential> officials = new LinkedHashMap<>();
  public final Credential node;
  public final byte[] genesis;
  public final Genesis parsed;
  public final InMemoryLedgerStore store = new InMemoryLedgerStore();
  public final Ledger ledger;
  public final MerkleLog log = new MerkleLog(new InMemoryNodeStore());

  /** Every log record in log order: index to (input id, entry bytes). */
  public final List<Map.Entry<String, byte[]>> records = new ArrayList<>();

  /** Event ids of the scenario by name (proposal, decision, pol, deu, ltu-abstain, ltu, lva). */
  public final Map<String, String> named = new LinkedHashMap<>();

  private final Admission admission =
      new Admission(
          new SignedDataVerifier(), new CertificationPathValidator(), Duration.ofMinutes(5));

  /** The roster epoch the next events name (SPEC §1); governance scenarios move it on. */
  public long epoch = 0;

  private final Map<Credential, long[]> seq = new HashMap<>();
  private final Map<Credential, String> prev = new HashMap<>();

  /**
   * @param members member ids (the first hosts the node)
   * @param roles roles granted to each member's official ({@value #VOTING} first)
   * @param policy the genesis {@code policies} entry named {@code operational}
   */
  public AuditScenario(List<String> members, List<String> roles, String policy) {
    this.members = List.copyOf(members);
    try {
      ObjectNode g = JSON.createObjectNode();
      g.put("v", 1).put("type", "genesis").put("mission", MISSION).put("name", "Baltic Shield");
      ArrayNode ms = g.putArray("members");
      Credential nodeCred = null;
      for (String id : members) {
        Credential ca = TestPki.rootCa("CN=" + id + " Root CA,O=" + id + ",C=XX");
        cas.put(id, ca);
        String subject = "CN=" + id + " Authority,O=" + id + ",C=XX";
        Credential official =
            TestPki.signer(
                ca, subject, t0.minus(1, ChronoUnit.DAYS), t0.plus(365, ChronoUnit.DAYS));
        officials.put(id, official);
        ObjectNode m = ms.addObject();
        m.put("id", id).put("name", id).put("weight", 1);
        m.putArray("trustAnchors").add(ca.pem());
        ArrayNode grants = m.putArray("grants");
        ObjectNode grant = grants.addObject();
        grant.put("subject", subject);
        ArrayNode rs = grant.putArray("roles");
        roles.forEach(rs::add);
        if (nodeCred == null) {
          nodeCred =
              TestPki.signer(
                  ca,
                  "CN=Quorate Node,O=" + id + ",C=XX",
                  t0.minus(1, ChronoUnit.DAYS),
                  t0.plus(365, ChronoUnit.DAYS));
          ObjectNode ng = grants.addObject();
          ng.put("spki", Ids.spkiHash(nodeCred.certificate()));
          ng.putArray("roles").add("node");
        }
      }
      g.putArray("policies").add(JSON.readTree(policy));
      node = nodeCred;
      genesis = JSON.writeValueAsBytes(g);
      parsed = new GenesisParser().parse(genesis);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    store.load(new LoadedMission(MISSION, EventParser.sha256Id(genesis), genesis, true));
    ledger =
        new Ledger(
            admission,
            store,
            Clock.systemUTC(),
            HeldLimits.DEFAULT,
            (record, outcome) -> {
              LogEntry e =
                  NodeLogs.entry(log.size(), record.inputId(), record.eventId(), outcome.logCode())
                      .orElseThrow();
              records.add(Map.entry(record.inputId(), e.encode()));
              log.append(e.encode());
            });
  }

  /**
   * POL, LTU and LVA, their officials holding {@value #VOTING}, under a genesis policy.
   *
   * @param policy the genesis {@code policies} entry
   */
  public static AuditScenario baltic(String policy) {
    return new AuditScenario(List.of("POL", "LTU", "LVA"), List.of(VOTING), policy);
  }

  /** The default scenario: four members, DEU dissents, the proposal is adopted and decided. */
  public static AuditScenario adoptedWithDissent() {
    AuditScenario s =
        new AuditScenario(
            List.of("POL", "LTU", "LVA", "DEU"), List.of(VOTING), policy(VOTING, "2/3", null));
    s.endorseAll(1);
    String p = s.propose("POL", "Open the northern corridor", 10);
    s.named.put("proposal", p);
    s.named.put("pol", s.attest("POL", VOTING, "concur", null, null, p, 11));
    s.named.put("deu", s.attest("DEU", VOTING, "dissent", "Insufficient air cover.", null, p, 12));
    String ltu = s.attest("LTU", VOTING, "abstain", null, null, p, 13);
    s.named.put("ltu-abstain", ltu);
    s.named.put("ltu", s.attest("LTU", VOTING, "concur", null, ltu, p, 14));
    s.named.put("lva", s.attest("LVA", VOTING, "concur", null, null, p, 15));
    s.named.put("decision", s.decide(p, s.t0.plus(20, ChronoUnit.MINUTES)));
    return s;
  }

  /**
   * Governance: POL, LTU and LVA admit EST by a unanimous governance decision in epoch 0 (SPEC §1
   * {@code admit-member}), which opens epoch 1; in epoch 1 POL proposes and POL, LTU and EST concur
   * (3 of 4 meet 2/3 only with EST's vote), and the node decides. Named: governance,
   * governance-decision, proposal, decision, est.
   */
  public static AuditScenario governanceAdmission() {
    AuditScenario s =
        new AuditScenario(
            List.of("POL", "LTU", "LVA"), List.of(VOTING), policy(VOTING, "2/3", null));
    s.endorseAll(1);
    Credential estCa = TestPki.rootCa("CN=EST Root CA,O=EST,C=XX");
    String estSubject = "CN=EST Authority,O=EST,C=XX";
    Credential est =
        TestPki.signer(
            estCa, estSubject, s.t0.minus(1, ChronoUnit.DAYS), s.t0.plus(365, ChronoUnit.DAYS));
    ObjectNode m = JSON.createObjectNode();
    m.put("id", "EST").put("name", "EST").put("weight", 1);
    m.putArray("trustAnchors").add(estCa.pem());
    ObjectNode grant = m.putArray("grants").addObject();
    grant.put("subject", estSubject);
    grant.putArray("roles").add(VOTING);
    String g =
        s.govern("POL", "{\"action\":\"admit-member\",\"member\":" + m + "}", "Admit EST", 5);
    s.named.put("governance", g);
    for (String member : List.of("POL", "LTU", "LVA")) {
      s.attest(member, VOTING, "concur", null, null, g, 6);
    }
    s.named.put("governance-decision", s.decide(g, s.t0.plus(8, ChronoUnit.MINUTES)));
    if (s.ledger.epochsOf(MISSION).orElseThrow().epochs().size() != 2) {
      throw new IllegalStateException("the governance decision opened no epoch 1");
    }
    s.cas.put("EST", estCa);
    s.officials.put("EST", est);
    s.epoch = 1;
    String p = s.propose("POL", "Open the eastern corridor", 10);
    s.named.put("proposal", p);
    s.attest("POL", VOTING, "concur", null, null, p, 11);
    s.attest("LTU", VOTING, "concur", null, null, p, 12);
    s.named.put("est", s.attest("EST", VOTING, "concur", null, null, p, 13));
    s.named.put("decision", s.decide(p, s.t0.plus(20, ChronoUnit.MINUTES)));
    return s;
  }

  /**
   * @param voting the voting role
   * @param fraction threshold fraction of members
   * @param required a required role (min 1), or null
   * @return a policy named {@code operational}
   */
  public static String policy(String voting, String fraction, String required) {
    return "{\"name\":\"operational\",\"version\":1,\"votingRole\":\""
        + voting
        + "\",\"threshold\":{\"fraction\":\""
        + fraction
        + "\",\"of\":\"members\"},\"requireRoles\":["
        + (required == null ? "" : "{\"role\":\"" + required + "\",\"min\":1}")
        + "],\"veto\":[],\"byzantineF\":0,\"partial\":null,\"deadline\":\"PT24H\"}";
  }

  /** Every member's official endorses the genesis, issued at t0 + seconds. */
  public void endorseAll(int seconds) {
    String gid = EventParser.sha256Id(genesis);
    for (String m : members) {
      submit(
          officials.get(m),
          m,
          "genesis-endorsement",
          "{\"genesis\":\"" + gid + "\"}",
          t0.plusSeconds(seconds));
    }
  }

  /**
   * @return the proposal's event id
   */
  public String propose(String member, String title, int minutes) {
    return id(
        submit(
            officials.get(member),
            member,
            "proposal",
            "{\"policy\":\"operational\",\"title\":\""
                + title
                + "\",\"text\":\""
                + title
                + ".\",\"action\":null}",
            t0.plus(minutes, ChronoUnit.MINUTES)));
  }

  /**
   * A governance proposal (SPEC §1 {@code "policy":"governance"} with one action) by a member's
   * official.
   *
   * @param action the action object's JSON
   * @return the proposal's event id
   */
  public String govern(String member, String action, String title, int minutes) {
    return id(
        submit(
            officials.get(member),
            member,
            "proposal",
            "{\"policy\":\"governance\",\"title\":\""
                + title
                + "\",\"text\":\""
                + title
                + ".\",\"action\":"
                + action
                + "}",
            t0.plus(minutes, ChronoUnit.MINUTES)));
  }

  /**
   * @return the attestation's event id
   */
  public String attest(
      String member,
      String role,
      String verdict,
      String rationale,
      String supersedes,
      String proposal,
      int minutes) {
    return attestAt(
        member,
        role,
        verdict,
        rationale,
        supersedes,
        proposal,
        t0.plus(minutes, ChronoUnit.MINUTES));
  }

  /**
   * @return the attestation's event id
   */
  public String attestAt(
      String member,
      String role,
      String verdict,
      String rationale,
      String supersedes,
      String proposal,
      Instant issued) {
    return id(
        submit(
            officials.get(member),
            member,
            "attestation",
            attestationBody(role, verdict, rationale, supersedes, proposal),
            issued));
  }

  static String attestationBody(
      String role, String verdict, String rationale, String supersedes, String proposal) {
    return "{\"proposal\":\""
        + proposal
        + "\",\"role\":\""
        + role
        + "\",\"verdict\":\""
        + verdict
        + "\",\"rationale\":"
        + (rationale == null ? "null" : "\"" + rationale + "\"")
        + ",\"supersedes\":"
        + (supersedes == null ? "null" : "\"" + supersedes + "\"")
        + "}";
  }

  /**
   * The node signs the decision the evaluator advises at {@code at} over the admitted events (as
   * the container's DecisionSigner does) and submits it.
   *
   * @return the decision's event id
   */
  public String decide(String proposal, Instant at) {
    ProposalEvaluation ev = evaluate(proposal, at);
    return decide(
        ev.advice()
            .orElseThrow(() -> new IllegalStateException("no decision due: " + ev.status())));
  }

  /**
   * The node signs a decision with this content, whatever the evaluator says (a rogue node), and
   * submits it; it must be admitted (its validity is the counting's business).
   *
   * @return the decision's event id
   */
  public String decide(DecisionAdvice advice) {
    long[] s = seq.computeIfAbsent(node, k -> new long[] {0});
    s[0]++;
    DecisionContent c =
        DecisionContent.build(
            MISSION,
            members.get(0),
            Ids.spkiHash(node.certificate()),
            epoch,
            s[0],
            prev.get(node),
            advice);
    byte[] der = TestPki.sign(c.content(), node);
    Ledger.Submission sub = ledger.submit(der, "test");
    requireAdmitted(sub, "decision");
    prev.put(node, c.eventId());
    return c.eventId();
  }

  /** The evaluation of a proposal over what the ledger admitted, at a time. */
  public ProposalEvaluation evaluate(String proposal, Instant at) {
    return evaluate(store, ledger, proposal, at);
  }

  /**
   * Another ledger of this scenario's mission (its genesis loaded, nothing else held), judging as
   * the scenario's own does: a second node fed the same inputs, in another order or grouping.
   *
   * @param other an empty store, which the ledger records into
   * @return the ledger
   */
  public Ledger ledgerOver(InMemoryLedgerStore other) {
    other.load(new LoadedMission(MISSION, EventParser.sha256Id(genesis), genesis, true));
    return new Ledger(admission, other, Clock.systemUTC(), HeldLimits.DEFAULT);
  }

  /**
   * The evaluation of a proposal over what a ledger of this scenario's mission admitted, at a time.
   *
   * @param store the ledger's store
   * @param ledger the ledger (for the mission's roster epochs)
   * @param proposal the proposal's event id
   * @param at the evaluation time
   * @return the evaluation
   */
  public ProposalEvaluation evaluate(
      InMemoryLedgerStore store, Ledger ledger, String proposal, Instant at) {
    List<AttestationRecord> atts = new ArrayList<>();
    List<RetractionRecord> rets = new ArrayList<>();
    List<QuorumDeclarationRecord> decls = new ArrayList<>();
    List<DecisionRecord> decs = new ArrayList<>();
    Set<String> byzantine = new TreeSet<>();
    Event p = null;
    try {
      for (InputRecord r : store.all()) {
        if (r.outcome() == Outcome.EVIDENCE) {
          byzantine.add(r.member());
        }
        if (r.outcome() != Outcome.ADMITTED) {
          continue;
        }
        Event e = admission.decode(store.bytes(r.inputId())).event();
        if (e.eventId().equals(proposal)) {
          p = e;
        }
        if (!proposal.equals(ProposalScope.proposalOf(e)) && e.type() != EventType.RETRACTION) {
          continue;
        }
        switch (e.type()) {
          case ATTESTATION -> atts.add(CoordinationMapping.attestation(e));
          case RETRACTION -> rets.add(CoordinationMapping.retraction(e));
          case QUORUM_DECLARATION -> decls.add(CoordinationMapping.declaration(e));
          case DECISION -> decs.add(CoordinationMapping.decision(e));
          default -> {}
        }
      }
      return ProposalEvaluation.evaluate(
          parsed,
          ledger.epochsOf(MISSION).orElseThrow().epoch(p.epoch()).orElse(null),
          CoordinationMapping.proposal(p),
          atts,
          rets,
          decls,
          decs,
          byzantine,
          at);
    } catch (AdmissionException | CoordinationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Signs and submits an event of a credential's chain; answers the DER. */
  public byte[] submit(Credential c, String member, String type, String body, Instant issued) {
    byte[] der = TestPki.sign(content(c, member, type, body, issued), c);
    requireAdmitted(ledger.submit(der, "test"), type);
    return der;
  }

  /** The content of the next event of a credential's chain (the chain advances). */
  public byte[] content(Credential c, String member, String type, String body, Instant issued) {
    long[] s = seq.computeIfAbsent(c, k -> new long[] {0});
    s[0]++;
    String p = prev.get(c);
    byte[] content =
        TestPki.utf8(
            "{\"v\":1,\"mission\":\""
                + MISSION
                + "\",\"member\":\""
                + member
                + "\",\"signer\":\""
                + Ids.spkiHash(c.certificate())
                + "\",\"epoch\":"
                + epoch
                + ",\"seq\":"
                + s[0]
                + ",\"prev\":"
                + (p == null ? "null" : "\"" + p + "\"")
                + ",\"type\":\""
                + type
                + "\",\"issued\":\""
                + issued
                + "\",\"body\":"
                + body
                + "}");
    prev.put(c, Ids.sha256Id(content));
    return content;
  }

  private static void requireAdmitted(Ledger.Submission sub, String what) {
    if (sub.record().outcome() != Outcome.ADMITTED) {
      throw new IllegalStateException(
          what + " not admitted: " + sub.record().reasonCode() + " " + sub.record().reason());
    }
  }

  /** A tree head of the current log signed by a credential (the node, or a forger). */
  public byte[] treeHead(Credential signer, byte[] root) {
    SignedTreeHead h = new SignedTreeHead(MISSION, log.size(), root, Instant.now().minusSeconds(1));
    return TestPki.sign(h.content(), signer);
  }

  /** The bundle of a proposal: every input of the mission in log order, signed by the node. */
  public AuditBundle bundle(String proposal) {
    return bundle(proposal, treeHead(node, log.root()), node.certificate());
  }

  /** The bundle with a given tree head and node certificate. */
  public AuditBundle bundle(
      String proposal, byte[] sth, java.security.cert.X509Certificate nodeCertificate) {
    return bundle(proposal, sth, nodeCertificate, in -> true);
  }

  /**
   * The bundle without some inputs (neither their DER nor their log records).
   *
   * @param keep whether an input (by input id) goes into the bundle
   */
  public AuditBundle bundle(String proposal, java.util.function.Predicate<String> keep) {
    return bundle(proposal, treeHead(node, log.root()), node.certificate(), keep);
  }

  private AuditBundle bundle(
      String proposal,
      byte[] sth,
      java.security.cert.X509Certificate nodeCertificate,
      java.util.function.Predicate<String> keep) {
    AuditBundle.Builder b =
        AuditBundle.builder(genesis, proposal).epochs(ledger.epochsOf(MISSION).orElseThrow());
    Map<String, List<Long>> byInput = new LinkedHashMap<>();
    for (int i = 0; i < records.size(); i++) {
      if (keep.test(records.get(i).getKey())) {
        byInput.computeIfAbsent(records.get(i).getKey(), k -> new ArrayList<>()).add((long) i);
      }
    }
    try {
      for (Map.Entry<String, List<Long>> in : byInput.entrySet()) {
        byte[] der = store.bytes(in.getKey());
        b.event(der);
        Optional<InputRecord> r = store.byInputId(in.getKey());
        if (r.isPresent()
            && "crl".equals(r.get().type())
            && r.get().outcome() == Outcome.ADMITTED) {
          DecodedContribution d = admission.decode(der);
          b.crl(CrlContribution.parse(d.event()).getEncoded());
        }
        for (long i : in.getValue()) {
          b.logRecord(i, records.get((int) i).getValue());
          b.inclusionProof(i, log.inclusionProof(i, log.size()));
        }
      }
    } catch (AdmissionException | LogRangeException | java.security.cert.CRLException e) {
      throw new IllegalStateException(e);
    }
    cas.forEach((m, ca) -> b.anchor(m, TestPki.utf8(ca.pem())));
    b.nodeCertificate(encoded(nodeCertificate));
    b.treeHead(sth);
    return b.build();
  }

  static byte[] encoded(java.security.cert.X509Certificate c) {
    try {
      return c.getEncoded();
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * @return the event id of a DER
   */
  public static String id(byte[] der) {
    return Ids.sha256Id(SignedFiles.content(der));
  }

  /** A bundle through writeZip and readZip. */
  public static AuditBundle roundTrip(AuditBundle b) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      b.writeZip(out);
      return AuditBundle.readZip(new ByteArrayInputStream(out.toByteArray()));
    } catch (IOException | BundleFormatException e) {
      throw new IllegalStateException(e);
    }
  }
}
