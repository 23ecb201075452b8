package org.focal.io.tiff.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.focal.core.BadInputException;
import org.focal.core.image.ImageMetadata;
import org.focal.core.image.ImageProperties;
import org.focal.core.image.ImageReference;
import org.focal.core.image.PixelCalibration;
import org.focal.core.image.ResolutionLevel;
import org.focal.io.TileCache;
import org.focal.io.codecs.JpegDecoder;

/** Works out what a TIFF file holds (Aperio SVS, OME-TIFF or a plain/pyramidal TIFF) and opens it. */
final class TiffOpener {

    /** Longest ImageDescription read (OME-XML of many planes can be long). */
    static final int MAX_DESCRIPTION = 64 << 20;

    private final TileCache cache;
    private final Path path;
    private final Map<String, String> options;
    private final TiffFile file;

    private TiffOpener(TileCache cache, Path path, Map<String, String> options, TiffFile file) {
        this.cache = cache;
        this.path = path;
        this.options = options;
        this.file = file;
    }

    static TiffSource open(TileCache cache, Path path, Map<String, String> options) throws IOException {
        return open(cache, path, options, () -> null);
    }

    /** @param jpeg the faster JPEG decoder of the moment (null: the JDK's), asked at each tile */
    static TiffSource open(TileCache cache, Path path, Map<String, String> options, Supplier<JpegDecoder> jpeg)
            throws IOException {
        TiffFile file = TiffFile.open(path);
        file.jpegDecoder = "jdk".equals(options.get(JpegDecoder.OPTION)) ? () -> null : jpeg;
        try {
            return new TiffOpener(cache, path, options, file).open();
        } catch (BadInputException e) {
            file.close();
            throw e;
        } catch (IOException e) {
            file.close();
            throw e;
        } catch (RuntimeException e) {
            file.close();
            throw BadInputException.forFile(path, "corrupt TIFF: " + e, e);
        }
    }

    private TiffSource open() throws IOException {
        Ifd first = file.ifds().get(0);
        String description = first.ascii(Tags.IMAGE_DESCRIPTION, MAX_DESCRIPTION);
        if (AperioDescription.isAperio(description)) {
            return aperio(description);
        }
        if (OmeXml.looksLikeOme(description)) {
            OmeXml ome;
            try {
                ome = OmeXml.parse(description);
            } catch (Exception e) {
                ome = null; // not valid OME-XML: read it as a plain TIFF
            }
            if (ome != null && !ome.images.isEmpty()) {
                return ome(ome);
            }
        }
        return generic(description);
    }

    private ImageReference reference() {
        return new ImageReference(path.toUri(), TiffReader.ID, options);
    }

    private Map<String, String> tiffProperties(Ifd ifd, String description, TiffImage level0) throws IOException {
        Map<String, String> p = new LinkedHashMap<>();
        if (description != null && description.length() <= 65536) {
            p.put("tiff.ImageDescription", description);
        }
        putAscii(p, "tiff.Software", ifd, Tags.SOFTWARE);
        putAscii(p, "tiff.Make", ifd, Tags.MAKE);
        putAscii(p, "tiff.Model", ifd, Tags.MODEL);
        putAscii(p, "tiff.DateTime", ifd, Tags.DATE_TIME);
        double xr = ifd.rational(Tags.X_RESOLUTION);
        double yr = ifd.rational(Tags.Y_RESOLUTION);
        if (!Double.isNaN(xr)) {
            p.put("tiff.XResolution", Double.toString(xr));
        }
        if (!Double.isNaN(yr)) {
            p.put("tiff.YResolution", Double.toString(yr));
        }
        long unit = ifd.longValue(Tags.RESOLUTION_UNIT, 2);
        p.put("tiff.ResolutionUnit", unit == 1 ? "none" : unit == 3 ? "centimeter" : "inch");
        p.put(ImageProperties.COMPRESSION, level0.compressionName());
        return p;
    }

