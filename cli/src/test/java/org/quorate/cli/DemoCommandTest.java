package org.quorate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quorate.core.label.ConfidentialityLabel;
import org.quorate.core.label.LabelJson;
import org.quorate.core.label.LabelPolicy;
import org.quorate.core.label.PostureDecision;

/**
 * The Quick start scenario of {@code quorate demo}: what it signs, and its run against a server.
 */
class DemoCommandTest {
  @TempDir Path tmp;

  private record Opened(JsonNode event, X509Certificate cert, boolean signatureValid) {}

  private static Opened open(byte[] der) {
    try {
      return opened(der);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Opened opened(byte[] der) throws Exception {
    CMSSignedData sd = new CMSSignedData(der);
    SignerInformation si = sd.getSignerInfos().getSigners().iterator().next();
    X509CertificateHolder holder =
        (X509CertificateHolder) sd.getCertificates().getMatches(si.getSID()).iterator().next();
    X509Certificate cert =
        new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter()
            .setProvider(Pem.BC)
            .getCertificate(holder);
    boolean ok =
        si.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(Pem.BC).build(cert));
    return new Opened(EventJson.parse(CmsSigning.content(der), "content"), cert, ok);
  }

  /**
   * The steps of the shipped scenario up to its first wait (what is sent before the node decides).
   */
  private static List<DemoStep> scenario(
      Path dir, String genesisId, String secondId, boolean amqp) {
    ScenarioRunner runner =
        new ScenarioRunner(
            ScenarioRunner.load(),
            dir,
            new ChainState(dir),
            Map.of("A", "BALTIC-SHIELD", "B", DemoPki.SECOND_MISSION),
            Map.of("A", genesisId, "B", secondId),
            amqp);
    ScenarioRunner.Stretch first = runner.next();
    assertThat(first.await()).isNotNull();
    return first.steps();
  }

  /** A step's name in the report and its expectation, as the shipped scenario sets them. */
  private record Expected(String step, String expected) {}

  private static Expected e(String step, String expected) {
    return new Expected(step, expected);
  }

  /** Every step of the shipped scenario, in sending order, on a fresh demo PKI with AMQP. */
  private static final List<Expected> SCENARIO =
      List.of(
          e("genesis endorsement", "admitted"),
          e("genesis endorsement", "admitted"),
          e("genesis endorsement", "admitted"),
          e("genesis endorsement", "admitted"),
          e("genesis endorsement", "admitted"),
          e("genesis endorsement", "admitted"),
          e("genesis endorsement", "admitted"),
          e("proposal: Harbour drill (to lapse)", "admitted"),
          e("proposal: Open maritime corridor B", "admitted"),
          e("attestation: concur", "admitted"),
          e("attestation: concur", "admitted"),
          e("attestation: concur", "admitted"),
          e("attestation: concur", "admitted"),
          e("attestation: dissent", "admitted"),
          e("attestation: legal advisor concur", "admitted"),
          e("contribution: survey", "admitted"),
          e("proposal: Evacuation route E2 (partial)", "admitted"),
          e("quorum declaration: EST, DEU unreachable", "admitted"),
          e("attestation E2: concur (reachable)", "admitted"),
          e("attestation E2: concur (reachable)", "admitted"),
          e("attestation E2: concur (reachable)", "admitted"),
          e("proposal: Fuel allocation", "admitted"),
          e("equivocation: LVA concurs", "admitted"),
          e("equivocation: LVA dissents", "admitted"),
          e("fork: seq 1 \"Harbour log, copy 1\"", "evidence (chain-fork)"),
          e("fork: seq 1 \"Harbour log, copy 2 (altered)\"", "evidence (chain-fork)"),
          e("burst: seq 3 (sent first)", "admitted"),
          e("burst: seq 2", "admitted"),
          e("burst: seq 1", "admitted"),
          e("field officer, before revocation", "admitted"),
          e("crl: POL CA revokes the field officer", "admitted"),
          e("field officer, after revocation", "void (revoked)"),
          e("label: Releasable To NATO", "admitted"),
          e("label: Releasable To NATO, JPN", "admitted"),
          e("references the NATO-only event", "rejected (reference-not-admissible, naming JPN)"),
          e("references the NATO, JPN event", "admitted"),
          e("flipped signature byte", "rejected (bad-signature)"),
          e("LTU credential claims member POL", "rejected (anchor-not-member | path-invalid)"),
          e("signer is another key", "rejected (signer-mismatch)"),
          e("unknown field \"comment\"", "rejected (unknown-field)"),
          e("legal advisor votes as approving authority", "rejected (role-not-granted)"),
          e("replay of step 11", "duplicate"),
          // after the wait for the provisional decision on E2 (the stand-in has epoch 0 in force)
          e("attestation E2: concur (EST back)", "admitted"),
          e("attestation E2: concur (DEU back)", "admitted"),
          e("governance proposal: admit JPN", "admitted"),
          e("JPN contributes in epoch 1 (held first)", "admitted"),
          e("governance: POL concurs", "admitted"),
          e("governance: LTU concurs", "admitted"),
          e("governance: LVA concurs", "admitted"),
          e("governance: EST concurs", "admitted"),
          e("governance: DEU concurs", "admitted"));

  /** The shipped scenario's checks with what each expects. */
  private static final List<Expected> CHECKS =
      List.of(
          e("drill lapses at its deadline (node clock)", "lapsed"),
          e("corridor B adopted with DEU's dissent", "adopted"),
          e("LVA's two verdicts are equivocation evidence", "equivocators [LVA]"),
          e("E2 provisionally adopted, then ratified", "ratified after provisionally-adopted"),
          e("governance admission of JPN adopted", "adopted"),
          e(
              "the decision opens epoch 1 with JPN",
              "epoch 1 opened on the gov proposal: [POL, LTU, LVA, EST, DEU, JPN]"));

  /**
   * The rows of the report table whose header has the column {@code column} after {@code #} and
   * mission (cells cut at the rule line's columns).
   */
  private static List<List<String>> table(String out, String column) {
    List<String> lines = out.lines().toList();
    java.util.regex.Pattern header =
        java.util.regex.Pattern.compile("#\\s+mission\\s+" + column + "\\s.*");
    int h = 0;
    while (h < lines.size() && !header.matcher(lines.get(h)).matches()) {
      h++;
    }
    assertThat(h).as("a table with a column " + column + " in\n" + out).isLessThan(lines.size());
    String rule = lines.get(h + 1);
    List<int[]> cols = new ArrayList<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("-+").matcher(rule);
    while (m.find()) {
      cols.add(new int[] {m.start(), m.end()});
    }
    List<List<String>> rows = new ArrayList<>();
    for (int i = h + 2; i < lines.size() && !lines.get(i).isBlank(); i++) {
      String line = lines.get(i);
      List<String> cells = new ArrayList<>();
      for (int c = 0; c < cols.size(); c++) {
        int from = Math.min(cols.get(c)[0], line.length());
        int to = c == cols.size() - 1 ? line.length() : Math.min(cols.get(c + 1)[0], line.length());
        cells.add(line.substring(from, to).strip());
      }
      rows.add(cells);
    }
    return rows;
  }

  /**
   * Asserts every step row of a run against the stand-in: the step's expectation, the stand-in's
   * answer as actual (admitted, duplicate for the replay), and ok exactly where they agree.
   */
  private static void assertStepRows(String out, List<Expected> scenario) {
    List<List<String>> rows = table(out, "step");
    assertThat(rows).hasSameSizeAs(scenario);
    for (int i = 0; i < rows.size(); i++) {
      List<String> row = rows.get(i);
      Expected want = scenario.get(i);
      // #, mission, step, signer, via, expected, actual, reason, verdict
      assertThat(row.get(2)).as("step " + (i + 1)).isEqualTo(want.step());
      assertThat(row.get(5)).as(want.step() + ": expected").isEqualTo(want.expected());
      String actual = want.expected().equals("duplicate") ? "duplicate" : "admitted";
      assertThat(row.get(6)).as(want.step() + ": actual").isEqualTo(actual);
      assertThat(row.get(8))
          .as(want.step() + ": verdict")
          .isEqualTo(want.expected().equals(actual) ? "ok" : "DIFFERS");
    }
  }

  private static List<Expected> renamed(List<Expected> steps, Map<String, String> names) {
    return steps.stream()
        .map(x -> e(names.getOrDefault(x.step(), x.step()), x.expected()))
        .toList();
  }

  /** Asserts every check row: its expectation, no answer from the stand-in, DIFFERS. */
  private static void assertCheckRows(String out) {
    List<List<String>> rows = table(out, "check");
    assertThat(rows).hasSameSizeAs(CHECKS);
    for (int i = 0; i < rows.size(); i++) {
      // #, mission, check, expected, actual, verdict
      assertThat(rows.get(i).subList(2, 6))
          .as("check " + (i + 1))
          .containsExactly(
              CHECKS.get(i).step(), CHECKS.get(i).expected(), "(no answer)", "DIFFERS");
    }
  }

  private static String eventId(DemoStep s) {
    return Pem.sha256Id(CmsSigning.content(s.der));
  }

  private static List<DemoStep> named(List<DemoStep> steps, String prefix) {
    return steps.stream().filter(s -> s.what.startsWith(prefix)).toList();
  }

  private static ConfidentialityLabel label(JsonNode n) throws Exception {
    return LabelJson.fromTree(n);
  }

  @Test
  void scenarioSignsValidChainsAndOneInputPerRejectionReason() throws Exception {
    Path dir = tmp.resolve("demo");
    new DemoPki().generate(dir, "BALTIC-SHIELD", true);
    String genesisId = Pem.sha256Id(Pem.readSmallFile(dir.resolve("genesis.json")));
    String secondId = Pem.sha256Id(Pem.readSmallFile(DemoPki.secondGenesis(dir)));
    List<DemoStep> steps = scenario(dir, genesisId, secondId, true);

    assertThat(steps)
        .extracting(s -> new Expected(s.what, s.expected()))
        .containsExactlyElementsOf(SCENARIO.subList(0, steps.size()));
    assertThat(steps.get(steps.size() - 1).what).startsWith("replay");
    long amqp = steps.stream().filter(s -> s.viaAmqp).count();
    assertThat(amqp).isBetween(18L, 24L);

    // per mission and signer, the events expected to count form a chain seq 1, 2, … with prev
    Map<String, List<JsonNode>> chains = new HashMap<>();
    java.util.Set<String> proposals = new java.util.HashSet<>();
    Map<String, Integer> endorsements = new HashMap<>();
    for (DemoStep s : steps) {
      Opened o = open(s.der);
      JsonNode e = o.event();
      assertThat(e.get("mission").asText()).isEqualTo(s.mission);
      if (s.expectedOutcome.equals("admitted")) {
        assertThat(o.signatureValid()).as(s.what).isTrue();
        assertThat(e.get("signer").asText()).isEqualTo(Pem.spkiHash(o.cert()));
        assertThat(o.cert().getIssuerX500Principal().getName())
            .contains("CN=" + e.get("member").asText() + " Demo National Root CA");
        chains
            .computeIfAbsent(s.mission + " " + e.get("signer").asText(), k -> new ArrayList<>())
            .add(e);
        switch (e.get("type").asText()) {
          case "genesis-endorsement" -> {
            endorsements.merge(s.mission, 1, Integer::sum);
            assertThat(e.get("body").get("genesis").asText())
                .isEqualTo(s.mission.equals("BALTIC-SHIELD") ? genesisId : secondId);
          }
          case "proposal" -> proposals.add(eventId(s));
          case "quorum-declaration" -> {
            assertThat(proposals).contains(e.get("body").get("proposal").asText());
            assertThat(e.get("body").get("unreachable").toString()).isEqualTo("[\"EST\",\"DEU\"]");
          }
          case "attestation" -> {
            assertThat(proposals).contains(e.get("body").get("proposal").asText());
            if (e.get("body").get("verdict").asText().equals("dissent")) {
              assertThat(e.get("body").get("rationale").asText()).isNotBlank();
            }
            String role = e.get("body").get("role").asText();
            assertThat(o.cert().getSubjectX500Principal().getName()).contains(DemoPki.title(role));
          }
          case "crl" -> assertThat(e.get("member").asText()).isEqualTo("POL");
          default -> assertThat(e.get("type").asText()).isEqualTo("contribution");
        }
      }
    }
    assertThat(endorsements).containsEntry("BALTIC-SHIELD", 5).containsEntry("NORDIC-GUARD", 2);
    // every endorsement of a mission comes before any other event of it
    for (String m : List.of("BALTIC-SHIELD", "NORDIC-GUARD")) {
      List<String> types =
          steps.stream()
              .filter(s -> s.mission.equals(m))
              .map(s -> open(s.der).event().get("type").asText())
              .toList();
      assertThat(types.subList(0, endorsements.get(m))).containsOnly("genesis-endorsement");
      assertThat(types.subList(endorsements.get(m), types.size()))
          .doesNotContain("genesis-endorsement");
    }
    assertThat(chains)
        .containsKey(
            "NORDIC-GUARD "
                + Pem.spkiHash(Pem.readCertificate(dir.resolve("JPN/approving-authority.pem"))));
    for (List<JsonNode> chain : chains.values()) {
      chain.sort(java.util.Comparator.comparingLong(e -> e.get("seq").asLong()));
      String prev = null;
      for (int i = 0; i < chain.size(); i++) {
        JsonNode e = chain.get(i);
        assertThat(e.get("seq").asLong()).isEqualTo(i + 1);
        assertThat(e.get("prev").isNull() ? null : e.get("prev").asText()).isEqualTo(prev);
        prev = Pem.sha256Id(EventJson.bytes(e));
      }
    }

    Map<String, DemoStep> invalid = new HashMap<>();
    for (DemoStep s : steps) {
      if (s.expectedOutcome.equals("rejected") || s.expectedOutcome.equals("duplicate")) {
        invalid.put(s.expectedReasons.isEmpty() ? s.expectedOutcome : s.expectedReasons.get(0), s);
      }
    }
    assertThat(invalid)
        .containsOnlyKeys(
            "bad-signature",
            "anchor-not-member",
            "signer-mismatch",
            "unknown-field",
            "role-not-granted",
            "reference-not-admissible",
            "duplicate");
    assertThat(open(invalid.get("bad-signature").der).signatureValid()).isFalse();
    Opened foreign = open(invalid.get("anchor-not-member").der);
    assertThat(foreign.signatureValid()).isTrue();
    assertThat(foreign.event().get("member").asText()).isEqualTo("POL");
    assertThat(foreign.cert().getIssuerX500Principal().getName())
        .contains("CN=LTU Demo National Root CA");
    Opened mismatch = open(invalid.get("signer-mismatch").der);
    assertThat(mismatch.signatureValid()).isTrue();
    assertThat(mismatch.event().get("signer").asText()).isNotEqualTo(Pem.spkiHash(mismatch.cert()));
    Opened unknown = open(invalid.get("unknown-field").der);
    assertThat(unknown.event().has("comment")).isTrue();
    Opened role = open(invalid.get("role-not-granted").der);
    assertThat(role.event().get("body").get("role").asText()).isEqualTo("approving-authority");
    assertThat(role.cert().getSubjectX500Principal().getName()).startsWith("CN=POL Legal Advisor");
    DemoStep replay = invalid.get("duplicate");
    assertThat(replay.viaAmqp).isFalse();
    DemoStep original =
        steps.stream()
            .filter(s -> s != replay && s.inputId.equals(replay.inputId))
            .findFirst()
            .orElseThrow();
    assertThat(original.der).isEqualTo(replay.der);
    assertThat(original.viaAmqp).isFalse();
    assertThat(steps.indexOf(original)).isLessThan(steps.indexOf(replay));

    // a second run continues every chain where the first left it
    String polSigner = DemoCredential.load(dir, "POL", "approving-authority").spki();
    List<JsonNode> polChain = chains.get("BALTIC-SHIELD " + polSigner);
    JsonNode lastPol = polChain.get(polChain.size() - 1);
    List<DemoStep> again = scenario(dir, genesisId, secondId, false);
    assertThat(again.stream().filter(s -> s.viaAmqp)).isEmpty();
    JsonNode firstAgain = open(again.get(0).der).event();
    assertThat(firstAgain.get("signer").asText()).isEqualTo(polSigner);
    assertThat(firstAgain.get("seq").asLong()).isEqualTo(lastPol.get("seq").asLong() + 1);
    assertThat(firstAgain.get("prev").asText()).isEqualTo(Pem.sha256Id(EventJson.bytes(lastPol)));
    // … while the fork and the revocation use fresh credentials of the same granted subjects
    DemoStep fork1 = named(steps, "fork").get(0);
    DemoStep fork2 = named(again, "fork").get(0);
    assertThat(open(fork2.der).event().get("seq").asLong()).isEqualTo(1);
    assertThat(open(fork2.der).event().get("signer"))
        .isNotEqualTo(open(fork1.der).event().get("signer"));
    assertThat(open(fork2.der).cert().getSubjectX500Principal())
        .isEqualTo(open(fork1.der).cert().getSubjectX500Principal());
    X509CRL secondCrl = crlOf(named(again, "crl").get(0));
    assertThat(secondCrl.isRevoked(open(named(steps, "field officer").get(0).der).cert())).isTrue();
    assertThat(secondCrl.isRevoked(open(named(again, "field officer").get(0).der).cert())).isTrue();
    assertThat(secondCrl.getRevokedCertificates()).hasSize(2);
  }

  @Test
  void forkIsTwoDifferentEventsOfOneSignerAtOneSeq() throws Exception {
    Path dir = tmp.resolve("fork");
    new DemoPki().generate(dir, "BALTIC-SHIELD", true);
    List<DemoStep> steps = scenario(dir, "sha256:a", "sha256:b", true);
    List<DemoStep> fork = named(steps, "fork");
    assertThat(fork).hasSize(2);
    Opened a = open(fork.get(0).der);
    Opened b = open(fork.get(1).der);
    assertThat(a.signatureValid()).isTrue();
    assertThat(b.signatureValid()).isTrue();
    assertThat(a.event().get("signer")).isEqualTo(b.event().get("signer"));
    assertThat(a.event().get("signer").asText()).isEqualTo(Pem.spkiHash(a.cert()));
    assertThat(a.event().get("seq")).isEqualTo(b.event().get("seq"));
    assertThat(a.event().get("prev")).isEqualTo(b.event().get("prev"));
    assertThat(a.event().get("mission")).isEqualTo(b.event().get("mission"));
    assertThat(eventId(fork.get(0))).isNotEqualTo(eventId(fork.get(1)));
    assertThat(a.event().get("body")).isNotEqualTo(b.event().get("body"));
    assertThat(a.cert().getSubjectX500Principal().getName()).startsWith("CN=JPN Clerk,");
    assertThat(a.cert()).isEqualTo(Pem.readCertificate(dir.resolve("JPN/clerk.pem")));
    assertThat(fork.get(0).mission).isEqualTo("NORDIC-GUARD");
    for (DemoStep s : fork) {
      assertThat(s.expectedOutcome).isEqualTo("evidence");
      assertThat(s.expectedReasons).containsExactly("chain-fork");
    }
    // the fork is not in the chain state: no later event continues from it
    assertThat(new ChainState(dir).last(a.event().get("signer").asText(), "BALTIC-SHIELD"))
        .isNull();
  }

  @Test
  void burstIsSentNewestFirstOverAmqp() throws Exception {
    Path dir = tmp.resolve("burst");
    new DemoPki().generate(dir, "BALTIC-SHIELD", true);
    List<DemoStep> burst = named(scenario(dir, "sha256:a", "sha256:b", true), "burst");
    assertThat(burst).hasSize(3);
    List<JsonNode> events = new ArrayList<>();
    for (DemoStep s : burst) {
      assertThat(s.viaAmqp).isTrue();
      assertThat(s.expectedOutcome).isEqualTo("admitted");
      events.add(open(s.der).event());
    }
    long n = events.get(2).get("seq").asLong();
    assertThat(events.get(1).get("seq").asLong()).isEqualTo(n + 1);
    assertThat(events.get(0).get("seq").asLong()).isEqualTo(n + 2);
    assertThat(events.get(0).get("prev").asText()).isEqualTo(eventId(burst.get(1)));
    assertThat(events.get(1).get("prev").asText()).isEqualTo(eventId(burst.get(2)));
    assertThat(events.stream().map(e -> e.get("signer").asText()).distinct()).hasSize(1);
    assertThat(burst.get(0).what).contains("seq " + (n + 2));
    // the chain state ends at n+2
    assertThat(new ChainState(dir).last(events.get(0).get("signer").asText(), "BALTIC-SHIELD"))
        .isEqualTo(new ChainState.Link(n + 2, eventId(burst.get(0))));
  }

  private static X509CRL crlOf(DemoStep s) throws Exception {
    JsonNode e = open(s.der).event();
    assertThat(e.get("type").asText()).isEqualTo("crl");
    return DemoPkiTest.parseCrl(Base64.getDecoder().decode(e.get("body").get("crl").asText()));
  }

  @Test
  void revocationSurroundsTheCrlWithTheFieldOfficersEvents() throws Exception {
    Path dir = tmp.resolve("revocation");
    new DemoPki().generate(dir, "BALTIC-SHIELD", true);
    List<DemoStep> steps = scenario(dir, "sha256:a", "sha256:b", true);
    List<DemoStep> officer = named(steps, "field officer");
    assertThat(officer).hasSize(2);
    DemoStep crlStep = named(steps, "crl").get(0);
    assertThat(steps.indexOf(officer.get(0))).isLessThan(steps.indexOf(crlStep));
    assertThat(steps.indexOf(crlStep)).isLessThan(steps.indexOf(officer.get(1)));
    Opened before = open(officer.get(0).der);
    Opened after = open(officer.get(1).der);
    assertThat(before.signatureValid()).isTrue();
    assertThat(after.signatureValid()).isTrue();
    assertThat(before.cert()).isEqualTo(after.cert());
    assertThat(before.cert().getSubjectX500Principal().getName())
        .startsWith("CN=POL Field Officer,");
    assertThat(after.event().get("seq").asLong()).isEqualTo(before.event().get("seq").asLong() + 1);
    assertThat(after.event().get("prev").asText()).isEqualTo(eventId(officer.get(0)));
    assertThat(officer.get(0).expectedOutcome).isEqualTo("admitted");
    assertThat(officer.get(1).expectedOutcome).isEqualTo("void");
    assertThat(officer.get(1).expectedReasons).containsExactly("revoked");
    assertThat(crlStep.expectedOutcome).isEqualTo("admitted");

    // the CRL: signed by POL's national root CA (the trust anchor), listing the field officer
    X509Certificate polCa = Pem.readCertificate(dir.resolve("POL/ca.pem"));
    X509CRL crl = crlOf(crlStep);
    crl.verify(polCa.getPublicKey(), Pem.BC);
    assertThat(crl.getIssuerX500Principal()).isEqualTo(polCa.getSubjectX500Principal());
    before.cert().verify(polCa.getPublicKey(), Pem.BC);
    assertThat(crl.getRevokedCertificate(before.cert())).isNotNull();
    assertThat(crl.getRevokedCertificates()).hasSize(1);
    Instant revoked = crl.getRevokedCertificate(before.cert()).getRevocationDate().toInstant();
    Instant issuedBefore = Instant.parse(before.event().get("issued").asText());
    Instant issuedAfter = Instant.parse(after.event().get("issued").asText());
    assertThat(issuedBefore).isBefore(revoked);
    assertThat(issuedAfter).isAfter(revoked);
    // honest times: none lies in the future
    assertThat(issuedAfter).isBeforeOrEqualTo(Instant.now());
    // the CRL is delivered by another POL credential, granted in the genesis
    Opened delivery = open(crlStep.der);
    assertThat(delivery.signatureValid()).isTrue();
    assertThat(delivery.cert().getSubjectX500Principal().getName())
        .startsWith("CN=POL Mission Authority,");
  }

  @Test
  void labelledContributionsAndReferencesMeetTheCompositeRuleAsExpected() throws Exception {
    Path dir = tmp.resolve("labels");
    new DemoPki().generate(dir, "BALTIC-SHIELD", true);
    JsonNode a = EventJson.parse(Pem.readSmallFile(dir.resolve("genesis.json")), "a");
    JsonNode b = EventJson.parse(Pem.readSmallFile(DemoPki.secondGenesis(dir)), "b");
    List<String> membersA = new ArrayList<>();
    a.get("members").forEach(m -> membersA.add(m.get("id").asText()));
    List<String> membersB = new ArrayList<>();
    b.get("members").forEach(m -> membersB.add(m.get("id").asText()));
    List<DemoStep> steps = scenario(dir, "sha256:a", "sha256:b", true);
    List<DemoStep> labelled = named(steps, "label:");
    List<DemoStep> refs = named(steps, "references");
    assertThat(labelled).hasSize(2);
    assertThat(refs).hasSize(2);
    LabelPolicy policy = LabelPolicy.defaults();
    ConfidentialityLabel postureA = label(a.get("posture"));
    ConfidentialityLabel postureB = label(b.get("posture"));
    for (int i = 0; i < 2; i++) {
      JsonNode inA = open(labelled.get(i).der).event();
      assertThat(inA.get("mission").asText()).isEqualTo("BALTIC-SHIELD");
      ConfidentialityLabel l = label(inA.get("label"));
      assertThat(policy.spif().validate(l).valid()).isTrue();
      assertThat(policy.admissible(l, postureA, membersA).admitted()).isTrue();
      assertThat(labelled.get(i).expectedOutcome).isEqualTo("admitted");

      DemoStep ref = refs.get(i);
      JsonNode inB = open(ref.der).event();
      assertThat(inB.get("mission").asText()).isEqualTo("NORDIC-GUARD");
      assertThat(inB.get("type").asText()).isEqualTo("contribution");
      assertThat(inB.has("label")).isFalse();
      JsonNode references = inB.get("body").get("references");
      assertThat(references).hasSize(1);
      assertThat(references.get(0).get("mission").asText()).isEqualTo("BALTIC-SHIELD");
      assertThat(references.get(0).get("event").asText()).isEqualTo(eventId(labelled.get(i)));
      PostureDecision composite = policy.referenceAdmissible(l, postureB, membersB);
      if (i == 0) {
        assertThat(inA.get("label").get("categories").get(0).get("values").toString())
            .isEqualTo("[\"NATO\"]");
        assertThat(composite.admitted()).isFalse();
        assertThat(composite.sentence()).contains("JPN");
        assertThat(ref.expectedOutcome).isEqualTo("rejected");
        assertThat(ref.expectedReasons).containsExactly("reference-not-admissible");
        assertThat(ref.expected()).contains("naming JPN");
      } else {
        assertThat(composite.admitted()).isTrue();
        assertThat(ref.expectedOutcome).isEqualTo("admitted");
        assertThat(open(ref.der).cert().getSubjectX500Principal().getName()).endsWith(",C=JP");
      }
    }
    // the refused reference does not enter its signer's chain state
    String polSpki = DemoCredential.load(dir, "POL", "approving-authority").spki();
    JsonNode refused = open(refs.get(0).der).event();
    assertThat(new ChainState(dir).last(polSpki, "NORDIC-GUARD").seq())
        .isEqualTo(refused.get("seq").asLong() - 1);
  }

  @Test
  void aStepNamingAMemberNeedsItInTheReason() {
    DemoStep s =
        new DemoStep("M", "x", "POL x", false, new byte[] {1}, "rejected", List.of("r"), false)
            .naming("JPN");
    s.outcome = "rejected";
    s.reasonCode = "r";
    s.reason = "referenced event: not releasable to FRA";
    assertThat(s.asExpected()).isFalse();
    s.reason = "referenced event: not releasable to JPN";
    assertThat(s.asExpected()).isTrue();
    s.reasonCode = "other";
    assertThat(s.asExpected()).isFalse();
  }

  @Test
  void demoRunsAgainstAServerAndComparesOutcomes() throws Exception {
    Map<String, String> outcomes = new ConcurrentHashMap<>();
    Map<String, String> missionOf = new ConcurrentHashMap<>();
    List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
    Map<String, byte[]> genesisSeen = new ConcurrentHashMap<>();
    try (FakeServer server =
        new FakeServer(
            r -> {
              if (r.path().equals("/quorate/api/health")) {
                return new FakeServer.Response(200, "{\"status\":\"up\"}");
              }
              if (r.method().equals("POST") && r.path().equals("/quorate/api/missions")) {
                String m = EventJson.parse(r.body(), "genesis").get("mission").asText();
                boolean again = genesisSeen.put(m, r.body()) != null;
                return new FakeServer.Response(
                    again ? 200 : 201,
                    "{\"mission\":\""
                        + m
                        + "\",\"genesisId\":\""
                        + Pem.sha256Id(r.body())
                        + "\",\"status\":\"pending\"}");
              }
              if (r.method().equals("POST") && r.path().equals("/quorate/api/contributions")) {
                String id = Pem.sha256Id(r.body());
                // this stand-in admits everything; the proposal is "held" at first
                JsonNode e = EventJson.parse(CmsSigning.content(r.body()), "c");
                String type = e.get("type").asText();
                String outcome =
                    outcomes.containsKey(id)
                        ? "duplicate"
                        : type.equals("proposal") ? "held" : "admitted";
                outcomes.putIfAbsent(id, "admitted");
                missionOf.putIfAbsent(id, e.get("mission").asText());
                order.add(id);
                return new FakeServer.Response(
                    200,
                    "{\"eventId\":null,\"inputId\":\""
                        + id
                        + "\",\"outcome\":\""
                        + outcome
                        + "\",\"reasonCode\":null,\"reason\":null}");
              }
              if (r.path().startsWith("/quorate/api/missions/")
                  && r.path().contains("/contributions")) {
                String m = r.path().split("/")[4];
                StringBuilder b = new StringBuilder("[");
                for (Map.Entry<String, String> e : outcomes.entrySet()) {
                  if (!m.equals(missionOf.get(e.getKey()))) {
                    continue;
                  }
                  b.append(b.length() > 1 ? "," : "")
                      .append("{\"inputId\":\"")
                      .append(e.getKey())
                      .append("\",\"outcome\":\"")
                      .append(e.getValue())
                      .append("\",\"reasonCode\":null}");
                }
                return new FakeServer.Response(200, b.append(']').toString());
              }
              return new FakeServer.Response(404, "{}");
            })) {
      Path dir = tmp.resolve("run");
      String env = FakeServer.someEnvironmentVariable();
      Cli.Result r =
          Cli.run(
              "demo",
              "--url",
              server.url(),
              "--dir",
              dir.toString(),
              "--password-env",
              env,
              "--timeout",
              "10");
      assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(DemoCommand.MISMATCH);
      assertThat(genesisSeen.get("BALTIC-SHIELD"))
          .isEqualTo(Pem.readSmallFile(dir.resolve("genesis.json")));
      assertThat(genesisSeen.get("NORDIC-GUARD"))
          .isEqualTo(Pem.readSmallFile(dir.resolve("genesis-NORDIC-GUARD.json")));
      assertThat(order).hasSize(51);
      assertThat(missionOf.values().stream().filter("NORDIC-GUARD"::equals)).hasSize(6);
      FakeServer.Request put =
          server.requests("PUT", "/quorate/api/missions/BALTIC-SHIELD/node-credential").get(0);
      JsonNode credential = EventJson.parse(put.body(), "node credential");
      assertThat(credential.get("certificate").asText())
          .isEqualTo(java.nio.file.Files.readString(dir.resolve("POL/node.pem")));
      assertThat(credential.get("privateKey").asText()).startsWith("-----BEGIN PRIVATE KEY-----");
      assertThat(put.contentType()).isEqualTo("application/json");
      assertThat(r.out()).contains("note     node credential not installed (HTTP 404");
      assertThat(server.requests("PUT", "/quorate/api/clearances/"))
          .extracting(FakeServer.Request::path)
          .containsExactlyInAnyOrder(
              "/quorate/api/clearances/operator", "/quorate/api/clearances/auditor");
      assertThat(
              new String(
                  server.requests("PUT", "/quorate/api/clearances/auditor").get(0).body(),
                  StandardCharsets.UTF_8))
          .startsWith("[")
          .contains("\"SECRET\"", "Releasable To");
      assertThat(server.requests("GET", "/quorate/api/missions/BALTIC-SHIELD/contributions"))
          .isNotEmpty();
      // the stand-in admits all: the fork, the revoked event, the refused reference and the five
      // invalid inputs differ
      assertThat(r.out())
          .contains("mission  BALTIC-SHIELD created")
          .contains("mission  NORDIC-GUARD created")
          .contains("portal   " + server.url() + "/missions.xhtml");
      // without --amqp every step goes by REST: the replay resends the first concur, step 10
      assertStepRows(r.out(), renamed(SCENARIO, Map.of("replay of step 11", "replay of step 10")));
      assertCheckRows(r.out());
      assertThat(r.out().lines().filter(l -> l.contains("duplicate") && l.endsWith("ok")))
          .hasSize(1);

      Cli.Result again =
          Cli.run(
              "demo",
              "--url",
              server.url(),
              "--dir",
              dir.toString(),
              "--password-env",
              env,
              "--timeout",
              "10");
      assertThat(again.out())
          .contains("reusing the demo PKI")
          .contains("mission  BALTIC-SHIELD already loaded (same genesis)")
          .contains("mission  NORDIC-GUARD already loaded (same genesis)");
      // the second run continues LVA's chain (the burst is seq 4 to 6)
      assertStepRows(
          again.out(),
          renamed(
              SCENARIO,
              Map.of(
                  "replay of step 11", "replay of step 10",
                  "burst: seq 3 (sent first)", "burst: seq 6 (sent first)",
                  "burst: seq 2", "burst: seq 5",
                  "burst: seq 1", "burst: seq 4")));
      assertThat(order).hasSize(102);
      assertThat(java.util.Set.copyOf(order)).hasSize(100);

      // a demo PKI of the layout before the fork and revocation steps is refused with a hint
      java.nio.file.Files.delete(dir.resolve("LTU/clerk.pem"));
      Cli.Result old =
          Cli.run(
              "demo",
              "--url",
              server.url(),
              "--dir",
              dir.toString(),
              "--password-env",
              env,
              "--timeout",
              "10");
      assertThat(old.exitCode()).isEqualTo(1);
      assertThat(old.err()).contains("predates").contains("--mission NEW-NAME");
      assertThat(order).hasSize(102);
    }
  }
}
