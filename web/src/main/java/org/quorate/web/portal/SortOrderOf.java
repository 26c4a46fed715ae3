package org.quorate.web.portal;

import java.util.Map;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

/**
 * The column and direction a lazy table asks to sort by.
 *
 * @param field the column's field, as the query services name it
 * @param ascending the direction
 */
record SortOrderOf(String field, boolean ascending) {

  /**
   * @param sortBy what PrimeFaces passes to {@code load}
   * @param field the column when none is chosen
   * @param ascending the direction when none is chosen
   * @return the first sorted column, or the default
   */
  static SortOrderOf of(Map<String, SortMeta> sortBy, String field, boolean ascending) {
    for (SortMeta s : sortBy.values()) {
      if (s.getOrder() != SortOrder.UNSORTED) {
        return new SortOrderOf(s.getField(), s.getOrder() == SortOrder.ASCENDING);
      }
    }
    return new SortOrderOf(field, ascending);
  }
}
