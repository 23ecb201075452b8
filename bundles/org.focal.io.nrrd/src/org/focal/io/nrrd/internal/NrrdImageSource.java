package org.focal.io.nrrd.internal;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StreamTokenizer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import org.focal.core.BadInputException;
import org.focal.core.Excerpt;
import org.focal.core.image.ImageMetadata;
import org.focal.core.image.ImageReference;
import org.focal.core.image.PixelBuffer;
import org.focal.core.image.PixelCalibration;
import org.focal.core.image.PixelType;
import org.focal.core.image.ResolutionLevel;
import org.focal.core.image.VolumeGeometry;
import org.focal.io.TileCache;
import org.focal.io.TiledImageSource;

/**
 * One NRRD image: each z plane is one tile. Raw data is read plane by plane from the file;
 * compressed or text data is decoded once, on first access, and kept (NRRD has no random access
 * into a gzip stream).
 */
final class NrrdImageSource extends TiledImageSource {

    /** Axis kinds that mean "samples of one voxel" rather than a spatial axis. */
    private static final Set<String> CHANNEL_KINDS = Set.of("vector", "covariant-vector", "normal", "list", "point",
            "2-vector", "3-vector", "4-vector", "3-color", "4-color", "rgb-color", "rgba-color", "hsv-color", "xyz-color",
            "complex", "quaternion", "2d-symmetric-matrix", "3d-symmetric-matrix", "2d-matrix", "3d-matrix");

    private final Path file;
    private final NrrdHeader header;
    private final ImageMetadata metadata;
    private final Path dataFile;
    private final int channels;
    private final long planeBytes;
    private final long dataBytes;
    private final long rawStart;
    private final FileChannel channel;
    private byte[] decoded;

    NrrdImageSource(Path file, NrrdHeader h, TileCache cache) throws IOException {
        super(cache);
        this.file = file;
        this.header = h;
        boolean firstIsChannel = h.dimension >= 3 && (isChannelAxis(h, 0) || h.dimension == 4);
        int spatialStart = firstIsChannel ? 1 : 0;
        int spatial = h.dimension - spatialStart;
        if (spatial < 2 || spatial > 3) {
            throw BadInputException.forFile(file, "NRRD with " + h.dimension + " axes is not an image or volume Focal reads");
        }
        channels = firstIsChannel ? (int) h.sizes[0] : 1;
        long w = h.sizes[spatialStart];
        long hgt = h.sizes[spatialStart + 1];
        long z = spatial == 3 ? h.sizes[spatialStart + 2] : 1;
        if (w > Integer.MAX_VALUE || hgt > Integer.MAX_VALUE || z > Integer.MAX_VALUE || channels > 64) {
            throw BadInputException.forFile(file, "NRRD sizes " + java.util.Arrays.toString(h.sizes) + " are too large");
        }
        int bytes = h.type.bytesPerSample();
        planeBytes = w * hgt * channels * bytes;
        if (planeBytes > Integer.MAX_VALUE - 64) {
            throw BadInputException.forFile(file, "NRRD plane of " + planeBytes + " bytes is too large");
        }
        dataBytes = Math.multiplyExact(planeBytes, z);
        dataFile = h.dataFile != null ? h.dataFile : file;
        if (h.dataFile == null && h.dataOffset < 0) {
            throw BadInputException.forFile(file, "NRRD header has no data after it and names no data file");
        }
        if (!Files.isRegularFile(dataFile)) {
            throw BadInputException.forFile(file, "NRRD data file " + dataFile + " does not exist");
        }
        long start = h.dataFile != null ? skipLines(dataFile, h.lineSkip) : h.dataOffset;
        boolean raw = h.encoding.equals("raw");
        if (raw) {
            long size = Files.size(dataFile);
            rawStart = h.byteSkip == -1 ? size - dataBytes : start + h.byteSkip;
            if (rawStart < 0 || rawStart + dataBytes > size) {
                throw BadInputException.forFile(file, "NRRD data is truncated: needs " + dataBytes + " bytes, the file has "
                        + Math.max(0, size - Math.max(0, rawStart)));
            }
            channel = FileChannel.open(dataFile, StandardOpenOption.READ);
        } else {
            if (!Set.of("gzip", "gz", "ascii", "text", "txt").contains(h.encoding)) {
                throw BadInputException.forFile(file, "NRRD encoding " + Excerpt.quoted(h.encoding) + " is not supported (raw, gzip and ascii are)");
            }
            if (dataBytes > Integer.MAX_VALUE - 64) {
                throw BadInputException.forFile(file, "compressed NRRD volume of " + dataBytes + " bytes is too large to decode");
            }
            rawStart = start;
            channel = null;
        }
        PixelCalibration calibration = calibration(h, spatialStart, spatial);
        Map<String, String> props = new LinkedHashMap<>();
        props.put("nrrd.type", h.fields.get("type"));
        props.put("nrrd.encoding", h.encoding);
        if (h.space != null) {
            props.put("nrrd.space", h.space);
        }
        h.keyValues.forEach((k, v) -> props.put("nrrd." + k, v));
        metadata = new ImageMetadata("nrrd", (int) w, (int) hgt, (int) z, 1, channels, h.type, calibration,
                List.of(new ResolutionLevel(1, (int) w, (int) hgt)), (int) w, (int) hgt, List.of(), props,
                geometry(h, spatialStart, spatial));
    }

