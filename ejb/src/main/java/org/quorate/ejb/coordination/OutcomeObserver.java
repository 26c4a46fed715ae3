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
    coordination.project(recorded.record(), recorded.outcome());
  }

  void onEpochs(@Observes EpochsChanged changed) {
    coordination.epochsChanged(changed.mission());
  }
}
