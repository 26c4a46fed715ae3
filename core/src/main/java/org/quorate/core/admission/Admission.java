package org.quorate.core.admission;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.quorate.core.cms.SignedDataVerifier;
import org.quorate.core.cms.VerifiedSignedData;
import org.quorate.core.event.Event;
import org.quorate.core.event.EventParser;
import org.quorate.core.event.EventType;
import org.quorate.core.label.ConfidentialityLabel;
import org.quorate.core.label.LabelFormatException;
import org.quorate.core.label.LabelJson;
import org.quorate.core.label.LabelPolicy;
import org.quorate.core.label.PostureDecision;
import org.quorate.core.label.SecurityPolicies;
import org.quorate.core.mission.Genesis;
import org.quorate.core.mission.Member;
import org.quorate.core.mission.Roster;
import org.quorate.core.pki.CertificationPathValidator;
import org.quorate.core.pki.PathOptions;
import org.quorate.core.pki.ValidatedPath;
import org.quorate.core.pki.ValidatedPathCache;
import org.quorate.core.reason.AdmissionException;
import org.quorate.core.reason.PathValidationException;
import org.quorate.core.reason.ReasonCode;

/**
 * The admission pipeline of SPEC §2, in its order, as one façade over the stage verifiers.
 *
 * <p>{@link #decode} runs the stateless stages 1–3 (size cap and CMS profile, signature, content
 * and {@code signer}) and is safe to call concurrently; {@link #judge} runs the stateful stages 4–9
 * (stage 8, idempotency, over the outcome the copy earns by the others) against what the node holds
 * of the mission, and must be called under the mission's lock so that judgements of one mission are
 * serial. Both are deterministic: the same input and the same held events give the same result on
 * every node.
 */
public final class Admission {
  /** Default allowed clock skew of {@code issued} ahead of the node's clock. */
  public static final Duration DEFAULT_SKEW = Duration.ofMinutes(5);

  private final SignedDataVerifier signedData;
  private final EventParser events = new EventParser();
  private final ValidatedPathCache paths;
  private final Duration skew;
  private final SecurityPolicies spifs;
  private final java.util.concurrent.ConcurrentMap<String, LabelPolicy> labelPolicies =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * @param signedData the stage 1–2 verifier (size cap, CMS profile, algorithms, signature)
   * @param paths the stage 5 certification path validator
   * @param skew how far {@code issued} may lie ahead of the node's clock before the event is held
   */
  public Admission(SignedDataVerifier signedData, CertificationPathValidator paths, Duration skew) {
    this(signedData, paths, skew, SecurityPolicies.defaults());
  }

  /**
   * @param signedData the stage 1–2 verifier (size cap, CMS profile, algorithms, signature)
   * @param paths the stage 5 certification path validator
   * @param skew how far {@code issued} may lie ahead of the node's clock before the event is held
   * @param spifs the security policies (SPIF files) this node has loaded; a genesis names one by
   *     hash in its {@code labelPolicy} (SPEC §6)
   */
  public Admission(
      SignedDataVerifier signedData,
      CertificationPathValidator paths,
      Duration skew,
      SecurityPolicies spifs) {
    this.signedData = signedData;
    this.paths = new ValidatedPathCache(paths);
    this.skew = skew;
    this.spifs = spifs;
  }

  /**
   * Stages 1–3. No exception means the input is authentic: a SignedData of the profile, whose
   * signature verifies, whose content is a version-1 event naming the certificate's key.
   *
   * @param der the bytes received (any length; the size cap is checked first)
   * @return the decoded contribution
   * @throws AdmissionException with the reason code of the first failing check
   */
  public DecodedContribution decode(byte[] der) throws AdmissionException {
    VerifiedSignedData sd = signedData.verify(der);
    Event event = events.parse(sd.content());
    String spki = sd.signer();
    if (!spki.equals(event.signer())) {
      throw new AdmissionException(
          ReasonCode.SIGNER_MISMATCH,
          "The event names signer "
              + event.signer()
              + " but the signing certificate's SubjectPublicKeyInfo hashes to "
              + spki
              + ".");
    }
    return new DecodedContribution(sd, event);
  }

