package org.quorate.core.label;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * One security category of a label: a tag name, its type and its generic values, as in the STANAG
 * 4774 {@code Category} element ({@code TagName}, {@code Type}, {@code GenericValue}*) and the SPEC
 * §6 JSON {@code {"tagName":…,"type":…,"values":[…]}}.
 *
 * @param tagName the SPIF tag name, e.g. {@code Releasable To}; 1..{@value
 *     ConfidentialityLabel#MAX_TEXT} characters
 * @param type permissive, restrictive or informative
 * @param values the tag category names, e.g. {@code ["NATO","JPN"]}; 1..{@value
 *     ConfidentialityLabel#MAX_VALUES} distinct, each 1..{@value ConfidentialityLabel#MAX_TEXT}
 *     characters; order kept as given
 */
public record SecurityCategory(String tagName, CategoryType type, List<String> values) {

  /**
   * @throws IllegalArgumentException when a name is empty or too long, the values are empty, too
   *     many or repeated
   * @throws NullPointerException when an argument is null
   */
  public SecurityCategory {
    ConfidentialityLabel.checkText("tagName", tagName);
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(values, "values");
    if (values.isEmpty()) {
      throw new IllegalArgumentException("category " + tagName + " has no value");
    }
    if (values.size() > ConfidentialityLabel.MAX_VALUES) {
      throw new IllegalArgumentException(
          "category " + tagName + " has more than " + ConfidentialityLabel.MAX_VALUES + " values");
    }
    for (String v : values) {
      ConfidentialityLabel.checkText("value of " + tagName, v);
    }
    if (new LinkedHashSet<>(values).size() != values.size()) {
      throw new IllegalArgumentException("category " + tagName + " repeats a value");
    }
    values = List.copyOf(values);
  }
}
