package org.quorate.ejb.admission;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.quorate.core.admission.InputRecord;
import org.quorate.core.admission.LedgerStore;
import org.quorate.core.admission.Outcome;

/**
 * What the ingest writer keeps in memory of the stateful stages, so that judging one input of a
 * group does not query the database for it (issue 12): each signer's chain head per mission (the
 * highest position a record holds, {@link InputRecord#holdsChainPosition()}, and the event ids
 * there), the admitted records of the rare types {@value #CRL} and {@value #GAP} per mission (the
 * delivered-CRL set), and the index of held inputs (node-wide: by what they wait on, per mission
 * and per signer). Bounded by signers, those rare records and the held inputs (themselves bounded
 * by {@code HeldLimits}): nothing per event.
 *
 * <p>Owned by the writer thread of {@code IngestGroups} and valid only while consistent with the
 * database: each structure is loaded lazily from what is committed plus what the writer's current
 * transaction recorded, then kept up to date from every record that transaction inserts or changes
 * ({@link #apply}). It is dropped when the writer's transaction rolls back, and whenever another
 * transaction wrote records: every transaction not on the writer thread that locks a mission or
 * writes a record announces itself ({@link #foreignBegins}, before it can write) and its end
 * ({@link #foreignEnds}, after its commit or rollback); the writer checks this under its mission
 * locks ({@link #check}), uses the overlay only while no such transaction is running, and drops it
 * when one ran since the last check.
 *
 * <p>Thread-safety: the state is the writer's; methods are synchronized so that a rollback
 * signalled on another thread (a transaction timeout) is safe.
 */
final class LedgerOverlay {
  /** Type of the CRL contributions (the delivered-CRL set). */
  static final String CRL = "crl";

  /** Type of gap declarations. */
  static final String GAP = "gap-declaration";

  /** Types whose admitted records are kept. */
  static final Set<String> KEPT_TYPES = Set.of(CRL, GAP);

  private static final java.util.logging.Logger LOG =
      java.util.logging.Logger.getLogger(LedgerOverlay.class.getName());

  private final AtomicLong version = new AtomicLong();
  private final AtomicInteger inFlight = new AtomicInteger();
  private long seen = -1;

  private final Map<String, MissionState> missions = new HashMap<>();
  private HeldIndex held;

  /** A signer's chain head: the highest position a record holds, and those records. */
  static final class Head {
    long seq;

    /** Input id to event id of the records holding {@link #seq}. */
    final Map<String, String> events = new HashMap<>();

    Head(long seq) {
      this.seq = seq;
    }
  }

  /** An admitted record of a kept type, with its arrival order when known. */
  record Ref(Long id, String inputId, String eventId) {}

  /** What is kept of one mission. */
  private static final class MissionState {
    final Map<String, Head> heads = new HashMap<>();
    final Map<String, LinkedHashMap<String, Ref>> admitted = new HashMap<>();
  }

  /** A held input: its mission, signer and what it waits on. */
  record HeldRef(String mission, String signer, String key) {}

  /** The node's held inputs, counted by key, mission and mission and signer. */
  static final class HeldIndex {
    private final Map<String, HeldRef> byInput = new HashMap<>();
    private final Map<String, Integer> byKey = new HashMap<>();
    private final Map<String, Integer> byMission = new HashMap<>();
    private final Map<String, Integer> bySigner = new HashMap<>();

    void put(String inputId, HeldRef ref) {
      remove(inputId);
      byInput.put(inputId, ref);
      count(byKey, ref.key(), 1);
      count(byMission, ref.mission(), 1);
      count(bySigner, signerKey(ref.mission(), ref.signer()), 1);
    }

    void remove(String inputId) {
      HeldRef ref = byInput.remove(inputId);
      if (ref != null) {
        count(byKey, ref.key(), -1);
        count(byMission, ref.mission(), -1);
        count(bySigner, signerKey(ref.mission(), ref.signer()), -1);
      }
    }

    int waitingOn(String key) {
      return byKey.getOrDefault(key, 0);
    }

    int ofMission(String mission) {
      return byMission.getOrDefault(mission, 0);
    }

    int ofSigner(String mission, String signer) {
      return bySigner.getOrDefault(signerKey(mission, signer), 0);
    }

    private static String signerKey(String mission, String signer) {
      return mission + '\u0000' + signer;
    }

    private static void count(Map<String, Integer> m, String key, int delta) {
      if (key == null) {
        return;
      }
      m.merge(key, delta, (a, b) -> a + b == 0 ? null : a + b);
    }
  }

  /** Another transaction is about to lock a mission or write records. */
  void foreignBegins() {
    inFlight.incrementAndGet();
    version.incrementAndGet();
  }