  /**
   * Stages 3 (skew) to 9 for an authentic contribution.
   *
   * @param c a contribution that passed {@link #decode}
   * @param facts what the node holds of the event's mission
   * @param now the node's clock
   * @return the judgement to record, with the CRLs revocation was judged with ({@link
   *     Judgement#crlsUsed()}); never null, never throws for any input
   */
  public Judgement judge(DecodedContribution c, MissionFacts facts, Instant now) {
    List<List<X509CRL>> crlsUsed = new ArrayList<>(1);
    Judgement own = judge(c, facts, now, crlsUsed);
    return idempotency(
        c.event(), crlsUsed.isEmpty() ? own : own.withCrlsUsed(crlsUsed.get(0)), facts);
  }

  /**
   * How good an outcome a copy of an event earns (SPEC §2.8, "admitted over void over rejected"): 3
   * admitted or evidence (it passed every check; a fork is a fact of the content, the same for
   * every copy), 2 held (it may still be admitted), 1 void, 0 for what earns nothing (rejected,
   * duplicate).
   *
   * @param o an outcome
   * @return its rank
   */
  static int earned(Outcome o) {
    return switch (o) {
      case ADMITTED, EVIDENCE -> 3;
      case HELD -> 2;
      case VOID -> 1;
      case REJECTED, DUPLICATE -> 0;
    };
  }

  /**
   * Stage 8, idempotency (SPEC §2.8), over a copy's own judgement: copies of one event (the same
   * content in other SignedData, e.g. under another certificate for the same key) are judged
   * together. A copy is {@code duplicate} when another copy already holds an outcome at least as
   * good as the one it earns itself; a copy that earns a better one takes it (the ledger then turns
   * the worse copy {@code duplicate}), so the event ends with the best outcome any copy earns
   * whatever their arrival order. A copy that earns nothing (rejected) keeps its own reason.
   */
  private static Judgement idempotency(Event e, Judgement own, MissionFacts facts) {
    int earned = earned(own.outcome());
    if (earned == 0) {
      return own;
    }
    Optional<Outcome> held = facts.heldCopy(e.eventId());
    if (held.isEmpty() || earned(held.get()) < earned) {
      return own;
    }
    return new Judgement(
        Outcome.DUPLICATE,
        null,
        "Event "
            + e.eventId()
            + " is already held ("
            + held.get().code()
            + "); this copy earns no better and is stored once.",
        null,
        null,
        own.roles(),
        own.path(),
        own.crlsUsed());
  }

  /**
   * The result of one stage: either the judgement that ends the pipeline here ({@code stop}), or
   * what the next stages need ({@code value}).
   */
  private record Step<T>(Judgement stop, T value) {
    static <T> Step<T> stop(Judgement j) {
      return new Step<>(j, null);
    }

    static <T> Step<T> go(T value) {
      return new Step<>(null, value);
    }
  }

  /** What stage 4 establishes: the epoch's roster and the claimed member in it. */
  private record Placed(Roster roster, Member member) {}

  /** What stage 5 establishes: the signer's certificate and its validated path. */
  private record Pathed(X509Certificate signer, ValidatedPath path) {}

  /**
   * Stages 3 (skew) to 7 and 9 in SPEC §2 order, one method each (stage 8 is {@link #idempotency},
   * over their result); {@code crlsUsed} receives the CRLs of stage 5 once revocation is judged.
   */
  private Judgement judge(
      DecodedContribution c, MissionFacts facts, Instant now, List<List<X509CRL>> crlsUsed) {
    Event e = c.event();
    Optional<Judgement> early = skew(e, now);
    if (early.isPresent()) {
      return early.get();
    }
    Step<Placed> placed = missionAndEpoch(e, facts);
    if (placed.stop() != null) {
      return placed.stop();
    }
    Roster roster = placed.value().roster();
    Member member = placed.value().member();
    Step<Pathed> pathed = certificationPath(c, facts, roster, member, crlsUsed);
    if (pathed.stop() != null) {
      return pathed.stop();
    }
    X509Certificate signer = pathed.value().signer();
    List<String> subjects = pathed.value().path().subjects();
    Step<Set<String>> bound = bindingAndRole(e, facts, roster, member, signer);
    if (bound.stop() != null) {
      return bound.stop();
    }
    Set<String> roles = bound.value();
    // Stage 7: posture, releasability and references (SPEC §6).
    Optional<Judgement> labelled = labels(e, facts, roster, subjects);
    if (labelled.isPresent()) {
      return labelled.get();
    }
    // Stage 8 (idempotency) is judged over this copy's own outcome: see idempotency().
    return chain(e, facts, roles, subjects);
  }

