package org.quorate.ejb.ingest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Puts each signer's chain back in order ahead of the group writer (writer thread only; not
 * thread-safe).
 *
 * <p>The transport delivers on many sessions at once, so an input often reaches the writer before
 * its predecessor (SPEC §1 {@code prev}), which is still in another session's stateless stages.
 * Judged then, it would be recorded {@code held chain-gap}, logged, and recorded again when the
 * predecessor releases it: twice the writes for the same final outcome. Outcomes do not depend on
 * arrival order (SPEC §2), so holding such an input back for a short, bounded time changes no
 * outcome, only how much is written.
 *
 * <p>An input waits when all of these hold: it has a predecessor; this writer has recorded an event
 * of the same chain (mission, signer) since it started (so its predecessor is most likely in
 * flight, not recorded before a restart); the predecessor is neither among the events this writer
 * recorded recently nor in the group being formed; and it has waited less than the hold-back time.
 * Past that time it joins the next group and is judged as it stands (held, if its predecessor never
 * came): a gap costs at most the hold-back time in latency, never an outcome.
 *
 * @param <T> what is ordered (an input waiting for its group)
 */
final class ChainOrder<T> {

  /**
   * An input's place in its signer's chain.
   *
   * @param chain mission and signer, or null when the input has no chain (undecodable, quarantine)
   * @param seq its chain position
   * @param eventId its event id, or null
   * @param prev its predecessor's event id, or null for a chain's first event
   */
  record Link(String chain, long seq, String eventId, String prev) {}

  private record Waiting<T>(T item, Link link, long since) {}

  private final Function<T, Link> links;
  private final long holdBackNanos;
  private final Map<String, Boolean> recordedEvents;
  private final Map<String, Boolean> activeChains;
  private final List<Waiting<T>> waiting = new ArrayList<>();

  /**
   * @param links an input's chain link (may return null: no chain)
   * @param holdBackNanos longest an input waits for its predecessor, in nanoseconds (0: never)
   * @param remember how many recorded event ids (and chains) are remembered, oldest forgotten first
   */
  ChainOrder(Function<T, Link> links, long holdBackNanos, int remember) {
    this.links = links;
    this.holdBackNanos = holdBackNanos;
    this.recordedEvents = bounded(remember);
    this.activeChains = bounded(remember);
  }

  private static Map<String, Boolean> bounded(int max) {
    return new LinkedHashMap<>(1024, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > max;
      }
    };
  }

  /**
   * Picks the next group from the inputs that waited and those that just arrived; the rest wait.
   *
   * @param arrived inputs that arrived since the last call, in arrival order
   * @param max largest group
   * @param now the current {@link System#nanoTime()}
   * @return the group, each chain in position order (may be empty)
   */
  List<T> next(List<T> arrived, int max, long now) {
    List<Waiting<T>> all = new ArrayList<>(waiting.size() + arrived.size());
    all.addAll(waiting);
    waiting.clear();
    for (T t : arrived) {
      all.add(new Waiting<>(t, links.apply(t), now));
    }
    // Predecessors before successors, so that one pass sees what the group already holds.
    all.sort(
        Comparator.comparing(
                (Waiting<T> w) -> w.link() == null ? null : w.link().chain(),
                Comparator.nullsFirst(String::compareTo))
            .thenComparingLong(w -> w.link() == null ? 0 : w.link().seq()));
    Set<String> inGroup = new HashSet<>();
    List<T> group = new ArrayList<>();
    for (Waiting<T> w : all) {
      if (group.size() < max && ready(w, inGroup, now)) {
        group.add(w.item());
        if (w.link() != null && w.link().eventId() != null) {
          inGroup.add(w.link().eventId());
        }
      } else {
        waiting.add(w);
      }
    }
    return group;
  }

  private boolean ready(Waiting<T> w, Set<String> inGroup, long now) {
    Link l = w.link();
    return l == null
        || l.chain() == null
        || l.prev() == null
        || now - w.since() >= holdBackNanos
        || !activeChains.containsKey(l.chain())
        || recordedEvents.containsKey(l.prev())
        || inGroup.contains(l.prev());
  }

  /**
   * Remembers what a group recorded (whatever the outcomes: a successor of a held or rejected input
   * gains nothing by waiting).
   *
   * @param group the inputs of a group whose transaction ended
   */
  void recorded(List<T> group) {
    for (T t : group) {
      Link l = links.apply(t);
      if (l != null && l.chain() != null && l.eventId() != null) {
        recordedEvents.put(l.eventId(), Boolean.TRUE);
        activeChains.put(l.chain(), Boolean.TRUE);
      }
    }
  }

  /**
   * @param now the current {@link System#nanoTime()}
   * @return nanoseconds until the first waiting input's hold-back ends (0 when it has), or -1 when
   *     nothing waits
   */
  long nanosToNextDeadline(long now) {
    long next = -1;
    for (Waiting<T> w : waiting) {
      long left = Math.max(0, w.since() + holdBackNanos - now);
      next = next < 0 ? left : Math.min(next, left);
    }
    return next;
  }

  /**
   * @return how many inputs wait for their predecessor
   */
  int waiting() {
    return waiting.size();
  }

  /**
   * Removes every waiting input (the writer is stopping).
   *
   * @return them
   */
  List<T> drain() {
    List<T> all = new ArrayList<>();
    for (Waiting<T> w : waiting) {
      all.add(w.item());
    }
    waiting.clear();
    return all;
  }
}
