package org.quorate.ejb.portal;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceProperty;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.quorate.core.access.Redaction;
import org.quorate.core.admission.InputRecord;
import org.quorate.core.log.LogRangeException;
import org.quorate.ejb.access.RedactionService;
import org.quorate.ejb.admission.ContributionView;
import org.quorate.ejb.admission.CrlImportService;
import org.quorate.ejb.coordination.AttestationEntity;
import org.quorate.ejb.coordination.ProjectedEvent;
import org.quorate.ejb.coordination.ProposalEntity;
import org.quorate.ejb.log.LogViews;
import org.quorate.ejb.log.NodeLogService;
import org.quorate.ejb.log.UnknownLogException;
import org.quorate.ejb.store.InputBytes;
import org.quorate.ejb.store.MissionEntity;
import org.quorate.ejb.store.QuoratePersistence;

/**
 * The portal's event page and search (SPEC §7): an event or input by id with its lineage, log
 * records and inclusion proofs; search by event id, input id, signer hash, certificate subject,
 * member, title and rationale text.
 */
@Stateless
public class EventQueries {
  /** Most hits of one kind a search answers. */
  public static final int MAX_HITS = 50;

  /**
   * Most rows read per labelled text query before the caller's clearance is applied (withheld rows
   * are dropped, so more are read than {@link #MAX_HITS}).
   */
  private static final int TEXT_CANDIDATES = 500;

  /** Longest query text accepted. */
  public static final int MAX_QUERY = 200;

  private static final Pattern FULL_ID = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final Pattern HEX_ID = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern ID_PREFIX = Pattern.compile("(sha256:)?[0-9a-f]{6,64}");
  private static final Pattern VERDICT = Pattern.compile("[a-z][a-z-]{2,40}");
  private static final Pattern MEMBER = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{1,31}");

  @PersistenceContext(
      unitName = QuoratePersistence.NAME,
      properties = {
        @PersistenceProperty(name = QuoratePersistence.SKIP_MIXED_SYNC_CHECK, value = "false"),
        @PersistenceProperty(name = QuoratePersistence.ALLOW_JOINED_UNSYNC, value = "false")
      })
  private EntityManager em;

  @EJB private CrlImportService crls;
  @EJB private NodeLogService log;
  @EJB private RedactionService redaction;

  /** The caller's view of each mission asked about during one call (clearance read once). */
  private static final class Viewers {
    private final RedactionService redaction;
    private final Map<String, RedactionService.Viewer> byMission = new HashMap<>();

    Viewers(RedactionService redaction) {
      this.redaction = redaction;
    }

    /** Fail closed: an event of no known mission is withheld. */
    boolean withheld(String mission, String eventId) {
      if (eventId == null) {
        return false;
      }
      return byMission
          .computeIfAbsent(mission == null ? "" : mission, redaction::viewer)
          .withheld(eventId);
    }
  }

  /**
   * @param id an event id or an input id ({@code sha256:…}; bare hex is accepted)
   * @return the event (or the lone input) with everything the event page shows; empty when this
   *     node holds no input of that id
   */
  public Optional<EventView> event(String id) {
    String key = normalise(id);
    if (key == null) {
      return Optional.empty();
    }
    List<InputRecord> inputs =
        em.createQuery(
                "select r from InputRecord r where r.eventId = :i or r.inputId = :i order by r.id",
                InputRecord.class)
            .setParameter("i", key)
            .setMaxResults(MAX_HITS)
            .getResultList();
    if (inputs.isEmpty()) {
      return Optional.empty();
    }
    InputRecord first =
        inputs.stream().filter(r -> r.eventId() != null).findFirst().orElse(inputs.get(0));
    if (first.eventId() != null && !first.eventId().equals(key)) {
      // An input id of an authentic event: show the event and all its copies.
      String eventId = first.eventId();
      inputs =
          em.createQuery(
                  "select r from InputRecord r where r.eventId = :i order by r.id",
                  InputRecord.class)
              .setParameter("i", eventId)
              .setMaxResults(MAX_HITS)
              .getResultList();
    }
    List<ContributionView> views = inputs.stream().map(crls::view).toList();
    JsonNode content = null;
    byte[] der = null;
    if (first.eventId() != null) {
      InputBytes bytes = em.find(InputBytes.class, first.inputId());
      der = bytes == null ? null : bytes.der();
      content = der == null ? null : EventViews.content(der).orElse(null);
    }
    JsonNode body = content == null ? null : content.get("body");
    Viewers viewers = new Viewers(redaction);
    // SPEC §6: a withheld event's labelled body fields are withheld here, in EventViews.fields.
    boolean withheld = viewers.withheld(first.mission(), first.eventId());
    return Optional.of(
        new EventView(
            key,
            first.eventId(),
            first.mission(),
            first.member(),
            first.type(),
            first.signer(),
            first.signerSubject(),
            first.epoch(),
            first.seq(),
            first.prev(),
            first.issued(),
            first.marking(),
            first.path() == null || first.path().isBlank()
                ? List.of()
                : Arrays.asList(first.path().split(" <- ")),
            views,
            EventViews.fields(body, withheld),
            bearsOn(first.mission(), first.type(), body, viewers),
            records(inputs),
            withheld ? List.of(Redaction.BODY) : List.of(),
            first.eventId() == null ? List.of() : new EventReferrers(em).of(first.eventId()),
            withheld || der == null || der.length > EventView.MAX_SHOWN_BYTES
                ? null
                : java.util.Base64.getEncoder().encodeToString(der),
            withheld || content == null || der.length > EventView.MAX_SHOWN_BYTES
                ? null
                : EventViews.signedText(der)));
  }

