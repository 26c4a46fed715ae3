package org.quorate.web.api;

import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.quorate.core.pki.CrlImportException;
import org.quorate.ejb.admission.CrlImportService;

/**
 * CRLs of a mission (SPEC §2 stage 5). {@code POST} (role {@code operator}, web.xml) imports a CRL
 * as a hint: it helps the node see what members will deliver and never changes an outcome; outcomes
 * use only CRLs delivered as signed {@code crl} contributions. {@code GET} (roles {@code auditor},
 * {@code operator}) lists both, under the names outcomes record in {@code crlUsed}.
 */
@Path("/missions/{mission}/crls")
@Produces(MediaType.APPLICATION_JSON)
public class CrlResource {
  @EJB private CrlImportService crls;
  @Context private SecurityContext security;

  /**
   * Imports a CRL into a mission.
   *
   * @param mission the mission name
   * @param body a DER ({@code application/pkix-crl}, RFC 2585) or PEM X.509 CRL, at most 2 MiB
   * @return 201 {@code {"created":true,"crl":{"name","sha256","member","issuer","thisUpdate",
   *     "nextUpdate","entries","importedAt","importedBy","superseded"}}}, 200 when the same CRL was
   *     imported before; 404 {@code unknown-mission}; 400 {@code too-large}, {@code malformed-crl},
   *     {@code crl-issuer-not-anchor} (no member of the mission has a trust anchor of that issuer
   *     name) or {@code bad-crl-signature} (the anchor's key does not verify it)
   */
  @POST
  @Consumes({
    "application/pkix-crl",
    MediaType.APPLICATION_OCTET_STREAM,
    MediaType.TEXT_PLAIN,
    MediaType.WILDCARD
  })
  public Response importCrl(@PathParam("mission") String mission, byte[] body) {
    String operator =
        security.getUserPrincipal() == null ? null : security.getUserPrincipal().getName();
    try {
      CrlImportService.Imported i = crls.importCrl(mission, body, operator);
      return Json.of(i.created() ? Response.Status.CREATED : Response.Status.OK, i);
    } catch (CrlImportService.UnknownMission e) {
      return Json.error(Response.Status.NOT_FOUND, "unknown-mission", e.getMessage());
    } catch (CrlImportException e) {
      return Json.error(Response.Status.BAD_REQUEST, e.reasonCode(), e.getMessage());
    }
  }

  /**
   * @param mission the mission name
   * @return 200 {@code {"mission","delivered":[…],"imported":[…]}}: delivered CRLs with the event
   *     ids of the {@code crl} contributions carrying each; imported ones with who imported them
   *     and whether a delivered CRL supersedes them; 404 {@code unknown-mission}
   */
  @GET
  public Response list(@PathParam("mission") String mission) {
    try {
      return Json.of(Response.Status.OK, crls.crls(mission));
    } catch (CrlImportService.UnknownMission e) {
      return Json.error(Response.Status.NOT_FOUND, "unknown-mission", e.getMessage());
    }
  }
}
