package org.focal.io.tiff.internal;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The parts of OME-XML (an OME-TIFF's first ImageDescription) that place the TIFF pages: for each
 * Image its Pixels sizes, dimension order, physical pixel sizes and the TiffData plane-to-IFD map.
 * Parsed with the JDK's DOM parser, DTDs and external entities disabled.
 */
final class OmeXml {

    /** One TiffData element: planes from (firstZ, firstC, firstT) on are in IFDs from {@code ifd} on. */
    record TiffData(int ifd, int firstZ, int firstC, int firstT, int planeCount, String fileName) {
    }

    record Image(String name, int sizeX, int sizeY, int sizeZ, int sizeC, int sizeT, String dimensionOrder,
            String type, double physicalX, double physicalY, double physicalZ, List<String> channelNames,
            List<TiffData> tiffData) {

        /** Linear plane index in dimension order (the IFD order of a TiffData-less file). */
        int planeIndex(int z, int c, int t, int cPlanes) {
            String order = dimensionOrder == null || dimensionOrder.length() != 5 ? "XYZCT" : dimensionOrder;
            int index = 0;
            int stride = 1;
            for (int i = 2; i < 5; i++) {
                switch (order.charAt(i)) {
                    case 'Z' -> {
                        index += z * stride;
                        stride *= sizeZ;
                    }
                    case 'C' -> {
                        index += c * stride;
                        stride *= cPlanes;
                    }
                    default -> {
                        index += t * stride;
                        stride *= sizeT;
                    }
                }
            }
            return index;
        }

        /** Inverse of {@link #planeIndex}: {z, c, t}. */
        int[] zct(int index, int cPlanes) {
            String order = dimensionOrder == null || dimensionOrder.length() != 5 ? "XYZCT" : dimensionOrder;
            int[] zct = new int[3];
            for (int i = 2; i < 5; i++) {
                char d = order.charAt(i);
                int size = d == 'Z' ? sizeZ : d == 'C' ? cPlanes : sizeT;
                int v = index % size;
                index /= size;
                zct[d == 'Z' ? 0 : d == 'C' ? 1 : 2] = v;
            }
            return zct;
        }
    }

    final List<Image> images;
    final Double magnification;

    private OmeXml(List<Image> images, Double magnification) {
        this.images = images;
        this.magnification = magnification;
    }

    static boolean looksLikeOme(String description) {
        return description != null && description.contains("<OME") ;
    }

    static OmeXml parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        DocumentBuilder b = f.newDocumentBuilder();
        b.setErrorHandler(null);
        Document doc = b.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        List<Image> images = new ArrayList<>();
        for (Element image : children(doc.getDocumentElement(), "Image")) {
            List<Element> pixelsList = children(image, "Pixels");
            if (pixelsList.isEmpty()) {
                continue;
            }
            Element p = pixelsList.get(0);
            List<String> channelNames = new ArrayList<>();
            for (Element c : children(p, "Channel")) {
                channelNames.add(c.getAttribute("Name"));
            }
            List<TiffData> tiffData = new ArrayList<>();
            for (Element td : children(p, "TiffData")) {
                String fileName = null;
                for (Element uuid : children(td, "UUID")) {
                    fileName = uuid.getAttribute("FileName");
                }
                tiffData.add(new TiffData(intAttr(td, "IFD", 0), intAttr(td, "FirstZ", 0), intAttr(td, "FirstC", 0),
                        intAttr(td, "FirstT", 0), intAttr(td, "PlaneCount", -1), fileName));
            }
            images.add(new Image(image.getAttribute("Name"), intAttr(p, "SizeX", 0), intAttr(p, "SizeY", 0),
                    intAttr(p, "SizeZ", 1), intAttr(p, "SizeC", 1), intAttr(p, "SizeT", 1),
                    p.getAttribute("DimensionOrder"), p.getAttribute("Type"),
                    length(p, "PhysicalSizeX"), length(p, "PhysicalSizeY"), length(p, "PhysicalSizeZ"), channelNames,
                    tiffData));
        }
        Double magnification = null;
        NodeList objectives = doc.getElementsByTagNameNS("*", "Objective");
        for (int i = 0; i < objectives.getLength() && magnification == null; i++) {
            String m = ((Element) objectives.item(i)).getAttribute("NominalMagnification");
            try {
                if (!m.isEmpty()) {
                    magnification = Double.parseDouble(m);
                }
            } catch (NumberFormatException e) {
                // no magnification then
            }
        }
        return new OmeXml(images, magnification);
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName() != null ? e.getLocalName() : e.getNodeName())) {
                out.add(e);
            }
        }
        return out;
    }

    private static int intAttr(Element e, String name, int def) {
        String v = e.getAttribute(name);
        if (v.isEmpty()) {
            return def;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException ex) {
            return def;
        }
    }

    /** A physical size converted to micrometres (OME's default unit), NaN when absent or invalid. */
    private static double length(Element e, String name) {
        String v = e.getAttribute(name);
        if (v.isEmpty()) {
            return Double.NaN;
        }
        double d;
        try {
            d = Double.parseDouble(v.strip());
        } catch (NumberFormatException ex) {
            return Double.NaN;
        }
        String unit = e.getAttribute(name + "Unit");
        double factor = switch (unit.isEmpty() ? "µm" : unit) {
            case "µm", "um", "\u03bcm", "micron", "microns" -> 1;
            case "nm" -> 1e-3;
            case "pm" -> 1e-6;
            case "Å" -> 1e-4;
            case "mm" -> 1e3;
            case "cm" -> 1e4;
            case "dm" -> 1e5;
            case "m" -> 1e6;
            default -> Double.NaN;
        };
        double um = d * factor;
        return um > 0 && Double.isFinite(um) ? um : Double.NaN;
    }

    /** Key/values for ImageMetadata properties, prefixed "ome.". */
    static Map<String, String> properties(Image image) {
        Map<String, String> p = new LinkedHashMap<>();
        if (!image.name().isEmpty()) {
            p.put("ome.Image.Name", image.name());
        }
        p.put("ome.SizeZ", Integer.toString(image.sizeZ()));
        p.put("ome.SizeC", Integer.toString(image.sizeC()));
        p.put("ome.SizeT", Integer.toString(image.sizeT()));
        p.put("ome.DimensionOrder", image.dimensionOrder());
        p.put("ome.Type", image.type());
        for (int i = 0; i < image.channelNames().size(); i++) {
            if (!image.channelNames().get(i).isEmpty()) {
                p.put("ome.Channel." + i + ".Name", image.channelNames().get(i));
            }
        }
        return p;
    }
}
