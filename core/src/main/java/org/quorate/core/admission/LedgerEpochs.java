package org.quorate.core.admission;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.quorate.core.coordination.EpochChain;
import org.quorate.core.coordination.ProposalScope;
import org.quorate.core.event.Event;
import org.quorate.core.mission.Genesis;
import org.quorate.core.reason.AdmissionException;

/**
 * The {@link Ledger}'s tracking of roster epochs (SPEC §1, §3 "Governance"): derives a mission's
 * {@link EpochChain} from its admitted events (cached per mission; {@link #forget} once a
 * transaction that changed them completed, or rolled back), and when an outcome changed them,
 * releases what waited for new epochs and judges again the records the change may judge
 * differently. Called under the mission's lock, in the caller's transaction.
 *
 * <p>The cache stays right without periodic clearing (issue 12: the held sweep used to drop every
 * mission's epochs every 30 s, so the next reader derived them again in O(mission)): a writer that
 * changes a mission's epochs caches its own view and has it forgotten when its transaction
 * completes; a reader that derived from what was committed before that caches nothing if a {@link
 * #forget} happened while it derived (a generation count), so no view older than the last completed
 * change survives it.
 */
final class LedgerEpochs {
  /** How many epoch changes one input may cascade into before the ledger stops re-judging. */
  private static final int MAX_EPOCH_CASCADE = 32;

  private final ConcurrentMap<String, EpochChain> epochChains = new ConcurrentHashMap<>();

  /** Counts {@link #forget} calls; a derivation overlapping one is not cached. Guarded by this. */
  private long generation;

  private final Ledger ledger;

  LedgerEpochs(Ledger ledger) {
    this.ledger = ledger;
  }

  /** Forgets every derived epoch chain. */
  synchronized void forget() {
    generation++;
    epochChains.clear();
  }

  /**
   * Forgets the derived epoch chain of one mission.
   *
   * @param mission the mission
   */
  synchronized void forget(String mission) {
    generation++;
    epochChains.remove(mission);
  }

  private synchronized long generation() {
    return generation;
  }

  /** Caches a chain derived from what the store showed at {@code since}, unless forgotten since. */
  private synchronized void cache(String mission, EpochChain chain, long since) {
    if (generation == since) {
      epochChains.put(mission, chain);
    }
  }

  /**
   * Derives the mission's epochs afresh; when they changed, releases what waited for new epochs and
   * judges again the records the change may judge differently.
   */
  void epochsMayHaveChanged(String mission, Instant now, Deque<String> keys, int depth) {
    Optional<LoadedMission> m = ledger.store.mission(mission);
    if (m.isEmpty()) {
      return;
    }
    EpochChain before = epochs(mission);
    EpochChain after = deriveEpochs(m.get());
    epochChains.put(mission, after);
    if (before.epochs().equals(after.epochs())) {
      return;
    }
    ledger.listener.epochsChanged(mission);
    int first = 1;
    while (first < before.epochs().size()
        && first < after.epochs().size()
        && before.epochs().get(first).equals(after.epochs().get(first))) {
      first++;
    }
    for (int e = first; e < after.epochs().size(); e++) {
      keys.add("epoch:" + mission + ":" + e);
    }
    if (depth >= MAX_EPOCH_CASCADE) {
      return;
    }
    long since = Long.MAX_VALUE;
    for (EpochChain c : List.of(before, after)) {
      Optional<org.quorate.core.mission.Roster> opened = c.epoch(first);
      if (opened.isPresent()) {
        since = Math.min(since, opened.get().opened().issued().toEpochMilli());
      }
    }
    boolean changedAgain = false;
    for (InputRecord r : ledger.store.judgedSince(mission, first - 1, since)) {
      changedAgain |= ledger.rejudge(r, now, keys);
    }
    if (changedAgain) {
      epochsMayHaveChanged(mission, now, keys, depth + 1);
    }
  }

  EpochChain epochs(String mission) {
    EpochChain cached = epochChains.get(mission);
    if (cached != null) {
      return cached;
    }
    long since = generation();
    Optional<LoadedMission> m = ledger.store.mission(mission);
    if (m.isEmpty()) {
      throw new IllegalStateException("mission " + mission + " is not loaded");
    }
    EpochChain chain = deriveEpochs(m.get());
    cache(mission, chain, since);
    return chain;
  }

  /** Reads the admitted governance-related events of a mission and derives its epochs. */
  private EpochChain deriveEpochs(LoadedMission m) {
    Genesis g = ledger.genesis(m);
    List<Event> decisions = decodedAdmitted(m.name(), "decision");
    if (decisions.isEmpty()) {
      return EpochChain.genesisOnly(g);
    }
    List<Event> proposals = decodedAdmitted(m.name(), "proposal");
    java.util.Set<String> governance = new java.util.HashSet<>();
    for (Event p : proposals) {
      if (p.body().hasNonNull("action")) {
        governance.add(p.eventId());
      }
    }
    boolean candidates =
        decisions.stream().anyMatch(d -> governance.contains(d.body().path("proposal").asText("")));
    if (!candidates) {
      // No decision on a governance proposal: epoch 0 only, without reading every vote.
      return EpochChain.genesisOnly(g);
    }
    List<Event> events = new ArrayList<>(decisions);
    events.addAll(proposals);
    events.addAll(decodedAdmitted(m.name(), "attestation"));
    events.addAll(decodedAdmitted(m.name(), "retraction"));
    events.addAll(decodedAdmitted(m.name(), "quorum-declaration"));
    java.util.Set<String> byzantine = new java.util.TreeSet<>();
    for (InputRecord r : ledger.store.withOutcome(m.name(), Outcome.EVIDENCE)) {
      if (ProposalScope.makesByzantine(r.outcome().log(), r.reasonCode()) && r.member() != null) {
        byzantine.add(r.member());
      }
    }
    return EpochChain.derive(g, events, byzantine, ledger.genesisParser);
  }

  private List<Event> decodedAdmitted(String mission, String type) {
    List<Event> out = new ArrayList<>();
    for (InputRecord r : ledger.store.admitted(mission, type)) {
      try {
        out.add(ledger.admission.decode(ledger.store.bytes(r.inputId())).event());
      } catch (AdmissionException e) {
        // a stored admitted input always decodes
      }
    }
    return out;
  }
}
