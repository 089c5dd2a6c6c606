package dev.lockstep.testing;

import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/** Parses rendered SVG or polyglot HTML with the JDK's XML parser: fails on anything ill-formed. */
public final class Xml {
  private Xml() {}

  /**
   * The document; throws on a well-formedness error. Loads no external DTD or entity (an HTML
   * {@code <!DOCTYPE html>} has none).
   */
  public static Document parse(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setFeature("http://xml.org/sax/features/external-general-entities", false);
    f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    DocumentBuilder builder = f.newDocumentBuilder();
    builder.setErrorHandler(
        new org.xml.sax.helpers.DefaultHandler() {
          @Override
          public void error(org.xml.sax.SAXParseException e) throws org.xml.sax.SAXException {
            throw e;
          }

          @Override
          public void fatalError(org.xml.sax.SAXParseException e) throws org.xml.sax.SAXException {
            throw e;
          }
        });
    return builder.parse(new InputSource(new StringReader(xml)));
  }
}
