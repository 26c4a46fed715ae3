package org.quorate.web.portal;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.util.List;
import org.quorate.ejb.portal.EventQueries;
import org.quorate.ejb.portal.SearchHit;

/**
 * Backing bean of {@code search.xhtml?q=…}: by event id, input id, signer hash (or a prefix of at
 * least 6 hex digits), member, certificate subject, mission, proposal title or text, rationale.
 */
@Named("searchPage")
@RequestScoped
public class SearchPage {
  @EJB private EventQueries events;

  private String q;
  private List<SearchHit> hits;

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
    this.q = q == null || q.isBlank() ? null : q.strip();
  }

  /**
   * @return the hits, empty without a query
   */
  public List<SearchHit> getHits() {
    if (hits == null) {
      hits = q == null ? List.of() : events.search(q);
    }
    return hits;
  }
}
