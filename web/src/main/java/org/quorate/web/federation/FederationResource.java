package org.quorate.web.federation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.quorate.ejb.federation.MemberDigests;
import org.quorate.ejb.log.UnknownLogException;
import org.quorate.web.api.Json;

/**
 * What a peer node asks over {@code url} (SPEC §4 Status and Reconciliation), open to the {@code
 * peer} user (and to auditors and operators): {@code GET
 * /quorate/api/federation/missions/{m}/state-digest?member=X&member=Y} answers {@code
 * {"mission","members","events","digest","treeSize"}}, the digest over what every named member may
 * see; {@code POST …/lacking} with {@code {"ids":[event ids]}} (at most {@value
 * MemberDigests#MAX_IDS}) answers {@code {"lacking":[ids]}}, those this node holds no authentic or
 * held record of. Neither answers any content. Errors: 404 {@code unknown-mission}, 400 {@code
 * bad-request}.
 */
@Path("/federation/missions/{mission}")
@Produces(MediaType.APPLICATION_JSON)
public class FederationResource {
  private static final JsonMapper JSON = new JsonMapper();

  /** Largest request body read (bytes): {@value MemberDigests#MAX_IDS} ids of 71 characters. */
  private static final int MAX_BODY = 512 * 1024;

  @EJB private MemberDigests digests;

  /**
   * @param mission the mission
   * @param members members (at least one)
   * @return 200 with the digest, 400, or 404
   */
  @GET
  @Path("/state-digest")
  public Response digest(
      @PathParam("mission") String mission, @QueryParam("member") List<String> members) {
    return StateDigests.answer(digests, mission, members == null ? List.of() : members);
  }

  /**
   * @param mission the mission
   * @param body {@code {"ids":[…]}}
   * @return 200 {@code {"lacking":[…]}}, 400, or 404
   */
  @POST
  @Path("/lacking")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response lacking(@PathParam("mission") String mission, byte[] body) {
    List<String> ids = new ArrayList<>();
    try {
      if (body == null || body.length > MAX_BODY) {
        throw new IOException("size");
      }
      JsonNode n = JSON.readTree(body);
      if (n == null || !n.path("ids").isArray()) {
        throw new IOException("shape");
      }
      for (JsonNode id : n.path("ids")) {
        ids.add(id.isTextual() ? id.asText() : null);
      }
    } catch (IOException e) {
      return Json.error(
          Response.Status.BAD_REQUEST,
          "bad-request",
          "The body must be {\"ids\":[event ids]}, at most " + MAX_BODY + " bytes.");
    }
    try {
      return Json.of(Response.Status.OK, Map.of("lacking", digests.lacking(mission, ids)));
    } catch (UnknownLogException e) {
      return Json.error(Response.Status.NOT_FOUND, "unknown-mission", e.getMessage());
    } catch (IllegalArgumentException e) {
      return Json.error(Response.Status.BAD_REQUEST, "bad-request", e.getMessage());
    }
  }
}
