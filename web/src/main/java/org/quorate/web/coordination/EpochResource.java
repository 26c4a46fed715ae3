package org.quorate.web.coordination;

import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.quorate.ejb.coordination.CoordinationQueries;
import org.quorate.web.api.Json;

/**
 * Roster epochs of a mission (SPEC §1 vocabulary, §3 "Governance", §7): {@code GET
 * /quorate/api/missions/{m}/epochs} answers {@code {"mission","current","epochs":[{"epoch",
 * "openedBy","proposal","proposalTitle","action","opened","current","members":[{"member","name",
 * "weight","suspended","roles","grants","anchors"}],"posture","policies"}],"governanceDecisions":
 * [{"decision","proposal","proposalTitle","proposalEpoch","outcome","issued","action","opened",
 * "reason"}]}}; 404 {@code unknown-mission}. Roles {@code auditor} or {@code operator} (web.xml).
 */
@Path("/missions/{mission}/epochs")
@Produces(MediaType.APPLICATION_JSON)
public class EpochResource {

  @EJB private CoordinationQueries queries;

  /**
   * @param mission mission name
   * @return 200 with the epochs, or 404 {@code unknown-mission}
   */
  @GET
  public Response get(@PathParam("mission") String mission) {
    return queries
        .epochs(mission)
        .map(e -> Json.of(Response.Status.OK, e))
        .orElseGet(
            () ->
                Json.error(
                    Response.Status.NOT_FOUND, "unknown-mission", "No mission " + mission + "."));
  }
}
