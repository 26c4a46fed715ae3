package org.quorate.web.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON rendering of every REST answer of Quorate with Jackson (records as objects, instants as RFC
 * 3339 strings), independent of which JSON provider the server's JAX-RS offers.
 */
public final class Json {
  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build();

  private Json() {}

  /**
   * @param status HTTP status
   * @param body any record, list or map
   * @return the response with an {@code application/json} entity
   */
  public static Response of(Response.Status status, Object body) {
    try {
      return Response.status(status)
          .type(MediaType.APPLICATION_JSON_TYPE)
          .entity(MAPPER.writeValueAsString(body))
          .build();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Rendering a REST answer failed", e);
    }
  }

  /**
   * @param bytes a JSON request body
   * @param type the record to read
   * @param <T> its type
   * @return the value
   * @throws java.io.IOException when the body is not that JSON
   */
  public static <T> T read(byte[] bytes, Class<T> type) throws java.io.IOException {
    return MAPPER.readValue(bytes, type);
  }

  /**
   * @param status HTTP status
   * @param reasonCode machine-readable reason, e.g. {@code malformed-genesis}
   * @param reason one sentence for a human
   * @return an error answer {@code {"reasonCode":…,"reason":…}}
   */
  public static Response error(Response.Status status, String reasonCode, String reason) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("reasonCode", reasonCode);
    body.put("reason", reason);
    return of(status, body);
  }
}
