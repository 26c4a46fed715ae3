package org.quorate.web.access;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * {@code /quorate/logout} (GET from the portal's link, POST from scripts): ends the session (the
 * server forgets it, so the old cookie authenticates nothing) and clears the cookie. Answers 204 to
 * a client asking for JSON, else redirects to the portal (which asks to log in again).
 */
@WebServlet(name = "logout", urlPatterns = "/logout")
public class LogoutServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse res)
      throws IOException, ServletException {
    end(req, res);
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse res)
      throws IOException, ServletException {
    end(req, res);
  }

  private static void end(HttpServletRequest req, HttpServletResponse res)
      throws IOException, ServletException {
    req.logout();
    HttpSession s = req.getSession(false);
    if (s != null) {
      s.invalidate();
    }
    jakarta.servlet.http.Cookie gone =
        new jakarta.servlet.http.Cookie(SessionRequestFilter.SESSION_COOKIE, "");
    gone.setPath(req.getContextPath().isEmpty() ? "/" : req.getContextPath());
    gone.setMaxAge(0);
    gone.setHttpOnly(true);
    gone.setSecure(req.isSecure());
    res.addCookie(gone);
    res.setHeader("Cache-Control", "no-store");
    String accept = req.getHeader("Accept");
    if (accept != null && accept.contains("application/json")) {
      res.setStatus(HttpServletResponse.SC_NO_CONTENT);
      return;
    }
    res.sendRedirect(req.getContextPath() + "/missions.xhtml");
  }
}
