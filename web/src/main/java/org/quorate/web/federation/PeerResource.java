package org.quorate.web.federation;

import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import org.quorate.ejb.federation.PeerRefusedException;
import org.quorate.ejb.federation.PeerService;
import org.quorate.web.api.Json;

/**
 * {@code /quorate/api/missions/{m}/peers} (SPEC §4): {@code PUT …/peers/{name}} adds or changes a
 * peer (operator; JSON {@code {"url","amqp","member","user","password","paused"}}, the password is
 * write-only and may be left out on a change), {@code GET …/peers} and {@code GET …/peers/{name}}
 * answer the peers with their status, {@code DELETE …/peers/{name}} removes one with its backlog.
 * Errors: 404 {@code unknown-mission} / {@code unknown-peer}, 400 {@code peer-refused}.
 */
@Path("/missions/{mission}/peers")
@Produces(MediaType.APPLICATION_JSON)
public class PeerResource {
  @EJB private PeerService peers;

  /**
   * @param mission the mission
   * @return 200 with the peers and their status
   */
  @GET
  public Response list(@PathParam("mission") String mission) {
    try {
      return Json.of(Response.Status.OK, peers.list(mission));
    } catch (PeerRefusedException e) {
      return refused(e);
    }
  }

  /**
   * @param mission the mission
   * @param name the peer's name
   * @return 200 with the peer and its status, or 404
   */
  @GET
  @Path("/{name}")
  public Response get(@PathParam("mission") String mission, @PathParam("name") String name) {
    return peers
        .get(mission, name)
        .map(p -> Json.of(Response.Status.OK, p))
        .orElseGet(
            () ->
                Json.error(
                    Response.Status.NOT_FOUND,
                    "unknown-peer",
                    "Mission " + mission + " has no peer " + name + "."));
  }

  /**
   * @param mission the mission
   * @param name the peer's name
   * @param body the peer as JSON
   * @return 200 with the peer and its status, 400 or 404
   */
  @PUT
  @Path("/{name}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response put(
      @PathParam("mission") String mission, @PathParam("name") String name, byte[] body) {
    PeerService.PeerBody b;
    try {
      b = Json.read(body, PeerService.PeerBody.class);
    } catch (IOException e) {
      return Json.error(
          Response.Status.BAD_REQUEST,
          "peer-refused",
          "The body must be {\"url\",\"amqp\",\"member\",\"user\",\"password\",\"paused\"}.");
    }
    try {
      return Json.of(Response.Status.OK, peers.put(mission, name, b));
    } catch (PeerRefusedException e) {
      return refused(e);
    }
  }

  /**
   * @param mission the mission
   * @param name the peer's name
   * @return 204, or 404
   */
  @DELETE
  @Path("/{name}")
  public Response remove(@PathParam("mission") String mission, @PathParam("name") String name) {
    try {
      peers.remove(mission, name);
      return Response.noContent().build();
    } catch (PeerRefusedException e) {
      return refused(e);
    }
  }

  private static Response refused(PeerRefusedException e) {
    Response.Status status =
        e.reasonCode().startsWith("unknown-")
            ? Response.Status.NOT_FOUND
            : Response.Status.BAD_REQUEST;
    return Json.error(status, e.reasonCode(), e.getMessage());
  }
}
