package org.focal.io.dicom.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.focal.core.BadInputException;
import org.focal.core.image.ImageMetadata;
import org.focal.core.image.ImageProperties;
import org.focal.core.image.ImageReader;
import org.focal.core.image.ImageReference;
import org.focal.core.image.ImageSource;
import org.focal.core.image.PixelCalibration;
import org.focal.core.image.PixelType;
import org.focal.core.image.ResolutionLevel;
import org.focal.core.image.SupportLevel;
import org.focal.core.image.VolumeGeometry;
import org.focal.io.TileCache;
import org.focal.io.codecs.JpegDecoder;
import org.focal.io.dicom.internal.DicomImageSource.Plane;
import org.focal.io.dicom.internal.DicomImageSource.SlideLevel;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * DICOM reader: a Part 10 file (2D image, multi-frame, whole-slide level) or a folder holding a
 * series (slices sorted along the slice normal) or a whole-slide pyramid (one file per level).
 * Option {@code series} picks one series of a folder holding several.
 */
@Component(service = ImageReader.class, property = "focal.format=dicom")
public final class DicomReader implements ImageReader {

    public static final String ID = "dicom";
    /** Option: SeriesInstanceUID to open from a folder holding several series. */
    public static final String OPTION_SERIES = "series";

    private static final int SUPPORT_FILES_CHECKED = 8;
    private static final int MAX_PROPERTY_LENGTH = 256;

    private final TileCache cache;
    private volatile JpegDecoder jpegDecoder;

    @Activate
    public DicomReader(@Reference TileCache cache) {
        this.cache = cache;
    }

