package org.focal.store.json;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.focal.core.annotation.Annotation;
import org.focal.core.annotation.AnnotationKind;
import org.focal.core.annotation.AnnotationSource;
import org.focal.core.annotation.ImagePlane;
import org.focal.core.annotation.ReviewState;
import org.focal.core.dataset.Label;
import org.focal.core.dataset.LabelSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Lossless JSON for annotations and label sets (Focal JSON, undo history). */
public final class AnnotationJson {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private AnnotationJson() {
    }

    public static ObjectNode write(Annotation a) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("id", a.id().toString());
        o.put("kind", a.kind().name().toLowerCase(Locale.ROOT));
        if (a.hasGeometry()) {
            o.set("geometry", GeometryJson.write(a.geometry()));
        }
        o.put("z", a.plane().z());
        o.put("t", a.plane().t());
        o.put("label", a.label());
        o.put("source", a.source().toString());
        if (a.author() != null) {
            o.put("author", a.author());
        }
        if (!Double.isNaN(a.confidence())) {
            o.put("confidence", a.confidence());
        }
        o.put("state", a.state().name().toLowerCase(Locale.ROOT));
        o.put("created", a.created().toString());
        o.put("modified", a.modified().toString());
        return o;
    }

    /** Reads what {@link #write} wrote; {@link IllegalArgumentException} with a short reason when malformed. */
    public static Annotation read(JsonNode o) {
        try {
            AnnotationKind kind = AnnotationKind.valueOf(o.path("kind").asText().toUpperCase(Locale.ROOT));
            JsonNode g = o.get("geometry");
            JsonNode confidence = o.get("confidence");
            JsonNode author = o.get("author");
            Instant created = Instant.parse(o.path("created").asText());
            return new Annotation(
                    UUID.fromString(o.path("id").asText()),
                    kind,
                    g == null || g.isNull() ? null : GeometryJson.read(g),
                    new ImagePlane(o.path("z").asInt(0), o.path("t").asInt(0)),
                    o.path("label").asText(null),
                    AnnotationSource.parse(o.path("source").asText("manual")),
                    author == null || author.isNull() ? null : author.asText(),
                    confidence == null || confidence.isNull() ? Double.NaN : confidence.asDouble(),
                    ReviewState.valueOf(o.path("state").asText("accepted").toUpperCase(Locale.ROOT)),
                    created,
                    o.has("modified") ? Instant.parse(o.get("modified").asText()) : created);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("bad time: " + e.getParsedString(), e);
        }
    }

    public static ArrayNode writeLabels(LabelSet labels) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (Label l : labels.labels()) {
            a.addObject().put("name", l.name()).put("color", l.color()).put("hotkey", l.hotkey());
        }
        return a;
    }

    public static LabelSet readLabels(JsonNode a) {
        List<Label> labels = new ArrayList<>();
        for (JsonNode l : a) {
            labels.add(new Label(l.path("name").asText(), l.path("color").asText(), l.path("hotkey").asInt(0)));
        }
        return new LabelSet(labels);
    }

    /** The set with the missing names appended (palette colours, free hotkeys). */
    public static LabelSet withNames(LabelSet labels, List<String> names) {
        List<Label> all = new ArrayList<>(labels.labels());
        List<String> palette = LabelSet.ofNames(java.util.stream.IntStream.range(0, all.size() + names.size())
                .mapToObj(i -> "l" + i).toList()).labels().stream().map(Label::color).toList();
        for (String name : names) {
            if (labels.byName(name).isPresent() || all.stream().anyMatch(l -> l.name().equals(name))) {
                continue;
            }
            int key = 0;
            for (int k = 1; k <= 9; k++) {
                final int kk = k;
                if (all.stream().noneMatch(l -> l.hotkey() == kk)) {
                    key = k;
                    break;
                }
            }
            all.add(new Label(name, palette.get(all.size()), key));
        }
        return new LabelSet(all);
    }
}