  private List<EventView.Relation> bearsOn(
      String mission, String type, JsonNode body, Viewers viewers) {
    List<EventView.Relation> out = new ArrayList<>();
    if (body == null || !body.isObject()) {
      return out;
    }
    String kind = type == null ? "event" : type;
    for (String key : List.of("proposal", "event", "genesis", "supersedes", "declaration")) {
      String target = body.path(key).asText(null);
      if (target != null && FULL_ID.matcher(target).matches()) {
        out.add(relation(kind + " → " + key, target, mission, viewers));
      }
    }
    for (JsonNode r : body.path("references")) {
      String target = r.path("event").asText(null);
      if (target != null && FULL_ID.matcher(target).matches()) {
        out.add(
            relation(kind + " → reference", target, r.path("mission").asText(mission), viewers));
      }
    }
    return out;
  }

  private EventView.Relation relation(String relation, String id, String mission, Viewers viewers) {
    ProposalEntity p = em.find(ProposalEntity.class, id);
    if (p == null) {
      return new EventView.Relation(relation, id, mission, null, false, List.of());
    }
    boolean withheld = viewers.withheld(p.mission(), p.eventId());
    return new EventView.Relation(
        relation,
        id,
        p.mission(),
        withheld ? null : p.title(),
        true,
        Redaction.redacted(withheld, Redaction.TITLE));
  }

  private List<EventView.LogRecord> records(List<InputRecord> inputs) {
    Set<String> ids = new LinkedHashSet<>();
    inputs.forEach(r -> ids.add(r.inputId()));
    List<LogViews.EntryView> entries = log.entriesOfInputs(List.copyOf(ids));
    Map<String, Optional<LogViews.SthView>> heads = new LinkedHashMap<>();
    List<EventView.LogRecord> out = new ArrayList<>();
    for (LogViews.EntryView e : entries) {
      Optional<LogViews.SthView> head =
          heads.computeIfAbsent(e.mission(), l -> log.history(l).stream().findFirst());
      try {
        long size;
        String against;
        if (head.isPresent() && head.get().size() > e.index()) {
          size = head.get().size();
          against = "the signed tree head of " + head.get().time() + " (size " + size + ")";
        } else {
          size = log.size(e.mission()).size();
          against =
              "the current tree (size " + size + "); no signed tree head covers this record yet";
        }
        LogViews.InclusionView proof = log.inclusion(e.mission(), e.index(), size);
        out.add(
            new EventView.LogRecord(
                e.mission(),
                e.index(),
                e.inputId(),
                e.outcome(),
                e.recordedAt(),
                proof.entry(),
                proof.leafHash(),
                size,
                against,
                proof.auditPath(),
                proof.root()));
      } catch (UnknownLogException | LogRangeException ex) {
        out.add(
            new EventView.LogRecord(
                e.mission(),
                e.index(),
                e.inputId(),
                e.outcome(),
                e.recordedAt(),
                e.entry(),
                e.leafHash(),
                0,
                "no proof: " + ex.getMessage(),
                List.of(),
                ""));
      }
    }
    return out;
  }

  /**
   * Search over what this node holds.
   *
   * @param query an event id, input id or signer hash ({@code sha256:…}, bare hex, or a prefix of
   *     at least 6 hex digits), a member id, or text found in a certificate subject, a mission's
   *     name, a proposal's title or text, or a rationale
   * @return the hits, ids first, at most {@link #MAX_HITS} of each kind
   */
  public List<SearchHit> search(String query) {
    List<SearchHit> out = new ArrayList<>();
    if (query == null || query.isBlank()) {
      return out;
    }
    String q = query.strip();
    if (q.length() > MAX_QUERY) {
      q = q.substring(0, MAX_QUERY);
    }
    String lower = q.toLowerCase(Locale.ROOT);
    if (ID_PREFIX.matcher(lower).matches()) {
      idHits(lower, out);
    }
    if (MEMBER.matcher(q).matches()) {
      memberHits(q.toUpperCase(Locale.ROOT), out);
    }
    if (VERDICT.matcher(lower).matches()) {
      verdictHits(lower, out);
    }
    textHits(lower, out, new Viewers(redaction));
    return out;
  }

