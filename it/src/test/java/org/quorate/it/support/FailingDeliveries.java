package org.quorate.it.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.lang.reflect.InvocationTargetException;
import org.quorate.core.admission.InputRecord;

/**
 * TEST ONLY, never shipped: {@link QuorateDeployment#withFailingDeliveries} adds this observer to
 * the EJB module of a test's deployment. It fails the transaction recording an input, as a database
 * failure would, for inputs whose transport (the {@code quorate_transport} message property) starts
 * with {@value #FAIL_ONCE} (first delivery only: a redelivery is recorded) or {@value #FAIL_ALWAYS}
 * (every delivery: the consumer dead-letters it with the reason). It observes the ledger's
 * synchronous {@code OutcomeRecorded} event (by class name, so this module needs no compile
 * dependency on the EJB module), which is fired inside the group transaction.
 */
@ApplicationScoped
public class FailingDeliveries {
  /** Transport prefix of messages whose first delivery fails. */
  public static final String FAIL_ONCE = "qpid-fail-once";

  /** Transport prefix of messages whose every delivery fails. */
  public static final String FAIL_ALWAYS = "qpid-always-fails";

  /** Message of the failure injected on every delivery (the dead-letter reason contains it). */
  public static final String ALWAYS_MESSAGE = "Test failure injected on every delivery";

  private static final String EVENT = "org.quorate.ejb.admission.OutcomeRecorded";

  void onEvent(@Observes Object event) {
    if (!EVENT.equals(event.getClass().getName())) {
      return;
    }
    InputRecord record;
    try {
      record = (InputRecord) event.getClass().getMethod("record").invoke(event);
    } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("OutcomeRecorded has no record()", e);
    }
    String transport = record.transport();
    if (transport == null) {
      return;
    }
    if (transport.startsWith(FAIL_ALWAYS)) {
      throw new IllegalStateException(ALWAYS_MESSAGE + " (" + transport + ")");
    }
    if (transport.startsWith(FAIL_ONCE) && !transport.contains(" redelivered")) {
      throw new IllegalStateException("Test failure injected on the first delivery");
    }
  }
}
