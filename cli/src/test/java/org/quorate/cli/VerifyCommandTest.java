package org.quorate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quorate.core.audit.AuditBundle;
import org.quorate.core.audit.AuditScenario;
import org.quorate.core.testing.TestPki;
import picocli.CommandLine;

class VerifyCommandTest {
  private static AuditScenario s;
  private static byte[] zip;

  @TempDir Path dir;

  @BeforeAll
  static void scenario() throws Exception {
    s = AuditScenario.adoptedWithDissent();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    s.bundle(s.named.get("proposal")).writeZip(out);
    zip = out.toByteArray();
  }

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = QuorateCli.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private Path write(byte[] bytes) throws Exception {
    Path f = dir.resolve("bundle.zip");
    Files.write(f, bytes);
    return f;
  }

  @Test
  void aGoodBundleVerifiesAndItsReconstructionIsPrinted() throws Exception {
    Run r = run("verify", write(zip).toString());

    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .contains("mission   BALTIC-SHIELD")
        .contains("proposal  " + s.named.get("proposal") + " \"Open the northern corridor\"")
        .contains(
            "policy    operational, epoch 0: votingRole approving-authority, threshold 2/3 of members")
        .contains("DEU as approving-authority")
        .contains("\"Insufficient air cover.\"")
        .contains("state     adopted final 3/1/0 T=3")
        .contains("decision  " + s.named.get("decision"))
        .contains("result    VERIFIED");
    // One row per event, with its outcome and the state after it.
    assertThat(r.out().lines().filter(l -> l.matches("\\d+ +attestation .*")))
        .hasSize(5)
        .allSatisfy(l -> assertThat(l).contains("admitted"));
    assertThat(r.out().lines().filter(l -> l.matches("\\d+ +decision .*")))
        .singleElement()
        .satisfies(l -> assertThat(l).contains("node").contains("adopted final"));
  }

  @Test
  void jsonReportHasEveryCheckAndTheReconstruction() throws Exception {
    Run r = run("verify", "--json", write(zip).toString());

    assertThat(r.code()).isZero();
    JsonNode j = new JsonMapper().readTree(r.out());
    assertThat(j.path("passed").asBoolean()).isTrue();
    assertThat(j.path("checks").size()).isGreaterThan(30);
    JsonNode rc = j.path("reconstruction");
    assertThat(rc.path("proposalId").asText()).isEqualTo(s.named.get("proposal"));
    assertThat(rc.path("events").size()).isEqualTo(11);
    assertThat(rc.path("finalState").path("status").asText()).isEqualTo("adopted");
    assertThat(rc.path("finalState").path("counts").path("concur").asInt()).isEqualTo(3);
    assertThat(rc.path("dissents").get(0).path("member").asText()).isEqualTo("DEU");
    assertThat(rc.path("policy").path("threshold").path("fraction").asText()).isEqualTo("2/3");
    assertThat(rc.path("events").get(5).path("lineage").path("pathSubjects").size()).isEqualTo(2);
  }

  @Test
  void aTamperedBundleExitsNonZeroWithTheReason() throws Exception {
    Map<String, byte[]> files =
        new LinkedHashMap<>(AuditBundle.readZip(new ByteArrayInputStream(zip)).files());
    String victim =
        files.keySet().stream()
            .filter(k -> k.endsWith("-attestation.p7m"))
            .findFirst()
            .orElseThrow();
    byte[] der = files.get(victim).clone();
    der[der.length - 3] ^= 1; // inside the signature
    files.put(victim, der);
    Run r = run("verify", write(zip(files)).toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .contains("the bundle does not verify")
        .contains("manifest " + victim + ": manifest-mismatch");
    assertThat(r.out()).contains("FAIL").contains("result    FAILED");
  }

  @Test
  void pinnedAnchorsAreEnforced() throws Exception {
    Path bundle = write(zip);
    List<String> args = new ArrayList<>(List.of("verify", bundle.toString()));
    for (String m : List.of("POL", "LTU", "LVA")) {
      args.add("--anchor-sha256");
      args.add(sha256(s.cas.get(m).certificate().getEncoded()));
    }
    Run r = run(args.toArray(String[]::new));
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("anchor-not-pinned").contains("CN=DEU Root CA");

    Path deu = dir.resolve("deu.pem");
    Files.writeString(deu, s.cas.get("DEU").pem());
    args.add("--anchor");
    args.add(deu.toString());
    Run ok = run(args.toArray(String[]::new));
    assertThat(ok.code()).isZero();
    assertThat(ok.out()).contains("VERIFIED");

    Run bad = run("verify", bundle.toString(), "--anchor-sha256", "xyz");
    assertThat(bad.code()).isNotZero();
    assertThat(bad.err()).contains("not a SHA-256");
  }

  @Test
  void somethingThatIsNoBundleIsAClearFailure() throws Exception {
    Run r = run("verify", write(TestPki.utf8("not a zip")).toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("not-a-zip").doesNotContain("Exception");

    Run missing = run("verify", dir.resolve("absent.zip").toString());
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).contains("no such file");
  }

  static byte[] zip(Map<String, byte[]> files) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        z.putNextEntry(new java.util.zip.ZipEntry(f.getKey()));
        z.write(f.getValue());
        z.closeEntry();
      }
    }
    return out.toByteArray();
  }

  static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }
}
