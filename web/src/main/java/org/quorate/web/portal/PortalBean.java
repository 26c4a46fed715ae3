package org.quorate.web.portal;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import java.util.List;
import org.quorate.ejb.mission.MissionService;
import org.quorate.ejb.mission.MissionView;

/**
 * Backing bean of the missions page and the layout's role (the user and clearance: {@link
 * org.quorate.web.access.AccessBean}): sees the mission service's views, never entities.
 */
@Named("portal")
@RequestScoped
public class PortalBean {
  @EJB private MissionService missions;

  private List<MissionView> cached;

  /**
   * @return every mission
   */
  public List<MissionView> getMissions() {
    if (cached == null) {
      cached = missions.list();
    }
    return cached;
  }

  /**
   * @return whether the signed-in user is an operator (operator-only actions are shown then)
   */
  public boolean isOperator() {
    return FacesContext.getCurrentInstance().getExternalContext().isUserInRole("operator");
  }

  /**
   * @return the signed-in user's role in words: {@code operator} or {@code auditor}
   */
  public String getRole() {
    return isOperator() ? "operator" : "auditor";
  }
}
