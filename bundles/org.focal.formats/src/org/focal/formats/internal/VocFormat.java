package org.focal.formats.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
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
import org.focal.core.dataset.LabelSet;
import org.focal.core.dataset.Task;
import org.focal.core.export.DatasetContent;
import org.locationtech.jts.geom.Envelope;

/**
 * Pascal VOC: one XML per image ({@code Annotations/NAME.xml}) with {@code bndbox} corners as
 * 1-based inclusive pixel indices, and image lists in {@code ImageSets/Main}. A VOC box
 * (xmin, ymin, xmax, ymax) covers the pixel-edge rectangle (xmin-1, ymin-1)-(xmax, ymax).
 */
final class VocFormat {

    /** Image metadata: comma-separated names of the ImageSets/Main lists the image is in. */
    static final String SETS = "voc:sets";
    static final String DEPTH = "voc:depth";
    /**
     * Image metadata prefix for one object's VOC attributes, {@code voc:object:<annotation id>} =
     * {@code pose|truncated|difficult} as read, so they survive VOC -> store -> VOC.
     */
    static final String OBJECT = "voc:object:";

    /** pose, truncated, difficult of a kept {@link #OBJECT} value, or null. */
    static String[] objectAttributes(String kept) {
        if (kept == null) {
            return null;
        }
        String[] p = kept.split("\\|", -1);
        return p.length == 3 ? p : null;
    }

    private VocFormat() {
    }

    // ------------------------------------------------------------------ export

