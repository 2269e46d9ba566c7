package org.lienthong.hub.testing;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Reading the hub's XML answers (CAP, Atom) the way a careful consumer would, and checking CAP against its schema. */
public final class Xml {

    public static final String ATOM = "http://www.w3.org/2005/Atom";
    public static final String CAP = "urn:oasis:names:tc:emergency:cap:1.2";

    private Xml() {
    }

    /** Parses with no DTD, no external entity, no XInclude: what an aggregator should use on a feed from outside. */
    public static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        DocumentBuilder b = f.newDocumentBuilder();
        b.setErrorHandler(null);
        return b.parse(new ByteArrayInputStream(xml));
    }

    public static Element root(String xml) throws Exception {
        return parse(xml.getBytes(StandardCharsets.UTF_8)).getDocumentElement();
    }

    /** The text of the first descendant {@code ns:name}, or {@code null}. */
    public static String text(Element parent, String ns, String name) {
        NodeList nodes = parent.getElementsByTagNameNS(ns, name);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
    }

    /** The child elements {@code ns:name}, in order. */
    public static List<Element> children(Element parent, String ns, String name) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getElementsByTagNameNS(ns, name);
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getParentNode() == parent) {
                out.add((Element) nodes.item(i));
            }
        }
        return out;
    }

    /** An Atom element's {@code link} with this {@code rel}. */
    public static Element link(Element parent, String rel) {
        for (Element link : children(parent, ATOM, "link")) {
            if (rel.equals(link.getAttribute("rel"))) {
                return link;
            }
        }
        throw new AssertionError("no link rel=" + rel);
    }

    /** Fails unless {@code xml} is valid against the OASIS CAP 1.2 schema ({@code cap/cap12.xsd}). */
    public static void assertValidCap(String xml) {
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file");
            URL xsd = Xml.class.getClassLoader().getResource("cap/cap12.xsd");
            factory.newSchema(xsd).newValidator().validate(new StreamSource(new StringReader(xml)));
        } catch (Exception e) {
            throw new AssertionError("not valid CAP 1.2: " + e.getMessage() + "\n" + xml, e);
        }
    }
}
