package org.quorate.web.api;

import io.undertow.servlet.handlers.ServletRequestContext;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.quorate.ejb.admission.SubmissionAnswer;
import org.quorate.ejb.contribution.ContributionQueries;
import org.quorate.ejb.ingest.IngestGroups;

/**
 * Contributions over REST (SPEC §1, §7): the same admission path as the JMS queue. No login: the
 * CMS signature authenticates the contribution.
 */
@Path("/contributions")
@Produces(MediaType.APPLICATION_JSON)
public class ContributionResource {
  /** The media type of a DER CMS SignedData (RFC 8551 §3.2). */
  public static final String PKCS7_MIME = "application/pkcs7-mime";

  /**
   * Most bytes read from a submission (16 MiB, as the MDB reads from a message): a longer body is
   * kept truncated to this length and rejected {@code too-large}. Undertow's {@code max-post-size}
   * (10 MiB) does not apply to this resource, so that a body of any length ends as a recorded input
   * rather than a bare container error.
   */
  static final int READ_CAP = 16 * 1024 * 1024;

  private static final String TOO_LARGE = "too-large";

  private static final Logger LOG = Logger.getLogger(ContributionResource.class.getName());

  /** Transactions tried per submission before answering 503 {@code unavailable}. */
  static final int SUBMIT_ATTEMPTS = 3;

  @Inject private IngestGroups ingest;
  @EJB private ContributionQueries queries;
  @Context private HttpServletRequest request;

  /**
   * Submits one contribution (the request body, read up to {@link #READ_CAP} bytes).
   *
   * @return 200 {@code {"eventId","inputId","outcome","reasonCode","reason"}} (SPEC §1); 413 with
   *     the same answer when the input was rejected {@code too-large} (it is recorded all the same,
   *     its bytes kept up to the read cap)
   * @throws IOException if reading the request fails (the client went away): nothing to record
   */
  @POST
  @Consumes({PKCS7_MIME, MediaType.APPLICATION_OCTET_STREAM})
  public Response submit() throws IOException {
    liftContainerSizeLimit();
    byte[] der = readCapped(request.getInputStream(), request.getContentLengthLong());
    String transport = "rest from=" + request.getRemoteAddr();
    SubmissionAnswer answer = null;
    RuntimeException failure = null;
    // The answer comes once the group transaction holding this input has committed. Should it fail
    // (e.g. identical bytes recorded by a direct path at the same moment), it is tried again.
    for (int attempt = 1; attempt <= SUBMIT_ATTEMPTS && answer == null; attempt++) {
      try {
        answer = ingest.record(der, transport, null);
      } catch (RuntimeException e) {
        failure = e;
        LOG.log(
            Level.WARNING,
            "Submission attempt {0} of {1} failed: {2}",
            new Object[] {attempt, SUBMIT_ATTEMPTS, e.toString()});
      }
    }
    if (answer == null) {
      return Json.error(
          Response.Status.SERVICE_UNAVAILABLE,
          "unavailable",
          "The input could not be recorded now ("
              + failure.getClass().getSimpleName()
              + "); nothing was kept: send it again.");
    }
    Response.Status status =
        TOO_LARGE.equals(answer.reasonCode())
            ? Response.Status.REQUEST_ENTITY_TOO_LARGE
            : Response.Status.OK;
    return Json.of(status, answer);
  }

  /**
   * Lifts Undertow's {@code max-post-size} for this request (before its body is opened): the read
   * cap below bounds what is kept instead.
   */
  private static void liftContainerSizeLimit() {
    ServletRequestContext context = ServletRequestContext.current();
    if (context != null && context.getExchange().isRequestChannelAvailable()) {
      context.getExchange().setMaxEntitySize(Long.MAX_VALUE);
    }
  }

  /**
   * The first {@link #READ_CAP} bytes of the stream (the rest is left unread).
   *
   * @param in the request body
   * @param declaredLength its {@code Content-Length}, or -1 when not declared (chunked). The
   *     container ends the stream at the declared length, so a declared length within the cap is
   *     read as it comes, without the general case's two 64 KiB buffers (a contribution is a few
   *     KiB).
   * @return the bytes read
   * @throws IOException if reading fails
   */
  static byte[] readCapped(InputStream in, long declaredLength) throws IOException {
    if (declaredLength >= 0 && declaredLength <= READ_CAP) {
      return in.readNBytes((int) declaredLength);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    byte[] buffer = new byte[64 * 1024];
    int total = 0;
    int n;
    while (total < READ_CAP
        && (n = in.read(buffer, 0, Math.min(buffer.length, READ_CAP - total))) > 0) {
      out.write(buffer, 0, n);
      total += n;
    }
    return out.toByteArray();
  }

  /**
   * @param id an event id or input id ({@code sha256:…})
   * @return the outcome as it stands now: open (no login), only the SPEC §1 answer shape {@code
   *     {"eventId","inputId","outcome","reasonCode","reason"}} (SPEC §6); to an authenticated
   *     auditor or operator (HTTP Basic or a portal session) the whole record (replays, marking,
   *     path, CRL used…, none of it withheld text); 404 when unknown
   */
  @GET
  @Path("/{id}")
  public Response get(@PathParam("id") String id) {
    return queries
        .find(id)
        .map(
            v ->
                request.isUserInRole("auditor") || request.isUserInRole("operator")
                    ? Json.of(Response.Status.OK, v)
                    : Json.of(Response.Status.OK, v.answer()))
        .orElseGet(
            () -> Json.error(Response.Status.NOT_FOUND, "unknown-input", "No input " + id + "."));
  }
}
