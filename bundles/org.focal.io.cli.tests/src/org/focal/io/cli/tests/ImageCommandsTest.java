package org.focal.io.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.focal.cli.FocalCli;
import org.focal.testing.Services;
import org.focal.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** focal info / region / thumbnail through the CLI service, as the product runs them. */
class ImageCommandsTest {

    record Result(int code, String out, String err) {
    }

    @TempDir
    Path dir;

    static Result focal(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Services.await(FocalCli.class).execute(List.of(args), new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void infoJsonHasTheDocumentedFields() throws Exception {
        Result r = focal("info", "--json", TestData.path("radiology/nrrd-mr-rois/brain1_image.nrrd").toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        for (String field : List.of("format", "width", "height", "sizeZ", "sizeT", "channels", "pixelType", "levels",
                "tileWidth", "tileHeight", "pixelSize", "associatedImages")) {
            assertTrue(j.has(field), field + " missing: " + r.out());
        }
        assertEquals("nrrd", j.get("format").asText());
        assertEquals(25, j.get("sizeZ").asInt());
        assertEquals("int16", j.get("pixelType").asText());
        assertEquals(6.5, j.get("pixelSize").get("z").asDouble(), 1e-9);
        assertEquals("mm", j.get("pixelSize").get("unit").asText());
        assertEquals(1.0, j.get("levels").get(0).get("downsample").asDouble());
        assertEquals(3, j.get("geometry").get("origin").size());
    }

    @Test
    void infoTextIsReadable() {
        Result r = focal("info", TestData.path("natural/ihc.png").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("size\\s+\\d+ x \\d+")), r.out());
    }

    @Test
    void regionWritesTheRequestedPixels() throws Exception {
        Path png = dir.resolve("r.png");
        Path source = TestData.path("natural/ihc.png");
        Result r = focal("region", source.toString(), "--x", "100", "--y", "50", "--w", "64", "--h", "32", "--out", png.toString());
        assertEquals(0, r.code(), r.err());
        BufferedImage region = ImageIO.read(png.toFile());
        BufferedImage whole = ImageIO.read(source.toFile());
        assertEquals(64, region.getWidth());
        assertEquals(32, region.getHeight());
        for (int y = 0; y < 32; y += 7) {
            for (int x = 0; x < 64; x += 5) {
                assertEquals(whole.getRGB(100 + x, 50 + y) & 0xFFFFFF, region.getRGB(x, y) & 0xFFFFFF);
            }
        }
        Path half = dir.resolve("half.png");
        assertEquals(0, focal("region", source.toString(), "--x", "0", "--y", "0", "--w", "64", "--h", "32",
                "--downsample", "2", "--out", half.toString()).code());
        assertEquals(32, ImageIO.read(half.toFile()).getWidth());
    }

    @Test
    void regionOfAVolumeUsesPlaneAndWindow() throws Exception {
        Path png = dir.resolve("slice.png");
        Result r = focal("region", TestData.path("radiology/nrrd-mr-rois/brain1_image.nrrd").toString(), "--x", "0",
                "--y", "0", "--w", "256", "--h", "256", "--z", "12", "--window", "300,600", "--out", png.toString());
        assertEquals(0, r.code(), r.err());
        BufferedImage slice = ImageIO.read(png.toFile());
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, slice.getType());
        int bright = 0;
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                bright += (slice.getRaster().getSample(x, y, 0) > 128) ? 1 : 0;
            }
        }
        assertTrue(bright > 1000, "a mid-brain slice has tissue above the window centre: " + bright);
    }

    @Test
    void thumbnailFitsTheLongestSide() throws Exception {
        Path png = dir.resolve("t.png");
        Result r = focal("thumbnail", TestData.path("natural/retina.jpg").toString(), "--max", "200", "--out", png.toString());
        assertEquals(0, r.code(), r.err());
        BufferedImage t = ImageIO.read(png.toFile());
        assertEquals(200, Math.max(t.getWidth(), t.getHeight()));
    }

    @Test
    void userMistakesAreOneLineWithExitCodeTwo() throws Exception {
        Path png = dir.resolve("x.png");
        String nrrd = TestData.path("radiology/nrrd-mr-rois/brain1_image.nrrd").toString();
        Path noise = Files.write(dir.resolve("noise.svs"), new java.util.Random(1).ints(4096, 0, 256)
                .collect(java.io.ByteArrayOutputStream::new, (o, i) -> o.write(i), (a, b) -> { }).toByteArray());
        List<String[]> mistakes = List.of(
                new String[] {"info", dir.resolve("missing.dcm").toString()},
                new String[] {"info", noise.toString()},
                new String[] {"region", nrrd, "--x", "0", "--y", "0", "--w", "10", "--h", "10", "--z", "99", "--out", png.toString()},
                new String[] {"region", nrrd, "--x", "5000", "--y", "0", "--w", "10", "--h", "10", "--out", png.toString()},
                new String[] {"region", nrrd, "--x", "0", "--y", "0", "--w", "10", "--h", "10", "--level", "3", "--out", png.toString()},
                new String[] {"region", nrrd, "--x", "0", "--y", "0", "--w", "10", "--h", "10", "--window", "40", "--out", png.toString()},
                new String[] {"region", nrrd, "--x", "0", "--y", "0", "--w", "10", "--h", "10", "--out", dir.resolve("no/x.png").toString()},
                new String[] {"region", nrrd, "--x", "0", "--y", "0", "--w", "10", "--out", png.toString()},
                new String[] {"thumbnail", nrrd, "--max", "0", "--out", png.toString()});
        for (String[] args : mistakes) {
            Result r = focal(args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().startsWith("focal: "), r.err());
            assertTrue(!r.err().contains("Exception"), r.err());
        }
        assertTrue(!Files.exists(png));
    }

    /**
     * Issue 17 (6): a region of more than one band (2500 x 2000 > 4 M pixels) is read, rendered and
     * written band by band; the PNG holds exactly the image's pixels.
     */
    @Test
    void largeRegionWrittenInBandsHoldsTheRegionsPixels() throws Exception {
        int w = 2500;
        int h = 2000;
        BufferedImage source = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(6);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                source.setRGB(x, y, (x * 255 / w) << 16 | (y * 255 / h) << 8 | random.nextInt(256));
            }
        }
        Path in = dir.resolve("large.png");
        ImageIO.write(source, "png", in.toFile());
        Path png = dir.resolve("bands.png");
        Result r = focal("region", in.toString(), "--x", "0", "--y", "0", "--w", "2500", "--h", "2000", "--out", png.toString());
        assertEquals(0, r.code(), r.err());
        BufferedImage written = ImageIO.read(png.toFile());
        assertEquals(w, written.getWidth());
        assertEquals(h, written.getHeight());
        for (int y = 0; y < h; y += 3) {
            for (int x = 0; x < w; x += 5) {
                assertEquals(source.getRGB(x, y) & 0xFFFFFF, written.getRGB(x, y) & 0xFFFFFF, "at " + x + "," + y);
            }
        }
    }
}
