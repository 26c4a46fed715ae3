package org.quorate.web.audit;

import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.quorate.ejb.access.ClearanceInsufficientException;
import org.quorate.ejb.audit.AuditService;
import org.quorate.ejb.audit.UnknownProposalException;
import org.quorate.ejb.log.NoNodeCredentialException;
import org.quorate.web.api.Json;

/**
 * {@code GET /quorate/api/missions/{m}/proposals/{id}/audit} (SPEC §5 "Reconstruction", §7): the
 * proposal reconstructed from the signed bytes of its audit bundle and every check, the core
 * verifier's and the database checks, with whether all passed. Roles {@code auditor} or {@code
 * operator} (web.xml, {@code /api/missions/*}).
 *
 * <p>Answer 200 {@code {"mission","proposal","passed","reconstruction":{…},"checks":[{"check",
 * "subject","passed","reasonCode","detail"}],"sth":{…},"proofs":[{"index","size","entry",
 * "leafHash","auditPath","root"}]}}, also when checks fail ({@code passed} false). Errors: 404
 * {@code unknown-mission} or {@code unknown-proposal}; 409 {@code no-node-credential}; 403 {@code
 * clearance-insufficient} when the caller's clearance does not admit every event of the bundle
 * (SPEC §6) (no tree head can be signed).
 */
@Path("/missions/{mission}/proposals/{id}/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
  @EJB private AuditService audits;

  /**
   * @param mission mission name
   * @param id the proposal's event id
   * @return the audit report
   */
  @GET
  public Response audit(@PathParam("mission") String mission, @PathParam("id") String id) {
    try {
      return Json.of(Response.Status.OK, AuditView.of(audits.audit(mission, id)));
    } catch (UnknownProposalException e) {
      return Json.error(Response.Status.NOT_FOUND, e.reasonCode(), e.getMessage());
    } catch (NoNodeCredentialException e) {
      return Json.error(Response.Status.CONFLICT, "no-node-credential", e.getMessage());
    } catch (ClearanceInsufficientException e) {
      return Json.error(Response.Status.FORBIDDEN, "clearance-insufficient", e.getMessage());
    }
  }
}