    /** The highest-ranked faster JPEG decoder (e.g. libjpeg-turbo), when one is registered. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void setJpegDecoder(JpegDecoder decoder) {
        jpegDecoder = decoder;
    }

    public void unsetJpegDecoder(JpegDecoder decoder) {
        if (jpegDecoder == decoder) {
            jpegDecoder = null;
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "DICOM";
    }

    // ---------------------------------------------------------------- support

    @Override
    public SupportLevel support(Path path) {
        try {
            if (Files.isDirectory(path)) {
                int checked = 0;
                int seen = 0;
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(path)) {
                    for (Path p : ds) {
                        if (checked >= SUPPORT_FILES_CHECKED || ++seen > 16 * SUPPORT_FILES_CHECKED) {
                            break;
                        }
                        if (isCandidate(p)) {
                            checked++;
                            if (fileSupport(p) != SupportLevel.NONE) {
                                return SupportLevel.SPECIFIC;
                            }
                        }
                    }
                }
                return SupportLevel.NONE;
            }
            return Files.isRegularFile(path) ? fileSupport(path) : SupportLevel.NONE;
        } catch (IOException | RuntimeException e) {
            return SupportLevel.NONE;
        }
    }

    private static boolean isCandidate(Path p) {
        String name = p.getFileName().toString();
        return !name.startsWith(".") && Files.isRegularFile(p);
    }

    private static SupportLevel fileSupport(Path file) throws IOException {
        byte[] head = new byte[132];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (DicomParser.looksLikeDicom(head, n, true)) {
            return SupportLevel.SPECIFIC;
        }
        return DicomParser.looksLikeDicom(head, n, false) ? SupportLevel.FULL : SupportLevel.NONE;
    }

    // ---------------------------------------------------------------- open

    @Override
    public ImageSource open(Path path, Map<String, String> options) throws IOException {
        Map<String, String> opts = options == null ? Map.of() : options;
        if (!Files.exists(path)) {
            throw BadInputException.forFile(path, "no such file or folder");
        }
        if (Files.isDirectory(path)) {
            return openFolder(path, opts);
        }
        DicomFile f = parse(path);
        try {
            return build(path, opts, List.of(f), Map.of());
        } catch (IOException | RuntimeException e) {
            f.close();
            throw e;
        }
    }

    private static DicomFile parse(Path file) throws IOException {
        ByteSource src;
        try {
            src = ByteSource.open(file);
        } catch (NoSuchFileException e) {
            throw BadInputException.forFile(file, "no such file");
        }
        return DicomParser.parse(file, src);
    }

    private ImageSource openFolder(Path folder, Map<String, String> options) throws IOException {
        List<Path> candidates = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder)) {
            for (Path p : ds) {
                if (isCandidate(p)) {
                    candidates.add(p);
                }
            }
        }
        candidates.sort(Comparator.comparing(p -> p.getFileName().toString()));
        Map<String, List<DicomFile>> series = new LinkedHashMap<>();
        int skipped = 0;
        String firstProblem = null;
        List<DicomFile> all = new ArrayList<>();
        try {
            for (Path p : candidates) {
                try {
                    if (fileSupport(p) == SupportLevel.NONE) {
                        skipped++;
                        continue;
                    }
                    DicomFile f = parse(p);
                    f.detach();
                    all.add(f);
                    series.computeIfAbsent(f.seriesUid(), k -> new ArrayList<>()).add(f);
                } catch (BadInputException e) {
                    skipped++;
                    if (firstProblem == null) {
                        firstProblem = e.getMessage();
                    }
                }
            }
            if (series.isEmpty()) {
                throw BadInputException.forFile(folder, firstProblem == null ? "folder holds no DICOM image files"
                        : "folder holds no readable DICOM image (" + firstProblem + ")");
            }
            String chosen = options.get(OPTION_SERIES);
            if (chosen != null) {
                if (!series.containsKey(chosen)) {
                    throw BadInputException.forFile(folder, "series " + chosen + " is not in this folder (series: "
                            + describeSeries(series, null) + ")");
                }
            } else {
                chosen = series.entrySet().stream()
                        .max(Comparator.<Map.Entry<String, List<DicomFile>>>comparingInt(e -> e.getValue().size())
                                .thenComparingLong(e -> e.getValue().stream().mapToLong(f -> (long) f.frames).sum()))
                        .get().getKey();
            }
            List<DicomFile> files = series.get(chosen);
            Map<String, String> extra = new LinkedHashMap<>();
            extra.put("dicom.seriesCount", Integer.toString(series.size()));
            extra.put("dicom.fileCount", Integer.toString(files.size()));
            if (series.size() > 1) {
                extra.put("dicom.otherSeries", describeSeries(series, chosen));
            }
            if (skipped > 0) {
                extra.put("dicom.skippedFiles", Integer.toString(skipped));
            }
            Map<String, String> refOptions = new LinkedHashMap<>(options);
            if (series.size() > 1) {
                refOptions.put(OPTION_SERIES, chosen);
            }
            ImageSource source = build(folder, refOptions, files, extra);
            for (DicomFile f : all) {
                if (!files.contains(f)) {
                    f.close();
                }
            }
            return source;
        } catch (IOException | RuntimeException e) {
            for (DicomFile f : all) {
                f.close();
            }
            throw e;
        }
    }

    private static String describeSeries(Map<String, List<DicomFile>> series, String except) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, List<DicomFile>> e : series.entrySet()) {
            if (e.getKey().equals(except)) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(e.getKey().isEmpty() ? "(no SeriesInstanceUID)" : e.getKey()).append(" (")
                    .append(e.getValue().size()).append(e.getValue().size() == 1 ? " file)" : " files)");
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- building sources

    private ImageSource build(Path path, Map<String, String> options, List<DicomFile> files, Map<String, String> extra)
            throws IOException {
        ImageReference ref = new ImageReference(path.toUri(), ID, options);
        Supplier<JpegDecoder> jpeg = "jdk".equals(options.get(JpegDecoder.OPTION)) ? () -> null : () -> jpegDecoder;
        for (DicomFile f : files) {
            f.jpegDecoder = jpeg;
        }
        if (files.stream().anyMatch(DicomFile::isWholeSlide)) {
            return buildSlide(path, ref, files, extra);
        }
        if (files.size() == 1) {
            return buildPlanes(path, ref, files, framesOf(files.get(0)), extra, false);
        }
        DicomFile first = files.get(0);
        for (DicomFile f : files) {
            if (f.rows != first.rows || f.columns != first.columns) {
                throw BadInputException.forFile(path, "inconsistent series: " + first.path.getFileName() + " is "
                        + first.columns + " x " + first.rows + " but " + f.path.getFileName() + " is " + f.columns + " x "
                        + f.rows);
            }
            if (f.samples != first.samples || f.pixelType() != first.pixelType()
                    || !FrameDecoder.decodedPhotometric(f).equals(FrameDecoder.decodedPhotometric(first))) {
                throw BadInputException.forFile(path, "inconsistent series: " + first.path.getFileName() + " has "
                        + first.samples + " x " + first.pixelType() + " " + first.photometric + " pixels but "
                        + f.path.getFileName() + " has " + f.samples + " x " + f.pixelType() + " " + f.photometric);
            }
        }
        List<Plane> planes = new ArrayList<>();
        for (DicomFile f : files) {
            planes.addAll(framesOf(f));
        }
        return buildPlanes(path, ref, files, planes, extra, true);
    }

    private static List<Plane> framesOf(DicomFile f) {
        List<Plane> planes = new ArrayList<>(f.frames);
        for (int i = 0; i < f.frames; i++) {
            planes.add(new Plane(f, i));
        }
        return planes;
    }

    /** A 2D image, the frames of one file (in file order), or the slices of a series (sorted along the normal). */
    private ImageSource buildPlanes(Path path, ImageReference ref, List<DicomFile> files, List<Plane> planes,
            Map<String, String> extra, boolean sort) {
        DicomFile first = planes.get(0).file();
        double[] iop = first.orientation();
        double[] normal = iop == null ? null : normal(iop);
        int n = planes.size();
        double[][] pos = new double[n][];
        boolean allPositions = normal != null;
        for (int i = 0; i < n && allPositions; i++) {
            pos[i] = planes.get(i).file().position(planes.get(i).frame());
            allPositions = pos[i] != null;
        }
        List<Plane> ordered = new ArrayList<>(planes);
        Map<String, String> props = new LinkedHashMap<>();
        if (sort) {
            Integer[] idx = new Integer[n];
            for (int i = 0; i < n; i++) {
                idx[i] = i;
            }
            if (allPositions) {
                double[] key = new double[n];
                for (int i = 0; i < n; i++) {
                    key[i] = dot(normal, pos[i]);
                }
                Arrays.sort(idx, Comparator.comparingDouble(i -> key[i]));
            } else {
                Arrays.sort(idx, Comparator.comparingInt((Integer i) -> planes.get(i).file().instanceNumber())
                        .thenComparingInt(i -> planes.get(i).frame()));
                props.put("dicom.sliceOrder", "InstanceNumber (no ImagePositionPatient/ImageOrientationPatient)");
            }
            double[][] sortedPos = new double[n][];
            ordered.clear();
            for (int i = 0; i < n; i++) {
                ordered.add(planes.get(idx[i]));
                sortedPos[i] = pos[idx[i]];
            }
            pos = sortedPos;
        }
        // spacing between slice positions along the normal: the median step, never SliceThickness
        double zSpacing = Double.NaN;
        double direction = 1;
        if (n > 1 && allPositions) {
            double[] steps = new double[n - 1];
            for (int i = 0; i + 1 < n; i++) {
                steps[i] = dot(normal, pos[i + 1]) - dot(normal, pos[i]);
            }
            double median = median(steps);
            if (Math.abs(median) > 1e-6) {
                double step = Math.abs(median);
                zSpacing = step;
                direction = Math.signum(median);
                long uneven = Arrays.stream(steps).filter(s -> Math.abs(Math.abs(s) - step) > 0.01 * step + 1e-3).count();
                if (uneven > 0) {
                    props.put("dicom.unevenSliceSteps", Long.toString(uneven));
                }
            } else {
                props.put("dicom.duplicateSlicePositions", "true");
            }
        }
        if (Double.isNaN(zSpacing)) {
            zSpacing = first.spacingBetweenSlices();
        }
        double[] ps = first.pixelSpacing();
        PixelCalibration calibration = ps == null ? PixelCalibration.UNCALIBRATED
                : new PixelCalibration(ps[1], ps[0], Double.isNaN(zSpacing) ? 1.0 : zSpacing, "mm");
        VolumeGeometry geometry = VolumeGeometry.IDENTITY;
        if (normal != null && (allPositions || pos[0] != null || first.position(ordered.get(0).frame()) != null)) {
            double[] origin = allPositions ? pos[0] : first.position(ordered.get(0).frame());
            if (origin != null) {
                geometry = new VolumeGeometry(origin, new double[] {iop[0], iop[1], iop[2], iop[3], iop[4], iop[5],
                        direction * normal[0], direction * normal[1], direction * normal[2]});
            }
        }
        props.putAll(commonProperties(first));
        props.putAll(extra);
        if (files.size() > 1) {
            checkVarying(files, props);
        }
        ImageMetadata metadata = new ImageMetadata(ID, first.columns, first.rows, ordered.size(), 1, first.channels(),
                first.pixelType(), calibration, List.of(new ResolutionLevel(1, first.columns, first.rows)), first.columns,
                first.rows, List.of(), props, geometry);
        return DicomImageSource.ofPlanes(cache, metadata, ref, files, ordered);
    }

