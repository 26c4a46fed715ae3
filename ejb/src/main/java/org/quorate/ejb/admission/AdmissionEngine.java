package org.quorate.ejb.admission;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceProperty;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.quorate.core.admission.Admission;
import org.quorate.core.admission.HeldLimits;
import org.quorate.core.admission.InputRecord;
import org.quorate.core.admission.Ledger;
import org.quorate.core.admission.Outcome;
import org.quorate.core.admission.OutcomeListener;
import org.quorate.core.cms.SignedDataVerifier;
import org.quorate.core.label.LabelFormatException;
import org.quorate.core.label.SecurityPolicies;
import org.quorate.core.label.SecurityPolicy;
import org.quorate.core.mission.GenesisParser;
import org.quorate.core.pki.CertificationPathValidator;
import org.quorate.ejb.store.QuoratePersistence;
import org.quorate.ejb.store.TransactionResources;

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
  private static final Logger LOG = Logger.getLogger(AdmissionEngine.class.getName());

  @PersistenceContext(
      unitName = QuoratePersistence.NAME,
      properties = {
        @PersistenceProperty(name = QuoratePersistence.SKIP_MIXED_SYNC_CHECK, value = "false"),
        @PersistenceProperty(name = QuoratePersistence.ALLOW_JOINED_UNSYNC, value = "false")
      })
  private EntityManager em;

  @Inject private Event<OutcomeRecorded> outcomes;

  @Inject private Event<EpochsChanged> epochs;

  @jakarta.annotation.Resource
  private jakarta.transaction.TransactionSynchronizationRegistry registry;

  private JpaLedgerStore store;

  private Ledger ledger;
  private final GenesisParser genesisParser = new GenesisParser();

  private SecurityPolicies spifs;

  /**
   * @return the SPIFs this node has loaded (shipped NATO SPIF and {@code quorate.spif.dir})
   */
  public SecurityPolicies spifs() {
    return spifs;
  }

  @PostConstruct
  void init() {
    spifs = loadSpifs();
    int maxBytes =
        Integer.getInteger("quorate.admission.max-bytes", SignedDataVerifier.DEFAULT_MAX_BYTES);
    Duration skew =
        Duration.parse(
            System.getProperty("quorate.admission.skew", Admission.DEFAULT_SKEW.toString()));
    HeldLimits limits =
        new HeldLimits(
            Integer.getInteger("quorate.held.max-per-mission", HeldLimits.DEFAULT.maxPerMission()),
            Duration.parse(
                System.getProperty("quorate.held.max-age", HeldLimits.DEFAULT.maxAge().toString())),
            Math.min(
                Integer.getInteger(
                    "quorate.held.max-per-signer", HeldLimits.DEFAULT.maxPerSigner()),
                Integer.getInteger(
                    "quorate.held.max-per-mission", HeldLimits.DEFAULT.maxPerMission())));
    Admission admission =
        new Admission(
            new SignedDataVerifier(maxBytes), new CertificationPathValidator(), skew, spifs);
    store = new JpaLedgerStore(em, registry);
    ledger =
        new Ledger(
            admission,
            store,
            Clock.systemUTC(),
            limits,
            new OutcomeListener() {
              @Override
              public void recorded(InputRecord record, Outcome outcome) {
                outcomes.fire(OutcomeRecorded.of(record, outcome, missionKnown(record.mission())));
              }

              @Override
              public void epochsChanged(String mission) {
                forgetEpochsAfterCompletion(mission);
                epochs.fire(new EpochsChanged(mission));
              }
            });
  }

  private static final Object FORGET_KEY = AdmissionEngine.class.getName() + ".forget-epochs";

  /**
   * The ledger caches roster epochs per mission; a transaction that changed a mission's epochs
   * caches its own view before it commits, and a concurrent reader may meanwhile cache one derived
   * without it. Once the changing transaction completed, that mission's epochs are dropped (all
   * missions' when it rolled back: it may have cached views of its own uncommitted records), so
   * that the next reader derives them from what is committed. Other missions keep theirs.
   */
  private void forgetEpochsAfterCompletion(String mission) {
    java.util.Set<String> missions = completionForgets();
    if (missions != null) {
      missions.add(mission);
    }
  }

  /**
   * Makes the ledger forget what it derived (every mission's roster epochs) if the caller's
   * transaction rolls back, and nothing if it commits (unless it changed a mission's epochs: then
   * that mission's). For work that may derive epochs from its own uncommitted records outside the
   * ingest writer (which forgets on its own failures), e.g. the held sweep.
   */
  public void forgetDerivedIfRolledBack() {
    completionForgets();
  }

  /**
   * The missions whose epochs the caller's transaction changed, registering once per transaction
   * what its completion forgets; null outside a transaction.
   */
  private java.util.Set<String> completionForgets() {
    if (!TransactionResources.active(registry)) {
      return null;
    }
    return TransactionResources.resource(
        registry,
        FORGET_KEY,
        () -> {
          java.util.Set<String> missions = java.util.concurrent.ConcurrentHashMap.newKeySet();
          TransactionResources.afterCompletion(
              registry,
              status -> {
                if (status == jakarta.transaction.Status.STATUS_COMMITTED) {
                  missions.forEach(ledger::forgetDerived);
                } else {
                  ledger.forgetDerived();
                }
              });
          return missions;
        });
  }

  /** Missions seen loaded; a mission once loaded keeps its name. */
  private final java.util.Set<String> knownMissions =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** Whether this node has loaded a mission of that name (inside the caller's transaction). */
  private boolean missionKnown(String mission) {
    if (mission == null) {
      return false;
    }
    if (knownMissions.contains(mission)) {
      return true;
    }
    if (em.find(org.quorate.ejb.store.MissionEntity.class, mission) != null) {
      knownMissions.add(mission);
      return true;
    }
    return false;
  }

  /**
   * The SPIFs this node knows: the shipped NATO SPIF plus every {@code *.xml} in the directory
   * named by system property {@code quorate.spif.dir} (an operator's own policies; a genesis
   * selects one by its SHA-256 in {@code labelPolicy.spif}).
   */
  private static SecurityPolicies loadSpifs() {
    SecurityPolicies policies = SecurityPolicies.defaults();
    String dir = System.getProperty("quorate.spif.dir");
    if (dir == null || dir.isBlank()) {
      return policies;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of(dir), "*.xml")) {
      for (Path f : files) {
        try {
          policies = policies.plus(SecurityPolicy.load(f));
          LOG.log(Level.INFO, "Loaded SPIF {0}", f);
        } catch (IOException | LabelFormatException | RuntimeException e) {
          LOG.log(Level.WARNING, "SPIF " + f + " not loaded: " + e.getMessage());
        }
      }
    } catch (IOException e) {
      LOG.log(Level.WARNING, "SPIF directory " + dir + " unreadable: " + e.getMessage());
    }
    return policies;
  }

  /**
   * @return the ledger (thread-safe; call inside a transaction)
   */
  public Ledger ledger() {
    return ledger;
  }

  /**
   * The record of an input as the caller's transaction sees it (its own unwritten records
   * included), without flushing that transaction.
   *
   * @param inputId an input id
   * @return its record, when recorded
   */
  public java.util.Optional<InputRecord> recordOf(String inputId) {
    return store.byInputId(inputId);
  }

  /**
   * Reads the records of a group's input ids in one query (see {@link #recordOf}).
   *
   * @param inputIds input ids (SHA-256 of the bytes)
   */
  public void prefetch(java.util.Collection<String> inputIds) {
    store.prefetch(inputIds);
  }

  /**
   * Locks missions for the caller's transaction, in name order (a group locks each of its missions
   * once, before anything else).
   *
   * @param missions mission names
   */
  public void lockMissions(java.util.Collection<String> missions) {
    for (String m : new java.util.TreeSet<>(missions)) {
      store.lockMission(m);
    }
  }

  /**
   * Reads the records of a group's event ids in one query; call under the lock of every mission
   * they name ({@link #lockMissions}).
   *
   * @param eventIds event ids
   */
  public void prefetchEvents(java.util.Collection<String> eventIds) {
    store.prefetchEvents(eventIds);
  }

  /**
   * Marks the calling thread as the one ingest writer: its transactions keep the ledger's in-memory
   * overlay ({@link LedgerOverlay}).
   */
  public void becomeWriter() {
    JpaLedgerStore.becomeWriter();
  }

  /**
   * @return a genesis parser
   */
  public GenesisParser genesisParser() {
    return genesisParser;
  }
}