  /** Stage 3, the part that needs the clock: an event issued beyond the skew waits. */
  private Optional<Judgement> skew(Event e, Instant now) {
    if (e.issued().isAfter(now.plus(skew))) {
      return Optional.of(
          Judgement.held(
              ReasonCode.ISSUED_IN_FUTURE,
              "The event is issued at "
                  + e.issued()
                  + ", beyond the allowed skew of "
                  + skew
                  + " ahead of this node's clock ("
                  + now
                  + "); it waits until then.",
              "time:" + e.issued(),
              List.of()));
    }
    return Optional.empty();
  }

  /** Stage 4: mission known and active, epoch known and in force, member of its roster. */
  private Step<Placed> missionAndEpoch(Event e, MissionFacts facts) {
    if (!facts.missionKnown()) {
      return Step.stop(
          Judgement.held(
              ReasonCode.UNKNOWN_MISSION,
              "Mission " + e.mission() + " is not known to this node yet; the event waits for it.",
              "mission:" + e.mission(),
              List.of()));
    }
    if (facts.missionPending() && e.type() != EventType.GENESIS_ENDORSEMENT) {
      return Step.stop(
          Judgement.held(
              ReasonCode.MISSION_PENDING,
              "Mission "
                  + e.mission()
                  + " waits for its founders to endorse the genesis; the event waits with it.",
              "pending:" + e.mission(),
              List.of()));
    }
    Optional<Roster> maybeRoster = facts.roster(e.epoch());
    if (maybeRoster.isEmpty()) {
      return Step.stop(
          Judgement.held(
              ReasonCode.UNKNOWN_EPOCH,
              "Epoch " + e.epoch() + " of mission " + e.mission() + " is not known yet.",
              "epoch:" + e.mission() + ":" + e.epoch(),
              List.of()));
    }
    Roster roster = maybeRoster.get();
    Optional<Roster.Opening> closed = facts.epochClosedBy(e.epoch());
    if (closed.isPresent() && !closed.get().admitsEarlier(e.issued(), e.eventId())) {
      return Step.stop(
          Judgement.of(
              Outcome.REJECTED,
              new AdmissionException(
                  ReasonCode.STALE_EPOCH,
                  "The event names epoch "
                      + e.epoch()
                      + " but is issued at "
                      + e.issued()
                      + ", after decision "
                      + closed.get().decision()
                      + " (issued "
                      + closed.get().issued()
                      + ") opened epoch "
                      + (e.epoch() + 1)
                      + "; sign it again naming the epoch in force.")));
    }
    Optional<Member> claimed = roster.member(e.member());
    if (claimed.isEmpty()) {
      return Step.stop(
          Judgement.of(
              Outcome.REJECTED,
              new AdmissionException(
                  ReasonCode.ANCHOR_NOT_MEMBER,
                  e.member()
                      + " is not a member of mission "
                      + e.mission()
                      + " in epoch "
                      + e.epoch()
                      + ".")));
    }
    return Step.go(new Placed(roster, claimed.get()));
  }