    private static boolean isChannelAxis(NrrdHeader h, int axis) {
        if (h.spaceDirections != null && axis < h.spaceDirections.length && h.spaceDirections[axis] == null) {
            return true;
        }
        String kinds = h.fields.get("kinds");
        if (kinds != null) {
            String[] k = kinds.split("\\s+");
            return axis < k.length && CHANNEL_KINDS.contains(k[axis].toLowerCase(Locale.ROOT));
        }
        return false;
    }

    private static PixelCalibration calibration(NrrdHeader h, int spatialStart, int spatial) {
        double[] spacing = {1, 1, 1};
        String unit = "mm";
        if (h.spaceDirections != null) {
            for (int a = 0; a < spatial && spatialStart + a < h.spaceDirections.length; a++) {
                double[] v = h.spaceDirections[spatialStart + a];
                if (v != null) {
                    spacing[a] = norm(v);
                }
            }
        } else if (h.fields.containsKey("spacings")) {
            String[] s = h.fields.get("spacings").split("\\s+");
            for (int a = 0; a < spatial && spatialStart + a < s.length; a++) {
                try {
                    double v = Double.parseDouble(s[spatialStart + a]);
                    spacing[a] = Double.isFinite(v) && v != 0 ? Math.abs(v) : 1;
                } catch (NumberFormatException e) {
                    // "nan": keep 1
                }
            }
        } else {
            return PixelCalibration.UNCALIBRATED;
        }
        String units = h.fields.get("space units");
        if (units != null) {
            String first = units.replace("\"", " ").strip().split("\\s+")[0];
            if (!first.isEmpty()) {
                unit = first;
            }
        }
        for (int i = 0; i < 3; i++) {
            if (!(spacing[i] > 0)) {
                spacing[i] = 1;
            }
        }
        return new PixelCalibration(spacing[0], spacing[1], spacing[2], unit);
    }

