/**
 * The admission ledger of SPEC §2 in the container: the one service every transport hands its bytes
 * to, the core {@link org.quorate.core.admission.Ledger} over JPA ({@link
 * org.quorate.ejb.admission.JpaLedgerStore}; what it answers from memory, a transaction's
 * read-ahead and the ingest writer's overlay, in {@link org.quorate.ejb.admission.LedgerReadAhead}
 * and {@link org.quorate.ejb.admission.LedgerOverlay}), the CDI events fired inside the admitting
 * transaction ({@link org.quorate.ejb.admission.OutcomeRecorded}, {@link
 * org.quorate.ejb.admission.EpochsChanged}), the sweeper of held inputs, operator-imported CRLs
 * (hints only, SPEC §2 stage 5), the outcome counters and the answers to a submission (SPEC §1
 * "REST answer").
 */
package org.quorate.ejb.admission;
