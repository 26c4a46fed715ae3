package org.quorate.web.api;

import jakarta.ejb.EJB;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.quorate.ejb.admission.AdmissionService;
import org.quorate.ejb.contribution.ContributionQueries;

/**
 * Contributions over REST (SPEC §1, §7): the same admission path as the JMS queue. No login: the
 * CMS signature authenticates the contribution.
 */
@Path("/contributions")
@Produces(MediaType.APPLICATION_JSON)
public class ContributionResource {
  /** The media type of a DER CMS SignedData (RFC 8551 §3.2). */
  public static final String PKCS7_MIME = "application/pkcs7-mime";

  @EJB private AdmissionService admission;
  @EJB private ContributionQueries queries;
  @Context private HttpServletRequest request;

  /**
   * Submits one contribution.
   *
   * @param der a DER CMS SignedData (size cap applies; anything else is rejected with a reason)
   * @return 200 {@code {"eventId","inputId","outcome","reasonCode","reason"}}
   */
  @POST
  @Consumes({PKCS7_MIME, MediaType.APPLICATION_OCTET_STREAM})
  public Response submit(byte[] der) {
    String transport = "rest from=" + request.getRemoteAddr();
    return Json.of(Response.Status.OK, admission.submit(der, transport));
  }

  /**
   * @param id an event id or input id ({@code sha256:…})
   * @return the outcome as it stands now, with what the content says; 404 when unknown
   */
  @GET
  @Path("/{id}")
  public Response get(@PathParam("id") String id) {
    return queries
        .find(id)
        .map(v -> Json.of(Response.Status.OK, v))
        .orElseGet(
            () -> Json.error(Response.Status.NOT_FOUND, "unknown-input", "No input " + id + "."));
  }
}
