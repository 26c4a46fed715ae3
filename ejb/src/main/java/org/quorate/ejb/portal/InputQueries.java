package org.quorate.ejb.portal;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceProperty;
import jakarta.persistence.TypedQuery;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.quorate.core.access.Redaction;
import org.quorate.core.admission.InputRecord;
import org.quorate.ejb.admission.ContributionView;
import org.quorate.ejb.admission.CrlImportService;
import org.quorate.ejb.store.QuoratePersistence;
import org.quorate.ejb.tally.OutcomeCounts;

/**
 * Paged, sorted and filtered listings of a mission's inputs for the portal's lazy tables: the
 * database answers one page (offset and limit) and the count, so a mission of any size answers at
 * once.
 */
@Stateless
public class InputQueries {
  /** Largest page. */
  public static final int MAX_PAGE = 500;

  /** Sortable columns: the view's name to the entity's field. */
  private static final Map<String, String> SORTABLE =
      Map.of(
          "receivedAt", "id",
          "member", "member",
          "signerSubject", "signerSubject",
          "type", "type",
          "seq", "seq",
          "issued", "issuedMillis",
          "outcome", "outcome",
          "reasonCode", "reasonCode");

  @PersistenceContext(
      unitName = QuoratePersistence.NAME,
      properties = {
        @PersistenceProperty(name = QuoratePersistence.SKIP_MIXED_SYNC_CHECK, value = "false"),
        @PersistenceProperty(name = QuoratePersistence.ALLOW_JOINED_UNSYNC, value = "false")
      })
  private EntityManager em;

  @EJB private CrlImportService crls;
  @EJB private org.quorate.ejb.access.RedactionService redaction;

  @jakarta.inject.Inject private OutcomeCounts counters;

  /**
   * @param filter which inputs (mission null: the quarantine)
   * @param sortField a column name of {@link ContributionView} ({@code receivedAt}, {@code member},
   *     {@code signerSubject}, {@code type}, {@code seq}, {@code issued}, {@code outcome}, {@code
   *     reasonCode}); anything else sorts by arrival
   * @param ascending direction
   * @param first offset
   * @param max page size, capped at {@link #MAX_PAGE}
   * @return one page of inputs, with revocation hints from imported CRLs
   */
  public List<ContributionView> page(
      InputFilter filter, String sortField, boolean ascending, int first, int max) {
    String field = SORTABLE.getOrDefault(sortField == null ? "" : sortField, "id");
    String dir = ascending ? "asc" : "desc";
    String order = " order by r." + field + " " + dir + (field.equals("id") ? "" : ", r.id " + dir);
    TypedQuery<InputRecord> q =
        bind(
            em.createQuery(
                "select r from InputRecord r" + where(filter) + order, InputRecord.class),
            filter);
    List<InputRecord> rows =
        q.setFirstResult(Math.max(0, first))
            .setMaxResults(Math.max(1, Math.min(max, MAX_PAGE)))
            .getResultList();
    return filter.mission() == null
        ? rows.stream().map(ContributionView::of).toList()
        : crls.views(filter.mission(), rows);
  }

  /**
   * @param filter which inputs
   * @return how many there are
   */
  public long count(InputFilter filter) {
    return bind(
            em.createQuery("select count(r) from InputRecord r" + where(filter), Long.class),
            filter)
        .getSingleResult();
  }

