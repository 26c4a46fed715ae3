package org.quorate.core.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.HexFormat;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.quorate.core.cms.SignedDataVerifier;
import org.quorate.core.node.NodeCredential;
import org.quorate.core.reason.AdmissionException;
import org.quorate.core.testing.TestPki;

class SignedTreeHeadTest {
  private static final byte[] ROOT =
      HexFormat.of().parseHex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void contentIsTheSpecJsonInFieldOrder() {
    SignedTreeHead h =
        new SignedTreeHead("BALTIC-SHIELD", 42, ROOT, Instant.parse("2026-11-29T10:15:00.123456Z"));

    assertThat(new String(h.content(), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"mission\":\"BALTIC-SHIELD\",\"size\":42,\"root\":\""
                + HexFormat.of().formatHex(ROOT)
                + "\",\"time\":\"2026-11-29T10:15:00.123Z\"}");
  }

  @Test
  void parseInvertsContent() throws Exception {
    SignedTreeHead h = new SignedTreeHead("M", 0, ROOT, Instant.parse("2026-11-29T10:15:00Z"));

    SignedTreeHead back = SignedTreeHead.parse(h.content());

    assertThat(back).isEqualTo(h);
    assertThat(back.rootHex()).isEqualTo(HexFormat.of().formatHex(ROOT));
    assertThat(back.content()).isEqualTo(h.content());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[]",
        "not json",
        "{\"mission\":\"M\",\"size\":1,\"root\":\"%s\"}",
        "{\"mission\":\"M\",\"size\":1,\"root\":\"%s\",\"time\":\"2026-11-29T10:15:00Z\",\"x\":1}",
        "{\"mission\":\"\",\"size\":1,\"root\":\"%s\",\"time\":\"2026-11-29T10:15:00Z\"}",
        "{\"mission\":\"M\",\"size\":-1,\"root\":\"%s\",\"time\":\"2026-11-29T10:15:00Z\"}",
        "{\"mission\":\"M\",\"size\":1.5,\"root\":\"%s\",\"time\":\"2026-11-29T10:15:00Z\"}",
        "{\"mission\":\"M\",\"size\":\"1\",\"root\":\"%s\",\"time\":\"2026-11-29T10:15:00Z\"}",
        "{\"mission\":\"M\",\"size\":9223372036854775808,\"root\":\"%s\",\"time\":\"2026-11-29T10:15:00Z\"}",
        "{\"mission\":\"M\",\"size\":1,\"root\":\"ABCD\",\"time\":\"2026-11-29T10:15:00Z\"}",
        "{\"mission\":\"M\",\"size\":1,\"root\":\"%s\",\"time\":\"yesterday\"}",
      })
  void malformedContentIsRefusedNamingTheField(String template) {
    byte[] content = utf8(template.replace("%s", HexFormat.of().formatHex(ROOT)));
    assertThatThrownBy(() -> SignedTreeHead.parse(content))
        .isInstanceOf(MalformedTreeHeadException.class);
  }

  @Test
  void unknownFieldIsNamed() {
    byte[] content =
        utf8(
            "{\"mission\":\"M\",\"size\":1,\"root\":\""
                + HexFormat.of().formatHex(ROOT)
                + "\",\"time\":\"2026-11-29T10:15:00Z\",\"extra\":true}");
    assertThatThrownBy(() -> SignedTreeHead.parse(content))
        .isInstanceOf(MalformedTreeHeadException.class)
        .hasMessageContaining("extra");
  }

  @Test
  void oversizedContentIsRefusedBeforeParsing() {
    byte[] content = new byte[SignedTreeHead.MAX_CONTENT_BYTES + 1];
    assertThatThrownBy(() -> SignedTreeHead.parse(content))
        .isInstanceOf(MalformedTreeHeadException.class)
        .hasMessageContaining("at most " + SignedTreeHead.MAX_CONTENT_BYTES);
  }

  @Test
  void constructorChecksRanges() {
    Instant t = Instant.EPOCH;
    assertThatThrownBy(() -> new SignedTreeHead("M", -1, ROOT, t))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SignedTreeHead("M", 1, new byte[31], t))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SignedTreeHead("", 1, ROOT, t))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SignedTreeHead("M".repeat(65), 1, ROOT, t))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void headSignedByANodeCredentialVerifiesAndATamperedOneDoesNot() throws Exception {
    TestPki.Credential ca = TestPki.rootCa("CN=POL Root CA,O=Poland,C=PL");
    TestPki.Credential node = TestPki.signer(ca, "CN=POL Node,O=Poland,C=PL");
    NodeCredential c = NodeCredential.fromPem(node.pem(), pkcs8(node.keys().getPrivate()));
    MerkleLog log = new MerkleLog(new InMemoryNodeStore());
    log.append(utf8("a"));
    log.append(utf8("b"));
    SignedTreeHead h = new SignedTreeHead("M", log.size(), log.root(), Instant.now());
    byte[] der = c.sign(h.content());

    SignedTreeHead.Verified v = SignedTreeHead.verify(der, new SignedDataVerifier());

    assertThat(v.head()).isEqualTo(h);
    assertThat(v.signer()).isEqualTo(c.certificate());
    byte[] tampered = der.clone();
    int at = new String(der, StandardCharsets.ISO_8859_1).indexOf("\"size\":2");
    assertThat(at).isPositive();
    tampered[at + 7] = '3';
    assertThatThrownBy(() -> SignedTreeHead.verify(tampered, new SignedDataVerifier()))
        .isInstanceOf(AdmissionException.class);
  }

  private static String pkcs8(PrivateKey key) throws Exception {
    StringWriter w = new StringWriter();
    try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
      pw.writeObject(new JcaPKCS8Generator(key, null));
    }
    return w.toString();
  }
}
