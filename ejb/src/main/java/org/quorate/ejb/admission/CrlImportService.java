package org.quorate.ejb.admission;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceProperty;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.security.auth.x500.X500Principal;
import org.quorate.core.admission.InputRecord;
import org.quorate.core.admission.LoadedMission;
import org.quorate.core.admission.Outcome;
import org.quorate.core.coordination.EpochChain;
import org.quorate.core.mission.Roster;
import org.quorate.core.pki.CrlIds;
import org.quorate.core.pki.CrlImportException;
import org.quorate.core.pki.ImportedCrls;
import org.quorate.ejb.store.MissionEntity;
import org.quorate.ejb.store.QuoratePersistence;

/**
 * Operator-imported CRLs and the CRLs a mission holds (SPEC §2 stage 5).
 *
 * <p>An import is verified against the trust anchors of the mission's members ({@link
 * ImportedCrls#verify}) and kept as a <em>hint</em>: it never changes an outcome, so that every
 * outcome stays a deterministic function of the signed events held. Outcomes use only the CRLs
 * delivered as admitted {@code crl} contributions. While a member has not delivered a CRL of the
 * same issuer at least as recent, the inputs whose credential the imported CRL lists as revoked
 * before their {@code issued} time show a {@code revocationHint} (REST, portal): what will become
 * {@code void} when the member delivers it, so the operator knows whom to ask.
 */
@Stateless
public class CrlImportService {
  @PersistenceContext(
      unitName = QuoratePersistence.NAME,
      properties = {
        @PersistenceProperty(name = QuoratePersistence.SKIP_MIXED_SYNC_CHECK, value = "false"),
        @PersistenceProperty(name = QuoratePersistence.ALLOW_JOINED_UNSYNC, value = "false")
      })
  private EntityManager em;

  @Inject private AdmissionEngine engine;

  /** Parsed CRLs by the input id of their crl contribution or by their SHA-256 (immutable). */
  private static final ConcurrentMap<String, X509CRL> PARSED = new ConcurrentHashMap<>();

  private static final int MAX_PARSED = 10_000;

  /** Raised when the mission is not loaded on this node. */
  public static final class UnknownMission extends Exception {
    private static final long serialVersionUID = 1L;

    UnknownMission(String mission) {
      super("No mission " + mission + ".");
    }
  }

  /**
   * A CRL of a mission, as {@code GET /missions/{m}/crls} lists it.
   *
   * @param name {@code sha256:<DER hash>@<thisUpdate>} as outcomes record it ({@link CrlIds})
   * @param sha256 {@code sha256:} of the DER
   * @param member the member whose anchor signed it
   * @param issuer the issuer (RFC 2253)
   * @param thisUpdate its thisUpdate
   * @param nextUpdate its nextUpdate, or null
   * @param entries how many certificates it lists
   * @param eventIds for a delivered CRL: the {@code crl} contributions carrying it; else empty
   * @param importedAt for an imported CRL: when; else null
   * @param importedBy for an imported CRL: the operator; else null
   * @param superseded for an imported CRL: whether a delivered CRL of the same issuer at least as
   *     recent is held (the hint no longer shows); else false
   */
  public record CrlView(
      String name,
      String sha256,
      String member,
      String issuer,
      Instant thisUpdate,
      Instant nextUpdate,
      int entries,
      List<String> eventIds,
      Instant importedAt,
      String importedBy,
      boolean superseded) {}

  /**
   * The answer of an import.
   *
   * @param created false when the same CRL was imported into the mission before
   * @param crl the imported CRL
   */
  public record Imported(boolean created, CrlView crl) {}

  /**
   * The CRLs of a mission.
   *
   * @param mission the mission name
   * @param delivered CRLs delivered as admitted {@code crl} contributions (outcomes use these)
   * @param imported CRLs imported by operators (hints only)
   */
  public record MissionCrls(String mission, List<CrlView> delivered, List<CrlView> imported) {}

