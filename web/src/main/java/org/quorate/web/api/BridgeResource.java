package org.quorate.web.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.quorate.ejb.bridge.BridgeMonitor;

/**
 * {@code GET /quorate/api/bridges} (auditor, operator): the FMN bridges of this node (SPEC §4 "FMN
 * services"), each with whether it runs and forwards, messages forwarded, the backlog of an
 * outgoing bridge and the last failure the broker logged for it.
 */
@Path("/bridges")
@Produces(MediaType.APPLICATION_JSON)
public class BridgeResource {
  @Inject private BridgeMonitor monitor;

  /**
   * @return every {@code fmn-*} bridge, by name
   */
  @GET
  public Response list() {
    return Json.of(Response.Status.OK, monitor.bridges());
  }
}
