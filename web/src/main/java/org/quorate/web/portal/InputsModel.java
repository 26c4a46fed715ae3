package org.quorate.web.portal;

import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.quorate.ejb.admission.ContributionView;
import org.quorate.ejb.portal.InputFilter;
import org.quorate.ejb.portal.InputQueries;

/**
 * A lazy table of inputs that the database pages, sorts and filters ({@link InputQueries}): the
 * table asks for one page at a time, so a listing of any size answers at once. A page says which
 * inputs it lists by the {@link InputFilter} it makes of the table's filters, and in which order
 * they stand when the user chose none.
 */
abstract class InputsModel extends LazyDataModel<ContributionView> {
  private static final long serialVersionUID = 1L;

  private final String defaultField;
  private final boolean defaultAscending;

  /**
   * @param defaultField the column to sort by when none is chosen
   * @param defaultAscending its direction
   */
  InputsModel(String defaultField, boolean defaultAscending) {
    this.defaultField = defaultField;
    this.defaultAscending = defaultAscending;
  }

  /**
   * @return the query service (the page's EJB reference)
   */
  protected abstract InputQueries queries();

  /**
   * @param filterBy what PrimeFaces passes as the table's filters (may be null or empty)
   * @return the inputs to list, or null when the page lists none (nothing chosen yet)
   */
  protected abstract InputFilter filter(Map<String, FilterMeta> filterBy);

  @Override
  public int count(Map<String, FilterMeta> filterBy) {
    InputFilter f = filter(filterBy);
    return f == null ? 0 : clamp(queries().count(f));
  }

  @Override
  public List<ContributionView> load(
      int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
    InputFilter f = filter(filterBy);
    if (f == null) {
      return List.of();
    }
    SortOrderOf order = SortOrderOf.of(sortBy, defaultField, defaultAscending);
    // The count follows the filter: PrimeFaces keeps a count once set (15.0.0).
    setRowCount(clamp(queries().count(f)));
    return queries().page(f, order.field(), order.ascending(), first, pageSize);
  }

  @Override
  public String getRowKey(ContributionView row) {
    return row.inputId();
  }

  @Override
  public ContributionView getRowData(String rowKey) {
    return null;
  }

  /**
   * @param by the table's filters, or null
   * @param field a column's field
   * @return the column's filter value stripped, or null when it has none or a blank one
   */
  protected static String value(Map<String, FilterMeta> by, String field) {
    FilterMeta f = by == null ? null : by.get(field);
    Object v = f == null ? null : f.getFilterValue();
    return v == null || v.toString().isBlank() ? null : v.toString().strip();
  }

  private static int clamp(long n) {
    return (int) Math.min(Integer.MAX_VALUE, n);
  }
}
