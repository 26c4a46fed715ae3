package org.quorate.web.log;

import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.quorate.ejb.log.NodeLogService;
import org.quorate.ejb.log.UnknownLogException;

/**
 * {@code GET /quorate/api/missions/{m}/state-digest} (SPEC §5): the RFC 9162 root over the sorted
 * ids of the mission's authentic events held and not waiting (admitted, evidence, void); equal on
 * nodes holding the same events. Answers {@code {"mission","events","digest"}}, or 404 {@code
 * unknown-mission}.
 */
@Path("/missions/{mission}/state-digest")
@Produces(MediaType.APPLICATION_JSON)
public class StateDigestResource {
  @EJB private NodeLogService log;

  /**
   * @param mission the mission
   * @return the state digest
   */
  @GET
  public Response digest(@PathParam("mission") String mission) {
    try {
      return LogJson.of(Response.Status.OK, log.stateDigest(mission));
    } catch (UnknownLogException e) {
      return LogJson.error(Response.Status.NOT_FOUND, "unknown-mission", e.getMessage());
    }
  }
}