  /** Stage 5: certification path to the claimed member's anchors, judged at {@code issued}. */
  private Step<Pathed> certificationPath(
      DecodedContribution c,
      MissionFacts facts,
      Roster roster,
      Member member,
      List<List<X509CRL>> crlsUsed) {
    Event e = c.event();
    VerifiedSignedData sd = c.signedData();
    X509Certificate signer = sd.signerCertificate();
    List<X509Certificate> intermediates = new ArrayList<>(sd.certificates());
    intermediates.remove(signer);
    ValidatedPath path;
    try {
      path =
          paths.validate(
              signer,
              intermediates,
              member.trustAnchors(),
              facts.crls(),
              e.issued(),
              PathOptions.quorate());
    } catch (PathValidationException ex) {
      if (ex.reasonCode() == ReasonCode.REVOKED) {
        crlsUsed.add(ex.crl().map(List::of).orElse(List.of()));
        return Step.stop(Judgement.of(Outcome.VOID, ex));
      }
      if (ex.reasonCode() == ReasonCode.PATH_INVALID) {
        Optional<String> other = otherOwner(signer, intermediates, roster, member, facts, e);
        if (other.isPresent()) {
          return Step.stop(
              Judgement.of(
                  Outcome.REJECTED,
                  new AdmissionException(
                      ReasonCode.ANCHOR_NOT_MEMBER,
                      "The credential chains to a trust anchor of "
                          + other.get()
                          + ", not of "
                          + e.member()
                          + " which the event claims.")));
        }
      }
      return Step.stop(Judgement.of(Outcome.REJECTED, ex));
    }
    crlsUsed.add(path.crlsConsulted());
    return Step.go(new Pathed(signer, path));
  }

  /** Stage 6: binding and role (and what the type binds: endorsed genesis, CRL issuer). */
  private Step<Set<String>> bindingAndRole(
      Event e, MissionFacts facts, Roster roster, Member member, X509Certificate signer) {
    Set<String> roles = CredentialRoles.granted(roster, member, signer, e.signer());
    String needed =
        switch (e.type().roleRule()) {
          case ANY_GRANTED -> null;
          case ROLE_IN_BODY -> e.attestedRole();
          case NAMED -> e.type().namedRole();
        };
    boolean granted = needed == null ? !roles.isEmpty() : roles.contains(needed);
    if (!granted) {
      String subject = signer.getSubjectX500Principal().getName();
      return Step.stop(
          Judgement.of(
              Outcome.REJECTED,
              new AdmissionException(
                  ReasonCode.ROLE_NOT_GRANTED,
                  "The credential "
                      + subject
                      + " holds "
                      + (roles.isEmpty() ? "no role" : "roles " + roles)
                      + " in epoch "
                      + e.epoch()
                      + "; a "
                      + e.type().wireName()
                      + " needs "
                      + (needed == null ? "any granted role" : "role " + needed)
                      + ".")));
    }
    if (e.type() == EventType.GENESIS_ENDORSEMENT) {
      String endorsed = e.body().path("genesis").asText();
      String bound = facts.genesisId().orElse("");
      if (!endorsed.equals(bound)) {
        return Step.stop(
            Judgement.of(
                Outcome.REJECTED,
                new AdmissionException(
                    ReasonCode.MALFORMED_CONTENT,
                    "The endorsement names genesis "
                        + endorsed
                        + " but mission "
                        + e.mission()
                        + " is bound to "
                        + bound
                        + ".")));
      }
    }
    if (e.type() == EventType.CRL) {
      try {
        CrlContribution.checkIssuedUnder(CrlContribution.parse(e), member.trustAnchors());
      } catch (AdmissionException ex) {
        return Step.stop(Judgement.of(Outcome.REJECTED, ex));
      }
    }
    return Step.go(roles);
  }

  /** Stage 9: chain (a fork is evidence; a successor waits for its predecessor). */
  private Judgement chain(Event e, MissionFacts facts, Set<String> roles, List<String> subjects) {
    Optional<String> conflict = facts.chainConflict(e.signer(), e.seq(), e.eventId());
    if (conflict.isPresent()) {
      return new Judgement(
          Outcome.EVIDENCE,
          ReasonCode.CHAIN_FORK,
          "Signer "
              + e.signer()
              + " signed two different events at seq "
              + e.seq()
              + ": "
              + conflict.get()
              + " and "
              + e.eventId()
              + ".",
          null,
          conflict.get(),
          roles,
          subjects);
    }
    if (e.seq() > 1
        && !facts.chainHas(e.signer(), e.seq() - 1, e.prev())
        && !facts.gapDeclared(e.signer(), e.seq() - 1)) {
      return Judgement.held(
          ReasonCode.CHAIN_GAP,
          "The event follows "
              + e.prev()
              + " (seq "
              + (e.seq() - 1)
              + " of its signer), which this node does not hold yet.",
          "event:" + e.prev(),
          subjects);
    }
    return Judgement.admitted(roles, subjects);
  }

