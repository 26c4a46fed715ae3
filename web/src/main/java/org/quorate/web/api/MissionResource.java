package org.quorate.web.api;

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
import org.quorate.core.mission.GenesisException;
import org.quorate.ejb.contribution.ContributionQueries;
import org.quorate.ejb.mission.GenesisConflictException;
import org.quorate.ejb.mission.MissionService;
import org.quorate.ejb.node.NodeCredentialService;

/**
 * Missions (SPEC §7): {@code POST /quorate/api/missions} loads a genesis (role {@code operator},
 * enforced in web.xml), {@code GET} lists and reads them and their contributions (roles {@code
 * auditor} or {@code operator}).
 */
@Path("/missions")
@Produces(MediaType.APPLICATION_JSON)
public class MissionResource {
  @EJB private MissionService missions;
  @EJB private ContributionQueries contributions;
  @EJB private NodeCredentialService nodeCredentials;

  /** Body of {@code PUT …/node-credential}. */
  public record NodeCredentialBody(String certificate, String privateKey) {}

  /**
   * Loads a genesis document (SPEC §1).
   *
   * @param genesis the exact genesis bytes (UTF-8 JSON, at most 1 MiB)
   * @return 201 with the mission when created, 200 when the same genesis was loaded before, 400
   *     {@code malformed-genesis}, 409 {@code genesis-conflict}
   */
  @POST
  @Consumes({MediaType.APPLICATION_JSON, MediaType.APPLICATION_OCTET_STREAM, MediaType.WILDCARD})
  public Response create(byte[] genesis) {
    try {
      MissionService.Created c = missions.create(genesis);
      return Json.of(c.created() ? Response.Status.CREATED : Response.Status.OK, c.mission());
    } catch (GenesisException e) {
      return Json.error(Response.Status.BAD_REQUEST, "malformed-genesis", e.getMessage());
    } catch (GenesisConflictException e) {
      return Json.error(Response.Status.CONFLICT, "genesis-conflict", e.getMessage());
    }
  }

  /**
   * @return every mission: {@code [{"mission","genesisId","name","status","members","createdAt"}]}
   */
  @GET
  public Response list() {
    return Json.of(Response.Status.OK, missions.list());
  }

  /**
   * @param mission mission name
   * @return the mission, or 404 {@code unknown-mission}
   */
  @GET
  @Path("/{mission}")
  public Response get(@PathParam("mission") String mission) {
    return missions
        .find(mission)
        .map(m -> Json.of(Response.Status.OK, m))
        .orElseGet(
            () ->
                Json.error(
                    Response.Status.NOT_FOUND, "unknown-mission", "No mission " + mission + "."));
  }

  /**
   * @param mission mission name
   * @param outcome filter by outcome ({@code admitted}, {@code rejected}, …), optional
   * @param reasonCode filter by SPEC §2 reason code, optional
   * @return the inputs naming the mission, admitted or not, in arrival order
   */
  @GET
  @Path("/{mission}/contributions")
  public Response contributions(
      @PathParam("mission") String mission,
      @QueryParam("outcome") String outcome,
      @QueryParam("reasonCode") String reasonCode) {
    return Json.of(Response.Status.OK, contributions.byMission(mission, outcome, reasonCode));
  }

  /**
   * Installs the node's credential for a mission (SPEC §3; role {@code operator}).
   *
   * @param mission mission name
   * @param body JSON {@code {"certificate":PEM,"privateKey":PKCS#8 PEM}}
   * @return 200 {@code {"mission","member","subject","spki"}}, or 400 {@code
   *     node-credential-refused} with the reason
   */
  @jakarta.ws.rs.PUT
  @Path("/{mission}/node-credential")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response installNodeCredential(@PathParam("mission") String mission, byte[] body) {
    NodeCredentialBody b;
    try {
      b = Json.read(body, NodeCredentialBody.class);
    } catch (java.io.IOException e) {
      return Json.error(
          Response.Status.BAD_REQUEST,
          "node-credential-refused",
          "The body must be {\"certificate\":PEM,\"privateKey\":PEM}.");
    }
    if (b == null || b.certificate() == null || b.privateKey() == null) {
      return Json.error(
          Response.Status.BAD_REQUEST,
          "node-credential-refused",
          "Both \"certificate\" and \"privateKey\" are needed.");
    }
    try {
      return Json.of(
          Response.Status.OK, nodeCredentials.install(mission, b.certificate(), b.privateKey()));
    } catch (NodeCredentialService.Refused e) {
      return Json.error(Response.Status.BAD_REQUEST, "node-credential-refused", e.getMessage());
    }
  }
}
