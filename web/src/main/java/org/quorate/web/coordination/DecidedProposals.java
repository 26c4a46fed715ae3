package org.quorate.web.coordination;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;
import org.quorate.ejb.coordination.CoordinationQueries;
import org.quorate.ejb.view.ProposalSummary;

/**
 * The dashboard's decided proposals ({@code dashboard.xhtml?m=…}) as a lazy table: the database
 * pages, sorts (issued, outcome, member) and filters (outcome, member) one page at a time, so a
 * mission with any number of decisions answers at once. Titles are never filtered on (a withheld
 * title must not be found by its words, SPEC §6).
 */
@Named("decidedProposals")
@ViewScoped
public class DecidedProposals implements Serializable {
  private static final long serialVersionUID = 1L;

  @EJB private CoordinationQueries queries;

  private String mission;
  private final Model model = new Model();

  /** Takes the mission from the request that opened the view ({@code m}). */
  @PostConstruct
  void init() {
    FacesContext faces = FacesContext.getCurrentInstance();
    if (faces != null) {
      String m = faces.getExternalContext().getRequestParameterMap().get("m");
      mission = m == null || m.isBlank() ? null : m.strip();
    }
  }

  /**
   * @return the lazy model of the table
   */
  public LazyDataModel<ProposalSummary> getModel() {
    return model;
  }

  /** One page at a time from the database. */
  private final class Model extends LazyDataModel<ProposalSummary> {
    private static final long serialVersionUID = 1L;

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
      return mission == null
          ? 0
          : (int)
              Math.min(
                  Integer.MAX_VALUE,
                  queries.decidedCount(
                      mission, value(filterBy, "status", false), value(filterBy, "member", true)));
    }

    @Override
    public List<ProposalSummary> load(
        int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
      if (mission == null) {
        return List.of();
      }
      String status = value(filterBy, "status", false);
      String member = value(filterBy, "member", true);
      String sort = "issued";
      boolean ascending = false;
      for (SortMeta s : sortBy.values()) {
        if (s.getOrder() != SortOrder.UNSORTED) {
          sort = s.getField();
          ascending = s.getOrder() == SortOrder.ASCENDING;
          break;
        }
      }
      setRowCount((int) Math.min(Integer.MAX_VALUE, queries.decidedCount(mission, status, member)));
      return queries.decided(mission, status, member, sort, ascending, first, pageSize);
    }

    @Override
    public String getRowKey(ProposalSummary row) {
      return row.proposal();
    }

    @Override
    public ProposalSummary getRowData(String rowKey) {
      return null;
    }

    private String value(Map<String, FilterMeta> by, String field, boolean upper) {
      FilterMeta f = by == null ? null : by.get(field);
      Object v = f == null ? null : f.getFilterValue();
      if (v == null || v.toString().isBlank()) {
        return null;
      }
      String s = v.toString().strip();
      return upper ? s.toUpperCase(Locale.ROOT) : s.toLowerCase(Locale.ROOT).replace(' ', '-');
    }
  }
}
