/**
 * Federation (SPEC §4): per mission, peer nodes this node forwards to. {@link PeerService} keeps
 * the peers table; {@link PeerBroker} makes, per peer, a durable local queue and an Artemis core
 * bridge from it to the peer's contributions address (duplicate detection, reconnecting forever);
 * {@link PeerForwarder} reads the mission's node log by index after what each peer was last given
 * and sends the original bytes of every authentic input its member may see to that queue, recording
 * the index in the same transaction.
 */
package org.quorate.ejb.federation;
