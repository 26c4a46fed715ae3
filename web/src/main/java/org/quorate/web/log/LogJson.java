package org.quorate.web.log;

import jakarta.ws.rs.core.Response;
import org.quorate.web.api.Json;

/** The log endpoints' answers (rendered by {@link Json}) and their query-parameter parsing. */
final class LogJson {
  private LogJson() {}

  static Response of(Response.Status status, Object body) {
    return Json.of(status, body);
  }

  static Response error(Response.Status status, String reasonCode, String reason) {
    return Json.error(status, reasonCode, reason);
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
