package org.quorate.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quorate.core.coordination.ProposalEvaluation;
import org.quorate.core.quorum.QuorumState;
import org.quorate.core.quorum.QuorumStatus;
import org.quorate.core.testing.TestPki;
import org.quorate.core.testing.TestPki.Credential;

class BundleVerifierTest {
  private static AuditScenario s;
  private static AuditBundle good;
  private static final BundleVerifier VERIFIER =
      new BundleVerifier(VerifyOptions.trustBundleAnchors());

  @BeforeAll
  static void scenario() {
    s = AuditScenario.adoptedWithDissent();
    good = AuditScenario.roundTrip(s.bundle(s.named.get("proposal")));
  }

  private static VerificationReport verify(AuditBundle b) {
    return VERIFIER.verify(b);
  }

  /** The failed checks as "check/reason". */
  private static List<String> failures(VerificationReport r) {
    return r.failures().stream().map(c -> c.check() + "/" + c.reasonCode()).toList();
  }

  @Test
  void aGoodBundleVerifiesAndItsReconstructionMatchesTheEvaluator() {
    VerificationReport r = verify(good);

    assertThat(r.failures()).isEmpty();
    assertThat(r.passed()).isTrue();
    Reconstruction rc = r.reconstruction();
    assertThat(rc.mission()).isEqualTo(AuditScenario.MISSION);
    assertThat(rc.proposalId()).isEqualTo(s.named.get("proposal"));
    assertThat(rc.title()).isEqualTo("Open the northern corridor");
    assertThat(rc.policyName()).isEqualTo("operational");
    assertThat(rc.policy().votingRole()).isEqualTo(AuditScenario.VOTING);
    assertThat(rc.epoch()).isZero();
    assertThat(rc.sthSize()).isEqualTo(s.log.size());
    // 4 endorsements, the proposal, 5 attestations, the decision: every one admitted, in log order.
    assertThat(rc.events()).hasSize(11);
    assertThat(rc.events()).allSatisfy(e -> assertThat(e.outcome()).isEqualTo("admitted"));
    assertThat(rc.events().stream().map(ReconstructedEvent::logIndexes).map(l -> l.get(0)))
        .isSorted();
    // The evaluator over the ledger's own admitted events, at the tree head's time, agrees.
    ProposalEvaluation expected =
        s.evaluate(s.named.get("proposal"), s.t0.plus(2, ChronoUnit.HOURS));
    QuorumState fin = rc.finalState();
    assertThat(fin.status()).isEqualTo(QuorumStatus.ADOPTED).isEqualTo(expected.state().status());
    assertThat(fin.isFinal()).isTrue();
    assertThat(fin.counts()).isEqualTo(expected.state().counts());
    assertThat(fin.counts().concur()).isEqualTo(3);
    assertThat(fin.counts().dissent()).isEqualTo(1);
    assertThat(rc.decisionId()).isEqualTo(s.named.get("decision"));
    assertThat(rc.dissents())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.member()).isEqualTo("DEU");
              assertThat(d.rationale()).isEqualTo("Insufficient air cover.");
            });
    // State after each event: open until LVA's concur, adopted from then on, final at the decision.
    Map<String, ReconstructedEvent> byId =
        rc.events().stream().collect(Collectors.toMap(ReconstructedEvent::eventId, e -> e));
    assertThat(byId.get(s.named.get("ltu")).stateAfter().status()).isEqualTo(QuorumStatus.OPEN);
    assertThat(byId.get(s.named.get("lva")).stateAfter().status()).isEqualTo(QuorumStatus.ADOPTED);
    assertThat(byId.get(s.named.get("lva")).stateAfter().isFinal()).isFalse();
    assertThat(byId.get(s.named.get("decision")).stateAfter().isFinal()).isTrue();
    assertThat(byId.get(s.named.get("decision")).role()).isEqualTo("node");
    ReconstructedEvent deu = byId.get(s.named.get("deu"));
    assertThat(deu.member()).isEqualTo("DEU");
    assertThat(deu.role()).isEqualTo(AuditScenario.VOTING);
    assertThat(deu.lineage().pathSubjects())
        .containsExactly("CN=DEU Authority,O=DEU,C=XX", "CN=DEU Root CA,O=DEU,C=XX");
    assertThat(deu.lineage().anchorSha256Hex())
        .isEqualTo(org.quorate.core.cms.Ids.fingerprint(s.cas.get("DEU").certificate()));
    assertThat(deu.lineage().validation()).startsWith("valid at ");
    assertThat(deu.lineage().revocation()).isEqualTo("not revoked");
    // Endorsements do not bear on the proposal.
    assertThat(rc.events().get(0).type()).isEqualTo("genesis-endorsement");
    assertThat(rc.events().get(0).stateAfter()).isNull();
  }

  @Test
  void aSwappedContributionIsCaught() {
    Map<String, byte[]> f = Tamper.files(good);
    String deuFile = Tamper.fileOf(f, s.named.get("deu"));
    // DEU's own credential signs a concur at the same chain position: a validly signed event
    // that the node never logged.
    Credential deu = s.officials.get("DEU");
    byte[] forged =
        TestPki.sign(
            TestPki.utf8(
                new String(
                        SignedFiles.content(f.get(deuFile)),
                        java.nio.charset.StandardCharsets.UTF_8)
                    .replace("\"dissent\"", "\"concur\"")
                    .replace("\"Insufficient air cover.\"", "null")),
            deu);
    f.put(deuFile, forged);

    VerificationReport r = verify(Tamper.remanifested(f));
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      // the same checks, in the same order, when the events are decoded on several threads
      assertThat(ReportJson.text(VERIFIER.verify(Tamper.remanifested(f), pool)))
          .isEqualTo(ReportJson.text(r));
    } finally {
      pool.shutdownNow();
    }

    assertThat(r.passed()).isFalse();
    assertThat(r.failures())
        .anySatisfy(
            c -> {
              assertThat(c.check()).isEqualTo("log-entry");
              assertThat(c.reasonCode()).isEqualTo("missing-record");
              assertThat(c.subject()).isEqualTo(deuFile);
            });
    // DEU's logged dissent is no longer in the bundle: its record points to nothing.
    assertThat(failures(r)).contains("log-entry/missing-event");
  }

  @Test
  void aDroppedContributionIsCaughtByTheDecisionRecount() {
    Map<String, byte[]> f = Tamper.files(good);
    String lvaFile = Tamper.fileOf(f, s.named.get("lva"));
    String inputId = org.quorate.core.cms.Ids.sha256Id(f.get(lvaFile));
    f.remove(lvaFile);
    // Drop its log record from proofs.json too, as a careful forger would.
    ObjectNode proofs = Tamper.json(f, AuditBundle.PROOFS);
    ArrayNode kept = proofs.putArray("kept");
    for (var rec : (ArrayNode) proofs.get("records")) {
      byte[] entry = java.util.HexFormat.of().parseHex(rec.get("entry").asText());
      String input = "sha256:" + java.util.HexFormat.of().formatHex(entry, 9, 41);
      if (!input.equals(inputId)) {
        kept.add(rec);
      }
    }
    proofs.set("records", kept);
    proofs.remove("kept");
    f.put(AuditBundle.PROOFS, Tamper.bytes(proofs));

    VerificationReport r = verify(Tamper.remanifested(f));

    assertThat(failures(r)).contains("decision/missing-event", "decision/decision-mismatch");
    assertThat(r.failures())
        .filteredOn(c -> c.reasonCode().equals("missing-event"))
        .anySatisfy(c -> assertThat(c.detail()).contains(s.named.get("lva")));
    assertThat(r.reconstruction().finalState().status()).isNotEqualTo(QuorumStatus.ADOPTED);
  }

  @Test
  void anAddedContributionIsCaught() {
    Map<String, byte[]> f = Tamper.files(good);
    byte[] extra =
        TestPki.sign(
            s.content(
                s.officials.get("LVA"),
                "LVA",
                "attestation",
                AuditScenario.attestationBody(
                    AuditScenario.VOTING,
                    "dissent",
                    "Changed my mind.",
                    s.named.get("lva"),
                    s.named.get("proposal")),
                s.t0.plus(16, ChronoUnit.MINUTES)),
            s.officials.get("LVA"));
    String name = "events/0099-attestation.p7m";
    f.put(name, extra);

    VerificationReport r = verify(Tamper.remanifested(f));

    assertThat(r.failures())
        .anySatisfy(
            c -> {
              assertThat(c.check()).isEqualTo("log-entry");
              assertThat(c.reasonCode()).isEqualTo("missing-record");
              assertThat(c.subject()).isEqualTo(name);
            });
  }

  @Test
  void anAddedContributionWithAForgedLogRecordFailsItsProof() {
    Map<String, byte[]> f = Tamper.files(good);
    byte[] extra =
        TestPki.sign(
            s.content(
                s.officials.get("LVA"),
                "LVA",
                "attestation",
                AuditScenario.attestationBody(
                    AuditScenario.VOTING,
                    "dissent",
                    "Changed my mind.",
                    s.named.get("lva"),
                    s.named.get("proposal")),
                s.t0.plus(16, ChronoUnit.MINUTES)),
            s.officials.get("LVA"));
    f.put("events/0099-attestation.p7m", extra);
    ObjectNode proofs = Tamper.json(f, AuditBundle.PROOFS);
    ArrayNode records = (ArrayNode) proofs.get("records");
    ObjectNode last = (ObjectNode) records.get(records.size() - 1);
    long index = last.get("index").asLong() - 1; // claim an earlier position of the log
    org.quorate.core.log.LogEntry forged =
        org.quorate.core.log.NodeLogs.entry(
                index, org.quorate.core.cms.Ids.sha256Id(extra), AuditScenario.id(extra), 1)
            .orElseThrow();
    ObjectNode rec = records.addObject();
    rec.put("index", index);
    rec.put("entry", java.util.HexFormat.of().formatHex(forged.encode()));
    rec.set("auditPath", last.get("auditPath"));
    f.put(AuditBundle.PROOFS, Tamper.bytes(proofs));

    VerificationReport r = verify(Tamper.remanifested(f));

    assertThat(failures(r)).contains("log-entry/entry-mismatch");
  }

  @Test
  void anOutcomeByteChangedInALogEntryFailsItsInclusionProof() {
    Map<String, byte[]> f = Tamper.files(good);
    ObjectNode proofs = Tamper.json(f, AuditBundle.PROOFS);
    ObjectNode rec = (ObjectNode) proofs.get("records").get(6);
    String entry = rec.get("entry").asText();
    // The last byte is the outcome: 01 admitted becomes 03 rejected.
    assertThat(entry).endsWith("01");
    rec.put("entry", entry.substring(0, entry.length() - 2) + "03");
    f.put(AuditBundle.PROOFS, Tamper.bytes(proofs));

    VerificationReport r = verify(Tamper.remanifested(f));

    assertThat(r.failures())
        .anySatisfy(
            c -> {
              assertThat(c.check()).isEqualTo("inclusion");
              assertThat(c.reasonCode()).isEqualTo("inclusion-failed");
              assertThat(c.subject()).isEqualTo("log index " + rec.get("index").asLong());
              assertThat(c.detail()).contains("not proven in the tree head");
            });
  }

  @Test
  void reorderedRecordsAreCaught() {
    // Two inputs swap their places in the bundle.
    Map<String, byte[]> f = Tamper.files(good);
    String a = Tamper.fileOf(f, s.named.get("pol"));
    String b = Tamper.fileOf(f, s.named.get("deu"));
    Map<String, byte[]> swapped = new java.util.LinkedHashMap<>();
    f.forEach((k, v) -> swapped.put(k.equals(a) ? b : k.equals(b) ? a : k, v));
    VerificationReport r = verify(Tamper.remanifested(swapped));
    assertThat(r.failures())
        .anySatisfy(
            c -> {
              assertThat(c.check()).isEqualTo("order");
              assertThat(c.reasonCode()).isEqualTo("order-mismatch");
            });

    // Two log records swap their indexes in proofs.json.
    Map<String, byte[]> g = Tamper.files(good);
    ObjectNode proofs = Tamper.json(g, AuditBundle.PROOFS);
    ObjectNode r5 = (ObjectNode) proofs.get("records").get(5);
    ObjectNode r6 = (ObjectNode) proofs.get("records").get(6);
    long i5 = r5.get("index").asLong();
    r5.put("index", r6.get("index").asLong());
    r6.put("index", i5);
    g.put(AuditBundle.PROOFS, Tamper.bytes(proofs));
    VerificationReport r2 = verify(Tamper.remanifested(g));
    assertThat(failures(r2)).contains("log-entry/entry-mismatch");
    assertThat(r2.failures())
        .filteredOn(c -> c.reasonCode().equals("entry-mismatch"))
        .anySatisfy(c -> assertThat(c.detail()).contains("state log index " + i5));
  }

  @Test
  void aTreeHeadSignedByAnotherKeyIsCaught() {
    Credential forger =
        TestPki.signer(TestPki.rootCa("CN=Forger CA"), "CN=Quorate Node,O=POL,C=XX");
    // Signed by another key, the real node certificate still in the bundle.
    AuditBundle b =
        s.bundle(s.named.get("proposal"), s.treeHead(forger, s.log.root()), s.node.certificate());
    VerificationReport r = verify(b);
    assertThat(r.failures())
        .anySatisfy(
            c -> {
              assertThat(c.check()).isEqualTo("tree-head");
              assertThat(c.reasonCode()).isEqualTo("sth-signature");
              assertThat(c.detail()).contains("not by the node certificate");
            });
    assertThat(failures(r)).contains("inclusion/inclusion-failed");

    // The forger's certificate passed off as the node certificate: no path to a member's anchor.
    AuditBundle c =
        s.bundle(s.named.get("proposal"), s.treeHead(forger, s.log.root()), forger.certificate());
    VerificationReport r2 = verify(c);
    assertThat(failures(r2)).contains("tree-head/path-invalid");
  }

  @Test
  void aTreeHeadWithAnotherRootIsCaught() {
    // Content changed after signing: the CMS signature breaks.
    Map<String, byte[]> f = Tamper.files(good);
    String root = java.util.HexFormat.of().formatHex(s.log.root());
    byte[] sth = f.get(AuditBundle.STH);
    byte[] hex = root.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    int at = indexOf(sth, hex);
    assertThat(at).isPositive();
    sth[at] = (byte) (sth[at] == 'a' ? 'b' : 'a');
    f.put(AuditBundle.STH, sth);
    VerificationReport r = verify(Tamper.remanifested(f));
    assertThat(r.failures())
        .anySatisfy(
            c -> {
              assertThat(c.check()).isEqualTo("tree-head");
              assertThat(c.reasonCode()).isEqualTo("sth-signature");
            });

    // The node's own signature over another root: no record is proven in it.
    byte[] otherRoot = new byte[32];
    AuditBundle b =
        s.bundle(s.named.get("proposal"), s.treeHead(s.node, otherRoot), s.node.certificate());
    VerificationReport r2 = verify(b);
    assertThat(failures(r2)).contains("inclusion/inclusion-failed", "log-entry/missing-record");
    assertThat(r2.failures()).noneSatisfy(c -> assertThat(c.check()).isEqualTo("tree-head"));
  }

  @Test
  void anAlteredManifestIsCaught() {
    Map<String, byte[]> f = Tamper.files(good);
    ObjectNode m = Tamper.json(f, AuditBundle.MANIFEST);
    ObjectNode line = (ObjectNode) m.get("files").get(3);
    String path = line.get("path").asText();
    line.put("sha256", "00".repeat(32));
    f.put(AuditBundle.MANIFEST, Tamper.bytes(m));
    VerificationReport r = verify(Tamper.asIs(f));
    assertThat(r.failures())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.check()).isEqualTo("manifest");
              assertThat(c.reasonCode()).isEqualTo("manifest-mismatch");
              assertThat(c.subject()).isEqualTo(path);
            });

    // A type claim changed.
    Map<String, byte[]> g = Tamper.files(good);
    ObjectNode m2 = Tamper.json(g, AuditBundle.MANIFEST);
    for (var l : m2.get("files")) {
      if ("attestation".equals(l.path("type").asText())) {
        ((ObjectNode) l).put("type", "decision");
        break;
      }
    }
    g.put(AuditBundle.MANIFEST, Tamper.bytes(m2));
    assertThat(failures(verify(Tamper.asIs(g)))).containsExactly("manifest/manifest-mismatch");

    // A file that the manifest does not list, and a listed file removed.
    Map<String, byte[]> h = Tamper.files(good);
    h.put("crls/9.crl", new byte[] {1, 2, 3});
    h.remove("anchors/LTU-1.pem");
    List<String> fails = failures(verify(Tamper.asIs(h)));
    assertThat(fails)
        .contains("manifest/extra-file", "manifest/missing-file", "crl/crl-not-delivered");
  }

  @Test
  void anUnpinnedAnchorFailsWhenAPinIsGiven() {
    Set<String> pins =
        Set.of(
            org.quorate.core.cms.Ids.fingerprint(s.cas.get("POL").certificate()),
            org.quorate.core.cms.Ids.fingerprint(s.cas.get("LTU").certificate())
                .toUpperCase(java.util.Locale.ROOT),
            org.quorate.core.cms.Ids.fingerprint(s.cas.get("LVA").certificate()));
    VerificationReport r = new BundleVerifier(VerifyOptions.pinning(pins)).verify(good);
    assertThat(r.passed()).isFalse();
    assertThat(r.failures())
        .isNotEmpty()
        .allSatisfy(
            c -> {
              assertThat(c.reasonCode()).isEqualTo("anchor-not-pinned");
              assertThat(c.detail()).contains("CN=DEU Root CA");
            });

    Set<String> all =
        s.cas.values().stream()
            .map(c -> org.quorate.core.cms.Ids.fingerprint(c.certificate()))
            .collect(Collectors.toSet());
    assertThat(new BundleVerifier(VerifyOptions.pinning(all)).verify(good).passed()).isTrue();
  }

  @Test
  void garbageInPlaceOfAnEventIsAFailedCheckNotAnException() {
    Map<String, byte[]> f = Tamper.files(good);
    String deuFile = Tamper.fileOf(f, s.named.get("deu"));
    f.put(deuFile, new byte[] {0x30, 0x03, 0x02, 0x01, 0x00});
    f.put(AuditBundle.GENESIS, f.get(AuditBundle.GENESIS)); // unchanged
    ObjectNode m = Tamper.json(f, AuditBundle.MANIFEST);
    for (var l : m.get("files")) {
      ((ObjectNode) l)
          .put("sha256", org.quorate.core.cms.Ids.sha256Hex(f.get(l.get("path").asText())));
    }
    f.put(AuditBundle.MANIFEST, Tamper.bytes(m));
    VerificationReport r = verify(Tamper.asIs(f));
    assertThat(r.passed()).isFalse();
    assertThat(r.failures())
        .anySatisfy(
            c -> {
              assertThat(c.check()).isEqualTo("signature");
              assertThat(c.reasonCode()).isEqualTo("malformed-cms");
              assertThat(c.subject()).isEqualTo(deuFile);
            });

    Map<String, byte[]> g = Tamper.files(good);
    g.put(AuditBundle.GENESIS, TestPki.utf8("{\"v\":1}"));
    VerificationReport r2 = verify(Tamper.remanifested(g));
    assertThat(failures(r2)).containsExactly("genesis/malformed-genesis");
    assertThat(r2.reconstruction()).isNull();
  }

  @Test
  void anAlteredPolicyFileIsCaught() {
    Map<String, byte[]> f = Tamper.files(good);
    ObjectNode p = Tamper.json(f, AuditBundle.POLICY);
    ((ObjectNode) p.get("policy")).put("veto", "x");
    ((ObjectNode) p.get("policy")).set("veto", Tamper.json(TestPki.utf8("[\"DEU\"]")));
    f.put(AuditBundle.POLICY, Tamper.bytes(p));
    assertThat(failures(verify(Tamper.remanifested(f)))).containsExactly("policy/policy-mismatch");
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
