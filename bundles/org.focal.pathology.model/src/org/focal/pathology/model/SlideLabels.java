package org.focal.pathology.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.focal.core.BadInputException;

/**
 * A training table: CSV with a header naming at least a {@code path} column and the label column
 * (default {@code label}), e.g. {@code path,label}. Paths are relative to the CSV's folder unless
 * absolute. An optional subtype column names each slide's subtype for routing.
 */
public final class SlideLabels {

    /** One labelled slide; {@code subtype} is null when the table has no subtype column. */
    public record Entry(Path slide, String label, String subtype, int line) {
    }

    private SlideLabels() {
    }

    public static List<Entry> read(Path csv, String labelColumn, String subtypeColumn) {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw BadInputException.forFile(csv, "no such file");
        } catch (IOException e) {
            throw BadInputException.forFile(csv, "cannot read: " + e.getMessage());
        }
        if (lines.isEmpty()) {
            throw BadInputException.forFile(csv, "empty file; expected a header such as 'path,label'");
        }
        if (lines.get(0).startsWith("\uFEFF")) {
            lines.set(0, lines.get(0).substring(1)); // the byte order mark spreadsheet programs write
        }
        List<String> header = Arrays.stream(split(lines.get(0))).map(String::trim).toList();
        int pathCol = column(csv, header, "path");
        int labelCol = column(csv, header, labelColumn);
        int subtypeCol = subtypeColumn == null ? -1 : column(csv, header, subtypeColumn);
        Path base = csv.toAbsolutePath().getParent();
        List<Entry> entries = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String[] cells = split(line);
            int needed = Math.max(pathCol, Math.max(labelCol, subtypeCol)) + 1;
            if (cells.length < needed) {
                throw BadInputException.forFile(csv, "line " + (i + 1) + " has " + cells.length + " columns, expected at least " + needed);
            }
            String label = cells[labelCol].trim();
            if (label.isEmpty()) {
                throw BadInputException.forFile(csv, "line " + (i + 1) + " has an empty " + labelColumn);
            }
            Path slide = base.resolve(cells[pathCol].trim()).normalize();
            if (!Files.isRegularFile(slide)) {
                throw BadInputException.forFile(csv, "line " + (i + 1) + ": slide " + slide + " does not exist");
            }
            entries.add(new Entry(slide, label, subtypeCol < 0 ? null : cells[subtypeCol].trim(), i + 1));
        }
        if (entries.isEmpty()) {
            throw BadInputException.forFile(csv, "no slides listed");
        }
        return entries;
    }

    private static int column(Path csv, List<String> header, String name) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw BadInputException.forFile(csv, "no '" + name + "' column in the header " + String.join(",", header));
        }
        return i;
    }

    /** Splits a CSV line; double-quoted cells may contain commas ("" is a quote). */
    static String[] split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells.toArray(String[]::new);
    }
}