    private static void checkVarying(List<DicomFile> files, Map<String, String> props) {
        double[] r0 = files.get(0).rescale();
        for (DicomFile f : files) {
            if (!Arrays.equals(r0, f.rescale())) {
                props.put("dicom.rescaleVaries", "true");
                return;
            }
        }
    }

    private ImageSource buildSlide(Path path, ImageReference ref, List<DicomFile> files, Map<String, String> extra) {
        List<DicomFile> pyramid = new ArrayList<>();
        Map<String, DicomFile> associated = new TreeMap<>();
        for (DicomFile f : files) {
            if (!f.isWholeSlide()) {
                continue;
            }
            String flavor = f.imageFlavor();
            switch (flavor) {
                case "LABEL" -> associated.putIfAbsent("label", f);
                case "OVERVIEW" -> associated.putIfAbsent("macro", f);
                case "THUMBNAIL" -> associated.putIfAbsent("thumbnail", f);
                default -> pyramid.add(f);
            }
        }
        if (pyramid.isEmpty()) {
            throw BadInputException.forFile(path, "whole-slide series has no pyramid level (only label/overview images)");
        }
        pyramid.sort(Comparator.comparingLong(DicomFile::totalPixelMatrixColumns).reversed());
        List<DicomFile> unique = new ArrayList<>();
        for (DicomFile f : pyramid) {
            if (unique.isEmpty() || f.totalPixelMatrixColumns() < unique.get(unique.size() - 1).totalPixelMatrixColumns()) {
                unique.add(f);
            }
        }
        DicomFile base = unique.get(0);
        long w0 = base.totalPixelMatrixColumns();
        long h0 = base.totalPixelMatrixRows();
        if (w0 <= 0 || h0 <= 0 || w0 > Integer.MAX_VALUE || h0 > Integer.MAX_VALUE) {
            throw base.fail("invalid TotalPixelMatrixColumns/Rows " + w0 + " x " + h0);
        }
        List<ResolutionLevel> levels = new ArrayList<>();
        List<SlideLevel> slideLevels = new ArrayList<>();
        for (DicomFile f : unique) {
            if (f.samples != base.samples || f.pixelType() != base.pixelType()) {
                throw BadInputException.forFile(path, "inconsistent slide levels: " + f.path.getFileName() + " has "
                        + f.samples + " x " + f.pixelType() + " samples, level 0 " + base.samples + " x " + base.pixelType());
            }
            long w = f.totalPixelMatrixColumns();
            long h = f.totalPixelMatrixRows();
            if (w <= 0 || h <= 0) {
                throw f.fail("invalid TotalPixelMatrixColumns/Rows " + w + " x " + h);
            }
            levels.add(new ResolutionLevel(Math.max(1.0, (double) w0 / w), (int) w, (int) h));
            slideLevels.add(slideLevel(f, (int) w, (int) h));
        }
        Map<String, String> props = new LinkedHashMap<>(commonProperties(base));
        props.putAll(extra);
        if (unique.size() < pyramid.size()) {
            props.put("dicom.ignoredLevelFiles", Integer.toString(pyramid.size() - unique.size()));
        }
        DicomObject op = base.dataset.item(Tags.OPTICAL_PATH_SEQUENCE);
        if (op != null && op.string(Tags.OBJECTIVE_LENS_POWER) != null) {
            props.put(ImageProperties.MAGNIFICATION, number(op.doubleValue(Tags.OBJECTIVE_LENS_POWER, 0)));
        }
        PixelCalibration calibration = PixelCalibration.UNCALIBRATED;
        double[] ps = base.pixelSpacing();
        if (ps != null) {
            calibration = new PixelCalibration(ps[1] * 1000, ps[0] * 1000, 1, "um");
        } else {
            double vw = base.dataset.doubleValue(Tags.IMAGED_VOLUME_WIDTH, 0);
            double vh = base.dataset.doubleValue(Tags.IMAGED_VOLUME_HEIGHT, 0);
            if (vw > 0 && vh > 0) {
                calibration = new PixelCalibration(vw * 1000 / w0, vh * 1000 / h0, 1, "um");
                props.put("dicom.calibrationSource", "ImagedVolumeWidth/Height");
            }
        }
        PixelType type = base.pixelType();
        ImageMetadata metadata = new ImageMetadata(ID, (int) w0, (int) h0, 1, 1, base.channels(), type, calibration, levels,
                base.columns, base.rows, List.copyOf(associated.keySet()), props);
        return DicomImageSource.ofSlide(cache, metadata, ref, files, slideLevels, associated);
    }

