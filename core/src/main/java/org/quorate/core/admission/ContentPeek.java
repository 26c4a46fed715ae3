package org.quorate.core.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Collection;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSTypedData;
import org.bouncycastle.util.Store;

/**
 * A best-effort, never-failing read of what a rejected input claims to be (SPEC §2: "rejected
 * inputs whose content names a mission are listed with it"). Nothing read here is trusted: it only
 * files the rejected input where a human will look for it.
 *
 * @param mission the claimed mission, or null
 * @param member the claimed member, or null
 * @param type the claimed event type, or null
 * @param signer the claimed signer, or null
 * @param issued the claimed issued time, or null
 * @param signerSubject the subject of the first certificate carried, or null
 */
public record ContentPeek(
    String mission,
    String member,
    String type,
    String signer,
    String issued,
    String signerSubject) {

  private static final JsonMapper MAPPER = new JsonMapper();
  private static final ContentPeek NOTHING = new ContentPeek(null, null, null, null, null, null);

  /**
   * @param der the bytes received (already within the size cap)
   * @return what could be read; all fields null when nothing could
   */
  public static ContentPeek of(byte[] der) {
    try {
      CMSSignedData sd = new CMSSignedData(der);
      String subject = null;
      Store<X509CertificateHolder> certs = sd.getCertificates();
      Collection<X509CertificateHolder> all = certs.getMatches(null);
      if (!all.isEmpty()) {
        subject =
            new javax.security.auth.x500.X500Principal(
                    all.iterator().next().getSubject().getEncoded())
                .getName();
      }
      CMSTypedData content = sd.getSignedContent();
      if (content == null || !(content.getContent() instanceof byte[] bytes)) {
        return new ContentPeek(null, null, null, null, null, subject);
      }
      JsonNode n = MAPPER.readTree(bytes);
      if (n == null || !n.isObject()) {
        return new ContentPeek(null, null, null, null, null, subject);
      }
      return new ContentPeek(
          text(n, "mission"),
          text(n, "member"),
          text(n, "type"),
          text(n, "signer"),
          text(n, "issued"),
          subject);
    } catch (Exception | StackOverflowError e) {
      return NOTHING;
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      return null;
    }
    String s = v.asText();
    return s.length() > 200 ? s.substring(0, 200) : s;
  }
}
