package org.quorate.core.pki;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.quorate.core.reason.PathValidationException;

/**
 * Validated certification paths, remembered so that the next contribution of the same credential
 * skips RFC 5280 path building (SPEC §2.5: "validated paths may be cached, invalidated by new
 * CRLs"). An entry is reused only when the same end entity, intermediates and trust anchors are
 * validated against the same set of CRLs, at a time inside every certificate's validity period, and
 * no CRL of that set revokes a certificate of the path at or before that time; anything else is
 * validated afresh by the {@link CertificationPathValidator}. Failures are never cached.
 *
 * <p>Bounded (LRU, {@value #MAX_ENTRIES} entries); thread-safe.
 */
public final class ValidatedPathCache {
  /** Most paths remembered. */
  public static final int MAX_ENTRIES = 10_000;

  private final CertificationPathValidator validator;
  private final Map<Key, Entry> entries =
      new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
          return size() > MAX_ENTRIES;
        }
      };

  /**
   * @param validator the validator to ask on a miss
   */
  public ValidatedPathCache(CertificationPathValidator validator) {
    this.validator = validator;
  }

  /**
   * Same contract as {@link CertificationPathValidator#validate}.
   *
   * @param endEntity the credential
   * @param intermediates untrusted intermediates
   * @param trustAnchors the member's anchors
   * @param crls the CRLs delivered to the mission
   * @param at the time the path is judged at ({@code issued})
   * @param options validation options
   * @return the validated path
   * @throws PathValidationException as the validator does
   */
  public ValidatedPath validate(
      X509Certificate endEntity,
      Collection<X509Certificate> intermediates,
      Collection<X509Certificate> trustAnchors,
      Collection<X509CRL> crls,
      Instant at,
      PathOptions options)
      throws PathValidationException {
    Key key = Key.of(endEntity, intermediates, trustAnchors, crls, options);
    if (key != null) {
      Entry hit;
      synchronized (entries) {
        hit = entries.get(key);
      }
      if (hit != null && hit.covers(at)) {
        return hit.path();
      }
    }
    ValidatedPath path =
        validator.validate(endEntity, intermediates, trustAnchors, crls, at, options);
    if (key != null) {
      Entry entry = Entry.of(path, crls);
      synchronized (entries) {
        entries.put(key, entry);
      }
    }
    return path;
  }

  /**
   * A validated path and the times it holds at, worked out once when it is cached (parsing validity
   * dates and searching CRLs on every hit cost more than the rest of the lookup).
   *
   * @param path the path
   * @param from latest {@code notBefore} of its certificates and anchor
   * @param until earliest {@code notAfter} of them (inclusive)
   * @param revoked earliest revocation date of a certificate of the path in the key's CRLs, or null
   *     when none is revoked: from then on the path is not reused
   */
  private record Entry(ValidatedPath path, Instant from, Instant until, Instant revoked) {
    static Entry of(ValidatedPath p, Collection<X509CRL> crls) {
      List<X509Certificate> all = new ArrayList<>(p.certificates());
      all.add(p.trustAnchor());
      Instant from = Instant.MIN;
      Instant until = Instant.MAX;
      for (X509Certificate c : all) {
        Instant nb = c.getNotBefore().toInstant();
        Instant na = c.getNotAfter().toInstant();
        from = nb.isAfter(from) ? nb : from;
        until = na.isBefore(until) ? na : until;
      }
      Instant revoked = null;
      for (X509Certificate c : p.certificates()) {
        for (X509CRL crl : crls) {
          if (!crl.getIssuerX500Principal().equals(c.getIssuerX500Principal())) {
            continue;
          }
          X509CRLEntry entry = crl.getRevokedCertificate(c.getSerialNumber());
          if (entry != null) {
            Instant r = entry.getRevocationDate().toInstant();
            revoked = revoked == null || r.isBefore(revoked) ? r : revoked;
          }
        }
      }
      return new Entry(p, from, until, revoked);
    }

    /** Whether the path holds at that time: inside every validity period, revoked after it. */
    boolean covers(Instant at) {
      return !at.isBefore(from) && !at.isAfter(until) && (revoked == null || revoked.isAfter(at));
    }
  }

  /** What a validation depends on, besides the time. */
  private record Key(
      List<ByteKey> certificates, List<ByteKey> anchors, List<ByteKey> crls, PathOptions options) {
    static Key of(
        X509Certificate endEntity,
        Collection<X509Certificate> intermediates,
        Collection<X509Certificate> anchors,
        Collection<X509CRL> crls,
        PathOptions options) {
      try {
        List<ByteKey> certs = new ArrayList<>();
        certs.add(new ByteKey(endEntity.getEncoded()));
        for (X509Certificate c : intermediates) {
          certs.add(new ByteKey(c.getEncoded()));
        }
        List<ByteKey> a = new ArrayList<>();
        for (X509Certificate c : anchors) {
          a.add(new ByteKey(c.getEncoded()));
        }
        List<ByteKey> r = new ArrayList<>();
        for (X509CRL c : crls) {
          r.add(new ByteKey(c.getSignature()));
        }
        return new Key(certs, a, r, options);
      } catch (CertificateEncodingException | RuntimeException e) {
        return null;
      }
    }
  }

  /** Bytes compared by value. */
  private record ByteKey(byte[] bytes) {
    @Override
    public boolean equals(Object o) {
      return o instanceof ByteKey k && Arrays.equals(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "ByteKey[" + bytes.length + "]";
    }
  }
}
