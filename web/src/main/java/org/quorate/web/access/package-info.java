/**
 * Access control on the web side: the portal's user bar and redaction markers ({@link
 * org.quorate.web.access.AccessBean}), clearances over REST ({@link
 * org.quorate.web.access.ClearanceResource}), CSRF and session-cookie hardening ({@link
 * org.quorate.web.access.SessionRequestFilter}) and logout ({@link
 * org.quorate.web.access.LogoutServlet}). Redaction itself is decided in the ejb module ({@code
 * org.quorate.ejb.access.RedactionService}), never here.
 */
package org.quorate.web.access;
