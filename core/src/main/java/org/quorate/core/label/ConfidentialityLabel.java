package org.quorate.core.label;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A confidentiality label (SPEC §6; STANAG 4774 {@code ConfidentialityInformation}): the security
 * policy it is issued under, a classification and security categories.
 *
 * <p>This type checks shape only (non-empty, bounded, no repeated category); whether the label is
 * valid under its policy is {@link SecurityPolicy#validate(ConfidentialityLabel)}.
 *
 * @param policy the policy identifier: the SPIF policy name (e.g. {@code NATO}) or its OID (see the
 *     package note); 1..{@value #MAX_TEXT} characters
 * @param classification the classification name, e.g. {@code RESTRICTED}
 * @param categories at most {@value #MAX_CATEGORIES}; no two with the same tag name and type
 */
public record ConfidentialityLabel(
    String policy, String classification, List<SecurityCategory> categories) {

  /** Cap on the number of categories of one label. */
  public static final int MAX_CATEGORIES = 64;

  /** Cap on the number of values of one category. */
  public static final int MAX_VALUES = 512;

  /** Cap on the length, in chars, of any name or value. */
  public static final int MAX_TEXT = 256;

  /**
   * @throws IllegalArgumentException on an empty or over-long name, too many or repeated categories
   * @throws NullPointerException when an argument is null
   */
  public ConfidentialityLabel {
    checkText("policy", policy);
    checkText("classification", classification);
    Objects.requireNonNull(categories, "categories");
    if (categories.size() > MAX_CATEGORIES) {
      throw new IllegalArgumentException("more than " + MAX_CATEGORIES + " categories");
    }
    for (int i = 0; i < categories.size(); i++) {
      SecurityCategory c = Objects.requireNonNull(categories.get(i), "category");
      for (int j = 0; j < i; j++) {
        SecurityCategory d = categories.get(j);
        if (d.tagName().equals(c.tagName()) && d.type() == c.type()) {
          throw new IllegalArgumentException("category " + c.tagName() + " appears twice");
        }
      }
    }
    categories = List.copyOf(categories);
  }

  /**
   * @param tagName a tag name such as {@code Releasable To}
   * @param type its type
   * @return the label's category of that tag and type, if any
   */
  public Optional<SecurityCategory> category(String tagName, CategoryType type) {
    return categories.stream()
        .filter(c -> c.tagName().equals(tagName) && c.type() == type)
        .findFirst();
  }

  static void checkText(String what, String s) {
    Objects.requireNonNull(s, what);
    if (s.isBlank()) {
      throw new IllegalArgumentException(what + " is empty");
    }
    if (s.length() > MAX_TEXT) {
      throw new IllegalArgumentException(what + " is longer than " + MAX_TEXT + " characters");
    }
  }
}
