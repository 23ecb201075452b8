package org.focal.core.plugin;

import java.util.Map;

/**
 * A kind of plugin service, declared by the bundle that owns its interface with a manifest
 * capability, so that front ends list every kind without the core naming client classes:
 *
 * <pre>
 * Provide-Capability: org.focal.plugin.kind;kind=scenarios;label=scenarios;
 *   service=org.focal.core.scenario.Scenario;order:Long=30
 * </pre>
 *
 * @param key stable key, used as the JSON field name by {@code focal plugins --json}
 * @param label plural words for people
 * @param serviceInterface the service interface plugins of this kind register under
 * @param order where front ends list the kind (ascending)
 */
public record PluginKind(String key, String label, String serviceInterface, long order) {

    /** The capability namespace kinds are declared in. */
    public static final String CAPABILITY = "org.focal.plugin.kind";

    public PluginKind {
        if (key == null || key.isBlank() || serviceInterface == null || serviceInterface.isBlank()) {
            throw new IllegalArgumentException("a plugin kind needs a key and a service interface");
        }
        label = label == null || label.isBlank() ? key : label;
    }

    /** The kind declared by one capability's attributes ({@code kind}, {@code label}, {@code service}, {@code order}). */
    public static PluginKind fromAttributes(Map<String, Object> attributes) {
        Object order = attributes.get("order");
        return new PluginKind(string(attributes.get("kind")), string(attributes.get("label")),
                string(attributes.get("service")), order instanceof Number n ? n.longValue() : 1000);
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }
}