  /** Stage 7; empty when the event passes it. */
  private Optional<Judgement> labels(
      Event e, MissionFacts facts, Roster roster, List<String> subjects) {
    Optional<Genesis> genesis = facts.genesis();
    if (genesis.isEmpty()) {
      return Optional.empty();
    }
    Genesis g = genesis.get();
    List<String> members = roster.members().stream().map(Member::id).toList();
    try {
      LabelPolicy policy = labelPolicy(g);
      // The posture in force in the event's epoch (genesis, or changed by governance).
      ConfidentialityLabel posture =
          roster.posture() == null ? null : LabelJson.fromTree(roster.posture());
      if (e.label() != null) {
        ConfidentialityLabel label = LabelJson.fromTree(e.label());
        PostureDecision d = policy.admissible(label, posture, members);
        if (!d.admitted()) {
          return Optional.of(
              Judgement.of(Outcome.REJECTED, new AdmissionException(d.reason(), d.sentence())));
        }
      }
      if (e.type() == EventType.CONTRIBUTION && e.body().has("references")) {
        for (JsonNode ref : e.body().get("references")) {
          String mission = ref.get("mission").asText();
          String id = ref.get("event").asText();
          Optional<ReferencedEvent> referenced = facts.referenced(mission, id);
          if (referenced.isEmpty()) {
            return Optional.of(
                Judgement.held(
                    ReasonCode.UNKNOWN_REFERENCE,
                    "The contribution references event "
                        + id
                        + " of mission "
                        + mission
                        + ", which this node does not hold admitted yet.",
                    "event:" + id,
                    subjects));
          }
          JsonNode effective = referenced.get().effectiveLabel();
          if (effective == null || mission.equals(e.mission())) {
            continue;
          }
          PostureDecision d =
              policy.referenceAdmissible(LabelJson.fromTree(effective), posture, members);
          if (!d.admitted()) {
            return Optional.of(
                Judgement.of(
                    Outcome.REJECTED,
                    new AdmissionException(
                        d.reason(),
                        "Reference to " + id + " of mission " + mission + ": " + d.sentence())));
          }
        }
      }
      return Optional.empty();
    } catch (LabelFormatException ex) {
      return Optional.of(
          Judgement.of(
              Outcome.REJECTED,
              new AdmissionException(
                  ReasonCode.MALFORMED_CONTENT,
                  "A label is not of SPEC §6's form: " + ex.getMessage() + ".")));
    }
  }

  /**
   * The display marking of the label that applies to an event (its own, else its mission's
   * posture), in English, as the mission's SPIF defines it (SPEC §6, STANAG 4774).
   *
   * @param c an authentic contribution
   * @param facts what the node holds of its mission
   * @return the marking, or empty when the mission is unknown, sets no posture and the event
   *     carries no label, or the label cannot be read
   */
  public Optional<String> marking(DecodedContribution c, MissionFacts facts) {
    Optional<Genesis> g = facts.genesis();
    if (g.isEmpty()) {
      return Optional.empty();
    }
    JsonNode posture =
        facts.roster(c.event().epoch()).map(Roster::posture).orElse(g.get().posture());
    JsonNode label = c.event().label() != null ? c.event().label() : posture;
    if (label == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          labelPolicy(g.get()).spif().displayMarking(LabelJson.fromTree(label), "en"));
    } catch (LabelFormatException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private LabelPolicy labelPolicy(Genesis g) throws LabelFormatException {
    LabelPolicy cached = labelPolicies.get(g.genesisId());
    if (cached == null) {
      cached = LabelPolicy.fromGenesis(g.labelPolicy(), spifs);
      labelPolicies.put(g.genesisId(), cached);
    }
    return cached;
  }

  private Optional<String> otherOwner(
      X509Certificate signer,
      List<X509Certificate> intermediates,
      Roster roster,
      Member claimed,
      MissionFacts facts,
      Event e) {
    for (Member m : roster.members()) {
      if (m.id().equals(claimed.id())) {
        continue;
      }
      try {
        paths.validate(
            signer,
            intermediates,
            m.trustAnchors(),
            facts.crls(),
            e.issued(),
            PathOptions.quorate());
        return Optional.of(m.id());
      } catch (PathValidationException ignored) {
        // not this member's anchor either
      }
    }
    return Optional.empty();
  }
}
