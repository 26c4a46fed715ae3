package org.quorate.ejb.coordination;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/**
 * Hands a {@link DecisionDue} to {@link DecisionSigner#signDue} once the transaction that found it
 * has committed, so that the node's {@code decision} is admitted in a transaction of its own and
 * never from inside the admission that triggered it.
 */
@ApplicationScoped
public class DecisionScheduler {
  @Inject private DecisionSigner signer;

  void onDue(@Observes(during = TransactionPhase.AFTER_SUCCESS) DecisionDue due) {
    signer.signDue(due.mission(), due.proposal());
  }
}
