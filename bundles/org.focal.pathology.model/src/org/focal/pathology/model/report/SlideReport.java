package org.focal.pathology.model.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.imageio.ImageIO;

import org.focal.core.image.ImageMetadata;
import org.focal.core.image.ImageSource;
import org.focal.core.image.PixelBuffer;
import org.focal.core.image.RegionRequest;
import org.focal.pathology.model.Prediction;
import org.focal.pathology.slide.SlideAnalysis;
import org.focal.pathology.slide.TileSpec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The report folder of {@code focal pathology predict}: result.json, thumbnail.png (analysed tiles
 * in grey, key tiles outlined in their feature group's colour), importance.png (bar chart of the
 * top features) and report.html tying them together.
 */
public final class SlideReport {

    static final int THUMBNAIL_SIZE = 1024;
    /** Colour-blind safe (Okabe-Ito) colours per feature group. */
    static final Map<String, Color> GROUP_COLORS = Map.of("tile", new Color(0xE69F00), "nucleus", new Color(0x0072B2),
            "spatial", new Color(0x009E73), "deep", new Color(0xCC79A7));
    static final Color OTHER = new Color(0xD55E00);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SlideReport() {
    }

    /** Writes result.json, thumbnail.png, importance.png and report.html into {@code dir} (which exists). */
    public static void write(Prediction p, SlideAnalysis.Result slide, ImageSource source, Path dir) throws IOException {
        writeAtomically(dir.resolve("result.json"), JSON.writeValueAsBytes(p));
        png(thumbnail(p, slide, source), dir.resolve("thumbnail.png"));
        png(importance(p), dir.resolve("importance.png"));
        writeAtomically(dir.resolve("report.html"), html(p).getBytes(StandardCharsets.UTF_8));
    }

    public static Color color(String group) {
        return GROUP_COLORS.getOrDefault(group, OTHER);
    }

    private static BufferedImage thumbnail(Prediction p, SlideAnalysis.Result slide, ImageSource source) throws IOException {
        ImageMetadata m = source.metadata();
        double downsample = Math.max(m.width(), m.height()) / (double) THUMBNAIL_SIZE;
        // small images are drawn larger so the outlines stay visible
        double scale = 1 / downsample;
        PixelBuffer px = source.read(new RegionRequest(0, 0, m.width(), m.height(), Math.max(1.0, downsample), 0, 0));
        BufferedImage image = new BufferedImage((int) Math.round(m.width() * scale), (int) Math.round(m.height() * scale),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(toImage(px), 0, 0, image.getWidth(), image.getHeight(), null);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(128, 128, 128, 110));
        g.setStroke(new BasicStroke(1f));
        for (TileSpec t : slide.tiles()) {
            g.drawRect((int) Math.round(t.x() * scale), (int) Math.round(t.y() * scale),
                    (int) Math.round(t.level0Size() * scale), (int) Math.round(t.level0Size() * scale));
        }
        g.setStroke(new BasicStroke(3f));
        int rank = 1;
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        for (Prediction.KeyTile k : p.keyTiles()) {
            g.setColor(color(k.group()));
            int x = (int) Math.round(k.x() * scale);
            int y = (int) Math.round(k.y() * scale);
            g.drawRect(x + 1, y + 1, Math.max(2, (int) Math.round(k.width() * scale) - 3),
                    Math.max(2, (int) Math.round(k.height() * scale) - 3));
            g.drawString(Integer.toString(rank++), x + 5, y + 17);
        }
        g.dispose();
        return image;
    }

    private static BufferedImage toImage(PixelBuffer px) {
        BufferedImage img = new BufferedImage(px.width(), px.height(), BufferedImage.TYPE_INT_RGB);
        byte[] b = (byte[]) px.data();
        int[] rgb = new int[px.width() * px.height()];
        for (int i = 0, j = 0; i < rgb.length; i++, j += 3) {
            rgb[i] = (b[j] & 0xFF) << 16 | (b[j + 1] & 0xFF) << 8 | (b[j + 2] & 0xFF);
        }
        img.setRGB(0, 0, px.width(), px.height(), rgb, 0, px.width());
        return img;
    }

