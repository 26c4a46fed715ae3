package org.quorate.web.access;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.Cookie;
import io.undertow.servlet.handlers.ServletRequestContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Cross-site request forgery defence for the REST API and the session cookie's {@code Secure} flag
 * (OWASP ASVS 4.0 V3.4, V4.2.2).
 *
 * <p>A state-changing REST call ({@code POST}, {@code PUT}, {@code DELETE}, {@code PATCH} under
 * {@code /api/}) that carries a session cookie and no {@code Authorization} header (a browser
 * logged in to the portal) is refused 403 with {@code {"reasonCode","reason"}} when
 *
 * <ul>
 *   <li>{@code csrf-foreign-origin}: its {@code Origin} (else {@code Referer}) is not this host;
 *   <li>{@code csrf-no-origin}: it has neither;
 *   <li>{@code csrf-content-type}: it has a body whose type is not one of {@link #ALLOWED_TYPES}
 *       (e.g. {@code text/plain} or a form, the types a cross-site page can send without a CORS
 *       preflight).
 * </ul>
 *
 * <p>Calls with HTTP Basic (the CLI, scripts) and calls without a session cookie pass unchanged.
 * Behind TLS (the request is secure) the session cookie is marked {@code Secure}; {@code HttpOnly}
 * is set in web.xml and {@code SameSite=Strict} in WEB-INF/undertow-handlers.conf, which also adds
 * the security headers to every answer.
 */
@WebFilter(filterName = "session-request", urlPatterns = "/*")
public class SessionRequestFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;

  /** Body types a cookie-authenticated state-changing call may send. */
  public static final Set<String> ALLOWED_TYPES =
      Set.of("application/json", "application/pkcs7-mime", "application/pkix-crl");

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  /** The session cookie's name (Undertow's default). */
  static final String SESSION_COOKIE = "JSESSIONID";

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    if (req.isSecure()) {
      markSessionCookieSecure();
    }
    String refusal = refusal(req);
    if (refusal != null) {
      res.setStatus(HttpServletResponse.SC_FORBIDDEN);
      res.setContentType("application/json");
      res.setCharacterEncoding(StandardCharsets.UTF_8.name());
      String[] parts = refusal.split("\\|", 2);
      res.getWriter()
          .write("{\"reasonCode\":\"" + parts[0] + "\",\"reason\":\"" + parts[1] + "\"}");
      return;
    }
    chain.doFilter(req, res);
  }

  /**
   * @param req a request
   * @return {@code reasonCode|reason} when it must be refused, else null
   */
  static String refusal(HttpServletRequest req) {
    String path = req.getRequestURI().substring(req.getContextPath().length());
    if (!path.startsWith("/api/")
        || SAFE_METHODS.contains(req.getMethod().toUpperCase(Locale.ROOT))
        || req.getHeader("Authorization") != null
        || !hasSessionCookie(req)) {
      return null;
    }
    String origin = req.getHeader("Origin");
    if (origin == null || origin.isEmpty() || "null".equals(origin)) {
      String referer = req.getHeader("Referer");
      origin = referer == null ? null : originOf(referer);
    }
    if (origin == null) {
      return "csrf-no-origin|A call authenticated by a session cookie must name its Origin or"
          + " Referer; scripts and the CLI use HTTP Basic.";
    }
    if (!origin.equalsIgnoreCase(ownOrigin(req))) {
      return "csrf-foreign-origin|A call authenticated by a session cookie must come from this"
          + " host's pages (Origin "
          + sanitize(origin)
          + ").";
    }
    boolean hasBody = req.getContentLengthLong() > 0 || req.getHeader("Transfer-Encoding") != null;
    String type = req.getContentType();
    String base = type == null ? null : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (hasBody && (base == null || !ALLOWED_TYPES.contains(base))) {
      return "csrf-content-type|A call authenticated by a session cookie must send "
          + String.join(", ", new java.util.TreeSet<>(ALLOWED_TYPES))
          + " (was "
          + sanitize(String.valueOf(base))
          + ").";
    }
    return null;
  }

  private static boolean hasSessionCookie(HttpServletRequest req) {
    jakarta.servlet.http.Cookie[] cookies = req.getCookies();
    if (cookies == null) {
      return false;
    }
    for (jakarta.servlet.http.Cookie c : cookies) {
      if (SESSION_COOKIE.equals(c.getName())) {
        return true;
      }
    }
    return false;
  }

  /** {@code scheme://host[:port]} of this request, as a browser writes {@code Origin}. */
  static String ownOrigin(HttpServletRequest req) {
    String scheme = req.getScheme().toLowerCase(Locale.ROOT);
    int port = req.getServerPort();
    boolean defaultPort =
        ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
    return scheme + "://" + req.getServerName() + (defaultPort ? "" : ":" + port);
  }

  private static String originOf(String url) {
    try {
      URI u = new URI(url);
      if (u.getScheme() == null || u.getHost() == null) {
        return null;
      }
      return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
    } catch (java.net.URISyntaxException e) {
      return "unreadable";
    }
  }

  private static String sanitize(String s) {
    String cut = s.length() > 100 ? s.substring(0, 100) : s;
    return cut.replaceAll("[^A-Za-z0-9:/._+-]", "_");
  }

  /** Undertow writes the session cookie at commit: mark it {@code Secure} just before. */
  private static void markSessionCookieSecure() {
    ServletRequestContext ctx = ServletRequestContext.current();
    if (ctx == null) {
      return;
    }
    HttpServerExchange exchange = ctx.getExchange();
    exchange.addResponseCommitListener(
        ex -> {
          for (Cookie c : ex.responseCookies()) {
            if (SESSION_COOKIE.equals(c.getName())) {
              c.setSecure(true);
            }
          }
        });
  }
}
