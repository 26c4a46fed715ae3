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
    boolean eligible) {}
