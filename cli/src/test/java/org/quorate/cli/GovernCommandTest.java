package org.quorate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code quorate govern}: one SPEC §1 governance action per proposal, signed like propose. */
class GovernCommandTest {
  @TempDir static Path tmp;
  static Path pki;

  @BeforeAll
  static void demoPki() {
    pki = tmp.resolve("pki");
    new DemoPki().generate(pki, "BALTIC-SHIELD", true);
  }

  private static Cli.Result govern(Path out, String... action) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "govern",
                "--dir",
                tmp.resolve("chains").toString(),
                "--key",
                pki.resolve("POL/approving-authority.key").toString(),
                "--cert",
                pki.resolve("POL/approving-authority.pem").toString(),
                "--mission",
                "BALTIC-SHIELD",
                "--member",
                "POL",
                "--out",
                out.toString()));
    args.addAll(List.of(action));
    return Cli.run(args.toArray(String[]::new));
  }

  private static JsonNode body(Path der) throws Exception {
    return EventJson.parse(CmsSigning.content(Files.readAllBytes(der)), der.toString())
        .path("body");
  }

  @Test
  void admitMemberReadsTheMemberFileAndProposesUnderGovernance() throws Exception {
    Path member = tmp.resolve("jpn.json");
    String pem = Files.readString(pki.resolve("JPN/ca.pem"));
    Files.writeString(
        member,
        "{\"id\":\"JPN\",\"name\":\"Japan\",\"weight\":1,\"trustAnchors\":["
            + EventJson.MAPPER.writeValueAsString(pem)
            + "],\"grants\":[{\"subject\":\"CN=JPN AA\",\"roles\":[\"approving-authority\"]}]}");
    Path out = tmp.resolve("admit.p7m");
    Cli.Result r = govern(out, "--admit-member", member.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode b = body(out);
    assertThat(b.path("policy").asText()).isEqualTo("governance");
    assertThat(b.path("title").asText()).isEqualTo("admit-member JPN");
    assertThat(b.path("action").path("action").asText()).isEqualTo("admit-member");
    assertThat(b.path("action").path("member").path("trustAnchors").get(0).asText()).isEqualTo(pem);
    assertThat(r.out()).startsWith("proposal sha256:");
  }

  @Test
  void memberActionsNameTheMember() throws Exception {
    Path s = tmp.resolve("suspend.p7m");
    assertThat(govern(s, "--suspend-member", "DEU", "--title", "Suspend DEU").exitCode()).isZero();
    assertThat(body(s).path("action").toString())
        .isEqualTo("{\"action\":\"suspend-member\",\"member\":\"DEU\"}");
    assertThat(body(s).path("title").asText()).isEqualTo("Suspend DEU");
    Path w = tmp.resolve("withdraw.p7m");
    assertThat(govern(w, "--withdraw-member", "EST").exitCode()).isZero();
    assertThat(body(w).path("action").path("action").asText()).isEqualTo("withdraw-member");

    Path r = tmp.resolve("reinstate.p7m");
    assertThat(govern(r, "--reinstate-member", "DEU").exitCode()).isZero();
    assertThat(body(r).path("action").toString())
        .isEqualTo("{\"action\":\"reinstate-member\",\"member\":\"DEU\"}");
    assertThat(body(r).path("title").asText()).isEqualTo("reinstate-member DEU");
  }

  @Test
  void grantAndRevokeRoleBySubjectOrSpki() throws Exception {
    Path g = tmp.resolve("grant.p7m");
    assertThat(
            govern(g, "--grant-role", "LTU:legal-advisor,intelligence:CN=LTU Analyst,O=LT,C=LT")
                .exitCode())
        .isZero();
    assertThat(body(g).path("action").toString())
        .isEqualTo(
            "{\"action\":\"grant-role\",\"member\":\"LTU\",\"grant\":{\"subject\":\"CN=LTU"
                + " Analyst,O=LT,C=LT\",\"roles\":[\"legal-advisor\",\"intelligence\"]}}");
    Path v = tmp.resolve("revoke.p7m");
    String spki = "sha256:" + "AB".repeat(32);
    assertThat(govern(v, "--revoke-role", "POL:node:" + spki).exitCode()).isZero();
    assertThat(body(v).path("action").path("grant").path("spki").asText())
        .isEqualTo(spki.toLowerCase(java.util.Locale.ROOT));
  }

  @Test
  void postureAndPolicyComeFromFiles() throws Exception {
    Path label = tmp.resolve("label.json");
    Files.writeString(label, "{\"policy\":\"NATO\",\"classification\":\"SECRET\"}");
    Path p = tmp.resolve("posture.p7m");
    assertThat(govern(p, "--change-posture", label.toString()).exitCode()).isZero();
    assertThat(body(p).path("action").path("label").path("classification").asText())
        .isEqualTo("SECRET");
    Path none = tmp.resolve("none.p7m");
    assertThat(govern(none, "--change-posture", "none").exitCode()).isZero();
    assertThat(body(none).path("action").get("label").isNull()).isTrue();
    Path policy = tmp.resolve("policy.json");
    Files.write(policy, EventJson.bytes(DemoPki.operationalPolicy()));
    Path d = tmp.resolve("policy.p7m");
    assertThat(govern(d, "--declare-policy", policy.toString()).exitCode()).isZero();
    assertThat(body(d).path("action").path("policy").path("name").asText())
        .isEqualTo("operational");
  }

  @Test
  void rotateTrustAnchorAddsPemAndRemovesByHash() throws Exception {
    Path r = tmp.resolve("rotate.p7m");
    byte[] der = Pem.readCertificate(pki.resolve("POL/ca.pem")).getEncoded();
    String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    Cli.Result res =
        govern(
            r,
            "--rotate-trust-anchor",
            "POL",
            "--add-anchor",
            pki.resolve("JPN/ca.pem").toString(),
            "--remove-anchor",
            hash);
    assertThat(res.exitCode()).as(res.err()).isZero();
    JsonNode a = body(r).path("action");
    assertThat(a.path("add").get(0).asText()).startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(a.path("remove").get(0).asText()).isEqualTo("sha256:" + hash);
  }

  @Test
  void exactlyOneActionAndWellFormedValues() throws Exception {
    Path x = tmp.resolve("x.p7m");
    Cli.Result none = govern(x);
    assertThat(none.exitCode()).isNotZero();
    assertThat(none.err()).contains("Missing required argument");
    Cli.Result two = govern(x, "--suspend-member", "DEU", "--withdraw-member", "EST");
    assertThat(two.exitCode()).isNotZero();
    assertThat(two.err()).contains("mutually exclusive");
    Cli.Result bad = govern(x, "--grant-role", "LTU:legal-advisor");
    assertThat(bad.exitCode()).isNotZero();
    assertThat(bad.err()).contains("MEMBER:ROLES:SUBJECT");
    Cli.Result stray = govern(x, "--suspend-member", "DEU", "--add-anchor", "a.pem");
    assertThat(stray.exitCode()).isNotZero();
    assertThat(stray.err()).contains("go with --rotate-trust-anchor");
    assertThat(Files.exists(x)).isFalse();
  }
}