    private static SlideLevel slideLevel(DicomFile f, int width, int height) {
        int tw = f.columns;
        int th = f.rows;
        int across = (int) ((width + (long) tw - 1) / tw);
        int down = (int) ((height + (long) th - 1) / th);
        long tiles = (long) across * down;
        if (tiles > 50_000_000L) {
            throw f.fail("tile grid of " + across + " x " + down + " is too large");
        }
        int[] frameOf = new int[(int) tiles];
        Arrays.fill(frameOf, -1);
        String organization = f.dataset.string(Tags.DIMENSION_ORGANIZATION_TYPE);
        boolean sparse = !"TILED_FULL".equalsIgnoreCase(organization == null ? "" : organization.strip())
                && f.tilePosition(0) != null;
        if (sparse) {
            for (int i = 0; i < f.frames; i++) {
                int[] p = f.tilePosition(i);
                if (p == null) {
                    continue;
                }
                int c = p[0] - 1;
                int r = p[1] - 1;
                if (c >= 0 && r >= 0 && c % tw == 0 && r % th == 0 && c / tw < across && r / th < down) {
                    int at = (r / th) * across + c / tw;
                    if (frameOf[at] < 0) {
                        frameOf[at] = i;
                    }
                }
            }
        } else {
            // TILED_FULL: row-major tiles of the first focal plane / optical path
            for (int i = 0; i < Math.min(tiles, f.frames); i++) {
                frameOf[i] = i;
            }
        }
        return new SlideLevel(f, tw, th, across, down, frameOf);
    }

