package org.quorate.ejb.admission;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.quorate.core.admission.AdmissionException;
import org.quorate.core.admission.ContentPeek;
import org.quorate.core.admission.DecodedContribution;
import org.quorate.core.admission.Judgement;
import org.quorate.core.admission.Outcome;
import org.quorate.core.admission.ReasonCode;
import org.quorate.core.cms.Ids;
import org.quorate.core.event.Event;
import org.quorate.ejb.contribution.ContributionRecord;
import org.quorate.ejb.contribution.InputBytes;
import org.quorate.ejb.mission.MissionEntity;

/**
 * The one application service every transport (JMS/AMQP MDB, REST) hands its bytes to: runs the
 * admission pipeline of SPEC §2 and records exactly one outcome per input, keeping the bytes.
 *
 * <p>Bad input never throws from here: it ends as a recorded outcome. Only infrastructure failures
 * (database down) throw, rolling back the caller's transaction so that JMS redelivers and, after
 * the redelivery policy, dead-letters the message.
 */
@Stateless
public class AdmissionService {
  private static final Logger LOG = Logger.getLogger(AdmissionService.class.getName());

  @PersistenceContext(unitName = "quorate")
  private EntityManager em;

  @Inject private AdmissionEngine engine;

  private final Clock clock = Clock.systemUTC();

  /**
   * Admits one input.
   *
   * @param der the bytes received (a DER CMS SignedData, or anything else)
   * @param transport how it arrived, e.g. {@code jms id=ID:…}, {@code rest 10.0.0.7}
   * @return the SPEC §1 answer: for the very same bytes seen before, the recorded outcome (an
   *     admitted event answers {@code duplicate})
   */
  public SubmissionAnswer submit(byte[] der, String transport) {
    String inputId = Ids.sha256Id(der);
    ContributionRecord seen = byInput(inputId);
    if (seen != null) {
      seen.replayed();
      return replayAnswer(seen);
    }
    Instant now = clock.instant();
    ContributionRecord record = new ContributionRecord(inputId, transport, now);
    DecodedContribution decoded;
    try {
      decoded = engine.admission().decode(der);
    } catch (AdmissionException e) {
      ContentPeek peek =
          e.reasonCode() == ReasonCode.TOO_LARGE
              ? ContentPeek.of(new byte[0])
              : ContentPeek.of(der);
      record.describe(
          null,
          peek.mission(),
          peek.member(),
          peek.signer(),
          peek.signerSubject(),
          peek.type(),
          null,
          null,
          null,
          peek.issued());
      record.decide(Outcome.REJECTED, e.reasonCode(), e.getMessage(), null, null, now);
      em.persist(new InputBytes(inputId, der));
      em.persist(record);
      return ContributionView.of(record).answer();
    } catch (RuntimeException e) {
      // A library bug must not lose the input or block the queue: keep it, say so.
      LOG.log(Level.WARNING, "Unexpected failure decoding input " + inputId, e);
      record.decide(
          Outcome.REJECTED,
          ReasonCode.MALFORMED_CMS,
          "The input could not be decoded (" + e.getClass().getSimpleName() + ").",
          null,
          null,
          now);
      em.persist(new InputBytes(inputId, der));
      em.persist(record);
      return ContributionView.of(record).answer();
    }
    Event e = decoded.event();
    record.describe(
        e.eventId(),
        e.mission(),
        e.member(),
        e.signer(),
        ContentPeek.subjectOf(decoded.signedData().signerCertificate()),
        e.type().wireName(),
        e.epoch(),
        e.seq(),
        e.prev(),
        e.issued().toString());
    em.persist(new InputBytes(inputId, der));
    MissionEntity mission =
        em.find(MissionEntity.class, e.mission(), LockModeType.PESSIMISTIC_WRITE);
    apply(record, decoded, mission, now);
    em.persist(record);
    if (Outcome.ADMITTED.code().equals(record.outcome())) {
      em.flush();
      release(mission, "event:" + e.eventId(), now);
    }
    return ContributionView.of(record).answer();
  }

