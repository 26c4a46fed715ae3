package org.quorate.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quorate.core.cms.OpenSsl;
import org.quorate.core.reason.BundleFormatCode;

class AuditBundleTest {
  private static AuditScenario s;
  private static AuditBundle bundle;
  private static byte[] zip;

  @TempDir Path dir;

  @BeforeAll
  static void scenario() throws IOException {
    s = AuditScenario.adoptedWithDissent();
    bundle = s.bundle(s.named.get("proposal"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    bundle.writeZip(out);
    zip = out.toByteArray();
  }

  @Test
  void theLayoutIsSpecSection5() throws Exception {
    AuditBundle b = AuditBundle.readZip(new ByteArrayInputStream(zip));
    assertThat(b.files().keySet())
        .startsWith("manifest.json", "genesis.json")
        .contains(
            "events/0001-genesis-endorsement.p7m",
            "events/0005-proposal.p7m",
            "events/0006-attestation.p7m",
            "events/0011-decision.p7m",
            "anchors/POL-1.pem",
            "anchors/DEU-1.pem",
            "anchors/node.pem",
            "sth.p7m",
            "proofs.json",
            "policy.json");
    assertThat(b.files()).hasSize(2 + 11 + 5 + 3);
    assertThat(b.genesis()).isEqualTo(s.genesis);
    assertThat(b.proposalId()).isEqualTo(s.named.get("proposal"));
    assertThat(b.treeSize()).isEqualTo(s.log.size());
    assertThat(b.logRecords()).hasSize((int) s.log.size());
    assertThat(b.manifest()).hasSize(b.files().size() - 1);
    assertThat(b.manifest())
        .filteredOn(m -> m.path().equals("events/0005-proposal.p7m"))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.eventId()).isEqualTo(s.named.get("proposal"));
              assertThat(m.type()).isEqualTo("proposal");
            });
    assertThat(b.policy().path("name").asText()).isEqualTo("operational");
    assertThat(b.policy().path("policy").path("votingRole").asText())
        .isEqualTo(AuditScenario.VOTING);
    // Bytes survive the round trip exactly.
    for (Map.Entry<String, byte[]> f : bundle.files().entrySet()) {
      assertThat(b.files().get(f.getKey())).as(f.getKey()).isEqualTo(f.getValue());
    }
    assertThat(new BundleVerifier(VerifyOptions.trustBundleAnchors()).verify(b).passed()).isTrue();
  }

  @Test
  void eachContributionAndTheTreeHeadVerifyWithOpenssl() throws Exception {
    AuditBundle b = AuditBundle.readZip(new ByteArrayInputStream(zip));
    for (Map.Entry<String, byte[]> f : b.files().entrySet()) {
      Path p = dir.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.write(p, f.getValue());
    }
    List<String> verified = new ArrayList<>();
    for (Map.Entry<String, byte[]> f : b.files().entrySet()) {
      String name = f.getKey();
      if (!name.endsWith(".p7m")) {
        continue;
      }
      String content = new String(SignedFiles.content(f.getValue()), StandardCharsets.UTF_8);
      // The anchor of the signer's member; the node (decisions, the tree head) is POL's.
      String member =
          name.equals("sth.p7m") || content.contains("\"type\":\"decision\"")
              ? "POL"
              : Tamper.json(content.getBytes(StandardCharsets.UTF_8)).path("member").asText();
      Path out = dir.resolve("out-" + verified.size());
      OpenSsl.run(
          dir,
          "cms",
          "-verify",
          "-binary",
          "-inform",
          "DER",
          "-in",
          name,
          "-CAfile",
          "anchors/" + member + "-1.pem",
          "-purpose",
          "any",
          "-out",
          out.toString());
      assertThat(Files.readAllBytes(out)).isEqualTo(SignedFiles.content(f.getValue()));
      verified.add(name);
    }
    assertThat(verified).hasSize(12).contains("sth.p7m");
    // And openssl refuses one under another member's anchor: the check is real.
    assertThatThrownBy(
            () ->
                OpenSsl.run(
                    dir,
                    "cms",
                    "-verify",
                    "-binary",
                    "-inform",
                    "DER",
                    "-in",
                    "events/0005-proposal.p7m",
                    "-CAfile",
                    "anchors/DEU-1.pem",
                    "-purpose",
                    "any",
                    "-out",
                    dir.resolve("refused").toString()))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void pathTraversalIsRefused() {
    for (String name :
        List.of(
            "../evil.p7m",
            "/etc/passwd",
            "events/../../x.p7m",
            "events\\0001-proposal.p7m",
            "notes.txt",
            "events/0001-proposal.p7m/..")) {
      byte[] z = zip(Map.of("manifest.json", new byte[] {'{', '}'}, name, new byte[] {1}));
      assertThatThrownBy(() -> AuditBundle.readZip(new ByteArrayInputStream(z)))
          .as(name)
          .isInstanceOf(BundleFormatException.class)
          .satisfies(
              e ->
                  assertThat(((BundleFormatException) e).reasonCode())
                      .isEqualTo(BundleFormatCode.PATH_NOT_ALLOWED));
    }
  }

  @Test
  void duplicateEntriesAreRefused() throws Exception {
    // ZipOutputStream refuses to write duplicates: write a twin name, then rename it in the bytes.
    Map<String, byte[]> files = new java.util.LinkedHashMap<>(bundle.files());
    files.put("genesis.jsoX", new byte[] {'{', '}'});
    byte[] z = zip(files);
    byte[] from = "genesis.jsoX".getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i + from.length <= z.length; i++) {
      if (java.util.Arrays.equals(z, i, i + from.length, from, 0, from.length)) {
        z[i + from.length - 1] = 'n';
      }
    }
    assertThatThrownBy(() -> AuditBundle.readZip(new ByteArrayInputStream(z)))
        .isInstanceOf(BundleFormatException.class)
        .hasMessageContaining("genesis.json")
        .satisfies(
            e ->
                assertThat(((BundleFormatException) e).reasonCode())
                    .isEqualTo(BundleFormatCode.DUPLICATE_ENTRY));
  }

  @Test
  void aCentralDirectoryThatDisagreesWithTheLocalHeadersIsRefused() {
    byte[] z = zip.clone();
    byte[] name = "policy.json".getBytes(StandardCharsets.US_ASCII);
    int last = -1;
    for (int i = 0; i + name.length <= z.length; i++) {
      if (java.util.Arrays.equals(z, i, i + name.length, name, 0, name.length)) {
        last = i;
      }
    }
    z[last + name.length - 1] = 'x'; // the central directory's copy of the name only
    assertThatThrownBy(() -> AuditBundle.readZip(new ByteArrayInputStream(z)))
        .isInstanceOf(BundleFormatException.class)
        .hasMessageContaining("central directory")
        .satisfies(
            e ->
                assertThat(((BundleFormatException) e).reasonCode())
                    .isEqualTo(BundleFormatCode.NOT_A_ZIP));
  }

  @Test
  void anEntryInflatingBeyondTheCapIsRefused() {
    byte[] big = new byte[(int) AuditBundle.MAX_ENTRY_BYTES + 1];
    byte[] z = zip(Map.of("genesis.json", big));
    assertThatThrownBy(() -> AuditBundle.readZip(new ByteArrayInputStream(z)))
        .isInstanceOf(BundleFormatException.class)
        .satisfies(
            e ->
                assertThat(((BundleFormatException) e).reasonCode())
                    .isEqualTo(BundleFormatCode.TOO_LARGE));
  }

  @Test
  void missingAndMalformedFilesAreRefused() {
    Map<String, byte[]> files = new java.util.LinkedHashMap<>(bundle.files());
    files.remove("sth.p7m");
    assertThatThrownBy(() -> AuditBundle.readZip(new ByteArrayInputStream(zip(files))))
        .isInstanceOf(BundleFormatException.class)
        .hasMessageContaining("sth.p7m");

    Map<String, byte[]> bad = new java.util.LinkedHashMap<>(bundle.files());
    bad.put("proofs.json", "{\"treeSize\":\"x\"}".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> AuditBundle.readZip(new ByteArrayInputStream(zip(bad))))
        .isInstanceOf(BundleFormatException.class)
        .satisfies(
            e ->
                assertThat(((BundleFormatException) e).reasonCode())
                    .isEqualTo(BundleFormatCode.MALFORMED_BUNDLE));

    assertThatThrownBy(
            () ->
                AuditBundle.readZip(
                    new ByteArrayInputStream("not a zip".getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(BundleFormatException.class)
        .satisfies(
            e ->
                assertThat(((BundleFormatException) e).reasonCode())
                    .isEqualTo(BundleFormatCode.NOT_A_ZIP));
    VerificationReport r =
        new BundleVerifier(VerifyOptions.trustBundleAnchors())
            .verifyZip(new ByteArrayInputStream(new byte[] {1, 2, 3}));
    assertThat(r.passed()).isFalse();
    assertThat(r.firstFailure().orElseThrow().reasonCode()).isEqualTo("not-a-zip");
  }

  private static byte[] zip(Map<String, byte[]> files) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (ZipOutputStream z = new ZipOutputStream(out)) {
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
          z.putNextEntry(new ZipEntry(f.getKey()));
          z.write(f.getValue());
          z.closeEntry();
        }
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
