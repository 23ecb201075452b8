package org.focal.formats.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.focal.core.BadInputException;
import org.focal.core.Excerpt;
import org.focal.core.ProgressMonitor;
import org.focal.core.annotation.Annotation;
import org.focal.core.annotation.AnnotationKind;
import org.focal.core.annotation.AnnotationSource;
import org.focal.core.annotation.ImagePlane;
import org.focal.core.annotation.ReviewState;
import org.focal.core.dataset.Dataset;
import org.focal.core.dataset.Label;
import org.focal.core.dataset.LabelSet;
import org.focal.core.dataset.Task;
import org.focal.core.export.DatasetContent;
import org.focal.store.json.GeometryJson;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.io.WKTWriter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Focal XML: the content of Focal JSON (lossless) as XML. Geometry is WKT with full double
 * precision; times ISO-8601; a missing author or confidence is an absent attribute.
 *
 * <pre>
 * &lt;focal-dataset format="focal-xml" version="1"&gt;
 *   &lt;dataset name task [scenario]&gt;&lt;description/&gt;&lt;label name color hotkey/&gt;...&lt;/dataset&gt;
 *   &lt;image [id] name width height sizeZ&gt;
 *     &lt;meta key value/&gt;...
 *     &lt;annotation id kind z t label source [author] [confidence] state created modified&gt;
 *       &lt;geometry&gt;POLYGON ((...))&lt;/geometry&gt;
 *     &lt;/annotation&gt;
 *   &lt;/image&gt;
 * &lt;/focal-dataset&gt;
 * </pre>
 */
final class FocalXmlFormat {

    static final String FORMAT = "focal-xml";
    static final int VERSION = 1;

    private FocalXmlFormat() {
    }

    static void export(DatasetContent content, Path out, ProgressMonitor monitor) throws IOException {
        Path file = Formats.outputFile(out, content.dataset().name() + ".focal.xml");
        monitor.begin("Writing Focal XML", content.images().size());
        Document doc = builder().newDocument();
        Element root = doc.createElement("focal-dataset");
        root.setAttribute("format", FORMAT);
        root.setAttribute("version", Integer.toString(VERSION));
        doc.appendChild(root);
        Dataset ds = content.dataset();
        Element d = child(root, "dataset");
        d.setAttribute("name", ds.name());
        d.setAttribute("task", ds.task().cliName());
        if (ds.scenarioId() != null) {
            d.setAttribute("scenario", ds.scenarioId());
        }
        child(d, "description").setTextContent(ds.description());
        for (Label l : ds.labels().labels()) {
            Element e = child(d, "label");
            e.setAttribute("name", l.name());
            e.setAttribute("color", l.color());
            e.setAttribute("hotkey", Integer.toString(l.hotkey()));
        }
        WKTWriter wkt = new WKTWriter();
        for (DatasetContent.Image image : content.images()) {
            monitor.checkCanceled();
            Element i = child(root, "image");
            if (image.id() != null) {
                i.setAttribute("id", image.id());
            }
            i.setAttribute("name", image.path());
            i.setAttribute("width", Integer.toString(image.width()));
            i.setAttribute("height", Integer.toString(image.height()));
            i.setAttribute("sizeZ", Integer.toString(image.sizeZ()));
            new java.util.TreeMap<>(image.metadata()).forEach((k, v) -> {
                Element m = child(i, "meta");
                m.setAttribute("key", k);
                m.setAttribute("value", v);
            });
            for (Annotation a : image.annotations()) {
                Element e = child(i, "annotation");
                e.setAttribute("id", a.id().toString());
                e.setAttribute("kind", a.kind().name().toLowerCase(Locale.ROOT));
                e.setAttribute("z", Integer.toString(a.plane().z()));
                e.setAttribute("t", Integer.toString(a.plane().t()));
                e.setAttribute("label", a.label());
                e.setAttribute("source", a.source().toString());
                if (a.author() != null) {
                    e.setAttribute("author", a.author());
                }
                if (!Double.isNaN(a.confidence())) {
                    e.setAttribute("confidence", Double.toString(a.confidence()));
                }
                e.setAttribute("state", a.state().name().toLowerCase(Locale.ROOT));
                e.setAttribute("created", a.created().toString());
                e.setAttribute("modified", a.modified().toString());
                if (a.hasGeometry()) {
                    child(e, "geometry").setTextContent(wkt.write(a.geometry()));
                }
            }
            monitor.worked(1);
        }
        try {
            TransformerFactory tf = TransformerFactory.newInstance();
            tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            var t = tf.newTransformer();
            t.setOutputProperty(OutputKeys.INDENT, "yes");
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            t.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            t.transform(new DOMSource(doc), new StreamResult(bytes));
            Formats.writeAtomically(file, bytes.toByteArray());
        } catch (TransformerException e) {
            throw new IOException("cannot write XML: " + e.getMessage(), e);
        }
        monitor.done();
    }

