/**
 * Federation rules (SPEC §4) as plain functions: which log records of a mission go to a peer node
 * of a given member. The container side (ejb {@code federation}) reads the log, applies these and
 * hands the original bytes to the broker.
 */
package org.quorate.core.federation;
