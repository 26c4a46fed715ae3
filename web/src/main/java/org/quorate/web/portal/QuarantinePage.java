package org.quorate.web.portal;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.quorate.ejb.admission.ContributionView;
import org.quorate.ejb.portal.InputFilter;
import org.quorate.ejb.portal.InputQueries;

/**
 * Backing bean of the quarantine page: rejected inputs that name no mission (SPEC §2), in a lazy
 * table the database pages, sorts (arrival, reason) and filters (reason code), so a quarantine of
 * any size answers at once.
 */
@Named("quarantinePage")
@ViewScoped
public class QuarantinePage implements Serializable {
  private static final long serialVersionUID = 1L;

  @EJB private InputQueries inputs;

  private final Inputs model = new Inputs();

  /**
   * @return the lazy model of the table
   */
  public LazyDataModel<ContributionView> getModel() {
    return model;
  }

  /** Rejected inputs naming no mission, newest first unless sorted otherwise. */
  private final class Inputs extends InputsModel {
    private static final long serialVersionUID = 1L;

    Inputs() {
      super("receivedAt", false);
    }

    @Override
    protected InputQueries queries() {
      return inputs;
    }

    @Override
    protected InputFilter filter(Map<String, FilterMeta> by) {
      return new InputFilter(null, null, null, value(by, "reasonCode"), null, null);
    }
  }
}
