package org.quorate.ejb.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Bounded {@code in} lists for queries that read many rows by key at once (an audit's events, their
 * bytes, log entries and nodes; issue 12): one query per chunk instead of one per row. The bound is
 * the one the ingest's read-ahead ({@code admission.LedgerReadAhead}) uses too, which H2 and
 * PostgreSQL both plan as an index lookup per value.
 */
public final class InLists {
  /** Values at most in one {@code in} list of a query. */
  public static final int MAX = 500;

  private InLists() {}

  /**
   * @param values the values (repeats and nulls are dropped)
   * @param <T> the values' type
   * @return the distinct values in their first order, cut into lists of at most {@link #MAX} (none
   *     for no values)
   */
  public static <T> List<List<T>> chunks(Collection<T> values) {
    LinkedHashSet<T> set = new LinkedHashSet<>(values);
    set.remove(null);
    List<T> distinct = new ArrayList<>(set);
    List<List<T>> out = new ArrayList<>();
    for (int from = 0; from < distinct.size(); from += MAX) {
      out.add(distinct.subList(from, Math.min(distinct.size(), from + MAX)));
    }
    return out;
  }
}