  /**
   * Imports a CRL into a mission.
   *
   * @param mission the mission name
   * @param bytes a DER or PEM X.509 CRL
   * @param operator the operator's user name, or null
   * @return the import
   * @throws UnknownMission when the mission is not loaded
   * @throws CrlImportException {@code too-large}, {@code malformed-crl}, {@code
   *     crl-issuer-not-anchor}, {@code bad-crl-signature}
   */
  public Imported importCrl(String mission, byte[] bytes, String operator)
      throws UnknownMission, CrlImportException {
    MissionEntity m = em.find(MissionEntity.class, mission);
    if (m == null) {
      throw new UnknownMission(mission);
    }
    ImportedCrls.Verified v = ImportedCrls.verify(bytes, roster(m).members());
    ImportedCrlEntity existing =
        em.find(ImportedCrlEntity.class, ImportedCrlEntity.key(mission, v.sha256()));
    if (existing != null) {
      return new Imported(false, view(existing, v.crl(), delivered(mission).keySet()));
    }
    X509CRL crl = v.crl();
    ImportedCrlEntity e =
        new ImportedCrlEntity(
            mission,
            v.sha256(),
            v.member(),
            crl.getIssuerX500Principal().getName(X500Principal.RFC2253),
            crl.getThisUpdate().getTime(),
            crl.getNextUpdate() == null ? null : crl.getNextUpdate().getTime(),
            crl.getRevokedCertificates() == null ? 0 : crl.getRevokedCertificates().size(),
            v.der(),
            Clock.systemUTC().millis(),
            operator);
    em.persist(e);
    return new Imported(true, view(e, crl, delivered(mission).keySet()));
  }

  /**
   * @param mission a mission name
   * @return its delivered and imported CRLs
   * @throws UnknownMission when the mission is not loaded
   */
  public MissionCrls crls(String mission) throws UnknownMission {
    if (em.find(MissionEntity.class, mission) == null) {
      throw new UnknownMission(mission);
    }
    Map<X509CRL, List<String>> delivered = delivered(mission);
    List<CrlView> d = new ArrayList<>();
    for (Map.Entry<X509CRL, List<String>> e : delivered.entrySet()) {
      X509CRL c = e.getKey();
      d.add(
          new CrlView(
              CrlIds.name(c),
              CrlIds.sha256(c),
              e.getValue().isEmpty() ? null : memberOf(mission, e.getValue().get(0)),
              c.getIssuerX500Principal().getName(X500Principal.RFC2253),
              c.getThisUpdate().toInstant(),
              c.getNextUpdate() == null ? null : c.getNextUpdate().toInstant(),
              c.getRevokedCertificates() == null ? 0 : c.getRevokedCertificates().size(),
              List.copyOf(e.getValue()),
              null,
              null,
              false));
    }
    d.sort(java.util.Comparator.comparing(CrlView::name));
    List<CrlView> i = new ArrayList<>();
    for (ImportedCrlEntity e : imported(mission)) {
      i.add(view(e, parsed(e), delivered.keySet()));
    }
    return new MissionCrls(mission, d, i);
  }

  /**
   * Adds revocation hints to the views of one mission's records.
   *
   * @param mission the mission name (null: no hints)
   * @param records its records, in the order to answer
   * @return their views
   */
  public List<ContributionView> views(String mission, List<InputRecord> records) {
    List<ContributionView> out = new ArrayList<>(records.size());
    Hints hints = mission == null ? null : hints(mission);
    for (InputRecord r : records) {
      out.add(hints == null ? ContributionView.of(r) : hints.view(r));
    }
    return out;
  }

  /**
   * @param r a record
   * @return its view, with a revocation hint when one applies
   */
  public ContributionView view(InputRecord r) {
    return r.mission() == null ? ContributionView.of(r) : hints(r.mission()).view(r);
  }

