package org.quorate.ejb.coordination;

import jakarta.annotation.Resource;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceProperty;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.quorate.core.admission.InputRecord;
import org.quorate.core.admission.Outcome;
import org.quorate.core.coordination.DecisionContent;
import org.quorate.core.coordination.ProposalEvaluation;
import org.quorate.core.node.NodeCredential;
import org.quorate.core.quorum.DecisionAdvice;
import org.quorate.core.quorum.DecisionValidator;
import org.quorate.core.quorum.DecisionVerdict;
import org.quorate.ejb.admission.AdmissionService;
import org.quorate.ejb.admission.SubmissionAnswer;
import org.quorate.ejb.node.NodeCredentialEntity;
import org.quorate.ejb.node.NodeCredentialService;
import org.quorate.ejb.store.MissionEntity;
import org.quorate.ejb.store.QuoratePersistence;

/**
 * Signs the node's {@code decision} events (SPEC §1, §3 "Decisions make it final"): under the
 * mission lock, re-evaluates the proposal, and when {@code DecisionTrigger} still advises a
 * decision builds its content (signer = the node credential's SPKI hash, the next seq/prev of that
 * signer's chain in the mission, the roster epoch in force, member = the credential's member),
 * checks it with {@code DecisionValidator}, signs it with the node credential and submits it to
 * admission like any other contribution (transport {@code node}). The advice is issued at an
 * instant no event held on the proposal shares ({@code DecisionTrigger}), so what it counts is
 * exactly what is issued at or before it whatever the decision's own event id; the validator's
 * check stays as a fail-closed guard: a decision it refuses is not submitted (logged, left to the
 * clock).
 */
@Stateless
public class DecisionSigner {
  private static final Logger LOG = Logger.getLogger(DecisionSigner.class.getName());

  @PersistenceContext(
      unitName = QuoratePersistence.NAME,
      properties = {
        @PersistenceProperty(name = QuoratePersistence.SKIP_MIXED_SYNC_CHECK, value = "false"),
        @PersistenceProperty(name = QuoratePersistence.ALLOW_JOINED_UNSYNC, value = "false")
      })
  private EntityManager em;

  @Inject private CoordinationService coordination;
  @Inject private NodeCredentialService nodeCredentials;
  @Inject private AdmissionService admission;

  /** What one signing attempt did. */
  public enum Attempt {
    /** No decision is due (or no node credential is installed). */
    NONE_DUE,
    /** Recomputation refused the decision built (a defect: the advice is valid by construction). */
    REFUSED,
    /** The decision was signed and submitted to admission. */
    SUBMITTED
  }

  @Resource private SessionContext context;

  /**
   * Signs later, outside the caller's transaction (called after the triggering transaction
   * committed), in a transaction of its own; a failure is logged and left to the clock.
   *
   * @param mission the mission
   * @param proposal the proposal id
   */
  @Asynchronous
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public void signDue(String mission, String proposal) {
    try {
      context.getBusinessObject(DecisionSigner.class).signNow(mission, proposal);
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING, "Signing a decision on " + proposal + " failed; retried by the clock", e);
    }
  }

  /**
   * Signs and submits the decision due now, if any.
   *
   * @param mission the mission
   * @param proposal the proposal id
   * @return what the attempt did
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRED)
  public Attempt signNow(String mission, String proposal) {
    if (em.find(MissionEntity.class, mission, LockModeType.PESSIMISTIC_WRITE) == null) {
      return Attempt.NONE_DUE;
    }
    NodeCredentialEntity installed = em.find(NodeCredentialEntity.class, mission);
    Optional<NodeCredential> credential = nodeCredentials.credential(mission);
    if (installed == null || credential.isEmpty()) {
      return Attempt.NONE_DUE;
    }
    Optional<ProposalEvaluation> ev = coordination.evaluate(mission, proposal, Instant.now());
    if (ev.isEmpty() || ev.get().advice().isEmpty()) {
      return Attempt.NONE_DUE;
    }
    DecisionAdvice advice = ev.get().advice().get();
    NodeCredential node = credential.get();
    InputRecord last = chainEnd(mission, node.spki());
    long seq = last == null ? 1 : last.seq() + 1;
    String prev = last == null ? null : last.eventId();
    DecisionContent content =
        DecisionContent.build(
            mission,
            installed.member(),
            node.spki(),
            coordination.epochs(mission).map(c -> c.current().epoch()).orElse(0L),
            seq,
            prev,
            advice);
    DecisionVerdict verdict = DecisionValidator.validate(ev.get().inputs(), content.record());
    if (!verdict.valid()) {
      LOG.log(
          Level.WARNING,
          "Decision on {0} not signed, recomputation refuses it: {1}",
          new Object[] {proposal, verdict.reason()});
      return Attempt.REFUSED;
    }
    SubmissionAnswer answer = admission.submit(node.sign(content.content()), "node");
    LOG.log(
        Level.INFO,
        "Decision {0} on {1} ({2}): {3} {4}",
        new Object[] {
          content.eventId(), proposal, advice.outcome().wire(), answer.outcome(), answer.reason()
        });
    return Attempt.SUBMITTED;
  }

  /** Newest rows of the node's chain read to find its last admitted (or evidence) position. */
  private static final int CHAIN_END_ROWS = 64;

  /**
   * The node's last record in its chain that was admitted or kept as evidence, or null.
   *
   * <p>Reads the newest rows along the chain index without a condition on the outcome (with one, H2
   * plans the outcome index and reads every admitted record of the mission), and asks the database
   * with the condition only when none of those rows qualifies.
   */
  private InputRecord chainEnd(String mission, String signer) {
    List<InputRecord> newest =
        em.createQuery(
                "select r from InputRecord r where r.mission = :m and r.signer = :s"
                    + QuoratePersistence.CHAIN_HEAD_ORDER,
                InputRecord.class)
            .setParameter("m", mission)
            .setParameter("s", signer)
            .setMaxResults(CHAIN_END_ROWS)
            .getResultList();
    for (InputRecord r : newest) {
      if (r.outcome() == Outcome.ADMITTED || r.outcome() == Outcome.EVIDENCE) {
        return r;
      }
    }
    if (newest.size() < CHAIN_END_ROWS) {
      return null;
    }
    List<InputRecord> last =
        em.createQuery(
                "select r from InputRecord r where r.mission = :m and r.signer = :s"
                    + " and r.outcome in :o"
                    + QuoratePersistence.CHAIN_HEAD_ORDER,
                InputRecord.class)
            .setParameter("m", mission)
            .setParameter("s", signer)
            .setParameter("o", List.of(Outcome.ADMITTED.code(), Outcome.EVIDENCE.code()))
            .setMaxResults(1)
            .getResultList();
    return last.isEmpty() ? null : last.get(0);
  }
}
