package org.quorate.ejb.federation;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this node last learnt of each peer over its {@code url} (SPEC §4 Status): the peer's state
 * digest and tree size over the members both nodes may see, this node's digest over the same
 * members, and how many inputs reconciliation sent it. Kept in memory: {@link PeerReconciler}
 * refreshes it every few seconds, so after a restart it is known again within one round.
 */
@ApplicationScoped
public class PeerStatusBoard {
  /**
   * One comparison.
   *
   * @param members the members the digests are over (sorted)
   * @param peerDigest the peer's digest (hex), null when it could not be read
   * @param peerEvents how many events the peer's digest covers (-1: unknown)
   * @param peerTreeSize the peer's log size for the mission (-1: unknown)
   * @param digest this node's digest over the same members (hex)
   * @param events how many events this node's digest covers
   * @param checked when the peer was asked
   * @param error why the peer's digest is unknown, or null
   * @param reconciled inputs sent to the peer by reconciliation since this node started
   */
  public record Comparison(
      List<String> members,
      String peerDigest,
      long peerEvents,
      long peerTreeSize,
      String digest,
      long events,
      Instant checked,
      String error,
      long reconciled) {
    /**
     * @return whether both digests are known and equal
     */
    public boolean equal() {
      return peerDigest != null && peerDigest.equals(digest);
    }
  }

  private final Map<String, Comparison> board = new ConcurrentHashMap<>();

  void put(String mission, String peer, Comparison c) {
    board.put(mission + "\n" + peer, c);
  }

  Optional<Comparison> get(String mission, String peer) {
    return Optional.ofNullable(board.get(mission + "\n" + peer));
  }

  void forget(String mission, String peer) {
    board.remove(mission + "\n" + peer);
  }
}
