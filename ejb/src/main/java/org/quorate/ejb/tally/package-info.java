/**
 * Durable counters of the inputs standing at each (mission, outcome, reason code): {@code
 * Q_OUTCOME_COUNT}, kept in the transaction that records or changes an input's outcome (the
 * synchronous {@link org.quorate.ejb.admission.OutcomeRecorded} observers), so that {@code GET
 * /quorate/api/metrics} and the portal's dashboard read a few rows instead of grouping a mission's
 * records on every poll (issue 12). Built once from the records on the first start of a database
 * that predates them.
 */
package org.quorate.ejb.tally;