  /**
   * Verdicts: an outcome ({@code admitted}, {@code held}, {@code rejected}, …) or a reason code
   * ({@code signer-mismatch}, …) finds, per mission, how many inputs stand so, linking to the
   * mission's inputs filtered by it.
   */
  private void verdictHits(String q, List<SearchHit> out) {
    for (Object[] row :
        em.createQuery(
                "select r.mission, r.outcome, r.reasonCode, count(r) from InputRecord r"
                    + " where r.outcome = :q or r.reasonCode = :q"
                    + " group by r.mission, r.outcome, r.reasonCode order by r.mission",
                Object[].class)
            .setParameter("q", q)
            .setMaxResults(MAX_HITS)
            .getResultList()) {
      String mission = (String) row[0];
      String outcome = (String) row[1];
      String reason = (String) row[2];
      long n = ((Number) row[3]).longValue();
      String verdict = outcome + (reason == null ? "" : " (" + reason + ")");
      out.add(
          new SearchHit(
              "verdict",
              verdict + (mission == null ? " in quarantine" : " in " + mission),
              inputs(n),
              mission == null
                  ? "quarantine.xhtml"
                  : "mission.xhtml?m="
                      + encode(mission)
                      + "&outcome="
                      + encode(outcome)
                      + (reason == null ? "" : "&reason=" + encode(reason))));
    }
  }

  private void idHits(String q, List<SearchHit> out) {
    String full = normalise(q);
    String prefix = q.startsWith("sha256:") ? q : "sha256:" + q;
    List<InputRecord> rs =
        full != null
            ? em.createQuery(
                    "select r from InputRecord r where r.eventId = :i or r.inputId = :i order by r.id",
                    InputRecord.class)
                .setParameter("i", full)
                .setMaxResults(MAX_HITS)
                .getResultList()
            : em.createQuery(
                    "select r from InputRecord r where r.eventId like :p or r.inputId like :p"
                        + " order by r.id",
                    InputRecord.class)
                .setParameter("p", prefix + "%")
                .setMaxResults(MAX_HITS)
                .getResultList();
    for (InputRecord r : rs) {
      boolean isEvent = r.eventId() != null && r.eventId().startsWith(prefix);
      String id = isEvent ? r.eventId() : r.inputId();
      out.add(
          new SearchHit(
              isEvent ? "event" : "input", id, describe(r), "event.xhtml?id=" + encode(id)));
    }
    // A signer: the key's events, newest first.
    List<InputRecord> signed =
        em.createQuery(
                "select r from InputRecord r where r.signer like :p order by r.id desc",
                InputRecord.class)
            .setParameter("p", full != null ? full : prefix + "%")
            .setMaxResults(MAX_HITS)
            .getResultList();
    Set<String> members = new LinkedHashSet<>();
    for (InputRecord r : signed) {
      if (r.mission() != null
          && r.member() != null
          && members.add(r.mission() + " " + r.member())) {
        out.add(
            new SearchHit(
                "signer",
                r.signer(),
                "key of "
                    + (r.signerSubject() == null ? "an unknown subject" : r.signerSubject())
                    + ", member "
                    + r.member()
                    + " of mission "
                    + r.mission(),
                memberHref(r.mission(), r.member())));
      }
      out.add(
          new SearchHit(
              "event by that signer",
              r.eventId() != null ? r.eventId() : r.inputId(),
              describe(r),
              "event.xhtml?id=" + encode(r.eventId() != null ? r.eventId() : r.inputId())));
    }
    for (MissionEntity m :
        em.createQuery(
                "select m from MissionEntity m where m.genesisId like :p", MissionEntity.class)
            .setParameter("p", prefix + "%")
            .setMaxResults(MAX_HITS)
            .getResultList()) {
      out.add(
          new SearchHit(
              "mission genesis",
              m.name(),
              "genesis " + m.genesisId(),
              "mission.xhtml?m=" + encode(m.name())));
    }
  }

  private void memberHits(String member, List<SearchHit> out) {
    for (Object[] row :
        em.createQuery(
                "select r.mission, r.member, count(r) from InputRecord r where upper(r.member) = :m"
                    + " and r.mission is not null group by r.mission, r.member order by r.mission",
                Object[].class)
            .setParameter("m", member)
            .setMaxResults(MAX_HITS)
            .getResultList()) {
      out.add(
          new SearchHit(
              "member",
              row[1] + " in " + row[0],
              inputs(((Number) row[2]).longValue()),
              memberHref((String) row[0], (String) row[1])));
    }
  }

