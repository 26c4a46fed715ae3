/**
 * The coordination projection on the node (SPEC §3): proposals, attestations, retractions,
 * declarations, quorum states, decisions, disputes and roster epochs as JPA rows written from the
 * admitted events ({@link org.quorate.ejb.coordination.ProjectionWriter}), recounted with the core
 * evaluator ({@link org.quorate.ejb.coordination.Recounter}), decisions signed and published when
 * due (SPEC §3 "Decision", §4), epochs kept in step ({@link
 * org.quorate.ejb.coordination.EpochSync}), and the queries REST and the portal read (views in
 * {@code org.quorate.ejb.view}).
 */
package org.quorate.ejb.coordination;
