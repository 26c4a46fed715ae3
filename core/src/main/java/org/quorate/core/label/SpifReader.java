package org.quorate.core.label;

import static org.quorate.core.label.SecurityPolicy.SPIF_NS;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.quorate.core.cms.Ids;
import org.quorate.core.label.SecurityPolicy.CategoryRef;
import org.quorate.core.label.SecurityPolicy.Cls;
import org.quorate.core.label.SecurityPolicy.MarkingData;
import org.quorate.core.label.SecurityPolicy.Qualifier;
import org.quorate.core.label.SecurityPolicy.RequiredGroup;
import org.quorate.core.label.SecurityPolicy.Tag;
import org.quorate.core.label.SecurityPolicy.TagCat;
import org.w3c.dom.Element;

/**
 * Reads an XML SPIF 2.1 document ({@code http://www.xmlspif.org/spif}) into a {@link
 * SecurityPolicy}, for {@link SecurityPolicy#load(byte[])}: the policy id, the classifications, the
 * security category tag sets with their tags and tag categories, the marking data and qualifiers,
 * and the check that every {@code tagSetRef} names a tag set of the policy. Holds no state.
 */
final class SpifReader {
  private static final Set<String> MARKING_CODES =
      Set.of(
          "pageTop",
          "pageBottom",
          "pageTopBottom",
          "documentStart",
          "documentEnd",
          "noNameDisplay",
          "noMarkingDisplay",
          "suppressClassName",
          "replacePolicy");

  private SpifReader() {}

  /**
   * @param spif the XML SPIF 2.1 bytes, at most {@value SecurityPolicy#MAX_BYTES}
   * @return the policy
   * @throws LabelFormatException as {@link SecurityPolicy#load(byte[])}
   */
  static SecurityPolicy read(byte[] spif) throws LabelFormatException {
    Element root = SecureXml.parse(spif, SecurityPolicy.MAX_BYTES, "SPIF").getDocumentElement();
    if (!SPIF_NS.equals(root.getNamespaceURI()) || !"SPIF".equals(root.getLocalName())) {
      throw new LabelFormatException("not an XML SPIF: root is " + root.getLocalName());
    }
    Element pid = one(root, "securityPolicyId");
    String name = required(pid, "name");
    String oid = required(pid, "id");

    List<Cls> classes = new ArrayList<>();
    Set<String> classNames = new LinkedHashSet<>();
    Element scs = one(root, "securityClassifications");
    for (Element c : SecureXml.children(scs, SPIF_NS, "securityClassification")) {
      String cn = required(c, "name");
      if (!classNames.add(cn)) {
        throw new LabelFormatException("duplicate classification " + cn);
      }
      int hierarchy;
      try {
        hierarchy = Integer.parseInt(required(c, "hierarchy").strip());
      } catch (NumberFormatException e) {
        throw new LabelFormatException("classification " + cn + " has a bad hierarchy", e);
      }
      classes.add(
          new Cls(cn, lacv(required(c, "lacv")), hierarchy, markingData(c), requiredGroups(c)));
    }
    if (classes.isEmpty()) {
      throw new LabelFormatException("SPIF defines no classification");
    }

    List<Tag> tags = new ArrayList<>();
    int ordinal = 0;
    Element sets = SecureXml.firstChild(root, SPIF_NS, "securityCategoryTagSets");
    if (sets != null) {
      for (Element ts : SecureXml.children(sets, SPIF_NS, "securityCategoryTagSet")) {
        String tsId = required(ts, "id");
        String tsName = required(ts, "name");
        for (Element t : SecureXml.children(ts, SPIF_NS, "securityCategoryTag")) {
          String tn = required(t, "name");
          CategoryType type = tagType(t);
          for (Tag other : tags) {
            if (other.name.equals(tn) && other.type == type) {
              throw new LabelFormatException("duplicate " + type + " tag " + tn);
            }
          }
          Tag tag =
              new Tag(
                  tsId,
                  tsName,
                  tn,
                  type,
                  "true".equals(SecureXml.attr(t, "singleSelection")),
                  qualifiers(t));
          for (Element tc : SecureXml.children(t, SPIF_NS, "tagCategory")) {
            String vn = required(tc, "name");
            if (tag.byName.containsKey(vn)) {
              throw new LabelFormatException("duplicate category " + vn + " in tag " + tn);
            }
            Set<String> excludedClasses = new LinkedHashSet<>();
            for (Element ex : SecureXml.children(tc, SPIF_NS, "excludedClass")) {
              String en = ex.getTextContent().strip();
              if (!classNames.contains(en)) {
                throw new LabelFormatException(
                    "unknown excluded classification " + en + " in category " + vn);
              }
              if (!excludedClasses.add(en)) {
                throw new LabelFormatException(
                    "duplicate excluded classification " + en + " in category " + vn);
              }
            }
            List<CategoryRef> excluded = new ArrayList<>();
            for (Element ex : SecureXml.children(tc, SPIF_NS, "excludedCategory")) {
              excluded.add(categoryRef(ex));
            }
            TagCat cat =
                new TagCat(
                    vn,
                    lacv(required(tc, "lacv")),
                    ordinal++,
                    "true".equals(SecureXml.attr(tc, "obsolete")),
                    excludedClasses,
                    requiredGroups(tc),
                    excluded,
                    markingData(tc));
            tag.add(cat);
          }
          tags.add(tag);
        }
      }
    }
    checkCategoryRefs(classes, tags);
    return new SecurityPolicy(
        name, oid, sha256(spif), classes, tags, markingData(root), qualifiers(root));
  }

