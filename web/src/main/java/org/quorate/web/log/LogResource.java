package org.quorate.web.log;

import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.regex.Pattern;
import org.quorate.core.log.LogRangeException;
import org.quorate.ejb.log.NoNodeCredentialException;
import org.quorate.ejb.log.NodeLogService;
import org.quorate.ejb.log.UnknownLogException;

/**
 * The node log of a mission (SPEC §5, §7) under {@code /quorate/api/missions/{m}/log/}: signed tree
 * heads ({@code GET sth}, {@code POST sth} for an operator, {@code GET sth/history}), proofs
 * ({@code GET inclusion?index=i&size=n}, {@code GET consistency?from=n1&to=n2}, tree sizes), the
 * records of an event ({@code GET entries?event=id}) and the current size ({@code GET}). The
 * node-wide log of inputs naming no mission is {@code /missions/_quarantine/log/}. Roles are
 * enforced by web.xml (GET auditor or operator, POST operator).
 *
 * <p>Errors: 404 {@code unknown-mission}; 409 {@code no-node-credential} for tree heads without a
 * node credential; 400 {@code malformed-parameter} for a missing or non-numeric parameter, {@code
 * log-range} for an index or size the log does not have (the message names both values).
 */
@Path("/missions/{mission}/log")
@Produces(MediaType.APPLICATION_JSON)
public class LogResource {
  private static final Pattern ID = Pattern.compile("sha256:[0-9a-f]{64}");

  @EJB private NodeLogService log;

  /**
   * @param mission the mission
   * @return {@code {"mission","size","root"}}
   */
  @GET
  public Response size(@PathParam("mission") String mission) {
    try {
      return LogJson.of(Response.Status.OK, log.size(mission));
    } catch (UnknownLogException e) {
      return unknown(e);
    }
  }

  /**
   * The latest signed tree head, signed now if the log grew since the last one.
   *
   * @param mission the mission
   * @return {@code {"mission","size","root","time","sth":base64 DER,"signer","signerSubject"}}
   */
  @GET
  @Path("/sth")
  public Response sth(@PathParam("mission") String mission) {
    try {
      return LogJson.of(Response.Status.OK, log.latest(mission));
    } catch (UnknownLogException e) {
      return unknown(e);
    } catch (NoNodeCredentialException e) {
      return LogJson.error(Response.Status.CONFLICT, "no-node-credential", e.getMessage());
    }
  }

  /**
   * Signs a new tree head now (role operator).
   *
   * @param mission the mission
   * @return 201 with the head
   */
  @POST
  @Path("/sth")
  public Response sign(@PathParam("mission") String mission) {
    try {
      return LogJson.of(Response.Status.CREATED, log.sign(mission));
    } catch (UnknownLogException e) {
      return unknown(e);
    } catch (NoNodeCredentialException e) {
      return LogJson.error(Response.Status.CONFLICT, "no-node-credential", e.getMessage());
    }
  }

  /**
   * @param mission the mission
   * @return every head made, newest first (at most {@link NodeLogService#MAX_ROWS})
   */
  @GET
  @Path("/sth/history")
  public Response history(@PathParam("mission") String mission) {
    try {
      log.size(mission);
    } catch (UnknownLogException e) {
      return unknown(e);
    }
    return LogJson.of(Response.Status.OK, log.history(mission));
  }

  /**
   * @param mission the mission
   * @param index leaf index
   * @param size tree size
   * @return {@code {"mission","index","size","entry","leafHash","auditPath":[hex],"root"}}
   */
  @GET
  @Path("/inclusion")
  public Response inclusion(
      @PathParam("mission") String mission,
      @QueryParam("index") String index,
      @QueryParam("size") String size) {
    try {
      return LogJson.of(
          Response.Status.OK,
          log.inclusion(mission, LogJson.number("index", index), LogJson.number("size", size)));
    } catch (LogJson.BadParameter e) {
      return e.response();
    } catch (UnknownLogException e) {
      return unknown(e);
    } catch (LogRangeException e) {
      return LogJson.error(Response.Status.BAD_REQUEST, "log-range", e.getMessage());
    }
  }

  /**
   * @param mission the mission
   * @param from earlier tree size ({@code > 0})
   * @param to later tree size
   * @return {@code {"mission","from","to","proof":[hex],"root1","root2"}}
   */
  @GET
  @Path("/consistency")
  public Response consistency(
      @PathParam("mission") String mission,
      @QueryParam("from") String from,
      @QueryParam("to") String to) {
    try {
      return LogJson.of(
          Response.Status.OK,
          log.consistency(mission, LogJson.number("from", from), LogJson.number("to", to)));
    } catch (LogJson.BadParameter e) {
      return e.response();
    } catch (UnknownLogException e) {
      return unknown(e);
    } catch (LogRangeException e) {
      return LogJson.error(Response.Status.BAD_REQUEST, "log-range", e.getMessage());
    }
  }

  /**
   * The records of an event, or of a range of the log.
   *
   * @param mission the mission
   * @param event an event id; when absent, {@code from} and {@code max} select a range
   * @param from first index of a range (default 0)
   * @param max most records of a range (default and cap {@link NodeLogService#MAX_ROWS})
   * @return {@code [{"mission","index","inputId","eventId","outcome","outcomeCode","entry",
   *     "leafHash","recordedAt"}]}
   */
  @GET
  @Path("/entries")
  public Response entries(
      @PathParam("mission") String mission,
      @QueryParam("event") String event,
      @QueryParam("from") String from,
      @QueryParam("max") String max) {
    try {
      log.size(mission);
      if (event != null) {
        if (!ID.matcher(event).matches()) {
          throw new LogJson.BadParameter(
              "Query parameter event must be sha256: and 64 lower-case hex digits.");
        }
        return LogJson.of(Response.Status.OK, log.entries(mission, event));
      }
      long first = from == null ? 0 : LogJson.number("from", from);
      long count = max == null ? NodeLogService.MAX_ROWS : LogJson.number("max", max);
      return LogJson.of(
          Response.Status.OK,
          log.entries(mission, first, (int) Math.min(count, NodeLogService.MAX_ROWS)));
    } catch (LogJson.BadParameter e) {
      return e.response();
    } catch (UnknownLogException e) {
      return unknown(e);
    }
  }

  private static Response unknown(UnknownLogException e) {
    return LogJson.error(Response.Status.NOT_FOUND, "unknown-mission", e.getMessage());
  }
}