    static void export(DatasetContent content, Path out, ProgressMonitor monitor) throws IOException {
        Path root = Formats.outputFolder(out);
        Path annotations = Files.createDirectories(root.resolve("Annotations"));
        Path main = Files.createDirectories(root.resolve("ImageSets").resolve("Main"));
        Map<DatasetContent.Image, String> stems = Formats.uniqueStems(content.images());
        Map<String, List<String>> sets = new TreeMap<>();
        Set<String> classes = new LinkedHashSet<>();
        content.dataset().labels().labels().forEach(l -> classes.add(l.name()));
        content.images().forEach(i -> i.annotations().forEach(a -> classes.add(a.label())));
        Map<String, Set<String>> classesPerImage = new HashMap<>();
        Set<String> segmentedStems = new HashSet<>();
        monitor.begin("Writing Pascal VOC to " + root, content.images().size());
        for (DatasetContent.Image image : content.images()) {
            monitor.checkCanceled();
            String stem = stems.get(image);
            StringBuilder x = new StringBuilder();
            x.append("<annotation>\n");
            x.append("\t<folder>JPEGImages</folder>\n");
            x.append("\t<filename>").append(esc(Formats.fileName(image.path()))).append("</filename>\n");
            x.append("\t<source>\n\t\t<database>").append(esc(content.dataset().name())).append("</database>\n\t</source>\n");
            x.append("\t<size>\n\t\t<width>").append(image.width()).append("</width>\n\t\t<height>").append(image.height())
                    .append("</height>\n\t\t<depth>").append(image.metadata().getOrDefault(DEPTH, "3"))
                    .append("</depth>\n\t</size>\n");
            List<Annotation> regions = image.annotations().stream().filter(a -> (a.kind() == AnnotationKind.MASK
                    || a.kind() == AnnotationKind.POLYGON) && a.plane().z() == 0 && a.plane().t() == 0).toList();
            boolean segmented = !regions.isEmpty() && image.width() > 0 && image.height() > 0;
            if (segmented) {
                writeSegmentation(root, stem, image.width(), image.height(), regions, List.copyOf(classes));
                segmentedStems.add(stem);
            }
            x.append("\t<segmented>").append(segmented ? 1 : 0).append("</segmented>\n");
            Set<String> present = new TreeSet<>();
            for (Annotation a : image.annotations()) {
                if (!a.hasGeometry()) {
                    continue; // VOC has no image-level labels
                }
                Envelope e = a.geometry().getEnvelopeInternal();
                long xmin = Math.round(e.getMinX()) + 1;
                long ymin = Math.round(e.getMinY()) + 1;
                long xmax = Math.round(e.getMaxX());
                long ymax = Math.round(e.getMaxY());
                boolean touches = image.width() > 0 && (xmin <= 1 || ymin <= 1 || xmax >= image.width()
                        || ymax >= image.height());
                String[] kept = objectAttributes(image.metadata().get(OBJECT + a.id()));
                present.add(a.label());
                x.append("\t<object>\n\t\t<name>").append(esc(a.label())).append("</name>\n");
                x.append("\t\t<pose>").append(esc(kept == null ? "Unspecified" : kept[0])).append("</pose>\n");
                x.append("\t\t<truncated>").append(kept == null ? touches ? "1" : "0" : kept[1]).append("</truncated>\n");
                x.append("\t\t<difficult>").append(kept == null ? "0" : kept[2]).append("</difficult>\n");
                x.append("\t\t<bndbox>\n\t\t\t<xmin>").append(xmin).append("</xmin>\n\t\t\t<ymin>").append(ymin)
                        .append("</ymin>\n\t\t\t<xmax>").append(xmax).append("</xmax>\n\t\t\t<ymax>").append(ymax)
                        .append("</ymax>\n\t\t</bndbox>\n\t</object>\n");
            }
            x.append("</annotation>\n");
            Formats.writeAtomically(annotations.resolve(stem + ".xml"), x.toString().getBytes(StandardCharsets.UTF_8));
            classesPerImage.put(stem, present);
            String listed = image.metadata().get(SETS);
            if (listed == null || listed.isBlank()) {
                sets.computeIfAbsent("trainval", k -> new ArrayList<>()).add(stem);
            } else {
                for (String s : listed.split(",")) {
                    sets.computeIfAbsent(s.strip(), k -> new ArrayList<>()).add(stem);
                }
            }
            monitor.worked(1);
        }
        for (Map.Entry<String, List<String>> set : sets.entrySet()) {
            Formats.writeAtomically(main.resolve(set.getKey() + ".txt"),
                    (String.join("\n", set.getValue()) + "\n").getBytes(StandardCharsets.UTF_8));
            List<String> segmentedInSet = set.getValue().stream().filter(segmentedStems::contains).toList();
            if (!segmentedInSet.isEmpty()) {
                Path segLists = Files.createDirectories(root.resolve("ImageSets").resolve("Segmentation"));
                Formats.writeAtomically(segLists.resolve(set.getKey() + ".txt"),
                        (String.join("\n", segmentedInSet) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            for (String c : classes) {
                if (c.contains("/") || c.contains("\\")) {
                    continue;
                }
                StringBuilder lines = new StringBuilder();
                for (String stem : set.getValue()) {
                    lines.append(stem).append(classesPerImage.get(stem).contains(c) ? "  1" : " -1").append('\n');
                }
                Formats.writeAtomically(main.resolve(c + "_" + set.getKey() + ".txt"), lines.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        monitor.done();
    }

    /**
     * {@code SegmentationClass/STEM.png} (class index = position in the class list + 1) and
     * {@code SegmentationObject/STEM.png} (object index 1..n in annotation order), 8-bit palette PNGs
     * with VOC's colour map; 0 is background, later objects paint over earlier ones.
     */
    private static void writeSegmentation(Path root, String stem, int width, int height, List<Annotation> regions,
            List<String> classes) throws IOException {
        byte[] byClass = new byte[width * height];
        byte[] byObject = new byte[width * height];
        int object = 0;
        for (Annotation a : regions) {
            object = Math.min(object + 1, 254);
            int cls = Math.min(classes.indexOf(a.label()) + 1, 254);
            java.util.BitSet bits = Masks.raster(a.geometry(), width, height);
            for (int p = bits.nextSetBit(0); p >= 0; p = bits.nextSetBit(p + 1)) {
                byClass[p] = (byte) cls;
                byObject[p] = (byte) object;
            }
        }
        Formats.writeAtomically(Files.createDirectories(root.resolve("SegmentationClass")).resolve(stem + ".png"),
                palettePng(byClass, width, height));
        Formats.writeAtomically(Files.createDirectories(root.resolve("SegmentationObject")).resolve(stem + ".png"),
                palettePng(byObject, width, height));
    }

    /** VOC's colour map: index bits spread over the high bits of r, g, b. */
    static byte[][] palette() {
        byte[][] rgb = new byte[3][256];
        for (int i = 0; i < 256; i++) {
            int r = 0;
            int g = 0;
            int b = 0;
            int c = i;
            for (int j = 0; j < 8; j++) {
                r |= ((c >> 0) & 1) << (7 - j);
                g |= ((c >> 1) & 1) << (7 - j);
                b |= ((c >> 2) & 1) << (7 - j);
                c >>= 3;
            }
            rgb[0][i] = (byte) r;
            rgb[1][i] = (byte) g;
            rgb[2][i] = (byte) b;
        }
        return rgb;
    }

    private static byte[] palettePng(byte[] indices, int width, int height) throws IOException {
        byte[][] p = palette();
        java.awt.image.IndexColorModel model = new java.awt.image.IndexColorModel(8, 256, p[0], p[1], p[2]);
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(width, height,
                java.awt.image.BufferedImage.TYPE_BYTE_INDEXED, model);
        img.getRaster().setDataElements(0, 0, width, height, indices);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        if (!javax.imageio.ImageIO.write(img, "png", out)) {
            throw new IOException("no PNG writer");
        }
        return out.toByteArray();
    }

    /** A VOC 0/1 flag as written (0 when missing or not a number). */
    private static String flag(String v) {
        if (v == null) {
            return "0";
        }
        try {
            return Integer.parseInt(v.strip()) != 0 ? "1" : "0";
        } catch (NumberFormatException e) {
            return "0";
        }
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    // ------------------------------------------------------------------ import

    /** A VOC root (with Annotations/), a folder of XML files, or one XML file. */
    static DatasetContent read(Path in, ProgressMonitor monitor) throws IOException {
        List<Path> files;
        Path root;
        if (Files.isRegularFile(in)) {
            files = List.of(in);
            root = in.toAbsolutePath().getParent().getParent();
        } else if (Files.isDirectory(in)) {
            Path folder = Files.isDirectory(in.resolve("Annotations")) ? in.resolve("Annotations") : in;
            root = Files.isDirectory(in.resolve("Annotations")) ? in : in.toAbsolutePath().getParent();
            try (Stream<Path> s = Files.list(folder)) {
                files = s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xml")).sorted().toList();
            }
            if (files.isEmpty()) {
                throw BadInputException.forFile(in, "no Pascal VOC .xml files (looked in " + folder + ")");
            }
        } else {
            throw BadInputException.forFile(in, "no such file or folder");
        }
        Map<String, Set<String>> setsOf = readSets(root == null ? null : root.resolve("ImageSets").resolve("Main"));
        List<String> warnings = new Warnings();
        List<DatasetContent.Image> images = new ArrayList<>();
        Set<String> labels = new LinkedHashSet<>();
        monitor.begin("Reading Pascal VOC", files.size());
        Instant now = Instant.now();
        for (Path file : files) {
            monitor.checkCanceled();
            DatasetContent.Image image = readOne(file, root, setsOf, warnings, now);
            image.annotations().forEach(a -> labels.add(a.label()));
            images.add(image);
            monitor.worked(1);
        }
        monitor.done();
        String name = root != null && root.getFileName() != null ? root.getFileName().toString() : "voc";
        return new DatasetContent(new Dataset(name, "", Task.DETECTION, LabelSet.ofNames(List.copyOf(labels)), null), images,
                warnings);
    }

    private static Map<String, Set<String>> readSets(Path main) throws IOException {
        Map<String, Set<String>> setsOf = new HashMap<>();
        if (main == null || !Files.isDirectory(main)) {
            return setsOf;
        }
        try (Stream<Path> s = Files.list(main)) {
            for (Path list : s.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                String set = Formats.stem(list.getFileName().toString());
                if (set.contains("_")) {
                    continue; // per-class list such as RBC_train.txt
                }
                for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
                    String stem = line.strip();
                    if (!stem.isEmpty()) {
                        setsOf.computeIfAbsent(stem.split("\\s+")[0], k -> new TreeSet<>()).add(set);
                    }
                }
            }
        }
        return setsOf;
    }

    private record RawObject(String name, String xmin, String ymin, String xmax, String ymax, int line, String pose,
            String truncated, String difficult) {
    }

    private static DatasetContent.Image readOne(Path file, Path root, Map<String, Set<String>> setsOf, List<String> warnings,
            Instant now) throws IOException {
        String filename = null;
        int width = 0;
        int height = 0;
        String depth = null;
        List<RawObject> objects = new ArrayList<>();
        try (InputStream stream = Files.newInputStream(file)) {
            XMLStreamReader r = Formats.xml(stream);
            List<String> path = new ArrayList<>();
            Map<String, String> obj = null;
            int objLine = 0;
            boolean sawRoot = false;
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String local = r.getLocalName();
                    if (path.isEmpty()) {
                        if (!local.equals("annotation")) {
                            throw BadInputException.forFile(file, "not a Pascal VOC file: root element is <" + Excerpt.of(local) + ">");
                        }
                        sawRoot = true;
                    }
                    path.add(local);
                    if (path.size() == 2 && local.equals("object")) {
                        obj = new HashMap<>();
                        objLine = r.getLocation().getLineNumber();
                    } else if (path.size() == 2 && local.equals("filename")) {
                        filename = r.getElementText().strip();
                        path.remove(path.size() - 1);
                    } else if (path.size() == 3 && path.get(1).equals("size")) {
                        String v = r.getElementText().strip();
                        path.remove(path.size() - 1);
                        try {
                            switch (local) {
                                case "width" -> width = (int) Math.round(Double.parseDouble(v));
                                case "height" -> height = (int) Math.round(Double.parseDouble(v));
                                case "depth" -> depth = v;
                                default -> { }
                            }
                        } catch (NumberFormatException e) {
                            warnings.add(file + ":" + r.getLocation().getLineNumber() + ": <" + local + "> " + Excerpt.quoted(v)
                                    + " is not a number, image size left unknown");
                        }
                    } else if (obj != null && (path.size() == 3 && (local.equals("name") || local.equals("pose")
                            || local.equals("truncated") || local.equals("difficult"))
                            || path.size() == 4 && path.get(2).equals("bndbox"))) {
                        obj.put(local, r.getElementText().strip());
                        path.remove(path.size() - 1);
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    if (path.size() == 2 && obj != null && path.get(1).equals("object")) {
                        objects.add(new RawObject(obj.get("name"), obj.get("xmin"), obj.get("ymin"), obj.get("xmax"),
                                obj.get("ymax"), objLine, obj.get("pose"), obj.get("truncated"), obj.get("difficult")));
                        obj = null;
                    }
                    path.remove(path.size() - 1);
                }
            }
            if (!sawRoot) {
                throw BadInputException.forFile(file, "empty XML document");
            }
        } catch (XMLStreamException e) {
            throw Formats.xmlError(file, e);
        }
        String stem = Formats.stem(file.getFileName().toString());
        if (filename == null || filename.isEmpty()) {
            filename = stem + ".jpg";
        }
        String key = file.toAbsolutePath().normalize().toString();
        List<Annotation> annotations = new ArrayList<>();
        Map<String, String> objectMeta = new HashMap<>();
        int n = 0;
        for (RawObject o : objects) {
            n++;
            String where = file + ":" + o.line();
            if (o.name() == null || o.name().isBlank()) {
                warnings.add(where + ": object without <name>, skipped");
                continue;
            }
            double xmin;
            double ymin;
            double xmax;
            double ymax;
            try {
                xmin = Double.parseDouble(o.xmin());
                ymin = Double.parseDouble(o.ymin());
                xmax = Double.parseDouble(o.xmax());
                ymax = Double.parseDouble(o.ymax());
            } catch (NullPointerException | NumberFormatException e) {
                warnings.add(where + ": object " + Excerpt.quoted(o.name()) + " has no numeric <bndbox> xmin/ymin/xmax/ymax, skipped");
                continue;
            }
            if (!Double.isFinite(xmin) || !Double.isFinite(ymin) || !Double.isFinite(xmax) || !Double.isFinite(ymax)) {
                warnings.add(where + ": object " + Excerpt.quoted(o.name()) + " has a <bndbox> corner that is not a finite number, skipped");
                continue;
            }
            if (xmax <= xmin || ymax <= ymin) {
                warnings.add(where + ": degenerate box for " + Excerpt.quoted(o.name()) + " (xmin=" + Excerpt.of(o.xmin()) + " ymin="
                        + Excerpt.of(o.ymin()) + " xmax=" + Excerpt.of(o.xmax()) + " ymax=" + Excerpt.of(o.ymax()) + "), skipped");
                continue;
            }
            UUID id = Formats.uuid(key, Integer.toString(n));
            if (o.pose() != null || o.truncated() != null || o.difficult() != null) {
                objectMeta.put(OBJECT + id, (o.pose() == null || o.pose().isEmpty() ? "Unspecified" : o.pose().replace('|', '/')) + "|"
                        + flag(o.truncated()) + "|" + flag(o.difficult()));
            }
            annotations.add(new Annotation(id, AnnotationKind.BOX,
                    Formats.box(xmin - 1, ymin - 1, xmax, ymax), ImagePlane.DEFAULT, o.name().strip(),
                    AnnotationSource.MANUAL, null, Double.NaN, ReviewState.ACCEPTED, now, now));
        }
        Map<String, String> meta = new HashMap<>(objectMeta);
        Set<String> sets = setsOf.get(stem);
        if (sets != null) {
            meta.put(SETS, String.join(",", sets));
        }
        if (depth != null) {
            meta.put(DEPTH, depth);
        }
        List<Path> folders = new ArrayList<>();
        if (root != null) {
            folders.add(root.resolve("JPEGImages"));
        }
        folders.add(file.toAbsolutePath().getParent());
        String unsafe = Formats.unsafeName(filename);
        if (unsafe != null) {
            throw BadInputException.forFile(file, "<filename> " + Excerpt.quoted(filename) + " " + unsafe
                    + ": refused, nothing imported");
        }
        String location = Formats.locate(filename, folders);
        if (location != null) {
            meta.put(Formats.LOCATION, location);
        }
        return new DatasetContent.Image(null, filename, Math.max(0, width), Math.max(0, height), 1, meta, annotations);
    }
}
