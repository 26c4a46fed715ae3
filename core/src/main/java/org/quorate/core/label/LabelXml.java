package org.quorate.core.label;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The STANAG 4774 XML form of a {@link ConfidentialityLabel} (namespace {@value #NAMESPACE}).
 *
 * <p>Read: a root {@code ConfidentialityLabel} or {@code OriginatorConfidentialityLabel} (either
 * initial case, as ADatP-4774 Table 17 writes it) holding {@code ConfidentialityInformation} with
 * {@code PolicyIdentifier} (its text, or when empty its {@code URL} attribute), {@code
 * Classification} and {@code Category} elements ({@code TagName}, {@code Type}, {@code
 * GenericValue}*). Other children (originator, dates, handling) are ignored. At most {@value
 * #MAX_BYTES} bytes; DTDs and external entities are refused.
 *
 * <p>Written: {@code <ConfidentialityLabel xmlns="…"><ConfidentialityInformation>…} in UTF-8.
 */
public final class LabelXml {
  /** The STANAG 4774 confidentiality metadata label namespace. */
  public static final String NAMESPACE = "urn:nato:stanag:4774:confidentialitymetadatalabel:1:0";

  /** Cap on the size of a label document, in bytes. */
  public static final int MAX_BYTES = 256 * 1024;

  private static final Set<String> ROOTS =
      Set.of(
          "ConfidentialityLabel",
          "confidentialityLabel",
          "OriginatorConfidentialityLabel",
          "originatorConfidentialityLabel");

  private LabelXml() {}

  /**
   * Reads a label.
   *
   * @param xml the UTF-8 (or declared-encoding) XML document, at most {@value #MAX_BYTES} bytes
   * @return the label
   * @throws LabelFormatException when not well-formed, not in the 4774 namespace, a required
   *     element is missing or a cap of {@link ConfidentialityLabel} is exceeded
   */
  public static ConfidentialityLabel read(byte[] xml) throws LabelFormatException {
    Document doc = SecureXml.parse(xml, MAX_BYTES, "label");
    Element root = doc.getDocumentElement();
    if (!NAMESPACE.equals(root.getNamespaceURI()) || !ROOTS.contains(root.getLocalName())) {
      throw new LabelFormatException(
          "label root is {"
              + root.getNamespaceURI()
              + "}"
              + root.getLocalName()
              + ", expected ConfidentialityLabel in "
              + NAMESPACE);
    }
    Element info = SecureXml.firstChild(root, NAMESPACE, "ConfidentialityInformation");
    if (info == null) {
      throw new LabelFormatException("label has no ConfidentialityInformation");
    }
    Element pid = SecureXml.firstChild(info, NAMESPACE, "PolicyIdentifier");
    if (pid == null) {
      throw new LabelFormatException("label has no PolicyIdentifier");
    }
    String policy = pid.getTextContent().strip();
    if (policy.isEmpty() && pid.hasAttribute("URL")) {
      policy = pid.getAttribute("URL").strip();
    }
    Element cls = SecureXml.firstChild(info, NAMESPACE, "Classification");
    if (cls == null) {
      throw new LabelFormatException("label has no Classification");
    }
    List<Element> cats = SecureXml.children(info, NAMESPACE, "Category");
    if (cats.size() > ConfidentialityLabel.MAX_CATEGORIES) {
      throw new LabelFormatException(
          "label has more than " + ConfidentialityLabel.MAX_CATEGORIES + " categories");
    }
    List<SecurityCategory> categories = new ArrayList<>();
    try {
      for (Element c : cats) {
        String type = c.getAttribute("Type").strip();
        CategoryType t;
        try {
          t = CategoryType.valueOf(type.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw new LabelFormatException(
              "category type '" + type + "' is not one of " + List.of(CategoryType.values()), e);
        }
        List<Element> gvs = SecureXml.children(c, NAMESPACE, "GenericValue");
        if (gvs.size() > ConfidentialityLabel.MAX_VALUES) {
          throw new LabelFormatException(
              "category has more than " + ConfidentialityLabel.MAX_VALUES + " values");
        }
        List<String> values = new ArrayList<>();
        for (Element gv : gvs) {
          values.add(gv.getTextContent().strip());
        }
        categories.add(new SecurityCategory(c.getAttribute("TagName").strip(), t, values));
      }
      return new ConfidentialityLabel(policy, cls.getTextContent().strip(), categories);
    } catch (IllegalArgumentException e) {
      throw new LabelFormatException("label: " + e.getMessage(), e);
    }
  }

  /**
   * Writes a label as a STANAG 4774 {@code ConfidentialityLabel}.
   *
   * @param label the label
   * @return UTF-8 XML bytes
   */
  public static byte[] write(ConfidentialityLabel label) {
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      w.writeStartDocument("UTF-8", "1.0");
      w.setDefaultNamespace(NAMESPACE);
      w.writeStartElement(NAMESPACE, "ConfidentialityLabel");
      w.writeDefaultNamespace(NAMESPACE);
      w.writeStartElement(NAMESPACE, "ConfidentialityInformation");
      text(w, "PolicyIdentifier", label.policy());
      text(w, "Classification", label.classification());
      for (SecurityCategory c : label.categories()) {
        w.writeStartElement(NAMESPACE, "Category");
        w.writeAttribute("TagName", c.tagName());
        w.writeAttribute("Type", c.type().name());
        for (String v : c.values()) {
          text(w, "GenericValue", v);
        }
        w.writeEndElement();
      }
      w.writeEndElement();
      w.writeEndElement();
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("writing a label to memory failed", e);
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void text(XMLStreamWriter w, String name, String value) throws XMLStreamException {
    w.writeStartElement(NAMESPACE, name);
    w.writeCharacters(value);
    w.writeEndElement();
  }
}
