package org.quorate.web.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The OpenAPI 3.1 document of the whole REST API (SPEC §7), open: {@code GET
 * /quorate/api/openapi.json} and {@code …/openapi.yaml} (the same text: JSON is YAML 1.2). The
 * document is maintained by hand in {@value #DOCUMENT}; {@code OpenApiDocumentTest} fails the build
 * when a JAX-RS method lacks its entry.
 */
@Path("/")
public class OpenApiResource {
  /** Where the document lives on the class path. */
  public static final String DOCUMENT = "/org/quorate/web/openapi/openapi.json";

  private static final byte[] TEXT = load();

  private static byte[] load() {
    try (InputStream in = OpenApiResource.class.getResourceAsStream(DOCUMENT)) {
      if (in == null) {
        throw new IllegalStateException("missing " + DOCUMENT);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * @return the document as JSON
   */
  @GET
  @Path("openapi.json")
  @Produces("application/json")
  public Response json() {
    return Response.ok(TEXT.clone(), "application/json").build();
  }

  /**
   * @return the document as YAML (the JSON text, valid YAML 1.2)
   */
  @GET
  @Path("openapi.yaml")
  @Produces("application/yaml")
  public Response yaml() {
    return Response.ok(TEXT.clone(), "application/yaml").build();
  }
}
