package org.quorate.ejb.admission;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import org.quorate.core.admission.Admission;
import org.quorate.core.admission.HeldLimits;
import org.quorate.core.admission.Ledger;
import org.quorate.core.cms.SignedDataVerifier;
import org.quorate.core.mission.GenesisParser;
import org.quorate.core.pki.CertificationPathValidator;

/**
 * The node's admission ledger over JPA, shared by every MDB instance, REST call and timer; its
 * methods must be called inside a JTA transaction. Every outcome recorded is fired as an {@link
 * OutcomeRecorded} CDI event in that transaction. Configuration (system properties, e.g. in {@code
 * standalone.xml}): {@code quorate.admission.max-bytes} (size cap, default 4 MiB), {@code
 * quorate.admission.skew} (ISO-8601 duration, default {@code PT5M}), {@code
 * quorate.held.max-per-mission} (default 10000) and {@code quorate.held.max-age} (default {@code
 * P7D}).
 */
@ApplicationScoped
public class AdmissionEngine {
  @PersistenceContext(unitName = "quorate")
  private EntityManager em;

  @Inject private Event<OutcomeRecorded> outcomes;

  private Ledger ledger;
  private final GenesisParser genesisParser = new GenesisParser();

  @PostConstruct
  void init() {
    int maxBytes =
        Integer.getInteger("quorate.admission.max-bytes", SignedDataVerifier.DEFAULT_MAX_BYTES);
    Duration skew =
        Duration.parse(
            System.getProperty("quorate.admission.skew", Admission.DEFAULT_SKEW.toString()));
    HeldLimits limits =
        new HeldLimits(
            Integer.getInteger("quorate.held.max-per-mission", HeldLimits.DEFAULT.maxPerMission()),
            Duration.parse(
                System.getProperty(
                    "quorate.held.max-age", HeldLimits.DEFAULT.maxAge().toString())));
    Admission admission =
        new Admission(new SignedDataVerifier(maxBytes), new CertificationPathValidator(), skew);
    ledger =
        new Ledger(
            admission,
            new JpaLedgerStore(em),
            Clock.systemUTC(),
            limits,
            (record, outcome) -> outcomes.fire(new OutcomeRecorded(record, outcome)));
  }

  /**
   * @return the ledger (thread-safe; call inside a transaction)
   */
  public Ledger ledger() {
    return ledger;
  }

  /**
   * @return a genesis parser
   */
  public GenesisParser genesisParser() {
    return genesisParser;
  }
}
