package org.quorate.ejb.admission;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/**
 * Counters of admission outcomes in WildFly's Micrometer registry (subsystem {@code micrometer},
 * Galleon layer {@code micrometer}; the server's Prometheus registry serves them on the management
 * interface at {@code /prometheus}): {@code quorate_inputs_total{mission,outcome,reason}}, one
 * increment per outcome recorded (SPEC §2) once its transaction has committed. A transaction that
 * rolls back (database down, the message redelivered) counts nothing. An input held and later
 * released counts once {@code held} and once with its final outcome; a replay counts {@code
 * duplicate}.
 *
 * <p>Labels: {@code mission} (the mission's name when this node has loaded that mission; {@code
 * _unknown} when the content names a mission this node does not know, so that inputs naming made-up
 * missions cannot create meters without bound; {@code _quarantine} for inputs naming none, as in
 * the node log), {@code outcome} (SPEC §1 wire name), {@code reason} (SPEC §2 reason code, {@code
 * none} when there is none); WildFly adds {@code WF_DEPLOYMENT} (the deployment's name).
 *
 * <p>These counters start at zero when the server starts: they measure what this server process
 * did. The durable picture, kept with the records and so surviving restarts, is {@code GET
 * /quorate/api/metrics} ({@code quorate_inputs}, a gauge of the inputs standing at each mission,
 * current outcome and reason code).
 */
@ApplicationScoped
public class InputCounters {
  /** The meter name; Prometheus shows {@code quorate_inputs_total}. */
  public static final String NAME = "quorate.inputs";

  @Inject private MeterRegistry registry;

  /**
   * Counts one recorded outcome, after its transaction committed.
   *
   * @param recorded the outcome (mission and reason as they were when it was recorded)
   */
  void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutcomeRecorded recorded) {
    // registry.counter(name, tags), not Counter.builder(…).register(registry): WildFly 39's
    // per-deployment registry forwards only the former to the exported (Prometheus) registry.
    String mission = missionLabel(recorded);
    String outcome = recorded.outcome().code();
    String reason = recorded.reasonCode() == null ? "none" : recorded.reasonCode();
    // The meter of one (mission, outcome, reason) is looked up once, then counted in memory.
    counters
        .computeIfAbsent(
            new Key(mission, outcome, reason),
            k ->
                registry.counter(
                    NAME, Tags.of("mission", mission, "outcome", outcome, "reason", reason)))
        .increment();
  }

  /** Counters already registered, by their tags (bounded by missions × outcomes × reasons). */
  private final java.util.Map<Key, io.micrometer.core.instrument.Counter> counters =
      new java.util.concurrent.ConcurrentHashMap<>();

  private record Key(String mission, String outcome, String reason) {}

  private static String missionLabel(OutcomeRecorded recorded) {
    if (recorded.mission() == null) {
      return "_quarantine";
    }
    return recorded.missionKnown() ? recorded.mission() : "_unknown";
  }
}