  /** That transaction ended (committed or rolled back). */
  void foreignEnds() {
    version.incrementAndGet();
    inFlight.decrementAndGet();
  }

  /**
   * The writer holds a mission lock: drops the overlay when another transaction wrote since the
   * last check.
   *
   * @return whether the overlay may be used now (no other writing transaction is running)
   */
  synchronized boolean check() {
    if (inFlight.get() > 0) {
      clear("another transaction is writing");
      return false;
    }
    long v = version.get();
    if (v != seen) {
      clear("another transaction wrote");
      seen = v;
    }
    return true;
  }

  /** The writer's transaction rolled back: everything derived from it goes. */
  synchronized void rolledBack() {
    version.incrementAndGet();
    clear("the writer's transaction rolled back");
  }

  private void clear(String why) {
    if (!missions.isEmpty() || held != null) {
      LOG.log(java.util.logging.Level.FINE, "Ledger overlay dropped: {0}", why);
    }
    missions.clear();
    held = null;
  }

  /**
   * A record as the writer's transaction now holds it (inserted or changed).
   *
   * @param r the record
   */
  synchronized void apply(InputRecord r) {
    if (held != null) {
      if (r.outcome() == Outcome.HELD) {
        held.put(r.inputId(), new HeldRef(r.mission(), r.signer(), r.waitingOn()));
      } else {
        held.remove(r.inputId());
      }
    }
    if (r.mission() == null) {
      return;
    }
    MissionState m = missions.get(r.mission());
    if (m == null) {
      return;
    }
    if (r.type() != null) {
      LinkedHashMap<String, Ref> refs = m.admitted.get(r.type());
      if (refs != null) {
        if (r.outcome() == Outcome.ADMITTED) {
          refs.putIfAbsent(r.inputId(), new Ref(r.id(), r.inputId(), r.eventId()));
        } else {
          refs.remove(r.inputId());
        }
      }
    }
    if (r.signer() != null && r.seq() != null) {
      Head h = m.heads.get(r.signer());
      if (h == null) {
        return;
      }
      boolean holds = r.holdsChainPosition();
      long seq = r.seq();
      if (holds && seq > h.seq) {
        h.seq = seq;
        h.events.clear();
        h.events.put(r.inputId(), r.eventId());
      } else if (holds && seq == h.seq) {
        h.events.put(r.inputId(), r.eventId());
      } else if (!holds && h.events.remove(r.inputId()) != null && h.events.isEmpty()) {
        // The head lost its last record: the position below is not known here, loaded again.
        m.heads.remove(r.signer());
      }
    }
  }

  /**
   * @return a signer's chain head, or null when not loaded
   */
  synchronized Head head(String mission, String signer) {
    MissionState m = missions.get(mission);
    return m == null ? null : m.heads.get(signer);
  }

  /** Keeps a head loaded from the database (then completed by {@link #apply}). */
  synchronized void putHead(String mission, String signer, Head head) {
    LOG.log(
        java.util.logging.Level.FINEST,
        "Chain head of {0} in {1} loaded at {2}",
        new Object[] {signer, mission, head.seq});
    missions.computeIfAbsent(mission, k -> new MissionState()).heads.put(signer, head);
  }

  /**
   * @return the admitted records of a kept type, in arrival order, or null when not loaded
   */
  synchronized List<LedgerStore.Admitted> admitted(String mission, String type) {
    MissionState m = missions.get(mission);
    LinkedHashMap<String, Ref> refs = m == null ? null : m.admitted.get(type);
    if (refs == null) {
      return null;
    }
    List<Ref> sorted = new ArrayList<>(refs.values());
    sorted.sort(Comparator.comparing(Ref::id, Comparator.nullsLast(Long::compareTo)));
    List<LedgerStore.Admitted> out = new ArrayList<>(sorted.size());
    for (Ref r : sorted) {
      out.add(new LedgerStore.Admitted(r.inputId(), r.eventId()));
    }
    return out;
  }

  /** Keeps the admitted records of a kept type loaded from the database. */
  synchronized void putAdmitted(String mission, String type, List<Ref> refs) {
    LinkedHashMap<String, Ref> m = new LinkedHashMap<>();
    for (Ref r : refs) {
      m.put(r.inputId(), r);
    }
    missions.computeIfAbsent(mission, k -> new MissionState()).admitted.put(type, m);
  }

  /**
   * @return the held index, or null when not loaded
   */
  synchronized HeldIndex held() {
    return held;
  }

  /** Keeps the held index loaded from the database. */
  synchronized void putHeld(HeldIndex index) {
    held = index;
  }
}
