package org.quorate.core.pki;

import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.util.List;
import org.quorate.core.cms.Ids;

/**
 * How Quorate names a CRL (RFC 5280 §5) where an outcome records the CRL it was judged with: {@code
 * sha256:<hex of the CRL's DER>@<thisUpdate, RFC 3339 UTC>}, e.g. {@code
 * sha256:9f86…0f00@2026-11-29T10:00:00Z}. The name depends on the CRL's bytes only, not on which
 * {@code crl} contribution delivered it, so two nodes holding the same CRLs record the same names.
 * {@code GET /quorate/api/missions/{m}/crls} lists the CRLs of a mission under these names with the
 * event ids of the {@code crl} contributions that carry them.
 */
public final class CrlIds {
  /** What {@link #describe} answers when revocation was judged and no CRL covers the path. */
  public static final String NONE = "none";

  private CrlIds() {}

  /**
   * @param crl a CRL
   * @return {@code sha256:} + lowercase hex of its DER encoding
   */
  public static String sha256(X509CRL crl) {
    try {
      return sha256(crl.getEncoded());
    } catch (CRLException e) {
      throw new IllegalArgumentException("CRL cannot be encoded", e);
    }
  }

  /**
   * @param der any bytes (a CRL's DER)
   * @return {@code sha256:} + lowercase hex of their SHA-256
   */
  public static String sha256(byte[] der) {
    return Ids.sha256Id(der);
  }

  /**
   * @param crl a CRL
   * @return {@code sha256:…@thisUpdate}
   */
  public static String name(X509CRL crl) {
    return sha256(crl) + "@" + crl.getThisUpdate().toInstant();
  }

  /**
   * @param crls the CRLs an outcome was judged with, or null when revocation was not judged
   * @return their distinct {@link #name}s, sorted (so that the arrival order of the CRLs does not
   *     show), joined by {@code ","}; {@value #NONE} for an empty list; null for null
   */
  public static String describe(List<X509CRL> crls) {
    if (crls == null) {
      return null;
    }
    if (crls.isEmpty()) {
      return NONE;
    }
    java.util.SortedSet<String> names = new java.util.TreeSet<>();
    for (X509CRL c : crls) {
      names.add(name(c));
    }
    return String.join(",", names);
  }
}
