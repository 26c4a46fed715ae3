/**
 * The read views of coordination that REST, the CLI and the portal show (SPEC §7): a proposal in a
 * list ({@link org.quorate.ejb.view.ProposalSummary}), a proposal with its quorum state, votes,
 * dissents and decision ({@link org.quorate.ejb.view.ProposalDetail}), and the roster epochs of a
 * mission ({@link org.quorate.ejb.view.EpochView}). Plain records, with the redaction of SPEC §6
 * each applies to itself. They sit below both {@code coordination}, which builds them, and {@code
 * access}, whose {@code RedactionService} redacts them, so that neither package depends on the
 * other through them.
 */
package org.quorate.ejb.view;
