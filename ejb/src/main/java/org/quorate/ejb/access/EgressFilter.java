package org.quorate.ejb.access;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.quorate.core.label.PostureDecision;
import org.quorate.ejb.bridge.BridgeMonitor;

/**
 * Label filtering on FMN egress (SPEC §4 "FMN services", §6): what the decisions topic carries
 * leaves the node over every outgoing FMN bridge, so a labelled field goes on it only when the
 * clearance of every FMN service with an outgoing bridge here admits the event it comes from,
 * decided by the same rule and code as REST and portal redaction ({@link RedactionService}, {@link
 * org.quorate.core.access.Redaction}). An FMN service's clearance is set like a user's ({@code PUT
 * /quorate/api/clearances/fmn-nor}); its permissive {@code Releasable To} values are what the
 * service is releasable to. A service without a clearance gets every labelled field withheld (fail
 * closed). With no outgoing FMN bridge nothing leaves over FMN and nothing is withheld here.
 */
@Stateless
public class EgressFilter {
  private static final Logger LOG = Logger.getLogger(EgressFilter.class.getName());

  @Inject private BridgeMonitor bridges;

  @EJB private ClearanceService clearances;

  @EJB private RedactionService redaction;

  /**
   * @param mission the mission
   * @param eventId the event a labelled field comes from (e.g. a proposal, for its title)
   * @return whether that field must be withheld from the decisions topic: some FMN service with an
   *     outgoing bridge here has no clearance admitting the event's effective label
   */
  public boolean withheld(String mission, String eventId) {
    Set<String> services = bridges.egressServices();
    for (String service : services) {
      PostureDecision d =
          redaction.viewer(mission, clearances.of(service).orElse(null)).decide(eventId);
      if (!d.admitted()) {
        LOG.log(
            Level.FINE,
            "Withheld from FMN egress: labelled fields of {0} (FMN service {1}: {2})",
            new Object[] {eventId, service, d.sentence()});
        return true;
      }
    }
    return false;
  }
}
