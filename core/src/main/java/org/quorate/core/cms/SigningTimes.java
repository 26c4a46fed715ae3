package org.quorate.core.cms;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.cms.Time;

/**
 * Decodes the signing-time attribute value (RFC 5652 §11.3: UTCTime up to 2049, GeneralizedTime
 * after). The DER forms {@code YYMMDDHHMMSSZ} and {@code YYYYMMDDHHMMSSZ} are read directly (Bouncy
 * Castle's own conversion builds a date formatter per call); anything else goes through Bouncy
 * Castle's {@link Time}.
 */
final class SigningTimes {
  private SigningTimes() {}

  /**
   * @param value the attribute value
   * @return the instant
   * @throws IllegalArgumentException (or another runtime exception) when it is not a Time
   */
  static Instant parse(ASN1Encodable value) {
    ASN1Primitive primitive = value.toASN1Primitive();
    byte[] encoded;
    try {
      encoded = primitive.getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new IllegalArgumentException("the signing time does not encode", e);
    }
    if (encoded.length == 15 && encoded[0] == BERTags.UTC_TIME && encoded[1] == 13) {
      String text = new String(encoded, 2, 13, StandardCharsets.US_ASCII);
      if (digits(text, 12) && text.charAt(12) == 'Z') {
        int yy = Integer.parseInt(text.substring(0, 2));
        // RFC 5280 §4.1.2.5.1: YY >= 50 means 19YY, else 20YY
        return at((yy >= 50 ? 1900 : 2000) + yy, text.substring(2));
      }
    } else if (encoded.length == 17 && encoded[0] == BERTags.GENERALIZED_TIME && encoded[1] == 15) {
      String text = new String(encoded, 2, 15, StandardCharsets.US_ASCII);
      if (digits(text, 14) && text.charAt(14) == 'Z') {
        return at(Integer.parseInt(text.substring(0, 4)), text.substring(4));
      }
    }
    return Time.getInstance(primitive).getDate().toInstant();
  }

  private static Instant at(int year, String mmddhhmmss) {
    return LocalDateTime.of(
            year,
            Integer.parseInt(mmddhhmmss.substring(0, 2)),
            Integer.parseInt(mmddhhmmss.substring(2, 4)),
            Integer.parseInt(mmddhhmmss.substring(4, 6)),
            Integer.parseInt(mmddhhmmss.substring(6, 8)),
            Integer.parseInt(mmddhhmmss.substring(8, 10)))
        .toInstant(ZoneOffset.UTC);
  }

  private static boolean digits(String text, int count) {
    for (int i = 0; i < count; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
