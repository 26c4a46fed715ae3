package org.quorate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quorate.core.log.InMemoryNodeStore;
import org.quorate.core.log.LogEntry;
import org.quorate.core.log.MerkleLog;
import org.quorate.core.log.OutcomeCode;
import org.quorate.core.log.Rfc9162Hasher;
import org.quorate.core.log.SignedTreeHead;
import org.quorate.core.node.NodeCredential;

/**
 * {@code quorate log sth|inclusion|consistency} against an in-test node that serves a real RFC 9162
 * log and heads signed with a demo node credential: good proofs verify, a tampered proof, root or
 * signature makes the command fail with a non-zero exit.
 */
class LogCommandTest {
  private static final JsonMapper JSON = new JsonMapper();
  private static final HexFormat HEX = HexFormat.of();
  private static final String M = "LOG-CLI";

  @TempDir Path tmp;

  private Path anchor;
  private NodeCredential node;
  private final MerkleLog log = new MerkleLog(new InMemoryNodeStore());
  private final List<byte[]> entries = new ArrayList<>();
  private final Map<Long, ObjectNode> heads = new TreeMap<>();

  @BeforeEach
  void makeLogAndHeads() throws Exception {
    Path pki = tmp.resolve("pki");
    new DemoPki().generate(pki, M, false);
    anchor = pki.resolve("POL").resolve("ca.pem");
    node =
        NodeCredential.fromPem(
            Files.readString(pki.resolve("POL").resolve("node.pem"), StandardCharsets.US_ASCII),
            Files.readString(pki.resolve("POL").resolve("node.key"), StandardCharsets.US_ASCII));
    for (int i = 0; i < 7; i++) {
      byte[] digest = Rfc9162Hasher.hashLeaf(new byte[] {(byte) i});
      byte[] entry = new LogEntry(i, digest, digest, OutcomeCode.fromCode(1 + i % 6)).encode();
      entries.add(entry);
      log.append(entry);
      if (i == 2 || i == 6) {
        heads.put(log.size(), head(log.size(), log.root()));
      }
    }
  }

  private ObjectNode head(long size, byte[] root) {
    SignedTreeHead h = new SignedTreeHead(M, size, root, Instant.now());
    ObjectNode o = JSON.createObjectNode();
    o.put("mission", M).put("size", size).put("root", h.rootHex());
    o.put("time", h.time().toString());
    o.put("sth", Base64.getEncoder().encodeToString(node.sign(h.content())));
    return o;
  }

  private FakeServer server(UnaryOperator<ObjectNode> tamper) throws Exception {
    String base = "/quorate/api/missions/" + M + "/log";
    return new FakeServer(
        r -> {
          try {
            String path = r.path();
            if (path.equals(base + "/sth")) {
              return ok(tamper.apply(heads.get(7L).deepCopy()));
            }
            if (path.equals(base + "/sth/history")) {
              ArrayNode a = JSON.createArrayNode();
              heads.values().forEach(h -> a.add(tamper.apply(h.deepCopy())));
              return new FakeServer.Response(200, JSON.writeValueAsString(a));
            }
            Map<String, Long> q = query(path);
            if (path.startsWith(base + "/inclusion")) {
              long index = q.get("index");
              ObjectNode o = JSON.createObjectNode();
              o.put("entry", HEX.formatHex(entries.get((int) index)));
              o.put("leafHash", HEX.formatHex(log.leafHash(index)));
              ArrayNode p = o.putArray("auditPath");
              log.inclusionProof(index, q.get("size")).forEach(h -> p.add(HEX.formatHex(h)));
              return ok(tamper.apply(o));
            }
            if (path.startsWith(base + "/consistency")) {
              ObjectNode o = JSON.createObjectNode();
              ArrayNode p = o.putArray("proof");
              log.consistencyProof(q.get("from"), q.get("to"))
                  .forEach(h -> p.add(HEX.formatHex(h)));
              return ok(tamper.apply(o));
            }
            return new FakeServer.Response(404, "{\"reasonCode\":\"unknown\",\"reason\":\"no\"}");
          } catch (Exception e) {
            return new FakeServer.Response(500, "{}");
          }
        });
  }

  private static FakeServer.Response ok(ObjectNode o) {
    return new FakeServer.Response(200, o.toString());
  }

  private static Map<String, Long> query(String path) {
    Map<String, Long> q = new TreeMap<>();
    int at = path.indexOf('?');
    if (at >= 0) {
      for (String kv : path.substring(at + 1).split("&")) {
        String[] p = kv.split("=", 2);
        q.put(p[0], Long.parseLong(p[1]));
      }
    }
    return q;
  }

