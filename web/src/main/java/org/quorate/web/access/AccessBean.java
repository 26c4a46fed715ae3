package org.quorate.web.access;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import java.security.Principal;
import java.util.List;
import org.quorate.ejb.access.ClearanceService;

/**
 * The portal's user bar and redaction markers (SPEC §6, §7): who is signed in, the clearance that
 * decides what they see, the logout link, and {@link #shown} for any field a view may have
 * withheld. The portal's layout ({@code WEB-INF/templates/layout.xhtml}) shows the user bar on
 * every page.
 */
@Named("access")
@RequestScoped
public class AccessBean {
  /** What a page shows in place of a withheld field. */
  public static final String MARKER = "[withheld: above your clearance]";

  @EJB private ClearanceService clearances;

  private String clearance;

  /**
   * @return the signed-in user's name
   */
  public String getUser() {
    Principal p = FacesContext.getCurrentInstance().getExternalContext().getUserPrincipal();
    return p == null ? "(nobody)" : p.getName();
  }

  /**
   * @return the user's clearance as display markings, or a sentence saying there is none (then
   *     every labelled field is withheld)
   */
  public String getClearance() {
    if (clearance == null) {
      Principal p = FacesContext.getCurrentInstance().getExternalContext().getUserPrincipal();
      clearance =
          p == null
              ? "none"
              : clearances
                  .get(p.getName())
                  .filter(c -> !c.markings().isEmpty())
                  .map(c -> String.join(" + ", c.markings()))
                  .orElse("none set: every labelled field is withheld");
    }
    return clearance;
  }

  /**
   * @return {@link #MARKER}, for a field a view marks withheld itself (an event page's body field)
   */
  public String getMarker() {
    return MARKER;
  }

  /**
   * @param value the field's value in the view
   * @param redacted the view's {@code redacted} list
   * @param field the field's name, e.g. {@code title}
   * @return {@link #MARKER} when the field is withheld, else the value
   */
  public Object shown(Object value, List<String> redacted, String field) {
    return redacted != null && redacted.contains(field) ? MARKER : value;
  }
}
