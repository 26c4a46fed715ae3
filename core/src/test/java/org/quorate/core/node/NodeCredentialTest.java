package org.quorate.core.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.security.PrivateKey;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.junit.jupiter.api.Test;
import org.quorate.core.cms.SignedDataVerifier;
import org.quorate.core.cms.VerifiedSignedData;
import org.quorate.core.testing.TestPki;
import org.quorate.core.testing.TestPki.Credential;

class NodeCredentialTest {
  private static String pkcs8(PrivateKey key) throws Exception {
    StringWriter w = new StringWriter();
    try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
      pw.writeObject(new JcaPKCS8Generator(key, null));
    }
    return w.toString();
  }

  @Test
  void signsSignedDataOfTheProfileThatAdmissionVerifies() throws Exception {
    Credential ca = TestPki.rootCa("CN=POL Root CA,O=Poland,C=PL");
    Credential node = TestPki.signer(ca, "CN=POL Node,O=Poland,C=PL");
    NodeCredential c = NodeCredential.fromPem(node.pem(), pkcs8(node.keys().getPrivate()));

    byte[] der = c.sign(TestPki.utf8("{\"size\":1}"));
    VerifiedSignedData sd = new SignedDataVerifier().verify(der);

    assertThat(sd.content()).isEqualTo(TestPki.utf8("{\"size\":1}"));
    assertThat(sd.signer()).isEqualTo(c.spki());
  }

  @Test
  void keyOfAnotherCertificateIsRefused() throws Exception {
    Credential ca = TestPki.rootCa("CN=POL Root CA,O=Poland,C=PL");
    Credential node = TestPki.signer(ca, "CN=POL Node,O=Poland,C=PL");
    Credential other = TestPki.signer(ca, "CN=POL Other,O=Poland,C=PL");
    assertThatThrownBy(() -> NodeCredential.fromPem(node.pem(), pkcs8(other.keys().getPrivate())))
        .isInstanceOf(NodeCredentialException.class)
        .hasMessageContaining("does not match");
  }

  @Test
  void garbageIsRefused() {
    assertThatThrownBy(() -> NodeCredential.fromPem("nope", "nope"))
        .isInstanceOf(NodeCredentialException.class);
  }
}
