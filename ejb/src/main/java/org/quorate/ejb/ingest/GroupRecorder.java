package org.quorate.ejb.ingest;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.quorate.core.admission.InputRecord;
import org.quorate.core.admission.Ledger;
import org.quorate.core.admission.Outcome;
import org.quorate.ejb.admission.AdmissionEngine;
import org.quorate.ejb.admission.SubmissionAnswer;
import org.quorate.ejb.coordination.CoordinationService;
import org.quorate.ejb.log.NodeLogRecorder;

/**
 * Records one group of prepared inputs in ONE database transaction: the ledger's stateful stages
 * for each (missions locked in name order, inputs of one mission in arrival order), their records,
 * node-log entries and coordination projection rows (the synchronous observers of {@code
 * OutcomeRecorded}), then counts each proposal the group touched once ({@link
 * CoordinationService#deferRecounts}: the same result as a count per input, at the cost of one),
 * then commit. Nothing is answered before the commit: the caller completes the waiters once this
 * method returned.
 */
@Stateless
public class GroupRecorder {
  private static final Logger LOG = Logger.getLogger(GroupRecorder.class.getName());

  @Inject private AdmissionEngine engine;

  @Inject private NodeLogRecorder logRecorder;

  @Inject private CoordinationService coordination;

  /** What a committed group answers. */
  public record Result(Map<Pending, SubmissionAnswer> answers, Map<String, List<Long>> appended) {}

  /**
   * Records a group in a transaction of its own; any exception rolls the whole group back.
   *
   * @param group the inputs, in arrival order
   * @return each input's answer and the log indexes appended
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public Result record(List<Pending> group) {
    List<Pending> ordered = new ArrayList<>(group);
    // One lock order across missions; within a mission each signer's chain in seq order (the
    // transport's many sessions deliver a chain out of order: judged in arrival order, a successor
    // would be held, then released and recorded twice); otherwise arrival order (stable sort).
    // Outcomes do not depend on the order (SPEC §2), only how many intermediate holds are logged.
    ordered.sort(
        Comparator.comparing(Pending::mission, Comparator.nullsFirst(String::compareTo))
            .thenComparing(Pending::signer, Comparator.nullsFirst(String::compareTo))
            .thenComparingLong(Pending::seq));
    Map<Pending, SubmissionAnswer> answers = new IdentityHashMap<>();
    Ledger ledger = engine.ledger();
    // Each mission locked once, in name order, before anything is read: what is read ahead below
    // (records by input id and by event id) cannot change under the group.
    java.util.Set<String> missions = new java.util.TreeSet<>();
    List<String> ids = new ArrayList<>();
    List<String> events = new ArrayList<>();
    for (Pending p : ordered) {
      ids.add(inputIdOf(p));
      if (p.mission() != null) {
        missions.add(p.mission());
        events.add(p.prepared().decoded().event().eventId());
        // Its predecessor too (same mission, so locked): an input that arrived before it asks.
        String prev = p.prepared().decoded().event().prev();
        if (prev != null) {
          events.add(prev);
        }
      }
    }
    engine.lockMissions(missions);
    engine.prefetch(ids);
    engine.prefetchEvents(events);
    // A proposal with many attestations in the group is counted once, after all of them (issue 12):
    // each count reads every row of the proposal, so one per attestation cost O(N²) over N.
    coordination.deferRecounts();
    for (Pending p : ordered) {
      SubmissionAnswer answer = alreadyRecorded(p);
      if (answer == null) {
        answer =
            SubmissionAnswer.of(
                p.prepared() == null
                    ? ledger.unsupported(p.body(), p.transport(), p.kind())
                    : ledger.submit(p.prepared(), p.transport()));
        if (Outcome.REJECTED.code().equals(answer.outcome())) {
          LOG.log(
              Level.INFO,
              "Input {0} rejected {1}: {2}",
              new Object[] {answer.inputId(), answer.reasonCode(), answer.reason()});
        }
      }
      answers.put(p, answer);
    }
    coordination.recountDeferred();
    return new Result(answers, logRecorder.appendedInThisTransaction());
  }

  /**
   * A broker's redelivery of a message already recorded (same transport message id, e.g. after a
   * crash between commit and acknowledgement) adds nothing at all (SPEC §2.8): no replay counted,
   * no log entry.
   *
   * @return the answer as the record stands, or null when this delivery is not recorded yet
   */
  private SubmissionAnswer alreadyRecorded(Pending p) {
    // Every JMS delivery is checked, not only those flagged redelivered: after a kill -9 the broker
    // delivers unacknowledged messages again with their delivery count reset (it is persisted only
    // on rollback), so the flag is not set.
    if (p.deliveryId() == null) {
      return null;
    }
    java.util.Optional<InputRecord> found = engine.recordOf(inputIdOf(p));
    if (found.isEmpty() || !sameDelivery(found.get().transport(), p.deliveryId())) {
      return null;
    }
    return SubmissionAnswer.of(new Ledger.Submission(found.get(), false));
  }

  private static String inputIdOf(Pending p) {
    return p.prepared() != null
        ? p.prepared().inputId()
        : org.quorate.core.cms.Ids.sha256Id(p.body());
  }

  /** Whether a recorded transport description names that message id. */
  static boolean sameDelivery(String transport, String deliveryId) {
    if (transport == null) {
      return false;
    }
    String needle = " id=" + deliveryId;
    int at = transport.indexOf(needle);
    if (at < 0) {
      return false;
    }
    int end = at + needle.length();
    return end == transport.length() || transport.charAt(end) == ' ';
  }
}
