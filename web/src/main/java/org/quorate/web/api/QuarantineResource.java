package org.quorate.web.api;

import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.quorate.ejb.contribution.ContributionQueries;

/** {@code GET /quorate/api/quarantine}: rejected inputs naming no mission (SPEC §2, §7). */
@Path("/quarantine")
@Produces(MediaType.APPLICATION_JSON)
public class QuarantineResource {
  @EJB private ContributionQueries queries;

  /**
   * @return rejected inputs whose content names no mission, in arrival order
   */
  @GET
  public Response list() {
    return Json.of(Response.Status.OK, queries.quarantine());
  }
}
