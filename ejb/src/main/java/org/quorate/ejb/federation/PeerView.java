package org.quorate.ejb.federation;

/**
 * A peer as {@code GET …/peers} answers it (SPEC §4 Status); the password is never answered.
 *
 * @param mission the mission
 * @param name the peer's name
 * @param url the peer's REST base
 * @param amqp where this node's broker forwards
 * @param member the peer's member
 * @param user the broker user the bridge logs in as
 * @param paused whether the link is held by an operator
 * @param bridge {@code started}, {@code stopped} or {@code absent} (the broker has none)
 * @param connected whether the bridge is connected to the peer's broker now
 * @param backlog inputs queued for the peer and not yet acknowledged by its broker (-1: unknown)
 * @param lastAcknowledgedIndex the log index up to which the peer's broker acknowledged (-1: none)
 * @param enqueuedIndex the log index up to which the log was examined and queued for the peer
 * @param forwarded inputs queued for the peer so far (genesis included)
 * @param genesisSent whether the genesis was queued for the peer
 * @param eligible whether the peer's member belongs to the mission's current epoch (else nothing is
 *     forwarded)
 * @param digestMembers the members the two digests are over: the peer's and this node's (its node
 *     credential's member), sorted
 * @param digest this node's state digest over what those members may see (hex; null before the
 *     first comparison)
 * @param peerDigest the peer's last known state digest over the same members (hex), null when
 *     unknown
 * @param peerEvents how many events the peer's digest covers (-1: unknown)
 * @param peerTreeSize the peer's last known log size for the mission (-1: unknown)
 * @param digestEqual whether both digests are known and equal
 * @param statusChecked when the peer was last asked (ISO-8601), null before the first time
 * @param statusError why the peer's digest is unknown (null when it answered)
 * @param reconciled inputs sent to the peer by reconciliation since this node started
 */
public record PeerView(
    String mission,
    String name,
    String url,
    String amqp,
    String member,
    String user,
    boolean paused,
    String bridge,
    boolean connected,
    long backlog,
    long lastAcknowledgedIndex,
    long enqueuedIndex,
    long forwarded,
    boolean genesisSent,
    boolean eligible,
    java.util.List<String> digestMembers,
    String digest,
    String peerDigest,
    long peerEvents,
    long peerTreeSize,
    boolean digestEqual,
    String statusChecked,
    String statusError,
    long reconciled) {}
