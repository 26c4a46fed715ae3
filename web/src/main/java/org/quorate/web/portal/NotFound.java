package org.quorate.web.portal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;

/**
 * Answers 404 on a portal page whose subject this node does not hold (an unknown mission, event,
 * member or proposal), while the page itself explains what is missing and where to go: {@code
 * <f:viewAction action="#{notFound.unless(…)}" onPostback="false"/>}.
 */
@Named("notFound")
@ApplicationScoped
public class NotFound {
  /**
   * @param found whether the page's subject exists
   * @return null (stay on the page)
   */
  public String unless(boolean found) {
    if (!found) {
      FacesContext faces = FacesContext.getCurrentInstance();
      if (faces != null) {
        faces.getExternalContext().setResponseStatus(404);
      }
    }
    return null;
  }
}
