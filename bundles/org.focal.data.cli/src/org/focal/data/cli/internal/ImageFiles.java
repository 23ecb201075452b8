package org.focal.data.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.focal.core.BadInputException;
import org.focal.core.Excerpt;
import org.focal.core.image.ReaderRegistry;

/** Finding image files in files, folders and zip archives, and unpacking archives safely. */
final class ImageFiles {

    /** Default cap on the bytes a zip may expand to. */
    static final long DEFAULT_MAX_EXPANDED = 4L << 30;
    static final int MAX_ENTRIES = 200_000;

    static final List<String> IMAGE_EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".tif", ".tiff", ".svs", ".bmp",
            ".gif", ".ndpi", ".scn", ".dcm", ".nrrd", ".nhdr", ".jp2");

    /** An image found: its name in the dataset and where it is. */
    record Found(String name, Path file) {
    }

    private ImageFiles() {
    }

    static boolean isZip(Path p) {
        return Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip");
    }

    /** Whether a file looks like an image: a known extension or a reader that claims it. */
    static boolean isImage(Path p, ReaderRegistry readers) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.startsWith(".")) {
            return false;
        }
        if (IMAGE_EXTENSIONS.stream().anyMatch(n::endsWith)) {
            return true;
        }
        try {
            return readers.bestFor(p).isPresent();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Files left out of an import, by reason, for one summarised warning line. */
    static final class Skipped {
        private final Map<String, List<String>> byReason = new LinkedHashMap<>();

        void add(String name, String reason) {
            byReason.computeIfAbsent(reason, k -> new ArrayList<>()).add(name);
        }

        boolean isEmpty() {
            return byReason.isEmpty();
        }

        int count() {
            return byReason.values().stream().mapToInt(List::size).sum();
        }

        /** "skipped 5 files: 3 not images (e.g. a.txt), 2 empty files (e.g. b.png)". */
        String summary() {
            StringBuilder sb = new StringBuilder("skipped " + count() + (count() == 1 ? " file: " : " files: "));
            String sep = "";
            for (Map.Entry<String, List<String>> e : byReason.entrySet()) {
                sb.append(sep).append(e.getValue().size()).append(' ').append(e.getKey()).append(" (e.g. ")
                        .append(Excerpt.of(e.getValue().get(0))).append(')');
                sep = ", ";
            }
            return sb.toString();
        }
    }

    static boolean emptyFile(Path p) {
        try {
            return Files.size(p) == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Images in a file or folder (recursively); names are relative to the folder. In a folder, a
     * symbolic link to a file outside it is not followed (an import must not pick up /etc/passwd).
     */
    static List<Found> collect(Path input, ReaderRegistry readers, Skipped skipped) throws IOException {
        if (Files.isRegularFile(input)) {
            if (!isImage(input, readers)) {
                throw BadInputException.forFile(input, "not an image file any reader knows");
            }
            return List.of(new Found(input.getFileName().toString(), input.toAbsolutePath().normalize()));
        }
        if (!Files.isDirectory(input)) {
            throw BadInputException.forFile(input, "no such file or folder");
        }
        List<Found> found = new ArrayList<>();
        Path root = input.toRealPath();
        try (Stream<Path> all = Files.walk(input)) {
            for (Path p : all.filter(Files::isRegularFile).sorted().toList()) {
                String rel = input.relativize(p).toString().replace('\\', '/');
                if (rel.startsWith(".") || rel.contains("/.")) {
                    continue;
                }
                if (Files.isSymbolicLink(p) && !p.toRealPath().startsWith(root)) {
                    skipped.add(rel, "links to outside the folder");
                    continue;
                }
                if (isImage(p, readers)) {
                    found.add(new Found(rel, p.toAbsolutePath().normalize()));
                } else {
                    skipped.add(rel, "not images");
                }
            }
        }
        return found;
    }

    /**
     * Checks every entry name first (no {@code ..} segments, no absolute or drive paths), then
     * unpacks into {@code target} (which must not exist yet), counting the bytes actually written:
     * past {@code maxBytes} it stops, deletes what it wrote and fails. Nothing is written outside
     * {@code target}.
     */
    static void unzip(Path zip, Path target, long maxBytes) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            List<ZipEntry> entries = new ArrayList<>();
            long declared = 0;
            for (Enumeration<? extends ZipEntry> e = z.entries(); e.hasMoreElements();) {
                ZipEntry entry = e.nextElement();
                checkName(zip, entry.getName());
                entries.add(entry);
                if (entries.size() > MAX_ENTRIES) {
                    throw BadInputException.forFile(zip, "archive has more than " + MAX_ENTRIES + " entries: refused, nothing imported");
                }
                if (entry.getSize() > 0) {
                    declared += entry.getSize();
                }
                if (declared > maxBytes) {
                    throw tooBig(zip, maxBytes);
                }
            }
            checkLayout(zip, entries);
            Path root = target.toAbsolutePath().normalize();
            Files.createDirectories(root);
            long written = 0;
            byte[] buffer = new byte[1 << 16];
            try {
                for (ZipEntry entry : entries) {
                    Path out = root.resolve(entry.getName()).normalize();
                    if (!out.startsWith(root)) { // belt and braces after checkName
                        throw BadInputException.forFile(zip, "entry " + Excerpt.quoted(entry.getName()) + " escapes the target folder: refused, nothing imported");
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(out);
                        continue;
                    }
                    try {
                        Files.createDirectories(out.getParent());
                        try (InputStream in = z.getInputStream(entry);
                                OutputStream o = Files.newOutputStream(out, StandardOpenOption.CREATE_NEW)) {
                            for (int n; (n = in.read(buffer)) > 0;) {
                                written += n;
                                if (written > maxBytes) {
                                    throw tooBig(zip, maxBytes);
                                }
                                o.write(buffer, 0, n);
                            }
                        }
                    } catch (ZipException e) {
                        throw e;
                    } catch (IOException e) {
                        // the file system's word on a name the checks let through (length, characters)
                        throw BadInputException.forFile(zip, "entry " + Excerpt.quoted(entry.getName()) + " cannot be unpacked ("
                                + Excerpt.message(e.getClass().getSimpleName() + ": " + e.getMessage())
                                + "): refused, nothing imported", e);
                    }
                }
            } catch (IOException | RuntimeException | Error e) {
                deleteTree(root);
                throw e;
            }
        } catch (ZipException e) {
            throw BadInputException.forFile(zip, "not a readable zip archive: " + Excerpt.message(e.getMessage()), e);
        }
    }

    /** Longest name part most file systems take, in bytes. */
    static final int MAX_NAME_BYTES = 255;

    /**
     * Refuses archives whose entries cannot all be files of one tree: a part of a name longer than
     * a file system takes, the same name twice, or an entry below another entry that is a file
     * ({@code x.jpg} and {@code x.jpg/y.jpg}; a symbolic link entry is unpacked as a file, so an
     * entry below a link is refused too).
     */
    static void checkLayout(Path zip, List<ZipEntry> entries) {
        java.util.Set<String> files = new java.util.HashSet<>();
        java.util.Set<String> folders = new java.util.HashSet<>();
        for (ZipEntry entry : entries) {
            String n = entry.getName().replace('\\', '/');
            for (String part : n.split("/")) {
                if (part.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
                    throw BadInputException.forFile(zip, "entry " + Excerpt.quoted(entry.getName()) + " has a name part longer than "
                            + MAX_NAME_BYTES + " bytes: refused, nothing imported");
                }
            }
            String path = n.replaceAll("/+$", "").replaceAll("/+", "/").replaceFirst("^\\./", "");
            if (path.isEmpty()) {
                continue;
            }
            if (entry.isDirectory()) {
                folders.add(path);
            } else if (!files.add(path)) {
                throw BadInputException.forFile(zip, "entry " + Excerpt.quoted(entry.getName())
                        + " appears twice: refused, nothing imported");
            }
        }
        for (ZipEntry entry : entries) {
            String path = entry.getName().replace('\\', '/').replaceAll("/+$", "").replaceAll("/+", "/").replaceFirst("^\\./", "");
            for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
                String above = path.substring(0, slash);
                if (files.contains(above)) {
                    throw BadInputException.forFile(zip, "entry " + Excerpt.quoted(entry.getName()) + " lies below the file entry "
                            + Excerpt.quoted(above) + " (a file, or a link unpacked as one): refused, nothing imported");
                }
            }
            if (entry.isDirectory() && files.contains(path)) {
                throw BadInputException.forFile(zip, "entry " + Excerpt.quoted(entry.getName()) + " is both a file and a folder:"
                        + " refused, nothing imported");
            }
        }
    }

    private static BadInputException tooBig(Path zip, long maxBytes) {
        return BadInputException.forFile(zip, "archive expands to more than " + maxBytes
                + " bytes (limit, see --max-expanded-size): refused, nothing imported");
    }

    static void checkName(Path zip, String name) {
        String n = name.replace('\\', '/');
        boolean absolute = n.startsWith("/") || n.matches("^[A-Za-z]:.*");
        boolean parent = false;
        for (String segment : n.split("/")) {
            if (segment.equals("..")) {
                parent = true;
            }
        }
        if (absolute || parent || n.indexOf('\0') >= 0) {
            throw BadInputException.forFile(zip, "entry " + Excerpt.quoted(name) + " " + (absolute ? "is an absolute path" : "climbs out with '..'")
                    + ": unsafe archive refused, nothing imported");
        }
    }

    static void deleteTree(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // best effort: leftovers stay in the workspace's files folder
        }
    }

    /** "4G", "100M", "512k" or plain bytes. */
    static long parseSize(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT);
        long unit = 1;
        if (t.endsWith("B")) {
            t = t.substring(0, t.length() - 1);
        }
        switch (t.isEmpty() ? ' ' : t.charAt(t.length() - 1)) {
            case 'K' -> unit = 1L << 10;
            case 'M' -> unit = 1L << 20;
            case 'G' -> unit = 1L << 30;
            case 'T' -> unit = 1L << 40;
            default -> unit = 1;
        }
        if (unit > 1) {
            t = t.substring(0, t.length() - 1);
        }
        try {
            long v = Long.parseLong(t.strip());
            if (v <= 0) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(v, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new BadInputException("--max-expanded-size '" + text + "' is not a size such as 500M or 4G");
        }
    }
}
