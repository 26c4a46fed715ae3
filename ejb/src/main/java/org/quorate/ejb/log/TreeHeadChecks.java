package org.quorate.ejb.log;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Base64;
import org.quorate.core.audit.TreeHeadVerification;
import org.quorate.core.coordination.EpochChain;
import org.quorate.core.log.SignedTreeHead;
import org.quorate.core.mission.Roster;
import org.quorate.ejb.admission.AdmissionEngine;

/**
 * A kept signed tree head verified at full strength for the portal ({@link TreeHeadVerification},
 * SPEC §5 "STH"): CMS signature, the signed fields against the row kept, the mission, a time not
 * ahead of this node's clock, and the signer's path at the head's time to a member's anchor of the
 * roster in force, with the CRLs delivered to the mission, holding {@code node} there.
 */
@Stateless
public class TreeHeadChecks {
  @Inject private AdmissionEngine engine;

  /**
   * @param mission the mission (log name)
   * @param h a kept head
   * @return the head as signed
   * @throws TreeHeadVerification.Refused with its reason code when any step fails ({@code
   *     unknown-mission} when the log is no mission this node holds)
   */
  public SignedTreeHead verify(String mission, LogViews.SthView h)
      throws TreeHeadVerification.Refused {
    SignedTreeHead.Verified v = TreeHeadVerification.signature(Base64.getDecoder().decode(h.sth()));
    SignedTreeHead t = v.head();
    if (t.size() != h.size() || !t.rootHex().equals(h.root())) {
      throw new TreeHeadVerification.Refused(
          "malformed-tree-head",
          "the signed content " + t + " differs from the row kept for size " + h.size(),
          null);
    }
    TreeHeadVerification.content(t, mission, Instant.now());
    Roster inForce =
        engine
            .ledger()
            .epochsOf(mission)
            .map(EpochChain::current)
            .orElseThrow(
                () ->
                    new TreeHeadVerification.Refused(
                        "unknown-mission", "no mission " + mission + " is held here", null));
    TreeHeadVerification.signer(v, inForce, engine.ledger().deliveredCrls(mission).values());
    return t;
  }
}