  private Cli.Result run(FakeServer s, String... args) {
    List<String> all = new ArrayList<>(List.of("log"));
    all.addAll(List.of(args));
    all.addAll(
        List.of(
            "--url",
            s.url(),
            "--mission",
            M,
            "--password-env",
            FakeServer.someEnvironmentVariable()));
    return Cli.run(all.toArray(String[]::new));
  }

  @Test
  void sthVerifiesWithItsAnchor() throws Exception {
    try (FakeServer s = server(o -> o)) {
      Cli.Result r = run(s, "sth", "--anchor", anchor.toString());
      assertThat(r.exitCode()).as(r.err()).isZero();
      assertThat(r.out()).contains("size:   7").contains("VERIFIED").contains("path to");
      assertThat(s.requests.get(0).authorization()).startsWith("Basic ");
    }
  }

  @Test
  void everyEntryIsProvedIncludedInBothHeads() throws Exception {
    try (FakeServer s = server(o -> o)) {
      for (int i = 0; i < 7; i++) {
        Cli.Result r = run(s, "inclusion", "--index", Integer.toString(i));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("VERIFIED: entry " + i + " is in the tree of size 7");
      }
      Cli.Result r = run(s, "inclusion", "--index", "1", "--size", "3");
      assertThat(r.exitCode()).as(r.err()).isZero();
      assertThat(r.out()).contains("in the tree of size 3");
    }
  }

  @Test
  void consistencyBetweenTheTwoHeadsVerifies() throws Exception {
    try (FakeServer s = server(o -> o)) {
      Cli.Result r = run(s, "consistency", "--from", "3", "--to", "7");
      assertThat(r.exitCode()).as(r.err()).isZero();
      assertThat(r.out()).contains("VERIFIED: the tree of size 7 extends the tree of size 3");
    }
  }

  @Test
  void aTamperedAuditPathFails() throws Exception {
    try (FakeServer s =
        server(
            o -> {
              if (o.has("auditPath")) {
                ArrayNode p = (ArrayNode) o.get("auditPath");
                p.set(0, HEX.formatHex(new byte[32]));
              }
              return o;
            })) {
      Cli.Result r = run(s, "inclusion", "--index", "4");
      assertThat(r.exitCode()).isEqualTo(1);
      assertThat(r.err()).contains("NOT VERIFIED").contains("ROOT_MISMATCH");
    }
  }

  @Test
  void aTamperedConsistencyProofFails() throws Exception {
    try (FakeServer s =
        server(
            o -> {
              if (o.has("proof")) {
                ((ArrayNode) o.get("proof")).remove(0);
              }
              return o;
            })) {
      Cli.Result r = run(s, "consistency", "--from", "3", "--to", "7");
      assertThat(r.exitCode()).isEqualTo(1);
      assertThat(r.err()).contains("NOT VERIFIED").contains("WRONG_PROOF_SIZE");
    }
  }

  @Test
  void aRootThatIsNotTheSignedOneFails() throws Exception {
    try (FakeServer s =
        server(o -> o.has("root") ? o.put("root", HEX.formatHex(new byte[32])) : o)) {
      Cli.Result r = run(s, "sth");
      assertThat(r.exitCode()).isEqualTo(1);
      assertThat(r.err()).contains("differ from the signed ones");
    }
  }

  @Test
  void aBrokenSignatureFails() throws Exception {
    try (FakeServer s =
        server(
            o -> {
              if (o.has("sth")) {
                byte[] der = Base64.getDecoder().decode(o.get("sth").asText());
                der[der.length - 5] ^= 1;
                o.put("sth", Base64.getEncoder().encodeToString(der));
              }
              return o;
            })) {
      Cli.Result r = run(s, "sth");
      assertThat(r.exitCode()).isEqualTo(1);
      assertThat(r.err()).contains("CMS signature does not verify");
    }
  }

  @Test
  void aForeignAnchorFails() throws Exception {
    Path other = tmp.resolve("other");
    new DemoPki().generate(other, M, false);
    try (FakeServer s = server(o -> o)) {
      Cli.Result r = run(s, "sth", "--anchor", other.resolve("POL").resolve("ca.pem").toString());
      assertThat(r.exitCode()).isEqualTo(1);
      assertThat(r.err()).contains("has no valid path");
    }
  }
}
