package org.quorate.web.access;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The 403 error page (web.xml {@code error-page}): a caller authenticated but lacking the role a
 * security constraint names. Under {@code /api/} it answers the API's error shape {@code
 * {"reasonCode":"role-required","reason":…}} (application/json), so that REST clients never get an
 * HTML page; elsewhere (portal pages) a short HTML page. Nothing about the caller or the server is
 * echoed.
 */
@WebServlet(name = "forbidden", urlPatterns = ForbiddenServlet.PATH)
public class ForbiddenServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  /** Where web.xml sends a 403. */
  public static final String PATH = "/error/forbidden";

  /** Reason code of a call by a user lacking the role it needs. */
  public static final String ROLE_REQUIRED = "role-required";

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
    Object uri = req.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    String path = uri == null ? "" : uri.toString();
    res.setStatus(HttpServletResponse.SC_FORBIDDEN);
    res.setCharacterEncoding(StandardCharsets.UTF_8.name());
    if (path.startsWith(req.getContextPath() + "/api/")) {
      res.setContentType("application/json");
      res.getWriter()
          .write(
              "{\"reasonCode\":\""
                  + ROLE_REQUIRED
                  + "\",\"reason\":\"Your account lacks the role this call needs (see x-roles in"
                  + " the OpenAPI document at /quorate/api/openapi.json).\"}");
    } else {
      res.setContentType("text/html");
      res.getWriter()
          .write(
              "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Forbidden"
                  + "</title></head><body><h1>Forbidden</h1><p>Your account lacks the role this"
                  + " page needs.</p></body></html>");
    }
  }
}
