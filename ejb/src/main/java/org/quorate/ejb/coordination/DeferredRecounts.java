package org.quorate.ejb.coordination;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The proposals a group of admissions touched and not yet counted again (issue 12: the ingest
 * writer counts each proposal once per group, after every input of the group is admitted, instead
 * of once per input). Plain bookkeeping, one instance per transaction, used on one thread.
 *
 * <p>Counting after the group gives what counting after each input gives: a count is a function of
 * the events held (SPEC §3), and nothing recorded in the group reads an intermediate count: the
 * admission outcomes and the node log do not depend on the projection, and the node signs its
 * decision only after the group committed ({@link DecisionScheduler}), on the count it makes then.
 * Each proposal is counted once, with the trigger of the last event that touched it (so that its
 * state row, {@link QuorumStateEntity}, is the one per-input counting would have recorded last in
 * the group: the state after that event, which is the state after the group), in the order of those
 * last touches. What a per-input count did between two touches (a state row per event, a status
 * change that the group's later events undo, a decision advised and withdrawn before the commit) is
 * not recorded.
 */
final class DeferredRecounts {
  /** Proposal id to the trigger of the last event that touched it, in order of last touch. */
  private final Map<String, Trigger> pending = new LinkedHashMap<>();

  private boolean open = true;

  /**
   * @return whether touches are still deferred (false once the group's count ran: later touches of
   *     the same transaction are counted at once)
   */
  boolean open() {
    return open;
  }

  /**
   * Notes that an event touched a proposal; it is counted with this trigger unless a later event
   * touches it again.
   *
   * @param proposal the proposal's event id
   * @param trigger what touched it
   * @throws IllegalStateException once closed
   */
  void touch(String proposal, Trigger trigger) {
    if (!open) {
      throw new IllegalStateException("the group's count already ran; count " + proposal + " now");
    }
    pending.remove(proposal);
    pending.put(proposal, trigger);
  }

  /**
   * Takes what waits to be counted, in order of last touch, and forgets it (touches after this are
   * deferred again, unless {@link #close} was called).
   *
   * @return (proposal id, trigger) pairs
   */
  List<Map.Entry<String, Trigger>> take() {
    List<Map.Entry<String, Trigger>> out = new ArrayList<>(pending.size());
    pending.forEach((proposal, trigger) -> out.add(Map.entry(proposal, trigger)));
    pending.clear();
    return out;
  }

  /** Ends the deferral: from now on the transaction counts each touch at once. */
  void close() {
    open = false;
  }

  /**
   * @return how many proposals wait to be counted
   */
  int size() {
    return pending.size();
  }
}
