package org.quorate.core.admission;

import java.security.cert.X509CRL;
import java.util.Collection;
import java.util.Optional;
import org.quorate.core.mission.Roster;

/**
 * What the stateful admission stages (SPEC §2, 4–9) need to know of one mission, as a node holds
 * it. The container answers from its database under the mission's lock; tests answer from memory.
 * Every answer must be a function of the signed events held, never of arrival order.
 */
public interface MissionFacts {
  /**
   * @return whether the mission's genesis is loaded on this node
   */
  boolean missionKnown();

  /**
   * @return the mission's genesis (empty when the mission is unknown)
   */
  Optional<org.quorate.core.mission.Genesis> genesis();

  /**
   * @param mission another (or this) mission's name
   * @param eventId an event id
   * @return the event, when it is admitted in that mission on this node
   */
  Optional<ReferencedEvent> referenced(String mission, String eventId);

  /**
   * @return the genesis id the mission is bound to (empty when the mission is unknown)
   */
  Optional<String> genesisId();

  /**
   * @return whether the mission waits for its founders' genesis endorsements (SPEC §2.4)
   */
  boolean missionPending();

  /**
   * @param epoch a roster epoch number
   * @return the roster of that epoch, or empty when not (yet) known
   */
  Optional<Roster> roster(long epoch);

  /**
   * The decision that closed an epoch by opening the next (SPEC §2 stage 4, §3 "Governance"): an
   * event naming that epoch issued after it (ties by event id) is {@code stale-epoch}.
   *
   * @param epoch a roster epoch number
   * @return the opening of epoch {@code epoch + 1}; empty while {@code epoch} is in force or
   *     unknown
   */
  default Optional<Roster.Opening> epochClosedBy(long epoch) {
    return Optional.empty();
  }

  /**
   * @return the CRLs delivered to the mission as admitted {@code crl} contributions
   */
  Collection<X509CRL> crls();

  /**
   * @param eventId an event id
   * @return whether an authentic event of that id is held already (admitted, evidence or void)
   */
  boolean authenticEventHeld(String eventId);

  /**
   * Stage 8 (SPEC §2.8): the outcome another copy of the event (another input carrying the same
   * content, e.g. under another certificate for the same key) holds now, the best when several do.
   * Defaults to {@code admitted} when {@link #authenticEventHeld} says so.
   *
   * @param eventId an event id
   * @return {@code admitted}, {@code evidence}, {@code held} or {@code void}; empty when no other
   *     copy holds one
   */
  default Optional<Outcome> heldCopy(String eventId) {
    return authenticEventHeld(eventId) ? Optional.of(Outcome.ADMITTED) : Optional.empty();
  }

  /**
   * @param signer a signer's SPKI hash
   * @param seq a chain position (&ge; 1)
   * @param eventId an event id
   * @return whether that event holds that position: it passed every check (admitted or evidence),
   *     or it is authentic and was refused {@code stale-epoch} only (its signer relied on an epoch
   *     closed meanwhile)
   */
  boolean chainHas(String signer, long seq, String eventId);

  /**
   * @param signer a signer's SPKI hash
   * @param seq a chain position (&ge; 1)
   * @return whether an admitted {@code gap-declaration} of the mission covers that position (SPEC
   *     §2.9: the successor need not wait for it)
   */
  boolean gapDeclared(String signer, long seq);

  /**
   * @param signer a signer's SPKI hash
   * @param seq a chain position (&ge; 1)
   * @param eventId the event being judged
   * @return another event of the signer at that position that passed every check (admitted or
   *     evidence): a chain fork, if any
   */
  Optional<String> chainConflict(String signer, long seq, String eventId);
}
