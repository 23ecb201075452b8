package org.focal.core.dataset;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The ordered, uniquely named labels of a dataset; hotkeys other than 0 are unique too. */
public record LabelSet(List<Label> labels) {

    /** Colours given to labels created from bare names, in order (a qualitative palette). */
    private static final String[] PALETTE = {"#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#46f0f0",
        "#f032e6", "#bcf60c", "#fabebe", "#008080", "#e6beff", "#9a6324"};

    public LabelSet {
        labels = List.copyOf(labels);
        Set<String> names = new HashSet<>();
        Set<Integer> keys = new HashSet<>();
        for (Label l : labels) {
            if (!names.add(l.name())) {
                throw new IllegalArgumentException("label '" + l.name() + "' appears twice");
            }
            if (l.hotkey() != 0 && !keys.add(l.hotkey())) {
                throw new IllegalArgumentException("hotkey " + l.hotkey() + " is used by two labels");
            }
        }
    }

    /** Labels from names, with palette colours and hotkeys 1..9 in order. */
    public static LabelSet ofNames(List<String> names) {
        List<Label> result = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            result.add(new Label(names.get(i).strip(), PALETTE[i % PALETTE.length], i < 9 ? i + 1 : 0));
        }
        return new LabelSet(result);
    }

    public Optional<Label> byName(String name) {
        return labels.stream().filter(l -> l.name().equals(name)).findFirst();
    }

    public Optional<Label> byHotkey(int digit) {
        return digit == 0 ? Optional.empty() : labels.stream().filter(l -> l.hotkey() == digit).findFirst();
    }
}
