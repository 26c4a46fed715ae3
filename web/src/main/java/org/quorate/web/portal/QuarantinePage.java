package org.quorate.web.portal;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
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

  /** One page at a time from the database. */
  private final class Inputs extends LazyDataModel<ContributionView> {
    private static final long serialVersionUID = 1L;

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
      return (int) Math.min(Integer.MAX_VALUE, inputs.count(filter(filterBy)));
    }

    @Override
    public List<ContributionView> load(
        int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
      SortOrderOf order = SortOrderOf.of(sortBy, "receivedAt", false);
      InputFilter f = filter(filterBy);
      setRowCount((int) Math.min(Integer.MAX_VALUE, inputs.count(f)));
      return inputs.page(f, order.field(), order.ascending(), first, pageSize);
    }

    @Override
    public String getRowKey(ContributionView row) {
      return row.inputId();
    }

    @Override
    public ContributionView getRowData(String rowKey) {
      return null;
    }

    private InputFilter filter(Map<String, FilterMeta> by) {
      FilterMeta f = by == null ? null : by.get("reasonCode");
      Object v = f == null ? null : f.getFilterValue();
      String reason = v == null || v.toString().isBlank() ? null : v.toString().strip();
      return new InputFilter(null, null, null, reason, null, null);
    }
  }
}