  private Hints hints(String mission) {
    List<ImportedCrls.Verified> imported = new ArrayList<>();
    for (ImportedCrlEntity e : imported(mission)) {
      imported.add(new ImportedCrls.Verified(e.member(), parsed(e), e.der(), e.sha256()));
    }
    if (imported.isEmpty()) {
      return new Hints(List.of(), List.of());
    }
    return new Hints(imported, delivered(mission).keySet());
  }

  /** The hint rule applied to records of one mission. */
  private record Hints(List<ImportedCrls.Verified> imported, Collection<X509CRL> delivered) {
    ContributionView view(InputRecord r) {
      ContributionView v = ContributionView.of(r);
      if (imported.isEmpty() || r.outcome() == Outcome.VOID || r.outcome() == Outcome.REJECTED) {
        return v;
      }
      Optional<String> hint =
          ImportedCrls.hint(
              imported,
              delivered,
              r.credential(),
              r.issuedMillis() == null ? null : Instant.ofEpochMilli(r.issuedMillis()));
      return hint.map(v::withRevocationHint).orElse(v);
    }
  }

  private List<ImportedCrlEntity> imported(String mission) {
    return em.createQuery(
            "select c from ImportedCrlEntity c where c.mission = :m order by c.importedMillis",
            ImportedCrlEntity.class)
        .setParameter("m", mission)
        .setMaxResults(ContributionView.MAX_ROWS)
        .getResultList();
  }

  /** Delivered CRLs (admitted crl contributions) with the event ids carrying each. */
  private Map<X509CRL, List<String>> delivered(String mission) {
    Map<X509CRL, List<String>> out = new HashMap<>();
    engine
        .ledger()
        .deliveredCrls(mission)
        .forEach((event, crl) -> out.computeIfAbsent(crl, k -> new ArrayList<>()).add(event));
    return out;
  }

  private X509CRL parsed(ImportedCrlEntity e) {
    X509CRL crl = PARSED.get(e.sha256());
    if (crl == null) {
      try {
        crl = ImportedCrls.parse(e.der());
      } catch (CrlImportException ex) {
        throw new IllegalStateException("A stored imported CRL no longer parses", ex);
      }
      remember(e.sha256(), crl);
    }
    return crl;
  }

  private static void remember(String key, X509CRL crl) {
    if (PARSED.size() >= MAX_PARSED) {
      PARSED.clear();
    }
    PARSED.put(key, crl);
  }

  private String memberOf(String mission, String eventId) {
    return em
        .createQuery(
            "select r.member from InputRecord r where r.mission = :m and r.eventId = :e",
            String.class)
        .setParameter("m", mission)
        .setParameter("e", eventId)
        .setMaxResults(1)
        .getResultList()
        .stream()
        .findFirst()
        .orElse(null);
  }

  private CrlView view(ImportedCrlEntity e, X509CRL crl, Collection<X509CRL> delivered) {
    return new CrlView(
        CrlIds.name(crl),
        e.sha256(),
        e.member(),
        e.issuer(),
        Instant.ofEpochMilli(e.thisUpdateMillis()),
        e.nextUpdateMillis() == null ? null : Instant.ofEpochMilli(e.nextUpdateMillis()),
        e.entries(),
        List.of(),
        Instant.ofEpochMilli(e.importedMillis()),
        e.importedBy(),
        ImportedCrls.superseded(crl, delivered));
  }

  /**
   * The roster in force (SPEC §3 "Governance": the last epoch opened), as for node credentials: an
   * imported CRL must be issued under the anchors of a member of the mission as it stands now.
   */
  private Roster roster(MissionEntity m) {
    return engine
        .ledger()
        .epochsOf(m.name())
        .map(EpochChain::current)
        .orElseGet(
            () ->
                Roster.genesis(
                    engine
                        .ledger()
                        .genesisOf(
                            new LoadedMission(
                                m.name(),
                                m.genesisId(),
                                m.genesis(),
                                MissionEntity.PENDING.equals(m.status())))));
  }
}