  /**
   * @param mission a mission
   * @return how many of its inputs stand at each outcome, most frequent first, outcomes with none
   *     left out (from the durable counters, {@link OutcomeCounts}: a few rows, whatever the
   *     mission's size)
   */
  public Map<String, Long> outcomes(String mission) {
    Map<String, Long> byOutcome = new LinkedHashMap<>();
    counters.ofMission(mission).forEach((s, n) -> byOutcome.merge(s.outcome(), n, Long::sum));
    Map<String, Long> out = new LinkedHashMap<>();
    byOutcome.entrySet().stream()
        .filter(e -> e.getValue() != 0)
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /**
   * @param mission a mission
   * @return per proposal, how many dissents are on record (counted or not: late, superseded, of
   *     another role)
   */
  public Map<String, Long> dissentsRecorded(String mission) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Object[] row :
        em.createQuery(
                "select a.proposal, count(a) from AttestationEntity a where a.mission = :m"
                    + " and a.verdict = 'dissent' group by a.proposal",
                Object[].class)
            .setParameter("m", mission)
            .getResultList()) {
      out.put((String) row[0], ((Number) row[1]).longValue());
    }
    return out;
  }

  /**
   * Equivocation evidence in a mission (SPEC §3): a member that gave two different verdicts on one
   * proposal in one role, both admitted, neither superseding the other.
   *
   * @param mission the mission
   * @return per proposal, the members with such evidence (at most {@link #MAX_PAGE} pairs read)
   */
  public Map<String, java.util.Set<String>> equivocations(String mission) {
    Map<String, java.util.Set<String>> out = new LinkedHashMap<>();
    for (Object[] row :
        em.createQuery(
                "select a.proposal, a.member from AttestationEntity a, AttestationEntity b"
                    + " where a.mission = :m and b.mission = :m and b.proposal = a.proposal"
                    + " and b.member = a.member and b.role = a.role and a.verdict <> b.verdict"
                    + " and a.admission = 'admitted' and b.admission = 'admitted'"
                    + " and (a.supersedes is null or a.supersedes <> b.eventId)"
                    + " and (b.supersedes is null or b.supersedes <> a.eventId)",
                Object[].class)
            .setParameter("m", mission)
            .setMaxResults(MAX_PAGE)
            .getResultList()) {
      out.computeIfAbsent((String) row[0], k -> new java.util.TreeSet<>()).add((String) row[1]);
    }
    return out;
  }

  /**
   * A member's attestations in a mission, newest first.
   *
   * @param mission the mission
   * @param member the member
   * @return per attestation: proposal, its title, role, verdict, rationale, issued, admission; the
   *     proposal's title and the attestation's rationale withheld (null and named in {@code
   *     redacted}) where the caller's clearance does not admit the event they come from (SPEC §6)
   */
  public List<Position> positions(String mission, String member) {
    org.quorate.ejb.access.RedactionService.Viewer viewer = redaction.viewer(mission);
    return em
        .createQuery(
            "select a.proposal, p.title, a.role, a.verdict, a.rationale, a.issuedMillis, a.admission,"
                + " a.eventId, p.status, p.isFinal from AttestationEntity a, ProposalEntity p"
                + " where p.eventId = a.proposal"
                + " and a.mission = :m and a.member = :b order by a.issuedMillis desc",
            Object[].class)
        .setParameter("m", mission)
        .setParameter("b", member)
        .setMaxResults(MAX_PAGE)
        .getResultList()
        .stream()
        .map(
            r -> {
              boolean titleWithheld = viewer.withheld((String) r[0]);
              boolean rationaleWithheld = viewer.withheld((String) r[7]);
              List<String> redacted = new java.util.ArrayList<>();
              if (titleWithheld) {
                redacted.add(Redaction.TITLE);
              }
              if (rationaleWithheld) {
                redacted.add(Redaction.RATIONALE);
              }
              return new Position(
                  (String) r[0],
                  titleWithheld ? null : (String) r[1],
                  (String) r[2],
                  (String) r[3],
                  rationaleWithheld ? null : (String) r[4],
                  java.time.Instant.ofEpochMilli(((Number) r[5]).longValue()).toString(),
                  (String) r[6],
                  (String) r[7],
                  List.copyOf(redacted),
                  (String) r[8],
                  Boolean.TRUE.equals(r[9]));
            })
        .toList();
  }

  /**
   * A member's attestation on a proposal (the labelled field: {@code rationale}).
   *
   * @param proposal proposal id
   * @param title proposal title
   * @param role role it was given in
   * @param verdict concur, dissent or abstain
   * @param rationale rationale, or null
   * @param issued issued (RFC 3339)
   * @param admission its admission outcome
   * @param eventId the attestation's event id
   * @param redacted withheld fields ({@code title}, {@code rationale}; SPEC §6), else empty
   * @param status the proposal's status now ({@code open}, {@code adopted}, …)
   * @param decided whether that status is final (a decision certificate backs it)
   */
  public record Position(
      String proposal,
      String title,
      String role,
      String verdict,
      String rationale,
      String issued,
      String admission,
      String eventId,
      List<String> redacted,
      String status,
      boolean decided) {}

  /**
   * The credentials a member signed with in a mission.
   *
   * @param mission the mission
   * @param member the member
   * @return per signing key and epoch: the subject, how many inputs, first and last issued
   */
  public List<CredentialUse> credentials(String mission, String member) {
    return em
        .createQuery(
            "select r.epoch, r.signer, r.signerSubject, count(r), min(r.issued), max(r.issued)"
                + " from InputRecord r where r.mission = :m and r.member = :b and r.signer is not null"
                // Only keys that really signed: a signer-mismatch input names a key it was not
                // signed with, a bad signature proves no key.
                + " and r.eventId is not null and (r.reasonCode is null"
                + " or r.reasonCode not in ('signer-mismatch', 'bad-signature'))"
                + " group by r.epoch, r.signer, r.signerSubject order by r.epoch, min(r.issued)",
            Object[].class)
        .setParameter("m", mission)
        .setParameter("b", member)
        .setMaxResults(MAX_PAGE)
        .getResultList()
        .stream()
        .map(
            row ->
                new CredentialUse(
                    (Long) row[0],
                    (String) row[1],
                    (String) row[2],
                    ((Number) row[3]).longValue(),
                    (String) row[4],
                    (String) row[5]))
        .toList();
  }

  /**
   * One signing credential as a member used it.
   *
   * @param epoch the roster epoch its events named, or null
   * @param signer {@code sha256:} of its key
   * @param subject its certificate subject
   * @param inputs how many inputs it signed
   * @param firstIssued the earliest issued time
   * @param lastIssued the latest issued time
   */
  public record CredentialUse(
      Long epoch,
      String signer,
      String subject,
      long inputs,
      String firstIssued,
      String lastIssued) {}

  private static String where(InputFilter f) {
    // No mission: the quarantine (inputs whose content names none, SPEC §2).
    StringBuilder w =
        new StringBuilder(
            f.mission() == null ? " where r.mission is null" : " where r.mission = :m");
    if (f.member() != null) {
      w.append(" and r.member = :member");
    }
    if (f.outcome() != null) {
      w.append(" and r.outcome = :outcome");
    }
    if (f.reasonCode() != null) {
      w.append(" and r.reasonCode = :reason");
    }
    if (f.type() != null) {
      w.append(" and r.type = :type");
    }
    if (f.subject() != null) {
      w.append(" and lower(r.signerSubject) like :subject escape '\\'");
    }
    return w.toString();
  }

  private static <T> TypedQuery<T> bind(TypedQuery<T> q, InputFilter f) {
    if (f.mission() != null) {
      q.setParameter("m", f.mission());
    }
    if (f.member() != null) {
      q.setParameter("member", f.member());
    }
    if (f.outcome() != null) {
      q.setParameter("outcome", f.outcome());
    }
    if (f.reasonCode() != null) {
      q.setParameter("reason", f.reasonCode());
    }
    if (f.type() != null) {
      q.setParameter("type", f.type());
    }
    if (f.subject() != null) {
      String s = f.subject().toLowerCase(Locale.ROOT);
      q.setParameter(
          "subject", "%" + s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
    }
    return q;
  }
}
