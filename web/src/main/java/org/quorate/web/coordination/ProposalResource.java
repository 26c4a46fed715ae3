package org.quorate.web.coordination;

import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.quorate.ejb.coordination.CoordinationQueries;
import org.quorate.ejb.mission.MissionService;
import org.quorate.web.api.Json;

/**
 * Proposals of a mission (SPEC §7): {@code GET /quorate/api/missions/{m}/proposals} (list with
 * status), {@code …/proposals/{id}} (quorum state now: status, final, rule, threshold, counts,
 * dissents, equivocators, missing per role, decision id and counted attestations) and {@code
 * …/proposals/{id}/timeline} (the state after each event). Roles {@code auditor} or {@code
 * operator} (web.xml, {@code /api/missions/*}).
 */
@Path("/missions/{mission}/proposals")
@Produces(MediaType.APPLICATION_JSON)
public class ProposalResource {

  @EJB private CoordinationQueries queries;
  @EJB private MissionService missions;

  /**
   * @param mission mission name
   * @return 200 with {@code [{"proposal","title","policy","status","final","rule",…}]}, or 404
   *     {@code unknown-mission}
   */
  @GET
  public Response list(@PathParam("mission") String mission) {
    if (missions.find(mission).isEmpty()) {
      return error(Response.Status.NOT_FOUND, "unknown-mission", "No mission " + mission + ".");
    }
    return json(Response.Status.OK, queries.proposals(mission));
  }

  /**
   * @param mission mission name
   * @param id proposal event id
   * @return 200 with the quorum state, or 404 {@code unknown-proposal}
   */
  @GET
  @Path("/{id}")
  public Response get(@PathParam("mission") String mission, @PathParam("id") String id) {
    return queries
        .detail(mission, id)
        .map(d -> json(Response.Status.OK, d))
        .orElseGet(() -> unknown(mission, id));
  }

  /**
   * @param mission mission name
   * @param id proposal event id
   * @return 200 with the state after each event, or 404 {@code unknown-proposal}
   */
  @GET
  @Path("/{id}/timeline")
  public Response timeline(@PathParam("mission") String mission, @PathParam("id") String id) {
    return queries
        .timeline(mission, id)
        .map(t -> json(Response.Status.OK, t))
        .orElseGet(() -> unknown(mission, id));
  }

  private static Response unknown(String mission, String id) {
    return error(
        Response.Status.NOT_FOUND,
        "unknown-proposal",
        "Mission " + mission + " holds no proposal " + id + ".");
  }

  private static Response json(Response.Status status, Object body) {
    return Json.of(status, body);
  }

  private static Response error(Response.Status status, String reasonCode, String reason) {
    return Json.error(status, reasonCode, reason);
  }
}
