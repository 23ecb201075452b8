package org.focal.formats.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.focal.core.BadInputException;
import org.focal.core.Excerpt;
import org.focal.core.annotation.Annotation;
import org.focal.core.dataset.Label;
import org.focal.core.export.DatasetContent;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Polygon;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** What the formats share: names, ids, atomic writes, JSON. */
final class Formats {

    /** Image metadata key the store uses for the file's location; never written to exchange formats. */
    static final String LOCATION = "focal:location";

    /** Deepest JSON nesting read: COCO, GeoJSON and Focal JSON need fewer than 10 levels. */
    static final int MAX_JSON_DEPTH = 200;
    /** Longest JSON string read: a compressed RLE mask of a 100k x 100k image fits in a few MB. */
    static final int MAX_JSON_STRING = 16 << 20;
    /** Longest JSON number read: a double never needs more than 25 characters. */
    static final int MAX_JSON_NUMBER = 100;
    /** Largest JSON document read; a tree of it needs about ten times that in memory. */
    static final long MAX_JSON_DOCUMENT = 1L << 30;

    /**
     * The JSON mapper of all formats, with read limits set on purpose: a hostile file must be
     * refused early with one line, not exhaust the stack, the heap or the time.
     */
    static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_JSON_DEPTH)
                    .maxStringLength(MAX_JSON_STRING).maxNumberLength(MAX_JSON_NUMBER)
                    .maxDocumentLength(MAX_JSON_DOCUMENT).build())
            .build()).enable(SerializationFeature.INDENT_OUTPUT);

    static final List<String> IMAGE_EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".tif", ".tiff", ".svs", ".bmp",
            ".gif", ".ndpi", ".mrxs", ".scn", ".dcm", ".nrrd", ".nhdr");

    private Formats() {
    }

    static String fileName(String name) {
        int slash = name.replace('\\', '/').lastIndexOf('/');
        return slash < 0 ? name : name.substring(slash + 1);
    }

    static String stem(String name) {
        String f = fileName(name);
        int dot = f.lastIndexOf('.');
        return dot <= 0 ? f : f.substring(0, dot);
    }

    /** A stable annotation id for the n-th object of a file, so a repeated import is recognised. */
    static UUID uuid(String... parts) {
        return UUID.nameUUIDFromBytes(String.join("\u0000", parts).getBytes(StandardCharsets.UTF_8));
    }

    /** Writes through a temporary sibling and an atomic rename, so a failed export leaves no half file. */
    static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, "." + file.getFileName(), ".part");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static void writeJson(Path file, JsonNode node) throws IOException {
        writeAtomically(file, JSON.writeValueAsBytes(node));
    }

    static JsonNode readJson(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw BadInputException.forFile(file, "no such file");
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            if (root == null || root.isMissingNode()) {
                throw BadInputException.forFile(file, "empty file; expected JSON");
            }
            return root;
        } catch (StreamConstraintsException e) {
            throw BadInputException.forFile(file, "refused: " + limit(e.getOriginalMessage()), e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // the location is null for some errors; the message may quote the file: keep it short
            String line = e.getLocation() == null || e.getLocation().getLineNr() < 1 ? ""
                    : " (line " + e.getLocation().getLineNr() + ")";
            throw BadInputException.forFile(file, "not valid JSON" + line + ": " + Excerpt.message(firstLine(e.getOriginalMessage())),
                    e);
        }
    }

    /** Which of the read limits a file broke, in words. */
    static String limit(String jacksonMessage) {
        String m = jacksonMessage == null ? "" : jacksonMessage.toLowerCase(Locale.ROOT);
        if (m.contains("nesting depth")) {
            return "JSON nested deeper than " + MAX_JSON_DEPTH + " levels";
        }
        if (m.contains("string value length")) {
            return "a JSON string longer than " + (MAX_JSON_STRING >> 20) + " MB";
        }
        if (m.contains("number value length")) {
            return "a JSON number longer than " + MAX_JSON_NUMBER + " digits";
        }
        if (m.contains("document length")) {
            return "a JSON document larger than " + (MAX_JSON_DOCUMENT >> 30) + " GB";
        }
        return "a JSON read limit was exceeded (" + Excerpt.of(firstLine(jacksonMessage)) + ")";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static final java.util.regex.Pattern XML_ENCODING = java.util.regex.Pattern
            .compile("^\\s*<\\?xml[^>]*encoding\\s*=\\s*[\"']([^\"']+)[\"']");

    /**
     * A StAX reader of an XML file's stream, with DTDs and external entities off. UTF-8 files
     * (declared or not) are decoded here, strictly: given the bytes, the JDK's parser prints a stray
     * "[Fatal Error] ..." line on standard error for an invalid byte sequence. Files declaring
     * another encoding, or starting as UTF-16, are decoded by the parser.
     */
    static javax.xml.stream.XMLStreamReader xml(java.io.InputStream raw) throws IOException,
            javax.xml.stream.XMLStreamException {
        javax.xml.stream.XMLInputFactory factory = javax.xml.stream.XMLInputFactory.newFactory();
        factory.setProperty(javax.xml.stream.XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(javax.xml.stream.XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        java.io.BufferedInputStream in = new java.io.BufferedInputStream(raw);
        in.mark(1024);
        byte[] head = in.readNBytes(1024);
        in.reset();
        boolean utf16 = head.length >= 2 && (head[0] == (byte) 0xFE && head[1] == (byte) 0xFF
                || head[0] == (byte) 0xFF && head[1] == (byte) 0xFE || head[0] == '<' && head[1] == 0
                || head[0] == 0 && head[1] == '<');
        java.util.regex.Matcher declared = XML_ENCODING.matcher(new String(head, StandardCharsets.ISO_8859_1));
        if (utf16 || declared.find() && !declared.group(1).replace("-", "").equalsIgnoreCase("UTF8")) {
            return factory.createXMLStreamReader(in);
        }
        if (head.length >= 3 && head[0] == (byte) 0xEF && head[1] == (byte) 0xBB && head[2] == (byte) 0xBF) {
            in.skipNBytes(3); // a byte order mark: the reader below does not drop it
        }
        return factory.createXMLStreamReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()));
    }

    /** The one-line problem of a StAX error: where, and what (an invalid byte sequence said in words). */
    static BadInputException xmlError(Path file, javax.xml.stream.XMLStreamException e) {
        int line = e.getLocation() == null ? -1 : e.getLocation().getLineNumber();
        Throwable nested = e.getNestedException();
        String what = nested instanceof java.nio.charset.CharacterCodingException
                ? "not UTF-8 text (an invalid byte sequence)"
                : Excerpt.message(String.valueOf(e.getMessage()).replaceAll("\\s+", " "));
        return BadInputException.forFile(file, "malformed XML" + (line > 0 ? " at line " + line : "") + ": " + what, e);
    }

    /** Output must be a folder (created); fails when it is an existing file. */
    static Path outputFolder(Path out) throws IOException {
        if (Files.isRegularFile(out)) {
            throw BadInputException.forFile(out, "is a file; this format writes a folder");
        }
        Files.createDirectories(out);
        return out;
    }

    /** Output is a file; an existing folder gets {@code defaultName} inside it. */
    static Path outputFile(Path out, String defaultName) {
        Path file = Files.isDirectory(out) ? out.resolve(defaultName) : out;
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw BadInputException.forFile(out, "output folder " + parent + " does not exist");
        }
        return file;
    }

    /** One file stem per image, unique in the export (folders become underscores when stems collide). */
    static Map<DatasetContent.Image, String> uniqueStems(List<DatasetContent.Image> images) {
        Map<DatasetContent.Image, String> stems = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        images.forEach(i -> counts.merge(stem(i.path()), 1, Integer::sum));
        Set<String> used = new HashSet<>();
        for (DatasetContent.Image i : images) {
            String s = stem(i.path());
            if (counts.get(s) > 1) {
                String p = i.path().replace('\\', '/');
                int dot = p.lastIndexOf('.');
                s = (dot > p.lastIndexOf('/') ? p.substring(0, dot) : p).replace('/', '_');
            }
            String unique = s;
            for (int n = 2; !used.add(unique); n++) {
                unique = s + "-" + n;
            }
            stems.put(i, unique);
        }
        return stems;
    }

    /**
     * Why an image name from an annotation file must not be used to find the image, or null: an
     * absolute path or a {@code ..} step would add files from outside the import's folder.
     */
    static String unsafeName(String name) {
        String n = name.replace('\\', '/');
        if (n.startsWith("/") || n.matches("^[A-Za-z]:.*")) {
            return "is an absolute path";
        }
        for (String segment : n.split("/")) {
            if (segment.equals("..")) {
                return "climbs out of the folder with '..'";
            }
        }
        if (n.indexOf('\0') >= 0) {
            return "holds a NUL character";
        }
        return null;
    }

    /** The first existing candidate file for an image name, as an absolute path, or null. */
    static String locate(String name, List<Path> folders) {
        for (Path folder : folders) {
            if (folder == null) {
                continue;
            }
            Path p = folder.resolve(name);
            if (Files.isRegularFile(p)) {
                return p.toAbsolutePath().normalize().toString();
            }
        }
        return null;
    }

    /** An image file next to an annotation file with the same stem, or null. */
    static Path sibling(Path annotationFile) {
        String s = stem(annotationFile.getFileName().toString());
        Path dir = annotationFile.toAbsolutePath().getParent();
        for (String ext : IMAGE_EXTENSIONS) {
            for (String e : List.of(ext, ext.toUpperCase(Locale.ROOT))) {
                Path p = dir.resolve(s + e);
                if (Files.isRegularFile(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    static int[] rgb(Label l) {
        int v = Integer.parseInt(l.color().substring(1), 16);
        return new int[] {(v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF};
    }

    static String hex(int r, int g, int b) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", r & 0xFF, g & 0xFF, b & 0xFF);
    }

    /** A rectangle; {@link IllegalArgumentException} when a corner is not a finite number. */
    static Polygon box(double x0, double y0, double x1, double y1) {
        GeometryCheck.requireFinite(x0, y0, x1, y1);
        return org.focal.store.json.GeometryJson.FACTORY.createPolygon(new Coordinate[] {new Coordinate(x0, y0),
            new Coordinate(x1, y0), new Coordinate(x1, y1), new Coordinate(x0, y1), new Coordinate(x0, y0)});
    }

    static Envelope envelope(Annotation a) {
        return a.geometry().getEnvelopeInternal();
    }

    /** Sorted list of the non-focal metadata of an image, for formats that keep it. */
    static List<String> keys(Map<String, String> metadata, String prefix) {
        List<String> keys = new ArrayList<>();
        for (String k : metadata.keySet()) {
            if (k.startsWith(prefix)) {
                keys.add(k);
            }
        }
        keys.sort(null);
        return keys;
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /**
     * The image an annotation file (one per image, as Aperio XML or GeoJSON) belongs to: the image
     * file beside it when there is one (its location recorded), else a name from the file's stem.
     */
    static DatasetContent.Image imageOf(Path annotationFile, List<Annotation> annotations) {
        String name = stem(annotationFile.getFileName().toString());
        Map<String, String> meta = new java.util.LinkedHashMap<>();
        Path image = sibling(annotationFile);
        if (image != null) {
            name = image.getFileName().toString();
            meta.put(LOCATION, image.toAbsolutePath().normalize().toString());
        }
        return new DatasetContent.Image(null, name, 0, 0, 1, meta, annotations);
    }

    /** One file, or the accepted files of a folder (sorted, not recursive); none is bad input naming {@code what}. */
    static List<Path> files(Path in, java.util.function.Predicate<Path> accept, String what) throws IOException {
        if (Files.isRegularFile(in)) {
            return List.of(in);
        }
        if (!Files.isDirectory(in)) {
            throw BadInputException.forFile(in, "no such file or folder");
        }
        List<Path> files;
        try (java.util.stream.Stream<Path> s = Files.list(in)) {
            files = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).filter(accept)
                    .sorted().toList();
        }
        if (files.isEmpty()) {
            throw BadInputException.forFile(in, "no " + what + " in this folder");
        }
        return files;
    }
}
