package org.quorate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code quorate propose}, {@code attest} and {@code declare-quorum} (SPEC §1 bodies). */
class CoordinationCommandsTest {
  @TempDir static Path tmp;
  static Path pki;

  private static final String PROPOSAL =
      "sha256:1111111111111111111111111111111111111111111111111111111111111111";

  @BeforeAll
  static void demoPki() {
    pki = tmp.resolve("pki");
    new DemoPki().generate(pki, "BALTIC-SHIELD", true);
  }

  private static String[] signing(Path dir, String member, String credential, String... rest) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "--dir",
                dir.toString(),
                "--key",
                pki.resolve(member + "/" + credential + ".key").toString(),
                "--cert",
                pki.resolve(member + "/" + credential + ".pem").toString(),
                "--mission",
                "BALTIC-SHIELD",
                "--member",
                member));
    args.addAll(List.of(rest));
    return args.toArray(String[]::new);
  }

  private static String[] cmd(String name, String[] signing, String... more) {
    String[] out = new String[1 + signing.length + more.length];
    out[0] = name;
    System.arraycopy(signing, 0, out, 1, signing.length);
    System.arraycopy(more, 0, out, 1 + signing.length, more.length);
    return out;
  }

  private static JsonNode content(Path der) throws Exception {
    return EventJson.parse(CmsSigning.content(Files.readAllBytes(der)), der.toString());
  }

  @Test
  void proposeThenAttestChainsTheSignersEventsAndWritesSpecBodies() throws Exception {
    Path state = tmp.resolve("chain-ok");
    Path p = tmp.resolve("proposal.p7m");
    Cli.Result r =
        Cli.run(
            cmd(
                "propose",
                signing(state, "POL", "approving-authority", "--out", p.toString()),
                "--title",
                "Open corridor C"));
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode proposal = content(p);
    assertThat(proposal.path("type").asText()).isEqualTo("proposal");
    assertThat(proposal.path("seq").asLong()).isEqualTo(1);
    assertThat(proposal.path("body").path("policy").asText()).isEqualTo("operational");
    assertThat(proposal.path("body").path("text").asText()).isEqualTo("Open corridor C");
    assertThat(proposal.path("body").get("action").isNull()).isTrue();
    String proposalId = Pem.sha256Id(CmsSigning.content(Files.readAllBytes(p)));
    assertThat(r.out()).contains("proposal " + proposalId);

    Path a = tmp.resolve("attestation.p7m");
    Cli.Result att =
        Cli.run(
            cmd(
                "attest",
                signing(state, "POL", "approving-authority", "--out", a.toString()),
                "--proposal",
                proposalId,
                "--verdict",
                "dissent",
                "--rationale",
                "Escort capacity"));
    assertThat(att.exitCode()).as(att.err()).isZero();
    JsonNode e = content(a);
    assertThat(e.path("seq").asLong()).isEqualTo(2);
    assertThat(e.path("prev").asText()).isEqualTo(proposalId);
    JsonNode body = e.path("body");
    assertThat(body.path("proposal").asText()).isEqualTo(proposalId);
    assertThat(body.path("role").asText()).isEqualTo("approving-authority");
    assertThat(body.path("verdict").asText()).isEqualTo("dissent");
    assertThat(body.path("rationale").asText()).isEqualTo("Escort capacity");
    assertThat(body.get("supersedes").isNull()).isTrue();

    Path d = tmp.resolve("declaration.p7m");
    Cli.Result decl =
        Cli.run(
            cmd(
                "declare-quorum",
                signing(state, "POL", "mission-authority", "--out", d.toString()),
                "--proposal",
                proposalId,
                "--reachable",
                "POL,LTU,LVA",
                "--unreachable",
                "EST",
                "--reason",
                "link down"));
    assertThat(decl.exitCode()).as(decl.err()).isZero();
    JsonNode db = content(d).path("body");
    assertThat(db.path("reachable").toString()).isEqualTo("[\"POL\",\"LTU\",\"LVA\"]");
    assertThat(db.path("unreachable").toString()).isEqualTo("[\"EST\"]");
    assertThat(content(d).path("type").asText()).isEqualTo("quorum-declaration");
  }

  @Test
  void dissentWithoutRationaleAndOverlappingPartitionAreRefused() {
    Path state = tmp.resolve("chain-refused");
    Cli.Result r =
        Cli.run(
            cmd(
                "attest",
                signing(state, "LTU", "approving-authority", "--out", "x.p7m"),
                "--proposal",
                PROPOSAL,
                "--verdict",
                "dissent"));
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains("a dissent needs --rationale");
    Cli.Result overlap =
        Cli.run(
            cmd(
                "declare-quorum",
                signing(state, "POL", "mission-authority", "--out", "y.p7m"),
                "--proposal",
                PROPOSAL,
                "--reachable",
                "POL,LTU",
                "--unreachable",
                "LTU",
                "--reason",
                "r"));
    assertThat(overlap.exitCode()).isNotZero();
    assertThat(overlap.err()).contains("LTU is named both reachable and unreachable");
  }

  @Test
  void rejectedSubmissionDoesNotAdvanceTheChain() throws Exception {
    Path state = tmp.resolve("chain-rest");
    String rejected =
        "{\"eventId\":\"sha256:e\",\"inputId\":\"sha256:i\",\"outcome\":\"rejected\","
            + "\"reasonCode\":\"role-not-granted\",\"reason\":\"No.\"}";
    try (FakeServer server = new FakeServer(q -> new FakeServer.Response(200, rejected))) {
      String[] args =
          cmd(
              "attest",
              signing(state, "LTU", "approving-authority", "--rest", server.url()),
              "--proposal",
              PROPOSAL,
              "--verdict",
              "concur");
      Cli.Result first = Cli.run(args);
      assertThat(first.exitCode()).isEqualTo(1);
      assertThat(first.out()).contains("rejected (role-not-granted)").contains("reuses seq 1");
      Cli.Result second = Cli.run(args);
      assertThat(second.out()).contains("(seq 1)");
      List<FakeServer.Request> posts = server.requests("POST", "/quorate/api/contributions");
      assertThat(posts).hasSize(2);
      assertThat(posts.get(0).contentType()).isEqualTo("application/pkcs7-mime");
      JsonNode sent = EventJson.parse(CmsSigning.content(posts.get(1).body()), "post");
      assertThat(sent.path("seq").asLong()).isEqualTo(1);
      assertThat(sent.path("body").path("verdict").asText()).isEqualTo("concur");
    }
  }
}