    /** Origin and unit directions in LPS (RAS spaces are converted). */
    private static VolumeGeometry geometry(NrrdHeader h, int spatialStart, int spatial) {
        if (h.spaceDirections == null) {
            return VolumeGeometry.IDENTITY;
        }
        double[] direction = new double[9];
        for (int a = 0; a < 3; a++) {
            double[] v = a < spatial && spatialStart + a < h.spaceDirections.length ? h.spaceDirections[spatialStart + a] : null;
            if (v == null || v.length < 3 || norm(v) == 0) {
                continue;
            }
            double n = norm(v);
            for (int i = 0; i < 3; i++) {
                direction[3 * a + i] = v[i] / n;
            }
        }
        if (spatial == 2) {
            // a 2D image in 3D space: z is the normal of its plane
            direction[6] = direction[1] * direction[5] - direction[2] * direction[4];
            direction[7] = direction[2] * direction[3] - direction[0] * direction[5];
            direction[8] = direction[0] * direction[4] - direction[1] * direction[3];
        }
        double[] origin = h.spaceOrigin != null && h.spaceOrigin.length >= 3 ? h.spaceOrigin.clone() : new double[3];
        String space = h.space == null ? "" : h.space.toLowerCase(Locale.ROOT);
        if (space.equals("right-anterior-superior") || space.equals("ras")) {
            for (int a = 0; a < 3; a++) {
                direction[3 * a] = -direction[3 * a];
                direction[3 * a + 1] = -direction[3 * a + 1];
            }
            origin[0] = -origin[0];
            origin[1] = -origin[1];
        }
        return new VolumeGeometry(origin, direction);
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    @Override
    public ImageMetadata metadata() {
        return metadata;
    }

    @Override
    public ImageReference reference() {
        return new ImageReference(file.toUri(), "nrrd");
    }

    @Override
    protected PixelBuffer readTile(int level, int tileX, int tileY, int z, int t) throws IOException {
        byte[] plane = new byte[(int) planeBytes];
        if (channel != null) {
            ByteBuffer buffer = ByteBuffer.wrap(plane);
            long position = rawStart + z * planeBytes;
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, position + buffer.position()) < 0) {
                    throw BadInputException.forFile(file, "NRRD data ends early (file changed?)");
                }
            }
        } else {
            System.arraycopy(decodedData(), (int) (z * planeBytes), plane, 0, plane.length);
        }
        return toBuffer(plane);
    }

    private synchronized byte[] decodedData() throws IOException {
        if (decoded == null) {
            decoded = header.encoding.startsWith("gz") ? gunzip() : parseText();
        }
        return decoded;
    }

    private byte[] gunzip() throws IOException {
        try (InputStream raw = Files.newInputStream(dataFile)) {
            raw.skipNBytes(rawStart);
            try (InputStream in = new GZIPInputStream(new BufferedInputStream(raw), 1 << 16)) {
                if (header.byteSkip > 0) {
                    in.skipNBytes(header.byteSkip);
                }
                byte[] out = in.readNBytes((int) dataBytes);
                if (out.length < dataBytes) {
                    throw BadInputException.forFile(file, "NRRD gzip data is truncated: " + out.length + " of " + dataBytes + " bytes");
                }
                return out;
            }
        } catch (EOFException | ZipException e) {
            throw BadInputException.forFile(file, "NRRD gzip data is corrupt or truncated (" + e.getMessage() + ")");
        }
    }

    private byte[] parseText() throws IOException {
        long count = dataBytes / header.type.bytesPerSample();
        ByteBuffer out = ByteBuffer.allocate((int) dataBytes).order(header.order);
        try (InputStream raw = Files.newInputStream(dataFile)) {
            raw.skipNBytes(rawStart);
            StreamTokenizer tokens = new StreamTokenizer(new BufferedReader(new InputStreamReader(raw, StandardCharsets.US_ASCII)));
            tokens.resetSyntax();
            tokens.wordChars('0', '9');
            tokens.wordChars('-', '.');
            tokens.wordChars('e', 'e');
            tokens.wordChars('E', 'E');
            tokens.wordChars('+', '+');
            tokens.whitespaceChars(0, ' ');
            tokens.whitespaceChars(',', ',');
            for (long i = 0; i < count; i++) {
                if (tokens.nextToken() != StreamTokenizer.TT_WORD) {
                    throw BadInputException.forFile(file, "NRRD text data has " + i + " of " + count + " values");
                }
                double v;
                try {
                    v = Double.parseDouble(tokens.sval);
                } catch (NumberFormatException e) {
                    throw BadInputException.forFile(file, "NRRD text data has a malformed value " + Excerpt.quoted(tokens.sval));
                }
                switch (header.type) {
                    case UINT8, INT8 -> out.put((byte) v);
                    case UINT16, INT16 -> out.putShort((short) v);
                    case UINT32, INT32 -> out.putInt((int) (long) v);
                    case FLOAT32 -> out.putFloat((float) v);
                    case FLOAT64 -> out.putDouble(v);
                }
            }
        }
        return out.array();
    }

    private PixelBuffer toBuffer(byte[] plane) {
        ImageMetadata m = metadata;
        PixelType type = m.pixelType();
        ByteBuffer bb = ByteBuffer.wrap(plane).order(header.order);
        Object data = switch (type) {
            case UINT8, INT8 -> plane;
            case UINT16, INT16 -> {
                short[] s = new short[plane.length / 2];
                bb.asShortBuffer().get(s);
                yield s;
            }
            case UINT32, INT32 -> {
                int[] s = new int[plane.length / 4];
                bb.asIntBuffer().get(s);
                yield s;
            }
            case FLOAT32 -> {
                float[] s = new float[plane.length / 4];
                bb.asFloatBuffer().get(s);
                yield s;
            }
            case FLOAT64 -> {
                double[] s = new double[plane.length / 8];
                bb.asDoubleBuffer().get(s);
                yield s;
            }
        };
        return new PixelBuffer(m.width(), m.height(), channels, type, data);
    }

    /** Where the data starts in a detached data file after skipping text lines. */
    private static long skipLines(Path dataFile, long lines) throws IOException {
        if (lines <= 0) {
            return 0;
        }
        long position = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(dataFile))) {
            long seen = 0;
            int b;
            while (seen < lines && (b = in.read()) != -1) {
                position++;
                if (b == '\n') {
                    seen++;
                }
            }
        }
        return position;
    }

    @Override
    public void close() throws IOException {
        releaseTiles();
        if (channel != null) {
            channel.close();
        }
        synchronized (this) {
            decoded = null;
        }
    }
}