  /**
   * Every {@code tagSetRef} of a required or excluded category must name a tag set of the policy:
   * by its {@code name}, as the XML SPIF schema has it, or by its {@code id}.
   */
  private static void checkCategoryRefs(List<Cls> classes, List<Tag> tags)
      throws LabelFormatException {
    List<CategoryRef> refs = new ArrayList<>();
    for (Cls c : classes) {
      c.required().forEach(g -> refs.addAll(g.refs()));
    }
    for (Tag t : tags) {
      for (TagCat tc : t.byName.values()) {
        tc.required.forEach(g -> refs.addAll(g.refs()));
        refs.addAll(tc.excluded);
      }
    }
    for (CategoryRef ref : refs) {
      boolean known =
          tags.stream()
              .anyMatch(
                  t -> t.tagSetName.equals(ref.tagSetRef()) || t.tagSetId.equals(ref.tagSetRef()));
      if (!known) {
        throw new LabelFormatException(
            "tagSetRef " + ref.tagSetRef() + " names no securityCategoryTagSet of the policy");
      }
    }
  }

  private static Element one(Element parent, String local) throws LabelFormatException {
    Element e = SecureXml.firstChild(parent, SPIF_NS, local);
    if (e == null) {
      throw new LabelFormatException("SPIF has no " + local);
    }
    return e;
  }

  private static String required(Element e, String attr) throws LabelFormatException {
    String v = SecureXml.attr(e, attr);
    if (v == null || v.isBlank()) {
      throw new LabelFormatException(e.getLocalName() + " has no " + attr);
    }
    return v;
  }

  private static String lacv(String s) throws LabelFormatException {
    String t = s.strip();
    if (t.isEmpty() || t.length() > 40 || !t.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
      throw new LabelFormatException("bad lacv " + s);
    }
    t = t.replaceFirst("^0+(?=.)", "");
    return t;
  }

  private static CategoryType tagType(Element e) throws LabelFormatException {
    String t = required(e, "tagType");
    return switch (t) {
      case "permissive" -> CategoryType.PERMISSIVE;
      case "restrictive" -> CategoryType.RESTRICTIVE;
      case "enumerated" -> {
        String et = required(e, "enumType");
        yield "permissive".equals(et) ? CategoryType.PERMISSIVE : CategoryType.RESTRICTIVE;
      }
      default -> CategoryType.INFORMATIVE;
    };
  }

  private static CategoryRef categoryRef(Element e) throws LabelFormatException {
    String lacv = SecureXml.attr(e, "lacv");
    return new CategoryRef(required(e, "tagSetRef"), tagType(e), lacv == null ? null : lacv(lacv));
  }

  private static List<RequiredGroup> requiredGroups(Element e) throws LabelFormatException {
    List<RequiredGroup> out = new ArrayList<>();
    for (Element r : SecureXml.children(e, SPIF_NS, "requiredCategory")) {
      String op = required(r, "operation");
      if (!Set.of("onlyOne", "oneOrMore", "all").contains(op)) {
        throw new LabelFormatException("unknown requiredCategory operation " + op);
      }
      List<CategoryRef> refs = new ArrayList<>();
      for (Element g : SecureXml.children(r, SPIF_NS, "categoryGroup")) {
        refs.add(categoryRef(g));
      }
      if (refs.isEmpty()) {
        throw new LabelFormatException("requiredCategory without categoryGroup");
      }
      out.add(new RequiredGroup(op, List.copyOf(refs)));
    }
    return List.copyOf(out);
  }

  private static List<MarkingData> markingData(Element e) throws LabelFormatException {
    List<MarkingData> out = new ArrayList<>();
    for (Element md : SecureXml.children(e, SPIF_NS, "markingData")) {
      Set<String> codes = new LinkedHashSet<>();
      for (Element code : SecureXml.children(md, SPIF_NS, "code")) {
        String c = code.getTextContent().strip();
        if (!MARKING_CODES.contains(c)) {
          throw new LabelFormatException("unknown marking code " + c);
        }
        codes.add(c);
      }
      String lang = SecureXml.lang(md);
      out.add(
          new MarkingData(
              lang == null ? null : lang.toLowerCase(Locale.ROOT),
              SecureXml.attr(md, "phrase"),
              Set.copyOf(codes)));
    }
    return List.copyOf(out);
  }

  private static List<Qualifier> qualifiers(Element tag) throws LabelFormatException {
    List<Qualifier> out = new ArrayList<>();
    for (Element mq : SecureXml.children(tag, SPIF_NS, "markingQualifier")) {
      for (Element q : SecureXml.children(mq, SPIF_NS, "qualifier")) {
        String code = required(q, "qualifierCode");
        String text = SecureXml.attr(q, "markingQualifier");
        if (text == null) {
          continue;
        }
        String lang = SecureXml.lang(q);
        out.add(new Qualifier(lang == null ? null : lang.toLowerCase(Locale.ROOT), code, text));
      }
    }
    return List.copyOf(out);
  }

  private static String sha256(byte[] data) {
    return Ids.sha256Id(data);
  }
}
