/**
 * Admission of contributions (SPEC §2), plain Java: the nine stages in SPEC order, their recorded
 * outcomes and the ledger of what a node holds.
 *
 * <p>{@link org.quorate.core.admission.Admission} decodes an input (stages 1–3: CMS profile of SPEC
 * §1 and RFC 5652, signature, content schema) and judges it against {@link
 * org.quorate.core.admission.MissionFacts} (stages 4–9: mission and epoch, certification path per
 * RFC 5280 at {@code issued}, binding and role through {@link
 * org.quorate.core.admission.CredentialRoles}, labels per SPEC §6, idempotency, chain). {@link
 * org.quorate.core.admission.Ledger} keeps every input with its {@link
 * org.quorate.core.admission.Outcome} in a {@link org.quorate.core.admission.LedgerStore}, releases
 * held inputs, derives the roster epochs and reads the CRLs delivered to a mission ({@link
 * org.quorate.core.admission.Ledger#deliveredCrls}). Reason codes and the stage exceptions live in
 * {@link org.quorate.core.reason}.
 */
package org.quorate.core.admission;
