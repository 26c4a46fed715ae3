package org.quorate.ejb.coordination;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.quorate.ejb.admission.EpochsChanged;
import org.quorate.ejb.admission.OutcomeRecorded;

/**
 * Feeds every recorded admission outcome (and every change of roster epochs) to the coordination
 * projection, synchronously, in the admitting transaction (so the projection commits or rolls back
 * with the admission).
 */
@ApplicationScoped
public class OutcomeObserver {
  @Inject private CoordinationService coordination;

  void onOutcome(@Observes OutcomeRecorded recorded) {
    org.quorate.core.admission.InputRecord r = recorded.record();
    org.quorate.core.admission.Outcome outcome = recorded.outcome();
    if (r.mission() == null || r.eventId() == null) {
      return;
    }
    boolean projected =
        org.quorate.core.event.EventType.fromWire(r.type())
            .map(org.quorate.core.coordination.CoordinationMapping::projected)
            .orElse(false);
    if (!projected
        && outcome != org.quorate.core.admission.Outcome.EVIDENCE
        && !org.quorate.core.coordination.ProposalScope.makesByzantine(
            outcome.log(), r.reasonCode())) {
      // Nothing of the projection bears on it (no row, no proposal, no fork): the projection's
      // call per input is skipped (most inputs are plain contributions).
      return;
    }
    coordination.project(r, outcome);
  }

  void onEpochs(@Observes EpochsChanged changed) {
    coordination.epochsChanged(changed.mission());
  }
}
