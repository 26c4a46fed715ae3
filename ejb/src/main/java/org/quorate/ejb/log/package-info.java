/**
 * The node log of SPEC §5 in the container: one {@link org.quorate.core.log.LogEntry} per admission
 * outcome, appended by {@link org.quorate.ejb.log.NodeLogRecorder} inside the admitting
 * transaction, its RFC 9162 tree kept by {@link org.quorate.ejb.log.JpaNodeStore}; signed tree
 * heads ({@link org.quorate.ejb.log.NodeLogService#sign}), proofs and the mission state digest.
 *
 * <p>There is one log per mission (named by the mission name) and one node-wide log named {@value
 * org.quorate.ejb.log.NodeLogRecorder#QUARANTINE} for inputs that name no mission (or a string that
 * is no mission name: mission names never start with {@code _}). The quarantine log has no node
 * credential, so it has no signed tree heads; its proofs are served all the same.
 *
 * <p>Tables: {@code Q_LOG_STATE} (one row per log: its tree size; the row is the log's append
 * lock), {@code Q_LOG_NODE} (perfect-subtree hashes), {@code Q_LOG_ENTRY} (the entries with their
 * input and event ids) and {@code Q_LOG_STH} (every signed tree head made, with its DER).
 */
package org.quorate.ejb.log;
