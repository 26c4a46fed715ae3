package org.quorate.web.log;

import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.quorate.ejb.federation.MemberDigests;
import org.quorate.ejb.log.NodeLogService;
import org.quorate.ejb.log.UnknownLogException;
import org.quorate.web.federation.StateDigests;

/**
 * {@code GET /quorate/api/missions/{m}/state-digest} (SPEC §5): the RFC 9162 root over the sorted
 * ids of the mission's authentic events held and not waiting (admitted, evidence, void); equal on
 * nodes holding the same events. Answers {@code {"mission","events","digest"}}, or 404 {@code
 * unknown-mission}. With {@code ?member=X} (repeatable, SPEC §4 "Comparing nodes"): the digest over
 * the events whose label (or the mission posture) is releasable to every member named, answered as
 * {@code {"mission","members","events","digest","treeSize"}}; 400 {@code bad-request} for a
 * malformed member id.
 */
@Path("/missions/{mission}/state-digest")
@Produces(MediaType.APPLICATION_JSON)
public class StateDigestResource {
  @EJB private NodeLogService log;

  @EJB private MemberDigests digests;

  /**
   * @param mission the mission
   * @param members members whose releasability restricts the digest (none: every event)
   * @return the state digest
   */
  @GET
  public Response digest(
      @PathParam("mission") String mission, @QueryParam("member") List<String> members) {
    if (members != null && !members.isEmpty()) {
      return StateDigests.answer(digests, mission, members);
    }
    try {
      return LogJson.of(Response.Status.OK, log.stateDigest(mission));
    } catch (UnknownLogException e) {
      return LogJson.error(Response.Status.NOT_FOUND, "unknown-mission", e.getMessage());
    }
  }
}