  /**
   * Text search: certificate subjects, mission names, proposal titles and texts, rationales.
   * Titles, texts and rationales are labelled (SPEC §6): only events the caller's clearance admits
   * are searched, so a withheld word finds nothing (and a withheld event is never a hit by its
   * text).
   */
  private void textHits(String lower, List<SearchHit> out, Viewers viewers) {
    String like = "%" + lower.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    for (Object[] row :
        em.createQuery(
                "select r.mission, r.member, r.signer, r.signerSubject, count(r) from InputRecord r"
                    + " where lower(r.signerSubject) like :q escape '\\' and r.mission is not null"
                    + " group by r.mission, r.member, r.signer, r.signerSubject",
                Object[].class)
            .setParameter("q", like)
            .setMaxResults(MAX_HITS)
            .getResultList()) {
      out.add(
          new SearchHit(
              "signer",
              (String) row[3],
              "member "
                  + row[1]
                  + " of mission "
                  + row[0]
                  + ", key "
                  + row[2]
                  + ", "
                  + inputs(((Number) row[4]).longValue()),
              memberHref((String) row[0], (String) row[1])));
    }
    for (MissionEntity m :
        em.createQuery(
                "select m from MissionEntity m where lower(m.name) like :q escape '\\'"
                    + " or lower(m.displayName) like :q escape '\\'",
                MissionEntity.class)
            .setParameter("q", like)
            .setMaxResults(MAX_HITS)
            .getResultList()) {
      out.add(
          new SearchHit(
              "mission",
              m.name(),
              m.displayName() == null ? "" : m.displayName(),
              "mission.xhtml?m=" + encode(m.name())));
    }
    labelledHits(
        ProposalEntity.class,
        "lower(x.title) like :q escape '\\' or lower(x.text) like :q escape '\\'",
        like,
        viewers,
        p ->
            new SearchHit(
                "proposal",
                p.title(),
                "by " + p.member() + " in mission " + p.mission() + ", " + p.eventId(),
                "event.xhtml?id=" + encode(p.eventId())),
        out);
    labelledHits(
        AttestationEntity.class,
        "lower(x.rationale) like :q escape '\\'",
        like,
        viewers,
        a ->
            new SearchHit(
                "attestation",
                a.verdict() + " by " + a.member() + " (" + a.role() + ")",
                "rationale: " + a.rationale(),
                "event.xhtml?id=" + encode(a.eventId())),
        out);
  }

  /**
   * Text hits among labelled projected events: the newest {@link #TEXT_CANDIDATES} rows of {@code
   * kind} matching {@code where} (JPQL on alias {@code x}, parameter {@code :q}), of which the
   * first {@link #MAX_HITS} the caller's clearance admits (SPEC §6) become hits.
   */
  private <T extends ProjectedEvent> void labelledHits(
      Class<T> kind,
      String where,
      String like,
      Viewers viewers,
      Function<T, SearchHit> hit,
      List<SearchHit> out) {
    int hits = 0;
    for (T x :
        em.createQuery(
                "select x from "
                    + kind.getSimpleName()
                    + " x where "
                    + where
                    + " order by x.issuedMillis desc",
                kind)
            .setParameter("q", like)
            .setMaxResults(TEXT_CANDIDATES)
            .getResultList()) {
      if (hits >= MAX_HITS || viewers.withheld(x.mission(), x.eventId())) {
        continue;
      }
      hits++;
      out.add(hit.apply(x));
    }
  }

  private static String describe(InputRecord r) {
    StringBuilder s = new StringBuilder();
    s.append(r.type() == null ? "unreadable input" : r.type());
    if (r.member() != null) {
      s.append(" by ").append(r.member());
    }
    if (r.mission() != null) {
      s.append(" in mission ").append(r.mission());
    }
    s.append(", ").append(r.outcome().code());
    if (r.reasonCode() != null) {
      s.append(" (").append(r.reasonCode()).append(')');
    }
    return s.toString();
  }

  /**
   * @param n a count of inputs
   * @return {@code 1 input}, {@code 2 inputs}
   */
  static String inputs(long n) {
    return n + (n == 1 ? " input" : " inputs");
  }

  private static String memberHref(String mission, String member) {
    return "member.xhtml?m=" + encode(mission) + "&id=" + encode(member);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /**
   * @param id an id as typed
   * @return {@code sha256:} + 64 lower-case hex digits, or null when it is not a full id
   */
  static String normalise(String id) {
    if (id == null) {
      return null;
    }
    String s = id.strip().toLowerCase(Locale.ROOT);
    if (FULL_ID.matcher(s).matches()) {
      return s;
    }
    return HEX_ID.matcher(s).matches() ? "sha256:" + s : null;
  }
}
