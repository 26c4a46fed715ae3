package org.quorate.web.audit;

import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.quorate.core.audit.AuditBundle;
import org.quorate.ejb.access.ClearanceInsufficientException;
import org.quorate.ejb.audit.AuditService;
import org.quorate.ejb.audit.UnknownProposalException;
import org.quorate.ejb.log.NoNodeCredentialException;
import org.quorate.web.api.Json;

/**
 * {@code GET /quorate/api/missions/{m}/proposals/{id}/bundle} (SPEC §5 "Audit bundle", §7): the
 * audit bundle of a proposal as a ZIP ({@code manifest.json}, {@code genesis.json}, {@code
 * events/*.p7m}, {@code anchors/*.pem}, {@code crls/}, {@code sth.p7m}, {@code proofs.json}, {@code
 * policy.json}), verifiable offline with {@code quorate verify BUNDLE}. Roles {@code auditor} or
 * {@code operator} (web.xml).
 *
 * <p>Answer 200 {@code application/zip} with {@code Content-Disposition: attachment;
 * filename="MISSION-audit-HEX12.zip"}. Errors (JSON): 404 {@code unknown-mission} or {@code
 * unknown-proposal}; 409 {@code no-node-credential}; 403 {@code clearance-insufficient} when the
 * caller's clearance does not admit every event of the bundle (SPEC §6).
 */
@Path("/missions/{mission}/proposals/{id}/bundle")
public class BundleResource {
  /** The bundle's media type. */
  public static final String ZIP = "application/zip";

  @EJB private AuditService audits;

  /**
   * @param mission mission name
   * @param id the proposal's event id
   * @return the ZIP
   */
  @GET
  @Produces({ZIP, "application/json"})
  public Response bundle(@PathParam("mission") String mission, @PathParam("id") String id) {
    AuditBundle bundle;
    try {
      bundle = audits.bundle(mission, id);
    } catch (UnknownProposalException e) {
      return Json.error(Response.Status.NOT_FOUND, e.reasonCode(), e.getMessage());
    } catch (NoNodeCredentialException e) {
      return Json.error(Response.Status.CONFLICT, "no-node-credential", e.getMessage());
    } catch (ClearanceInsufficientException e) {
      return Json.error(Response.Status.FORBIDDEN, "clearance-insufficient", e.getMessage());
    }
    StreamingOutput body = bundle::writeZip;
    return Response.ok(body, ZIP)
        .header("Content-Disposition", "attachment; filename=\"" + fileName(mission, id) + "\"")
        .build();
  }

  /**
   * @param mission mission name
   * @param proposal proposal id
   * @return {@code MISSION-audit-HEX12.zip}, safe in a header (other characters become {@code _})
   */
  public static String fileName(String mission, String proposal) {
    String hex = proposal.startsWith("sha256:") ? proposal.substring(7) : proposal;
    String name = mission + "-audit-" + hex.substring(0, Math.min(12, hex.length())) + ".zip";
    return name.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
