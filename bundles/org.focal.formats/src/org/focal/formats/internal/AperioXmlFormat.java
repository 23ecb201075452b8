package org.focal.formats.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

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
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Polygon;

/**
 * Aperio ImageScope XML ({@code <Annotations><Annotation Name LineColor><Regions><Region Type>
 * <Vertices><Vertex X Y>}), one polygon per Region in level-0 pixels. The label is the Annotation's
 * Name, else the Region's Text, else {@value #DEFAULT_LABEL}. One XML per image, named like it.
 */
final class AperioXmlFormat {

    static final String DEFAULT_LABEL = "region";

    private AperioXmlFormat() {
    }

    static DatasetContent read(Path in, ProgressMonitor monitor) throws IOException {
        List<Path> files;
        if (Files.isRegularFile(in)) {
            files = List.of(in);
        } else if (Files.isDirectory(in)) {
            try (Stream<Path> s = Files.list(in)) {
                files = s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xml")).sorted().toList();
            }
            if (files.isEmpty()) {
                throw BadInputException.forFile(in, "no .xml files in this folder");
            }
        } else {
            throw BadInputException.forFile(in, "no such file or folder");
        }
        List<String> warnings = new Warnings();
        Map<String, String> colors = new LinkedHashMap<>();
        List<DatasetContent.Image> images = new ArrayList<>();
        monitor.begin("Reading Aperio XML", files.size());
        Instant now = Instant.now();
        for (Path file : files) {
            monitor.checkCanceled();
            List<Annotation> annotations = readOne(file, warnings, colors, now);
            images.add(Formats.imageOf(file, annotations));
            monitor.worked(1);
        }
        monitor.done();
        List<Label> labels = new ArrayList<>();
        for (Label l : LabelSet.ofNames(List.copyOf(colors.keySet())).labels()) {
            String c = colors.get(l.name());
            labels.add(c == null || labels.stream().anyMatch(x -> x.color().equals(c)) ? l : new Label(l.name(), c, l.hotkey()));
        }
        return new DatasetContent(new Dataset(Formats.stem(in.getFileName().toString()), "", Task.SEGMENTATION,
                new LabelSet(labels), null), images, warnings);
    }

    private static List<Annotation> readOne(Path file, List<String> warnings, Map<String, String> colors, Instant now)
            throws IOException {
        List<Annotation> out = new ArrayList<>();
        String key = file.toAbsolutePath().normalize().toString();
        try (InputStream stream = Files.newInputStream(file)) {
            XMLStreamReader r = Formats.xml(stream);
            boolean rootSeen = false;
            String annotationName = null;
            String regionText = null;
            String regionId = null;
            String regionType = null;
            int regionLine = 0;
            List<Coordinate> vertices = null;
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String local = r.getLocalName();
                    if (!rootSeen) {
                        if (!local.equals("Annotations")) {
                            throw BadInputException.forFile(file, "not an Aperio ImageScope XML file: root element is <" + Excerpt.of(local) + ">");
                        }
                        rootSeen = true;
                    }
                    switch (local) {
                        case "Annotation" -> {
                            annotationName = attr(r, "Name");
                            String lineColor = attr(r, "LineColor");
                            String label = label(annotationName, null);
                            if (lineColor != null && !colors.containsKey(label)) {
                                try {
                                    int c = Integer.parseInt(lineColor.strip());
                                    colors.put(label, Formats.hex(c & 0xFF, (c >> 8) & 0xFF, (c >> 16) & 0xFF)); // COLORREF is BGR
                                } catch (NumberFormatException e) {
                                    colors.putIfAbsent(label, null);
                                }
                            }
                        }
                        case "Region" -> {
                            regionText = attr(r, "Text");
                            regionId = attr(r, "Id");
                            regionType = attr(r, "Type");
                            regionLine = r.getLocation().getLineNumber();
                            vertices = new ArrayList<>();
                        }
                        case "Vertex" -> {
                            if (vertices != null) {
                                try {
                                    vertices.add(new Coordinate(Double.parseDouble(attr(r, "X")), Double.parseDouble(attr(r, "Y"))));
                                } catch (NullPointerException | NumberFormatException e) {
                                    warnings.add(file + ":" + r.getLocation().getLineNumber() + ": vertex without numeric X/Y, ignored");
                                }
                            }
                        }
                        default -> { }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT && r.getLocalName().equals("Region") && vertices != null) {
                    String label = label(annotationName, regionText);
                    colors.putIfAbsent(label, null);
                    Polygon p = polygon(vertices);
                    if (p == null) {
                        warnings.add(file + ":" + regionLine + ": region " + Excerpt.of(regionId) + " has fewer than 3 distinct vertices, skipped");
                    } else {
                        AnnotationKind kind = "1".equals(regionType) && p.isRectangle() ? AnnotationKind.BOX : AnnotationKind.POLYGON;
                        out.add(new Annotation(Formats.uuid(key, Integer.toString(regionLine), String.valueOf(regionId)), kind,
                                p, ImagePlane.DEFAULT, label, AnnotationSource.MANUAL, null, Double.NaN, ReviewState.ACCEPTED,
                                now, now));
                    }
                    vertices = null;
                }
            }
            if (!rootSeen) {
                throw BadInputException.forFile(file, "empty XML document");
            }
        } catch (XMLStreamException e) {
            throw Formats.xmlError(file, e);
        }
        return out;
    }

    private static String attr(XMLStreamReader r, String name) {
        return r.getAttributeValue(null, name);
    }

    private static String label(String annotationName, String regionText) {
        if (annotationName != null && !annotationName.isBlank()) {
            return annotationName.strip();
        }
        if (regionText != null && !regionText.isBlank()) {
            return regionText.strip();
        }
        return DEFAULT_LABEL;
    }

    private static Polygon polygon(List<Coordinate> vertices) {
        List<Coordinate> cs = new ArrayList<>();
        for (Coordinate c : vertices) {
            if (cs.isEmpty() || !cs.get(cs.size() - 1).equals2D(c)) {
                cs.add(c);
            }
        }
        if (cs.size() > 1 && cs.get(0).equals2D(cs.get(cs.size() - 1))) {
            cs.remove(cs.size() - 1);
        }
        if (cs.size() < 3) {
            return null;
        }
        cs.add(cs.get(0).copy());
        return GeometryJson.FACTORY.createPolygon(cs.toArray(Coordinate[]::new));
    }
}
