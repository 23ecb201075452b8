package org.focal.formats.internal;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An importer's warnings, summarised as they come: the first {@link #FIRST} of each kind are
 * kept, the rest only counted and shown as one line "... and N more like this". A file with two
 * million unknown categories gives a few lines, not two million (and not their memory).
 * The kind of a warning is its text after the file name, with numbers and quoted parts blanked.
 */
final class Warnings extends AbstractList<String> {

    static final int FIRST = 5;
    /** The summary line's words; the CLI counts them back into its total. */
    static final String MORE = "... and %d more like this";

    private final List<String> kept = new ArrayList<>();
    private final Map<String, long[]> perKind = new LinkedHashMap<>();
    private final Map<String, String> example = new LinkedHashMap<>();

    @Override
    public boolean add(String warning) {
        String kind = kind(warning);
        long[] n = perKind.computeIfAbsent(kind, k -> new long[1]);
        if (++n[0] <= FIRST) {
            kept.add(warning);
            example.putIfAbsent(kind, warning);
        }
        return true;
    }

    static String kind(String warning) {
        int colon = warning.indexOf(": ");
        String rest = colon < 0 ? warning : warning.substring(colon + 2);
        return rest.replaceAll("'[^']*'", "?").replaceAll("\\d+", "#");
    }

    private List<String> all() {
        List<String> all = new ArrayList<>(kept);
        perKind.forEach((kind, n) -> {
            if (n[0] > FIRST) {
                String first = example.get(kind);
                int colon = first.indexOf(": ");
                all.add((colon < 0 ? "" : first.substring(0, colon + 2)) + String.format(MORE, n[0] - FIRST));
            }
        });
        return all;
    }

    @Override
    public String get(int index) {
        return all().get(index);
    }

    @Override
    public int size() {
        long extra = perKind.values().stream().filter(n -> n[0] > FIRST).count();
        return kept.size() + (int) extra;
    }

    @Override
    public Object[] toArray() {
        return all().toArray();
    }

    @Override
    public java.util.Iterator<String> iterator() {
        return all().iterator();
    }
}
