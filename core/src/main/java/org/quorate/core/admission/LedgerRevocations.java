package org.quorate.core.admission;

import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.quorate.core.reason.AdmissionException;

/**
 * The {@link Ledger}'s revocation work (SPEC §2.5): the CRLs a mission holds (parsed once, cached
 * by event id) and, when a CRL is admitted, judging again every record whose credential, or a CA of
 * whose path, a CRL of that issuer lists, so that {@code void} is a function of the CRLs held
 * whatever their arrival order. Called under the mission's lock, in the caller's transaction.
 */
final class LedgerRevocations {
  private final ConcurrentMap<String, X509CRL> crlByEvent = new ConcurrentHashMap<>();

  private final Ledger ledger;

  LedgerRevocations(Ledger ledger) {
    this.ledger = ledger;
  }

  /**
   * @param mission a mission name
   * @return the CRLs admitted in it, in arrival order
   */
  Collection<X509CRL> crlsOf(String mission) {
    return new ArrayList<>(deliveredCrls(mission).values());
  }

  /**
   * @param mission a mission name
   * @return event id to the CRL its admitted {@code crl} contribution delivers, in arrival order
   */
  java.util.Map<String, X509CRL> deliveredCrls(String mission) {
    java.util.Map<String, X509CRL> out = new java.util.LinkedHashMap<>();
    for (LedgerStore.Admitted r : ledger.store.admittedOfType(mission, "crl")) {
      X509CRL c = crlByEvent.get(r.eventId());
      if (c == null) {
        try {
          c = crl(r.eventId(), ledger.admission.decode(ledger.store.bytes(r.inputId())));
        } catch (AdmissionException e) {
          continue;
        }
      }
      out.put(r.eventId(), c);
    }
    return out;
  }

  /**
   * A CRL admitted: the events of every credential that a CRL of its issuer lists are judged again
   * (stage 5 with the CRLs held now), so that an event is {@code void} exactly when those CRLs
   * revoke its credential at its {@code issued} time, whatever their arrival order: a later CRL
   * that releases a hold (omits it, or a delta listing {@code removeFromCRL}) gives back the events
   * issued after the release, and a hold voids only what was issued while it was in force.
   */
  void crlAdmitted(
      InputRecord crlRecord, DecodedContribution decoded, Instant now, Deque<String> keys) {
    X509CRL crl;
    try {
      crl = crl(crlRecord.eventId(), decoded);
    } catch (AdmissionException e) {
      return;
    }
    String mission = crlRecord.mission();
    javax.security.auth.x500.X500Principal issuer = crl.getIssuerX500Principal();
    String prefix = issuer.getName(javax.security.auth.x500.X500Principal.CANONICAL) + "#";
    java.util.Set<java.math.BigInteger> serials = new java.util.TreeSet<>();
    for (X509CRL held : crlsOf(mission)) {
      Collection<? extends X509CRLEntry> entries = held.getRevokedCertificates();
      if (held.getIssuerX500Principal().equals(issuer) && entries != null) {
        for (X509CRLEntry entry : entries) {
          serials.add(entry.getSerialNumber());
        }
      }
    }
    if (serials.isEmpty()) {
      return;
    }
    java.util.Set<String> credentials = new java.util.TreeSet<>();
    for (java.math.BigInteger serial : serials) {
      credentials.add(prefix + serial.toString(16));
    }
    List<InputRecord> affected = new ArrayList<>();
    for (String credential : credentials) {
      affected.addAll(ledger.store.admittedBy(mission, credential));
    }
    for (InputRecord r : ledger.store.withOutcome(mission, Outcome.VOID)) {
      if (credentials.contains(r.credential())) {
        affected.add(r);
      }
    }
    affected.addAll(underListedCas(mission, issuer, serials, credentials));
    boolean epochsMayChange = false;
    for (InputRecord r : affected) {
      epochsMayChange |= ledger.rejudge(r, now, keys);
    }
    if (epochsMayChange) {
      ledger.epochsMayHaveChanged(mission, now, keys, 0);
    }
  }

  /**
   * The admitted and void records whose credential was issued by a CA certificate that the CRL
   * issuer's CRLs list (an intermediate of their path): their credentials are named by the
   * intermediate's subject, not by a listed serial. The chain of one record per credential issuer
   * name is looked at.
   */
  private List<InputRecord> underListedCas(
      String mission,
      javax.security.auth.x500.X500Principal issuer,
      java.util.Set<java.math.BigInteger> serials,
      java.util.Set<String> direct) {
    String own = issuer.getName(javax.security.auth.x500.X500Principal.CANONICAL) + "#";
    java.util.Map<String, List<InputRecord>> byIssuer = new java.util.TreeMap<>();
    for (Outcome o : List.of(Outcome.ADMITTED, Outcome.VOID)) {
      for (InputRecord r : ledger.store.withOutcome(mission, o)) {
        String credential = r.credential();
        int hash = credential == null ? -1 : credential.lastIndexOf('#');
        if (hash > 0 && !credential.startsWith(own) && !direct.contains(credential)) {
          byIssuer.computeIfAbsent(credential.substring(0, hash), k -> new ArrayList<>()).add(r);
        }
      }
    }
    List<InputRecord> out = new ArrayList<>();
    for (List<InputRecord> group : byIssuer.values()) {
      List<java.security.cert.X509Certificate> chain;
      try {
        chain =
            ledger
                .admission
                .decode(ledger.store.bytes(group.get(0).inputId()))
                .signedData()
                .certificates();
      } catch (AdmissionException e) {
        continue;
      }
      boolean listed =
          chain.stream()
              .skip(1)
              .anyMatch(
                  c ->
                      c.getIssuerX500Principal().equals(issuer)
                          && serials.contains(c.getSerialNumber()));
      if (listed) {
        out.addAll(group);
      }
    }
    return out;
  }

  X509CRL crl(String eventId, DecodedContribution decoded) throws AdmissionException {
    X509CRL cached = crlByEvent.get(eventId);
    if (cached != null) {
      return cached;
    }
    X509CRL crl = CrlContribution.parse(decoded.event());
    crlByEvent.put(eventId, crl);
    return crl;
  }
}
