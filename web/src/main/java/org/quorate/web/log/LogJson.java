package org.quorate.web.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON rendering of the log endpoints' answers with Jackson (records as objects). */
final class LogJson {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private LogJson() {}

  static Response of(Response.Status status, Object body) {
    try {
      return Response.status(status)
          .type(MediaType.APPLICATION_JSON_TYPE)
          .entity(MAPPER.writeValueAsString(body))
          .build();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Rendering a REST answer failed", e);
    }
  }

  static Response error(Response.Status status, String reasonCode, String reason) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("reasonCode", reasonCode);
    body.put("reason", reason);
    return of(status, body);
  }

  /**
   * Reads a uint64 query parameter.
   *
   * @param name the parameter name, for the message
   * @param value its value
   * @return the value, {@code 0 <= value < 2^63}
   * @throws BadParameter when it is missing or not such a number
   */
  static long number(String name, String value) throws BadParameter {
    if (value == null || value.isEmpty()) {
      throw new BadParameter("Query parameter " + name + " is required.");
    }
    if (value.length() > 19 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new BadParameter(
          "Query parameter " + name + " must be a number from 0 to 2^63-1, got " + value + ".");
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new BadParameter("Query parameter " + name + " is too large: " + value + ".");
    }
  }

  /** A malformed query parameter, answered 400 {@code malformed-parameter}. */
  static final class BadParameter extends Exception {
    private static final long serialVersionUID = 1L;

    BadParameter(String message) {
      super(message);
    }

    Response response() {
      return error(Response.Status.BAD_REQUEST, "malformed-parameter", getMessage());
    }
  }
}
