package org.quorate.it.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser-like client of the JSF portal: keeps the session cookie, follows redirects, and logs in
 * through the login form the portal shows for a protected page.
 *
 * <p>Login: GET the protected page; take the HTML form that has a password field; fill its first
 * text field with the username and its password field with the password (a Servlet FORM login uses
 * {@code j_username}/{@code j_password} posted to {@code j_security_check}); keep every hidden
 * field (e.g. {@code jakarta.faces.ViewState}) and the first submit button; POST it to the form's
 * action. Deliberately simple: one login form per page, HTML attributes in double quotes.
 */
public final class PortalClient {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Pattern FORM =
      Pattern.compile("<form\\b([^>]*)>(.*?)</form>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
  private static final Pattern INPUT =
      Pattern.compile("<(input|button)\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
  private static final Pattern ATTRIBUTE =
      Pattern.compile("([\\w:.-]+)\\s*=\\s*\"([^\"]*)\"", Pattern.DOTALL);

  private final HttpClient client =
      HttpClient.newBuilder()
          .cookieHandler(new CookieManager())
          .followRedirects(HttpClient.Redirect.NORMAL)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  /**
   * GET a portal page with this client's session.
   *
   * @param path path below {@code /quorate/}, e.g. {@code "missions.xhtml"}
   * @return the final response after redirects, body as text
   */
  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(QuorateServer.portal(path)).timeout(TIMEOUT).GET().build());
  }

  /**
   * Logs in through the login form shown for {@code protectedPath}.
   *
   * @param user the user whose test-only password is used
   * @param protectedPath a page that requires login, e.g. {@code "missions.xhtml"}
   * @return the response after the form POST and its redirects (normally the protected page)
   * @throws IllegalStateException if the page shows no form with a password field
   */
  public HttpResponse<String> login(TestUser user, String protectedPath) {
    HttpResponse<String> page = get(protectedPath);
    Matcher form = FORM.matcher(page.body());
    while (form.find()) {
      String body = form.group(2);
      if (!body.toLowerCase(Locale.ROOT).contains("type=\"password\"")) {
        continue;
      }
      Map<String, String> fields = new LinkedHashMap<>();
      boolean userFilled = false;
      boolean submitChosen = false;
      Matcher input = INPUT.matcher(body);
      while (input.find()) {
        Map<String, String> attributes = attributes(input.group(2));
        String name = attributes.get("name");
        if (name == null) {
          continue;
        }
        String type = attributes.getOrDefault("type", "text").toLowerCase(Locale.ROOT);
        switch (type) {
          case "hidden" -> fields.put(name, attributes.getOrDefault("value", ""));
          case "password" -> fields.put(name, user.password());
          case "submit" -> {
            if (!submitChosen) {
              fields.put(name, attributes.getOrDefault("value", ""));
              submitChosen = true;
            }
          }
          case "text", "email" -> {
            if (!userFilled) {
              fields.put(name, user.username());
              userFilled = true;
            }
          }
          default -> {
            // checkboxes, other buttons: not part of a login
          }
        }
      }
      String action = attributes(form.group(1)).getOrDefault("action", "");
      URI target = page.uri().resolve(action.replace("&amp;", "&"));
      String encoded =
          fields.entrySet().stream()
              .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
              .collect(Collectors.joining("&"));
      return send(
          HttpRequest.newBuilder(target)
              .timeout(TIMEOUT)
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(encoded, StandardCharsets.UTF_8))
              .build());
    }
    throw new IllegalStateException(
        "no login form (a form with a password field) at "
            + page.uri()
            + " ("
            + page.statusCode()
            + ")");
  }

  /**
   * Submits a JSF form of a page as a browser does without JavaScript: its hidden fields (form id,
   * {@code jakarta.faces.ViewState}), the pressed button's name and the extra fields, POSTed to the
   * form's action.
   *
   * @param page a page this client fetched
   * @param formId the form's {@code id}
   * @param button the pressed button's client id (e.g. {@code audit:verify})
   * @param extra further fields (e.g. request parameters a button sends with {@code f:param})
   * @return the response after redirects
   * @throws IllegalStateException when the page has no form of that id
   */
  public HttpResponse<String> submit(
      HttpResponse<String> page, String formId, String button, Map<String, String> extra) {
    Matcher form = FORM.matcher(page.body());
    while (form.find()) {
      Map<String, String> formAttributes = attributes(form.group(1));
      if (!formId.equals(formAttributes.get("id"))) {
        continue;
      }
      Map<String, String> fields = new LinkedHashMap<>();
      Matcher input = INPUT.matcher(form.group(2));
      while (input.find()) {
        Map<String, String> attributes = attributes(input.group(2));
        if ("hidden".equalsIgnoreCase(attributes.get("type")) && attributes.get("name") != null) {
          fields.put(attributes.get("name"), attributes.getOrDefault("value", ""));
        }
      }
      fields.put(button, "");
      fields.putAll(extra);
      URI target =
          page.uri().resolve(formAttributes.getOrDefault("action", "").replace("&amp;", "&"));
      String encoded =
          fields.entrySet().stream()
              .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
              .collect(Collectors.joining("&"));
      return send(
          HttpRequest.newBuilder(target)
              .timeout(TIMEOUT)
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(encoded, StandardCharsets.UTF_8))
              .build());
    }
    throw new IllegalStateException("no form " + formId + " at " + page.uri());
  }

  private static Map<String, String> attributes(String tag) {
    Map<String, String> attributes = new LinkedHashMap<>();
    Matcher m = ATTRIBUTE.matcher(tag);
    while (m.find()) {
      attributes.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2));
    }
    return attributes;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /**
   * Sends any request with this client's session cookie (e.g. a REST call a logged-in browser
   * makes).
   *
   * @param request the request
   * @return the response after redirects, body as text
   */
  public HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + request.method() + " " + request.uri(), e);
    }
  }
}
