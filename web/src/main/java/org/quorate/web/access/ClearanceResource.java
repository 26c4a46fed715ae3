package org.quorate.web.access;

import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.quorate.ejb.access.ClearanceService;
import org.quorate.web.api.Json;

/**
 * {@code PUT|GET /quorate/api/clearances/{user}} (SPEC §6; role {@code operator}, web.xml): a
 * user's clearance, a JSON array of labels in the posture form, one per security policy. It applies
 * from the user's next request.
 */
@Path("/clearances/{user}")
@Produces(MediaType.APPLICATION_JSON)
public class ClearanceResource {
  @EJB private ClearanceService clearances;

  /**
   * @param user login name
   * @return 200 {@code {"user","labels":[…],"markings":[…],"setBy","setAt"}}, or 404 {@code
   *     no-clearance} (the user then sees every labelled field withheld)
   */
  @GET
  public Response get(@PathParam("user") String user) {
    return clearances
        .get(user)
        .map(c -> Json.of(Response.Status.OK, c))
        .orElseGet(
            () ->
                Json.error(
                    Response.Status.NOT_FOUND,
                    "no-clearance",
                    "No clearance is set for "
                        + user
                        + ": every labelled field is withheld from that user."));
  }

  /**
   * @param user login name
   * @param body JSON array of labels, one per security policy, e.g. {@code
   *     [{"policy":"NATO","classification":"SECRET","categories":[…]}]}
   * @return 200 with the clearance as stored; 400 {@code malformed-clearance} (the body is not
   *     JSON; the reason names line and column only) or {@code clearance-refused} naming what
   *     failed (not an array of labels, two labels of one policy, unknown policy, label not valid
   *     under its policy); 404 {@code unknown-user} when the user is neither a user of the node's
   *     application realm nor an FMN service bridged here (nothing is set)
   */
  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  public Response put(@PathParam("user") String user, byte[] body) {
    try {
      return Json.of(Response.Status.OK, clearances.set(user, body));
    } catch (ClearanceService.Refused e) {
      Response.Status status =
          ClearanceService.UNKNOWN_USER.equals(e.reasonCode())
              ? Response.Status.NOT_FOUND
              : Response.Status.BAD_REQUEST;
      return Json.error(status, e.reasonCode(), e.getMessage());
    }
  }
}
