package org.quorate.web.portal;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.util.List;
import org.quorate.ejb.admission.ContributionView;
import org.quorate.ejb.contribution.ContributionQueries;

/** Backing bean of the quarantine page: rejected inputs that name no mission (SPEC §2). */
@Named("quarantinePage")
@RequestScoped
public class QuarantinePage {
  @EJB private ContributionQueries queries;

  private List<ContributionView> cached;

  /**
   * @return the quarantined inputs, in arrival order
   */
  public List<ContributionView> getInputs() {
    if (cached == null) {
      cached = queries.quarantine();
    }
    return cached;
  }
}