    private static BufferedImage importance(Prediction p) {
        List<Prediction.TopFeature> top = p.topFeatures();
        int rowHeight = 26;
        int labelWidth = 360;
        int barWidth = 380;
        int width = labelWidth + barWidth + 80;
        int height = 50 + rowHeight * Math.max(1, top.size()) + 30;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString("Top features (share of classifier importance)", 10, 24);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        double max = top.stream().mapToDouble(Prediction.TopFeature::importance).max().orElse(1);
        int y = 44;
        for (Prediction.TopFeature f : top) {
            g.setColor(Color.BLACK);
            g.drawString(shorten(f.element(), 52), 10, y + 16);
            int bar = (int) Math.round(barWidth * f.importance() / max);
            g.setColor(color(f.group()));
            g.fillRect(labelWidth, y + 4, Math.max(1, bar), rowHeight - 8);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "%.3f", f.importance()), labelWidth + bar + 6, y + 16);
            y += rowHeight;
        }
        if (top.isEmpty()) {
            g.drawString("the classifier gives no feature any importance", 10, y + 16);
        }
        int x = 10;
        y = height - 12;
        for (String group : List.of("tile", "nucleus", "spatial")) {
            g.setColor(color(group));
            g.fillRect(x, y - 10, 12, 12);
            g.setColor(Color.BLACK);
            g.drawString(group, x + 16, y);
            x += 90;
        }
        g.dispose();
        return image;
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
    }

    static String html(Prediction p) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Focal slide report: ")
                .append(esc(Path.of(p.slide()).getFileName().toString())).append("</title>\n<style>body{font-family:sans-serif;margin:2em}"
                        + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}"
                        + ".swatch{display:inline-block;width:12px;height:12px;margin-right:4px}</style></head><body>\n");
        h.append("<h1>").append(esc(Path.of(p.slide()).getFileName().toString())).append("</h1>\n");
        h.append(String.format(Locale.ROOT, "<p><b>P(%s) = %.3f</b>; predicted class: <b>%s</b>. %d tiles analysed; tissue covers %.1f%% of the %d x %d slide.</p>%n",
                esc(p.positiveClass()), p.probability(), esc(p.predictedClass()), p.tiles(), p.tissueFraction() * 100, p.width(), p.height()));
        if (p.subtype() != null) {
            h.append("<p>Subtype by majority vote of the tiles: <b>").append(esc(p.subtype())).append("</b> (votes ")
                    .append(esc(p.subtypeVotes().toString())).append(").</p>\n");
        }
        if (p.modelMetrics().containsKey("cv_auc")) {
            h.append(String.format(Locale.ROOT, "<p>Model: cross-validated AUC %.3f on %d training slides.</p>%n",
                    p.modelMetrics().get("cv_auc"), p.modelMetrics().getOrDefault("slides", 0.0).intValue()));
        }
        h.append("<h2>Slide and key tiles</h2>\n<img src=\"thumbnail.png\" alt=\"slide thumbnail with key tiles\" style=\"max-width:100%\">\n");
        h.append("<p>");
        for (String group : List.of("tile", "nucleus", "spatial")) {
            h.append(String.format("<span class=\"swatch\" style=\"background:#%06X\"></span>%s features &nbsp; ",
                    color(group).getRGB() & 0xFFFFFF, group));
        }
        h.append("</p>\n<table><tr><th>#</th><th>x, y, w, h (level 0)</th><th>group</th><th>why</th></tr>\n");
        int rank = 1;
        for (Prediction.KeyTile k : p.keyTiles()) {
            h.append(String.format(Locale.ROOT, "<tr><td>%d</td><td>%d, %d, %d, %d</td><td>%s</td><td>%s</td></tr>%n", rank++,
                    k.x(), k.y(), k.width(), k.height(), esc(k.group()), esc(k.reason())));
        }
        h.append("</table>\n<h2>Top features</h2>\n<img src=\"importance.png\" alt=\"feature importance\">\n");
        h.append("<table><tr><th>element</th><th>group</th><th>importance</th><th>slide value</th></tr>\n");
        for (Prediction.TopFeature f : p.topFeatures()) {
            h.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td>%.4f</td><td>%.4g</td></tr>%n", esc(f.element()),
                    esc(f.group()), f.importance(), f.value()));
        }
        h.append("</table>\n<p>Full result: <a href=\"result.json\">result.json</a>.</p>\n</body></html>\n");
        return h.toString();
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static void png(BufferedImage image, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        if (!ImageIO.write(image, "png", tmp.toFile())) {
            throw new IOException("no PNG writer");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        Files.write(tmp, bytes);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
