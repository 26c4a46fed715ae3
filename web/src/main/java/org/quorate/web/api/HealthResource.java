package org.quorate.web.api;

import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.quorate.ejb.federation.PeerService;

/**
 * Health probes. {@code GET /health}: {@code {"status":"up"}} once deployed. {@code GET
 * /health/live}: 200 when the database and the broker answer, else 503 naming what is down (what
 * {@code deploy/bin/start} waits for). {@code GET /health/ready}: as live, and also every unpaused
 * peer link (SPEC §4) connected; 503 names each link that is not.
 */
@Path("/health")
public class HealthResource {
  @EJB private PeerService peers;

  /**
   * @return a constant JSON object; a 200 means the application is deployed and serving
   */
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public String health() {
    return "{\"status\":\"up\"}";
  }

  /**
   * @return 200 {@code {"status":"up"}}, or 503 {@code {"status":"down","down":[…]}}
   */
  @GET
  @Path("/live")
  @Produces(MediaType.APPLICATION_JSON)
  public Response live() {
    return answer(peers.notLive());
  }

  /**
   * @return 200 {@code {"status":"up","peerLinks":{"configured":N,"connected":C,"paused":P}}}, or
   *     503 {@code {"status":"down","down":[…],"peerLinks":{…}}} ({@code peerLinks} counts the
   *     node's peer links over all missions: all zero on a node without peers)
   */
  @GET
  @Path("/ready")
  @Produces(MediaType.APPLICATION_JSON)
  public Response ready() {
    PeerService.Readiness r = peers.readiness();
    Map<String, Object> links = new LinkedHashMap<>();
    links.put("configured", r.links());
    links.put("connected", r.connected());
    links.put("paused", r.paused());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", r.down().isEmpty() ? "up" : "down");
    if (!r.down().isEmpty()) {
      body.put("down", r.down());
    }
    body.put("peerLinks", links);
    return Json.of(
        r.down().isEmpty() ? Response.Status.OK : Response.Status.SERVICE_UNAVAILABLE, body);
  }

  private static Response answer(List<String> down) {
    if (down.isEmpty()) {
      return Json.of(Response.Status.OK, Map.of("status", "up"));
    }
    return Json.of(Response.Status.SERVICE_UNAVAILABLE, Map.of("status", "down", "down", down));
  }
}