    private static void putAscii(Map<String, String> p, String key, Ifd ifd, int tag) throws IOException {
        String v = ifd.ascii(tag, 4096);
        if (v != null && !v.isBlank()) {
            p.put(key, v.strip());
        }
    }

    // ---------------------------------------------------------------- Aperio SVS

    private TiffSource aperio(String description) throws IOException {
        List<Ifd> ifds = file.ifds();
        List<TiffImage> levels = new ArrayList<>();
        Map<String, TiffImage> associated = new LinkedHashMap<>();
        for (int i = 0; i < ifds.size(); i++) {
            Ifd ifd = ifds.get(i);
            boolean tiled = ifd.has(Tags.TILE_WIDTH);
            if (i == 0 || tiled) {
                if (!tiled && i == 0) {
                    throw file.bad("Aperio level 0 is not tiled");
                }
                addLevel(levels, TiffImage.of(ifd));
            } else {
                String name = i == 1 ? "thumbnail"
                        : AperioDescription.associatedName(ifd.ascii(Tags.IMAGE_DESCRIPTION, 4096));
                if (name != null && !associated.containsKey(name)) {
                    associated.put(name, TiffImage.of(ifd));
                }
            }
        }
        AperioDescription ad = AperioDescription.parse(description);
        Map<String, String> props = tiffProperties(ifds.get(0), description, levels.get(0));
        ad.values().forEach((k, v) -> props.put("aperio." + k, v));
        String mag = ad.values().get("AppMag");
        if (mag != null && !mag.isBlank()) {
            props.put(ImageProperties.MAGNIFICATION, mag.strip());
        }
        double mpp = ad.number("MPP");
        PixelCalibration cal = Double.isNaN(mpp) ? PixelCalibration.UNCALIBRATED : new PixelCalibration(mpp, mpp, 1, "um");
        return single("aperio", levels, cal, props, associated);
    }

    // ---------------------------------------------------------------- plain / pyramidal TIFF

    private TiffSource generic(String description) throws IOException {
        List<Ifd> ifds = file.ifds();
        Ifd base = ifds.get(0);
        for (Ifd ifd : ifds) {
            if ((ifd.longValue(Tags.NEW_SUBFILE_TYPE, 0) & 1) == 0) {
                base = ifd;
                break;
            }
        }
        List<TiffImage> levels = new ArrayList<>();
        TiffImage level0 = TiffImage.of(base);
        levels.add(level0);
        List<Ifd> candidates = base.has(Tags.SUB_IFDS) ? base.subIfds() : ifds.subList(ifds.indexOf(base) + 1, ifds.size());
        for (Ifd ifd : candidates) {
            long w = ifd.longValue(Tags.IMAGE_WIDTH, 0);
            long h = ifd.longValue(Tags.IMAGE_LENGTH, 0);
            boolean reduced = (ifd.longValue(Tags.NEW_SUBFILE_TYPE, 0) & 1) != 0;
            TiffImage last = levels.get(levels.size() - 1);
            if (w >= last.width && h >= last.height) {
                continue; // another page or a larger image: not a pyramid level
            }
            if (!reduced && !ifd.has(Tags.TILE_WIDTH)) {
                continue; // an untiled smaller page without the reduced-resolution flag: a thumbnail or so
            }
            TiffImage image = TiffImage.of(ifd);
            if (image.samples == level0.samples && image.type == level0.type && image.channels == level0.channels) {
                addLevel(levels, image);
            }
        }
        Map<String, String> props = tiffProperties(base, description, level0);
        PixelCalibration cal = PixelCalibration.UNCALIBRATED;
        if (base.longValue(Tags.RESOLUTION_UNIT, 2) == 3) {
            double xr = base.rational(Tags.X_RESOLUTION);
            double yr = base.rational(Tags.Y_RESOLUTION);
            if (xr > 0 && Double.isFinite(xr)) {
                double umx = 10000 / xr;
                double umy = yr > 0 && Double.isFinite(yr) ? 10000 / yr : umx;
                cal = new PixelCalibration(umx, umy, 1, "um");
            }
        }
        return single("tiff", levels, cal, props, Map.of());
    }

