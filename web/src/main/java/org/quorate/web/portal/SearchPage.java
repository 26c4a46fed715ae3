package org.quorate.web.portal;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;
import org.quorate.ejb.portal.EventQueries;
import org.quorate.ejb.portal.SearchHit;

/**
 * Backing bean of {@code search.xhtml?q=…}: by event id, input id, signer hash (or a prefix of at
 * least 6 hex digits), member, certificate subject, mission, proposal title or text, rationale,
 * verdict (an outcome or reason code). The hits (at most {@link EventQueries#MAX_HITS} of each
 * kind, found once per view) are shown in a lazy table: one page rendered at a time, sorted by kind
 * or by what was found and filtered by kind on the server.
 */
@Named("searchPage")
@ViewScoped
public class SearchPage implements Serializable {
  private static final long serialVersionUID = 1L;

  @EJB private EventQueries events;

  private String q;
  private List<SearchHit> hits;
  private final Hits model = new Hits();

  /** The query of the request that opened the view (a postback keeps it). */
  @PostConstruct
  void init() {
    FacesContext faces = FacesContext.getCurrentInstance();
    if (faces != null) {
      setQ(faces.getExternalContext().getRequestParameterMap().get("q"));
    }
  }

  /**
   * @return the query (view parameter {@code q})
   */
  public String getQ() {
    return q;
  }

  /**
   * @param q the query
   */
  public void setQ(String q) {
    String v = q == null || q.isBlank() ? null : q.strip();
    if (v == null ? this.q != null : !v.equals(this.q)) {
      hits = null;
    }
    this.q = v;
  }

  /**
   * @return every hit, empty without a query
   */
  public List<SearchHit> getHits() {
    if (hits == null) {
      hits = q == null ? List.of() : List.copyOf(events.search(q));
    }
    return hits;
  }

  /**
   * @return the lazy model of the results table
   */
  public LazyDataModel<SearchHit> getModel() {
    return model;
  }

  /** Pages, sorts and filters the hits on the server. */
  private final class Hits extends LazyDataModel<SearchHit> {
    private static final long serialVersionUID = 1L;

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
      return filtered(filterBy).size();
    }

    @Override
    public List<SearchHit> load(
        int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
      List<SearchHit> rows = new java.util.ArrayList<>(filtered(filterBy));
      for (SortMeta s : sortBy.values()) {
        if (s.getOrder() != SortOrder.UNSORTED) {
          Comparator<SearchHit> c =
              "label".equals(s.getField())
                  ? Comparator.comparing(h -> h.label() == null ? "" : h.label())
                  : Comparator.comparing(SearchHit::kind);
          rows.sort(s.getOrder() == SortOrder.ASCENDING ? c : c.reversed());
          break;
        }
      }
      setRowCount(rows.size());
      int from = Math.min(Math.max(0, first), rows.size());
      return List.copyOf(rows.subList(from, Math.min(rows.size(), from + Math.max(1, pageSize))));
    }

    @Override
    public String getRowKey(SearchHit row) {
      return row.kind() + " " + row.href();
    }

    @Override
    public SearchHit getRowData(String rowKey) {
      return null;
    }

    private List<SearchHit> filtered(Map<String, FilterMeta> by) {
      FilterMeta f = by == null ? null : by.get("kind");
      Object v = f == null ? null : f.getFilterValue();
      if (v == null || v.toString().isBlank()) {
        return getHits();
      }
      String kind = v.toString().strip().toLowerCase(Locale.ROOT);
      return getHits().stream()
          .filter(h -> h.kind().toLowerCase(Locale.ROOT).contains(kind))
          .toList();
    }
  }
}
