package org.quorate.web.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Liveness probe used by {@code deploy/bin/start}: answers {@code {"status":"up"}} once deployed.
 */
@Path("/health")
public class HealthResource {
  /**
   * @return a constant JSON object; a 200 means the application is deployed and serving
   */
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public String health() {
    return "{\"status\":\"up\"}";
  }
}
