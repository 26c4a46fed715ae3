package org.quorate.core.label;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A security policy loaded from an XML SPIF 2.1 file ({@code http://www.xmlspif.org/spif}): the
 * policy name and OID, the classifications ({@code lacv}, {@code hierarchy}, required categories,
 * marking data), the security category tag sets with their tags ({@code tagType}, {@code enumType},
 * {@code singleSelection}), tag categories ({@code lacv}, {@code obsolete}, excluded
 * classifications, required and excluded categories, marking data per {@code xml:lang}) and the
 * marking qualifiers (prefix, separator, suffix per {@code xml:lang}) of tags and of the policy as
 * a whole. Required and excluded categories name their tag set in {@code tagSetRef} by its name (as
 * the XML SPIF schema has it) or its id; a reference to no tag set is refused at load.
 *
 * <p>Decisions: {@link #validate}, {@link #displayMarking}, {@link #dominates}. Immutable and
 * thread-safe. Nothing of a policy is hard-coded: the NATO policy is the shipped resource {@value
 * #NATO_RESOURCE} ({@link #nato()}), others are loaded with {@link #load(byte[])}.
 */
public final class SecurityPolicy {
  /** The XML SPIF namespace. */
  public static final String SPIF_NS = "http://www.xmlspif.org/spif";

  /** Cap on the size of a SPIF file, in bytes. */
  public static final int MAX_BYTES = 8 * 1024 * 1024;

  /** Class-path resource of the shipped NATO SPIF (policy 1.3.26.1.3.1). */
  public static final String NATO_RESOURCE = "/org/quorate/core/label/nato-4774-policy.xml";

  private static volatile SecurityPolicy nato;

  private final String name;
  private final String oid;
  private final String sha256;
  private final List<Cls> classifications;
  private final Map<String, Cls> classByName;
  private final List<Tag> tags;
  private final List<MarkingData> policyMarkings;
  private final List<Qualifier> policyQualifiers;

  SecurityPolicy(
      String name,
      String oid,
      String sha256,
      List<Cls> classifications,
      List<Tag> tags,
      List<MarkingData> policyMarkings,
      List<Qualifier> policyQualifiers) {
    this.name = name;
    this.policyMarkings = policyMarkings;
    this.policyQualifiers = policyQualifiers;
    this.oid = oid;
    this.sha256 = sha256;
    this.classifications = List.copyOf(classifications);
    Map<String, Cls> m = new LinkedHashMap<>();
    classifications.forEach(c -> m.put(c.name, c));
    this.classByName = Collections.unmodifiableMap(m);
    this.tags = List.copyOf(tags);
  }

  // ---------------------------------------------------------------- loading

  /**
   * The shipped NATO SPIF (surevine/spiffing test data, MIT; see LICENSE.spiffing.MIT beside it).
   *
   * @return the NATO policy, loaded once
   */
  public static SecurityPolicy nato() {
    SecurityPolicy p = nato;
    if (p == null) {
      try (InputStream in = SecurityPolicy.class.getResourceAsStream(NATO_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("resource " + NATO_RESOURCE + " is missing");
        }
        p = load(in.readNBytes(MAX_BYTES + 1));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (LabelFormatException e) {
        throw new IllegalStateException("shipped SPIF does not load: " + e.getMessage(), e);
      }
      nato = p;
    }
    return p;
  }

  /**
   * Loads a SPIF file.
   *
   * @param file path of an XML SPIF 2.1 file, at most {@value #MAX_BYTES} bytes
   * @return the policy
   * @throws IOException when the file cannot be read
   * @throws LabelFormatException as {@link #load(byte[])}
   */
  public static SecurityPolicy load(Path file) throws IOException, LabelFormatException {
    long size = Files.size(file);
    if (size > MAX_BYTES) {
      throw new LabelFormatException("SPIF " + file + " exceeds " + MAX_BYTES + " bytes");
    }
    return load(Files.readAllBytes(file));
  }

  /**
   * Loads a SPIF document.
   *
   * @param spif the XML SPIF 2.1 bytes, at most {@value #MAX_BYTES}
   * @return the policy; {@link #spifHash()} is the SHA-256 of exactly these bytes
   * @throws LabelFormatException when not well-formed, not a SPIF, or inconsistent: a duplicate
   *     classification, tag or tag category, an unknown or duplicate excluded classification, an
   *     unknown marking code or a missing attribute
   */
  public static SecurityPolicy load(byte[] spif) throws LabelFormatException {
    return SpifReader.read(spif);
  }

  // ---------------------------------------------------------------- accessors

  /**
   * @return the policy name of {@code securityPolicyId/@name}, e.g. {@code NATO}
   */
  public String name() {
    return name;
  }

  /**
   * @return the policy OID of {@code securityPolicyId/@id}, e.g. {@code 1.3.26.1.3.1}
   */
  public String oid() {
    return oid;
  }

  /**
   * @return {@code sha256:} and the lower-case hex SHA-256 of the SPIF bytes, as a genesis {@code
   *     labelPolicy.spif} names it (SPEC §1)
   */
  public String spifHash() {
    return sha256;
  }

  /**
   * @return classification names, in SPIF order
   */
  public List<String> classificationNames() {
    return classifications.stream().map(c -> c.name).toList();
  }

  /**
   * @param classification a classification name
   * @return its {@code hierarchy}, or empty when the policy has no such classification
   */
  public OptionalInt hierarchy(String classification) {
    Cls c = classByName.get(classification);
    return c == null ? OptionalInt.empty() : OptionalInt.of(c.hierarchy);
  }

  /**
   * Whether a label's policy identifier names this policy: the name, the OID, or {@code urn:oid:}
   * and the OID.
   *
   * @param policyIdentifier e.g. {@code NATO}, {@code 1.3.26.1.3.1}, {@code urn:oid:1.3.26.1.3.1}
   * @return true when it names this policy
   */
  public boolean isNamedBy(String policyIdentifier) {
    return name.equals(policyIdentifier)
        || oid.equals(policyIdentifier)
        || ("urn:oid:" + oid).equals(policyIdentifier);
  }

  /**
   * The type of the tags of a name, for a label writer.
   *
   * @param tagName e.g. {@code Releasable To}
   * @return the types the policy defines for that tag name (usually one)
   */
  public Set<CategoryType> tagTypes(String tagName) {
    Set<CategoryType> out = new LinkedHashSet<>();
    tags.stream().filter(t -> t.name.equals(tagName)).forEach(t -> out.add(t.type));
    return out;
  }

  // ---------------------------------------------------------------- validity

  /**
   * Validates a label against this policy, as a SPIF-driven label checker does: the policy
   * identifier; the classification; each category's tag (name and type) and values (defined, not
   * obsolete, not excluded at the label's classification, one only under {@code singleSelection});
   * the required categories ({@code onlyOne}, {@code oneOrMore}, {@code all}) of the classification
   * and of each value; the excluded categories of each value.
   *
   * @param label the label
   * @return valid, or every reason it is not
   */
  public LabelValidation validate(ConfidentialityLabel label) {
    List<String> reasons = new ArrayList<>();
    if (!isNamedBy(label.policy())) {
      reasons.add("policy " + label.policy() + " is not " + name + " (" + oid + ")");
      return LabelValidation.of(reasons);
    }
    Cls cls = classByName.get(label.classification());
    if (cls == null) {
      reasons.add("classification " + label.classification() + " is not defined by policy " + name);
    }
    List<TagCat> present = new ArrayList<>();
    for (SecurityCategory c : label.categories()) {
      Tag tag = tag(c.tagName(), c.type());
      if (tag == null) {
        Set<CategoryType> types = tagTypes(c.tagName());
        reasons.add(
            types.isEmpty()
                ? "category " + c.tagName() + " is not defined by policy " + name
                : "category "
                    + c.tagName()
                    + " is "
                    + types
                    + " in policy "
                    + name
                    + ", not "
                    + c.type());
        continue;
      }
      if (tag.singleSelection && c.values().size() > 1) {
        reasons.add(
            "category "
                + c.tagName()
                + " allows a single value, the label has "
                + c.values().size());
      }
      for (String v : c.values()) {
        TagCat tc = tag.byName.get(v);
        if (tc == null) {
          reasons.add("value " + v + " is not defined in category " + c.tagName());
          continue;
        }
        present.add(tc);
        if (tc.obsolete) {
          reasons.add("value " + v + " of category " + c.tagName() + " is obsolete");
        }
        if (cls != null && tc.excludedClasses.contains(cls.name)) {
          reasons.add(
              "value "
                  + v
                  + " of category "
                  + c.tagName()
                  + " is excluded at classification "
                  + cls.name);
        }
      }
    }
    if (cls != null) {
      for (RequiredGroup g : cls.required) {
        checkRequired(g, present, "classification " + cls.name, reasons);
      }
    }
    for (TagCat tc : present) {
      String owner = "value " + tc.name + " of category " + tc.tag.name;
      for (RequiredGroup g : tc.required) {
        checkRequired(g, present, owner, reasons);
      }
      for (CategoryRef ex : tc.excluded) {
        for (TagCat other : present) {
          if (other != tc && ex.matches(other)) {
            reasons.add(owner + " excludes value " + other.name + " of category " + other.tag.name);
          }
        }
      }
    }
    return LabelValidation.of(reasons);
  }

  private static void checkRequired(
      RequiredGroup g, List<TagCat> present, String owner, List<String> reasons) {
    long matched = g.refs.stream().filter(r -> present.stream().anyMatch(r::matches)).count();
    boolean ok =
        switch (g.operation) {
          case "onlyOne" -> matched == 1;
          case "oneOrMore" -> matched >= 1;
          default -> matched == g.refs.size();
        };
    if (!ok) {
      reasons.add(
          owner + " requires " + g.operation + " of " + g.refs + ", the label has " + matched);
    }
  }

  // ---------------------------------------------------------------- marking

  /**
   * The display marking of a label as this SPIF defines it, in a language.
   *
   * <p>Rules: the policy name is shown first unless a {@code replacePolicy} marking replaces it
   * (the last in SPIF order among the label's values, then the classification's, wins); then the
   * classification (its phrase for the language, else its name); then, for each tag in SPIF order
   * holding values of the label, the tag's prefix, the values in SPIF order (each its phrase, else
   * its name; none for {@code noMarkingDisplay}; none without phrase under {@code noNameDisplay})
   * joined by the separator, and the suffix. Parts are joined by one space. Marking data and
   * qualifiers are taken for the language (exact tag, else its primary subtag, e.g. {@code fr-CA}
   * to {@code fr}), each falling back to the data without {@code xml:lang}. Policy-level marking
   * data and qualifiers (children of the SPIF root) apply to the whole marking: a {@code
   * replacePolicy} phrase replaces the policy name (over those of values and classification), the
   * {@code separator} joins the parts (one space by default), the {@code prefix} and {@code suffix}
   * wrap it (e.g. {@code [ … ]}). {@code suppressClassName} on a value of the label or at policy
   * level drops the classification. The page location codes ({@code pageTop}, {@code pageBottom},
   * …) are not distinguished: this is the one-line marking. Values or tags the policy does not
   * define are shown by name, so nothing is hidden.
   *
   * @param label a label of this policy (valid or not)
   * @param language a BCP 47 tag such as {@code en}, {@code fr-CA}; null or empty for the default
   * @return the marking, e.g. {@code NATO RESTRICTED Releasable to Japan, Switzerland, Ukraine}
   */
  public String displayMarking(ConfidentialityLabel label, String language) {
    String lang = language == null ? "" : language.strip().toLowerCase(Locale.ROOT);
    String policyText = name;
    boolean suppressClassName = false;
    List<String> parts = new ArrayList<>();
    for (Tag tag : tags) {
      Optional<SecurityCategory> c = label.category(tag.name, tag.type);
      if (c.isEmpty()) {
        continue;
      }
      List<TagCat> known = new ArrayList<>();
      List<String> unknown = new ArrayList<>();
      for (String v : c.get().values()) {
        TagCat tc = tag.byName.get(v);
        if (tc == null) {
          unknown.add(v);
        } else {
          known.add(tc);
        }
      }
      known.sort((a, b) -> Integer.compare(a.ordinal, b.ordinal));
      List<String> shown = new ArrayList<>();
      for (TagCat tc : known) {
        String phrase = null;
        boolean noName = false;
        boolean hide = false;
        for (MarkingData md : select(tc.markings, lang)) {
          if (md.codes.contains("noMarkingDisplay")) {
            hide = true;
          } else if (md.codes.contains("replacePolicy")) {
            if (md.phrase != null) {
              policyText = md.phrase;
            }
            hide = true;
          } else if (md.phrase != null && !md.phrase.isEmpty()) {
            phrase = md.phrase;
          }
          noName |= md.codes.contains("noNameDisplay");
          suppressClassName |= md.codes.contains("suppressClassName");
        }
        if (hide) {
          continue;
        }
        if (phrase != null) {
          shown.add(phrase);
        } else if (!noName) {
          shown.add(tc.name);
        }
      }
      shown.addAll(unknown);
      if (shown.isEmpty()) {
        continue;
      }
      String prefix = qualifier(tag.qualifiers, "prefix", lang, "");
      String sep = qualifier(tag.qualifiers, "separator", lang, " ");
      String suffix = qualifier(tag.qualifiers, "suffix", lang, "");
      parts.add(prefix + String.join(sep, shown) + suffix);
    }
    for (SecurityCategory c : label.categories()) {
      if (tag(c.tagName(), c.type()) == null) {
        parts.add(c.tagName() + ": " + String.join(", ", c.values()));
      }
    }
    String classText = label.classification();
    Cls cls = classByName.get(label.classification());
    if (cls != null) {
      boolean noName = false;
      String phrase = null;
      for (MarkingData md : select(cls.markings, lang)) {
        if (md.codes.contains("replacePolicy")) {
          if (md.phrase != null) {
            policyText = md.phrase;
          }
        } else if (md.phrase != null && !md.phrase.isEmpty()) {
          phrase = md.phrase;
        }
        noName |= md.codes.contains("noNameDisplay") || md.codes.contains("suppressClassName");
      }
      classText = phrase != null ? phrase : noName ? "" : cls.name;
    }
    for (MarkingData md : select(policyMarkings, lang)) {
      if (md.codes.contains("replacePolicy") && md.phrase != null) {
        policyText = md.phrase;
      }
      suppressClassName |= md.codes.contains("suppressClassName");
    }
    if (suppressClassName) {
      classText = "";
    }
    List<String> all = new ArrayList<>();
    all.add(policyText);
    all.add(classText);
    all.addAll(parts);
    String separator = qualifier(policyQualifiers, "separator", lang, " ");
    return qualifier(policyQualifiers, "prefix", lang, "")
        + String.join(separator, all.stream().filter(s -> !s.isEmpty()).toList())
        + qualifier(policyQualifiers, "suffix", lang, "");
  }

  private static List<MarkingData> select(List<MarkingData> data, String lang) {
    if (!lang.isEmpty()) {
      List<MarkingData> exact = data.stream().filter(m -> lang.equals(m.lang)).toList();
      if (!exact.isEmpty()) {
        return exact;
      }
      String primary = primary(lang);
      List<MarkingData> prim =
          data.stream().filter(m -> m.lang != null && primary.equals(primary(m.lang))).toList();
      if (!prim.isEmpty()) {
        return prim;
      }
    }
    return data.stream().filter(m -> m.lang == null).toList();
  }

  private static String qualifier(List<Qualifier> qs, String code, String lang, String dflt) {
    if (!lang.isEmpty()) {
      for (Qualifier q : qs) {
        if (q.code.equals(code) && lang.equals(q.lang)) {
          return q.text;
        }
      }
      for (Qualifier q : qs) {
        if (q.code.equals(code) && q.lang != null && primary(lang).equals(primary(q.lang))) {
          return q.text;
        }
      }
    }
    for (Qualifier q : qs) {
      if (q.code.equals(code) && q.lang == null) {
        return q.text;
      }
    }
    return dflt;
  }

  private static String primary(String lang) {
    int dash = lang.indexOf('-');
    return dash < 0 ? lang : lang.substring(0, dash);
  }

  // ---------------------------------------------------------------- dominance

  /**
   * Whether label {@code a} dominates label {@code b} under this policy: every clearance that
   * admits {@code a} (SPEC §6 rule) also admits {@code b}. That holds when the hierarchy of {@code
   * a} is at least that of {@code b}; {@code a} carries every restrictive value of {@code b}; and
   * for each permissive category of {@code b}, {@code a} has the same category with a non-empty
   * subset of its values. Informative categories play no part.
   *
   * @param a a label of this policy
   * @param b a label of this policy
   * @return true when {@code a} dominates {@code b}
   * @throws IllegalArgumentException when a label is of another policy or its classification is not
   *     defined here
   */
  public boolean dominates(ConfidentialityLabel a, ConfidentialityLabel b) {
    int ha = level(a);
    int hb = level(b);
    if (ha < hb) {
      return false;
    }
    for (SecurityCategory cb : b.categories()) {
      Optional<SecurityCategory> ca = a.category(cb.tagName(), cb.type());
      switch (cb.type()) {
        case RESTRICTIVE -> {
          if (ca.isEmpty() || !ca.get().values().containsAll(cb.values())) {
            return false;
          }
        }
        case PERMISSIVE -> {
          if (ca.isEmpty() || !cb.values().containsAll(ca.get().values())) {
            return false;
          }
        }
        case INFORMATIVE -> {
          // no access-control effect
        }
      }
    }
    return true;
  }

  int level(ConfidentialityLabel l) {
    if (!isNamedBy(l.policy())) {
      throw new IllegalArgumentException("label policy " + l.policy() + " is not " + name);
    }
    Cls c = classByName.get(l.classification());
    if (c == null) {
      throw new IllegalArgumentException(
          "classification " + l.classification() + " is not defined by policy " + name);
    }
    return c.hierarchy;
  }

  private Tag tag(String tagName, CategoryType type) {
    for (Tag t : tags) {
      if (t.name.equals(tagName) && t.type == type) {
        return t;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return "SecurityPolicy[" + name + " " + oid + " " + sha256 + "]";
  }

  // ---------------------------------------------------------------- model

  record Cls(
      String name,
      String lacv,
      int hierarchy,
      List<MarkingData> markings,
      List<RequiredGroup> required) {}

  record MarkingData(String lang, String phrase, Set<String> codes) {}

  record Qualifier(String lang, String code, String text) {}

  record RequiredGroup(String operation, List<CategoryRef> refs) {}

  /**
   * A reference to a tag category by {@code tagSetRef}, tag type and (optionally) lacv. The XML
   * SPIF schema makes {@code tagSetRef} the tag set's {@code name}; a reference by the tag set's
   * {@code id} (OID) is accepted too.
   */
  record CategoryRef(String tagSetRef, CategoryType type, String lacv) {
    boolean matches(TagCat c) {
      return (c.tag.tagSetName.equals(tagSetRef) || c.tag.tagSetId.equals(tagSetRef))
          && c.tag.type == type
          && (lacv == null || lacv.equals(c.lacv));
    }

    @Override
    public String toString() {
      return tagSetRef + "/" + type + (lacv == null ? "" : "/" + lacv);
    }
  }

  static final class Tag {
    final String tagSetId;
    final String tagSetName;
    final String name;
    final CategoryType type;
    final boolean singleSelection;
    final List<Qualifier> qualifiers;
    final Map<String, TagCat> byName = new LinkedHashMap<>();

    Tag(
        String tagSetId,
        String tagSetName,
        String name,
        CategoryType type,
        boolean singleSelection,
        List<Qualifier> qualifiers) {
      this.tagSetId = tagSetId;
      this.tagSetName = tagSetName;
      this.name = name;
      this.type = type;
      this.singleSelection = singleSelection;
      this.qualifiers = qualifiers;
    }

    void add(TagCat c) {
      c.tag = this;
      byName.put(c.name, c);
    }

    @Override
    public String toString() {
      return tagSetName + "/" + name;
    }
  }

  static final class TagCat {
    final String name;
    final String lacv;
    final int ordinal;
    final boolean obsolete;
    final Set<String> excludedClasses;
    final List<RequiredGroup> required;
    final List<CategoryRef> excluded;
    final List<MarkingData> markings;
    Tag tag;

    TagCat(
        String name,
        String lacv,
        int ordinal,
        boolean obsolete,
        Set<String> excludedClasses,
        List<RequiredGroup> required,
        List<CategoryRef> excluded,
        List<MarkingData> markings) {
      this.name = Objects.requireNonNull(name);
      this.lacv = lacv;
      this.ordinal = ordinal;
      this.obsolete = obsolete;
      this.excludedClasses = Set.copyOf(excludedClasses);
      this.required = required;
      this.excluded = List.copyOf(excluded);
      this.markings = markings;
    }
  }
}
