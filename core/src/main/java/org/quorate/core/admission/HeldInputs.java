package org.quorate.core.admission;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.quorate.core.reason.AdmissionException;
import org.quorate.core.reason.ReasonCode;

/**
 * The {@link Ledger}'s care of held inputs (SPEC §2: what could become valid later): releasing
 * them, in order, when what they wait for arrives ({@code event:…}, {@code mission:…}, {@code
 * pending:…}, {@code epoch:…}, {@code time:…}), the periodic sweep that also refuses those held too
 * long, and the decoded contributions kept so that a release does not decode and verify again.
 * Called under the mission's lock, in the caller's transaction.
 */
final class HeldInputs {
  /** Bound of {@link #kept}, entries. */
  private static final int HELD_DECODED_MAX = 2048;

  /**
   * Decoded contributions of held inputs, by input id, so that a release judges them again without
   * a second CMS decode and signature verification. Decoding is a function of the bytes alone and
   * the input id is their SHA-256, so an entry is never stale (a rolled-back transaction leaves at
   * worst an unused one). Bounded: emptied when full, then refilled.
   */
  private final ConcurrentMap<String, DecodedContribution> kept = new ConcurrentHashMap<>();

  private final Ledger ledger;

  HeldInputs(Ledger ledger) {
    this.ledger = ledger;
  }

  /**
   * Keeps the decoded contribution of an input now held.
   *
   * @param inputId its input id
   * @param contribution what it decoded to
   */
  void keep(String inputId, DecodedContribution contribution) {
    if (kept.size() >= HELD_DECODED_MAX) {
      kept.clear();
    }
    kept.put(inputId, contribution);
  }

  /**
   * @param inputId an input id no longer held
   */
  void forget(String inputId) {
    kept.remove(inputId);
  }

  /**
   * Periodic care of held inputs: releases those waiting for a time now reached or for something
   * this node now holds (a release a concurrent transaction could not see), and rejects those held
   * longer than {@link HeldLimits#maxAge()} ({@code unknown-mission} for those waiting for their
   * mission, else {@code held-limit}). The derived roster epochs are kept: a release that changes
   * them updates them as any admission does ({@link Ledger#consequences}), and a held input refused
   * was never part of them.
   *
   * @return how many records changed
   */
  int sweep() {
    Instant now = ledger.clock.instant();
    int changed = 0;
    for (InputRecord r : ledger.store.held()) {
      if (r.outcome() != Outcome.HELD) {
        continue; // released (or handed to a copy) by an earlier step of this sweep
      }
      String key = r.waitingOn();
      if (key != null && (timeCame(key, now) || satisfied(key, r))) {
        // A time reached, or a release missed by a concurrent transaction (e.g. a referenced
        // event of another mission admitted while this input was being judged).
        ledger.store.lockMission(r.mission());
        if (r.outcome() == Outcome.HELD) {
          release(key, now);
          changed++;
        }
      } else if (r.received().plus(ledger.limits.maxAge()).isBefore(now)) {
        ledger.store.lockMission(r.mission());
        boolean missionWait = key != null && key.startsWith("mission:");
        r.decide(
            Outcome.REJECTED,
            missionWait ? ReasonCode.UNKNOWN_MISSION : ReasonCode.HELD_LIMIT,
            "Held longer than "
                + ledger.limits.maxAge()
                + " ("
                + r.reason()
                + "); refused for now, evaluated afresh if it arrives again.",
            null,
            null,
            now);
        ledger.update(r);
        Deque<String> keys = new ArrayDeque<>();
        ledger.settleCopies(r, Outcome.HELD, now, keys);
        release(keys, now);
        changed++;
      }
    }
    return changed;
  }

  private static boolean timeCame(String key, Instant now) {
    return key.startsWith("time:") && !Instant.parse(key.substring(5)).isAfter(now);
  }

  /**
   * Whether what a held input waits for is now held by this node: for an event, admitted or
   * evidence, or, for the chain successor waiting on its predecessor, a record holding the
   * predecessor's chain position ({@link InputRecord#holdsChainPosition()}, as the chain query
   * answers it).
   */
  private boolean satisfied(String key, InputRecord holder) {
    if (key.startsWith("event:")) {
      String id = key.substring(6);
      for (InputRecord r : ledger.store.byEventId(id)) {
        if (r.outcome() == Outcome.ADMITTED || r.outcome() == Outcome.EVIDENCE) {
          return true;
        }
      }
      return id.equals(holder.prev())
          && holder.mission() != null
          && holder.signer() != null
          && holder.seq() != null
          && ledger
              .store
              .chainEventIds(holder.mission(), holder.signer(), holder.seq() - 1)
              .contains(id);
    }
    if (key.startsWith("mission:")) {
      return ledger.store.mission(key.substring(8)).isPresent();
    }
    if (key.startsWith("pending:")) {
      return ledger.store.mission(key.substring(8)).map(m -> !m.pending()).orElse(false);
    }
    if (key.startsWith("epoch:")) {
      int colon = key.lastIndexOf(':');
      String mission = key.substring(6, colon);
      long epoch = Long.parseLong(key.substring(colon + 1));
      return ledger.store.mission(mission).isPresent()
          && ledger.epochs(mission).epoch(epoch).isPresent();
    }
    return false;
  }

  /** Re-judges held inputs waiting on a key, and those they release in turn, in order. */
  void release(String key, Instant now) {
    Deque<String> keys = new ArrayDeque<>();
    keys.add(key);
    release(keys, now);
  }

  void release(Deque<String> keys, Instant now) {
    while (!keys.isEmpty()) {
      String k = keys.poll();
      for (InputRecord held : ledger.store.waitingOn(k)) {
        DecodedContribution decoded = kept.get(held.inputId());
        if (decoded == null) {
          try {
            decoded = ledger.admission.decode(ledger.store.bytes(held.inputId()));
          } catch (AdmissionException ex) {
            held.decide(Outcome.REJECTED, ex.reasonCode(), ex.getMessage(), null, null, now);
            ledger.update(held);
            continue;
          }
        }
        ledger.judge(held, decoded, now);
        if (held.outcome() != Outcome.HELD) {
          kept.remove(held.inputId());
        }
        ledger.update(held);
        ledger.settleCopies(held, Outcome.HELD, now, keys);
        ledger.consequences(held, decoded, now, keys);
      }
    }
  }
}