    /** Adds a level if it is smaller than the last one (pyramids sometimes repeat or reorder pages). */
    private static void addLevel(List<TiffImage> levels, TiffImage image) {
        if (!levels.isEmpty()) {
            TiffImage last = levels.get(levels.size() - 1);
            if (image.width >= last.width && image.height >= last.height) {
                return;
            }
            if (image.samples != levels.get(0).samples || image.type != levels.get(0).type) {
                return;
            }
        }
        levels.add(image);
    }

    private TiffSource single(String format, List<TiffImage> levelImages, PixelCalibration cal, Map<String, String> props,
            Map<String, TiffImage> associated) throws IOException {
        TiffImage l0 = levelImages.get(0);
        List<ResolutionLevel> levels = levels(levelImages);
        TiffImage[][] grid = new TiffImage[levels.size()][];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = new TiffImage[] {levelImages.get(i)};
        }
        ImageMetadata m = new ImageMetadata(format, l0.width, l0.height, 1, 1, l0.channels, l0.type, cal, levels,
                l0.tileWidth, l0.tileHeight, List.copyOf(associated.keySet()), props);
        return new TiffSource(cache, file, m, reference(), grid, 1, (z, c, t) -> 0, associated);
    }

    /** Levels with OpenSlide's downsample (mean of the width and height ratios), kept strictly increasing. */
    private static List<ResolutionLevel> levels(List<TiffImage> images) {
        TiffImage l0 = images.get(0);
        List<ResolutionLevel> out = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            TiffImage im = images.get(i);
            double d = i == 0 ? 1.0 : ((double) l0.width / im.width + (double) l0.height / im.height) / 2;
            if (i > 0 && d <= out.get(out.size() - 1).downsample()) {
                images.subList(i, images.size()).clear();
                break;
            }
            out.add(new ResolutionLevel(d, im.width, im.height));
        }
        return out;
    }

    // ---------------------------------------------------------------- OME-TIFF

    private TiffSource ome(OmeXml ome) throws IOException {
        OmeXml.Image image = ome.images.get(0);
        List<Ifd> ifds = file.ifds();
        String myName = path.getFileName() == null ? "" : path.getFileName().toString();
        int[] planeIfds = planeIfds(image, ifds.size(), myName, TiffImage.of(ifds.get(0)).samples);
        TiffImage first = TiffImage.of(ifds.get(planeIfds[0]));
        int spp = first.samples;
        int cPlanes = Math.max(1, image.sizeC() / spp);
        int sizeZ = Math.max(1, image.sizeZ());
        int sizeT = Math.max(1, image.sizeT());
        // levels: level 0 is the plane IFDs, level k the k-th SubIFD of each plane IFD
        int levelCount = Integer.MAX_VALUE;
        for (int p : planeIfds) {
            levelCount = Math.min(levelCount, 1 + (int) ifds.get(p).count(Tags.SUB_IFDS));
        }
        List<TiffImage[]> grid = new ArrayList<>();
        List<ResolutionLevel> levels = new ArrayList<>();
        for (int level = 0; level < levelCount; level++) {
            TiffImage[] planes = new TiffImage[planeIfds.length];
            for (int i = 0; i < planeIfds.length; i++) {
                Ifd ifd = ifds.get(planeIfds[i]);
                planes[i] = TiffImage.of(level == 0 ? ifd : ifd.subIfds().get(level - 1));
                TiffImage ref = i == 0 ? planes[0] : planes[0];
                if (planes[i].width != ref.width || planes[i].height != ref.height || planes[i].samples != ref.samples
                        || planes[i].type != ref.type || planes[i].tileWidth != ref.tileWidth
                        || planes[i].tileHeight != ref.tileHeight) {
                    throw file.bad("OME-TIFF planes of level " + level + " differ in size, layout or pixel type");
                }
            }
            double d = level == 0 ? 1.0
                    : ((double) first.width / planes[0].width + (double) first.height / planes[0].height) / 2;
            if (level > 0 && (d <= levels.get(levels.size() - 1).downsample() || planes[0].samples != spp
                    || planes[0].type != first.type)) {
                break;
            }
            grid.add(planes);
            levels.add(new ResolutionLevel(d, planes[0].width, planes[0].height));
        }
        Map<String, String> props = tiffProperties(ifds.get(0), null, first);
        props.putAll(OmeXml.properties(image));
        if (ome.magnification != null) {
            double mg = ome.magnification;
            props.put(ImageProperties.MAGNIFICATION, mg == Math.rint(mg) ? Long.toString((long) mg) : Double.toString(mg));
        }
        PixelCalibration cal = PixelCalibration.UNCALIBRATED;
        if (!Double.isNaN(image.physicalX())) {
            double y = Double.isNaN(image.physicalY()) ? image.physicalX() : image.physicalY();
            double z = Double.isNaN(image.physicalZ()) ? 1 : image.physicalZ();
            cal = new PixelCalibration(image.physicalX(), y, z, "um");
        }
        // further OME images with a name (label, macro, ...) become associated images
        Map<String, TiffImage> associated = new LinkedHashMap<>();
        for (int i = 1; i < ome.images.size(); i++) {
            OmeXml.Image other = ome.images.get(i);
            String name = other.name().strip();
            if (name.isEmpty() || associated.containsKey(name) || other.tiffData().isEmpty()) {
                continue;
            }
            OmeXml.TiffData td = other.tiffData().get(0);
            if ((td.fileName() == null || td.fileName().equals(myName)) && td.ifd() >= 0 && td.ifd() < ifds.size()) {
                associated.put(name, TiffImage.of(ifds.get(td.ifd())));
            }
        }
        TiffImage[][] g = grid.toArray(new TiffImage[0][]);
        ImageMetadata m = new ImageMetadata("ome-tiff", first.width, first.height, sizeZ, sizeT, cPlanes * spp,
                first.type, cal, levels, first.tileWidth, first.tileHeight, List.copyOf(associated.keySet()), props);
        return new TiffSource(cache, file, m, reference(), g, cPlanes, (z, c, t) -> image.planeIndex(z, c, t, cPlanes),
                associated);
    }

    /** The main-chain IFD of every plane, indexed in the image's dimension order. */
    private int[] planeIfds(OmeXml.Image image, int ifdCount, String myName, int spp) {
        int cPlanes = Math.max(1, image.sizeC() / spp);
        long count = (long) Math.max(1, image.sizeZ()) * cPlanes * Math.max(1, image.sizeT());
        if (count > ifdCount) {
            throw file.bad("OME-XML describes " + count + " planes, the file has " + ifdCount + " IFDs");
        }
        int[] map = new int[(int) count];
        if (image.tiffData().isEmpty()) {
            for (int i = 0; i < map.length; i++) {
                map[i] = i;
            }
            return map;
        }
        java.util.Arrays.fill(map, -1);
        for (OmeXml.TiffData td : image.tiffData()) {
            if (td.fileName() != null && !td.fileName().isEmpty() && !td.fileName().equals(myName)) {
                throw file.bad("multi-file OME-TIFF (planes in " + td.fileName() + ") not supported");
            }
            int start = image.planeIndex(td.firstZ(), td.firstC(), td.firstT(), cPlanes);
            int n = td.planeCount() >= 0 ? td.planeCount() : image.tiffData().size() == 1 ? map.length - start : 1;
            for (int k = 0; k < n && start + k < map.length; k++) {
                int ifd = td.ifd() + k;
                if (ifd < 0 || ifd >= ifdCount) {
                    throw file.bad("OME-XML places a plane in IFD " + ifd + ", the file has " + ifdCount);
                }
                map[start + k] = ifd;
            }
        }
        for (int i = 0; i < map.length; i++) {
            if (map[i] < 0) {
                throw file.bad("OME-XML does not say which IFD holds plane " + i);
            }
        }
        return map;
    }
}