    // ---------------------------------------------------------------- properties

    private static Map<String, String> commonProperties(DicomFile f) {
        Map<String, String> p = new LinkedHashMap<>();
        for (DicomObject o : List.of(f.meta, f.dataset)) {
            for (DicomElement e : o.elements()) {
                String keyword = Tags.keyword(e.tag());
                if (keyword == null || e.isSequence() || e.tag() == Tags.FILE_META_INFORMATION_VERSION) {
                    continue;
                }
                String text = e.text();
                if (text != null && !text.isEmpty()) {
                    p.put("dicom." + keyword, text.length() > MAX_PROPERTY_LENGTH ? text.substring(0, MAX_PROPERTY_LENGTH) : text);
                }
            }
        }
        p.put("dicom.TransferSyntaxUID", f.syntax.uid);
        p.put(ImageProperties.COMPRESSION, f.syntax.compression);
        p.put(ImageProperties.PHOTOMETRIC, FrameDecoder.decodedPhotometric(f));
        putIfPresent(p, ImageProperties.MODALITY, f.dataset.string(Tags.MODALITY));
        putIfPresent(p, ImageProperties.SERIES_INSTANCE_UID, f.dataset.string(Tags.SERIES_INSTANCE_UID));
        double[] rescale = f.rescale();
        if (rescale != null) {
            p.put(ImageProperties.RESCALE_SLOPE, number(rescale[0]));
            p.put(ImageProperties.RESCALE_INTERCEPT, number(rescale[1]));
        }
        double[] window = f.window();
        if (window != null) {
            p.put(ImageProperties.WINDOW_CENTER, number(window[0]));
            p.put(ImageProperties.WINDOW_WIDTH, number(window[1]));
        }
        return p;
    }

    private static void putIfPresent(Map<String, String> p, String key, String value) {
        if (value != null && !value.isBlank()) {
            p.put(key, value.strip());
        }
    }

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    // ---------------------------------------------------------------- geometry helpers

    private static double[] normal(double[] iop) {
        double[] r = {iop[0], iop[1], iop[2]};
        double[] c = {iop[3], iop[4], iop[5]};
        double[] n = {r[1] * c[2] - r[2] * c[1], r[2] * c[0] - r[0] * c[2], r[0] * c[1] - r[1] * c[0]};
        double len = Math.sqrt(dot(n, n));
        if (!(len > 1e-6)) {
            return null;
        }
        for (int i = 0; i < 3; i++) {
            n[i] /= len;
        }
        return n;
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }


}