  /**
   * Records a message that carried no bytes to decode (not a BytesMessage): rejected with {@code
   * unsupported-message}, its body kept under its input id.
   *
   * @param body the message body as bytes (text as UTF-8; empty when none)
   * @param transport how it arrived
   * @param kind the message kind, e.g. {@code TextMessage}
   * @return the SPEC §1 answer
   */
  public SubmissionAnswer recordUnsupported(byte[] body, String transport, String kind) {
    String inputId = Ids.sha256Id(body);
    ContributionRecord seen = byInput(inputId);
    if (seen != null) {
      seen.replayed();
      return replayAnswer(seen);
    }
    Instant now = clock.instant();
    ContributionRecord record = new ContributionRecord(inputId, transport, now);
    record.decide(
        Outcome.REJECTED,
        ReasonCode.UNSUPPORTED_MESSAGE,
        "A " + kind + " arrived; contributions travel as a JMS BytesMessage holding the DER.",
        null,
        null,
        now);
    em.persist(new InputBytes(inputId, body));
    em.persist(record);
    return ContributionView.of(record).answer();
  }

  /**
   * Re-judges the held inputs of a mission waiting on a key, in order of arrival, and those they
   * release in turn (a chain released in order).
   *
   * @param mission the mission (locked by the caller)
   * @param key what they wait for, e.g. {@code event:sha256:…} or {@code mission:M}
   * @param now the node's clock
   */
  void release(MissionEntity mission, String key, Instant now) {
    Deque<String> keys = new ArrayDeque<>();
    keys.add(key);
    while (!keys.isEmpty()) {
      String k = keys.poll();
      List<ContributionRecord> waiting =
          em.createQuery(
                  "select r from ContributionRecord r where r.waitingOn = :k order by r.id",
                  ContributionRecord.class)
              .setParameter("k", k)
              .getResultList();
      for (ContributionRecord held : waiting) {
        InputBytes bytes = em.find(InputBytes.class, held.inputId());
        DecodedContribution decoded;
        try {
          decoded = engine.admission().decode(bytes.der());
        } catch (AdmissionException ex) {
          held.decide(Outcome.REJECTED, ex.reasonCode(), ex.getMessage(), null, null, now);
          continue;
        }
        apply(held, decoded, mission, now);
        em.flush();
        if (Outcome.ADMITTED.code().equals(held.outcome())) {
          keys.add("event:" + held.eventId());
        }
      }
    }
  }

  /**
   * Re-judges everything held for a mission that was unknown until now.
   *
   * @param mission the mission just loaded (locked by the caller)
   */
  public void releaseMission(MissionEntity mission) {
    release(mission, "mission:" + mission.name(), clock.instant());
  }

  private void apply(
      ContributionRecord record, DecodedContribution decoded, MissionEntity mission, Instant now) {
    Judgement j = engine.admission().judge(decoded, new JpaMissionFacts(em, engine, mission), now);
    record.decide(j.outcome(), j.reasonCode(), j.reason(), j.waitingOn(), j.conflictsWith(), now);
    record.credential(String.join(",", j.roles()), String.join(" <- ", j.path()));
    if (j.outcome() == Outcome.EVIDENCE && j.conflictsWith() != null) {
      for (ContributionRecord other :
          em.createQuery(
                  "select r from ContributionRecord r where r.eventId = :e",
                  ContributionRecord.class)
              .setParameter("e", j.conflictsWith())
              .getResultList()) {
        if (Outcome.ADMITTED.code().equals(other.outcome())) {
          other.decide(
              Outcome.EVIDENCE, j.reasonCode(), j.reason(), null, decoded.event().eventId(), now);
        }
      }
    }
  }

  private SubmissionAnswer replayAnswer(ContributionRecord seen) {
    ContributionView v = ContributionView.of(seen);
    if (Outcome.ADMITTED.code().equals(seen.outcome())) {
      return new SubmissionAnswer(
          v.eventId(),
          v.inputId(),
          Outcome.DUPLICATE.code(),
          null,
          "Event " + v.eventId() + " is already held; it is stored once.");
    }
    return v.answer();
  }

  private ContributionRecord byInput(String inputId) {
    return em
        .createQuery(
            "select r from ContributionRecord r where r.inputId = :i", ContributionRecord.class)
        .setParameter("i", inputId)
        .getResultList()
        .stream()
        .findFirst()
        .orElse(null);
  }
}
