package org.quorate.core.label;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/** DOM parsing with DTDs, external entities and XInclude off (OWASP XXE prevention). */
final class SecureXml {
  private SecureXml() {}

  static Document parse(byte[] xml, int maxBytes, String what) throws LabelFormatException {
    if (xml.length == 0) {
      throw new LabelFormatException(what + " is empty");
    }
    if (xml.length > maxBytes) {
      throw new LabelFormatException(what + " exceeds " + maxBytes + " bytes");
    }
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(new DefaultHandler());
      return b.parse(new ByteArrayInputStream(xml));
    } catch (SAXException e) {
      throw new LabelFormatException(what + " is not well-formed XML: " + e.getMessage(), e);
    } catch (ParserConfigurationException | IOException e) {
      throw new LabelFormatException(what + " could not be parsed: " + e.getMessage(), e);
    }
  }

  /** Child elements of {@code parent} in namespace {@code ns} with local name {@code local}. */
  static List<Element> children(Element parent, String ns, String local) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e
          && local.equals(e.getLocalName())
          && ns.equals(e.getNamespaceURI())) {
        out.add(e);
      }
    }
    return out;
  }

  static Element firstChild(Element parent, String ns, String local) {
    List<Element> c = children(parent, ns, local);
    return c.isEmpty() ? null : c.get(0);
  }

  /** An attribute's value, or null when absent. */
  static String attr(Element e, String name) {
    return e.hasAttribute(name) ? e.getAttribute(name) : null;
  }

  /** The {@code xml:lang} of an element, or null when absent. */
  static String lang(Element e) {
    return e.hasAttributeNS(XMLConstants.XML_NS_URI, "lang")
        ? e.getAttributeNS(XMLConstants.XML_NS_URI, "lang")
        : null;
  }
}