    static DatasetContent read(Path file, ProgressMonitor monitor) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw BadInputException.forFile(file, "no such file");
        }
        Document doc;
        try {
            doc = builder().parse(file.toFile());
        } catch (SAXParseException e) {
            throw BadInputException.forFile(file, "not well-formed XML (line " + e.getLineNumber() + "): " + e.getMessage(), e);
        } catch (SAXException e) {
            throw BadInputException.forFile(file, "not well-formed XML: " + e.getMessage(), e);
        }
        Element root = doc.getDocumentElement();
        if (!"focal-dataset".equals(root.getTagName()) || !FORMAT.equals(root.getAttribute("format"))) {
            throw BadInputException.forFile(file, "not a Focal XML file (<focal-dataset format=\"focal-xml\"> missing)");
        }
        int version = intAttr(root, "version", 0);
        if (version > VERSION) {
            throw BadInputException.forFile(file, "Focal XML version " + version + " is newer than this Focal reads (" + VERSION + ")");
        }
        String where = "";
        try {
            Element d = first(root, "dataset");
            List<Label> labels = new ArrayList<>();
            Dataset dataset;
            if (d == null) {
                dataset = new Dataset("focal", "", Task.DETECTION, new LabelSet(labels), null);
            } else {
                for (Element l : children(d, "label")) {
                    labels.add(new Label(l.getAttribute("name"), l.getAttribute("color"), intAttr(l, "hotkey", 0)));
                }
                Element desc = first(d, "description");
                dataset = new Dataset(d.hasAttribute("name") ? d.getAttribute("name") : "focal",
                        desc == null ? "" : desc.getTextContent(), Task.parse(d.hasAttribute("task") ? d.getAttribute("task") : "detection"),
                        new LabelSet(labels), d.hasAttribute("scenario") ? d.getAttribute("scenario") : null);
            }
            List<Element> imageElements = children(root, "image");
            monitor.begin("Reading Focal XML", imageElements.size());
            List<DatasetContent.Image> images = new ArrayList<>();
            WKTReader wkt = new WKTReader(GeometryJson.FACTORY);
            for (Element i : imageElements) {
                monitor.checkCanceled();
                where = "image " + Excerpt.quoted(i.getAttribute("name")) + ": ";
                Map<String, String> meta = new LinkedHashMap<>();
                for (Element m : children(i, "meta")) {
                    meta.put(m.getAttribute("key"), m.getAttribute("value"));
                }
                List<Annotation> annotations = new ArrayList<>();
                for (Element a : children(i, "annotation")) {
                    where = "image " + Excerpt.quoted(i.getAttribute("name")) + ", annotation " + Excerpt.of(a.getAttribute("id")) + ": ";
                    Element g = first(a, "geometry");
                    Instant created = Instant.parse(a.getAttribute("created"));
                    annotations.add(new Annotation(UUID.fromString(a.getAttribute("id")),
                            AnnotationKind.valueOf(a.getAttribute("kind").toUpperCase(Locale.ROOT)),
                            g == null ? null : wkt.read(g.getTextContent().strip()),
                            new ImagePlane(intAttr(a, "z", 0), intAttr(a, "t", 0)), a.getAttribute("label"),
                            AnnotationSource.parse(a.hasAttribute("source") ? a.getAttribute("source") : "manual"),
                            a.hasAttribute("author") ? a.getAttribute("author") : null,
                            a.hasAttribute("confidence") ? Double.parseDouble(a.getAttribute("confidence")) : Double.NaN,
                            ReviewState.valueOf((a.hasAttribute("state") ? a.getAttribute("state") : "accepted").toUpperCase(Locale.ROOT)),
                            created, a.hasAttribute("modified") ? Instant.parse(a.getAttribute("modified")) : created));
                }
                images.add(new DatasetContent.Image(i.hasAttribute("id") ? i.getAttribute("id") : null, i.getAttribute("name"),
                        intAttr(i, "width", 0), intAttr(i, "height", 0), intAttr(i, "sizeZ", 1), meta, annotations));
                monitor.worked(1);
            }
            monitor.done();
            return new DatasetContent(dataset, images);
        } catch (ParseException e) {
            throw BadInputException.forFile(file, where + "bad WKT geometry: " + Excerpt.message(e.getMessage()), e);
        } catch (java.time.format.DateTimeParseException e) {
            throw BadInputException.forFile(file, where + "bad time " + Excerpt.quoted(e.getParsedString()), e);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw BadInputException.forFile(file, where + "bad Focal XML: " + Excerpt.message(e.getMessage()), e);
        }
    }

    private static javax.xml.parsers.DocumentBuilder builder() throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            javax.xml.parsers.DocumentBuilder b = f.newDocumentBuilder();
            // errors become the exception, not a "[Fatal Error]" line on standard error
            b.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return b;
        } catch (ParserConfigurationException e) {
            throw new IOException(e);
        }
    }

    private static Element child(Element parent, String name) {
        Element e = parent.getOwnerDocument().createElement(name);
        parent.appendChild(e);
        return e;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int k = 0; k < nodes.getLength(); k++) {
            Node n = nodes.item(k);
            if (n instanceof Element e && e.getTagName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }

    private static Element first(Element parent, String name) {
        List<Element> all = children(parent, name);
        return all.isEmpty() ? null : all.get(0);
    }

    private static int intAttr(Element e, String name, int fallback) {
        String v = e.getAttribute(name);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("<" + e.getTagName() + "> attribute " + name + "=" + Excerpt.quoted(v) + " is not an integer");
        }
    }
}
