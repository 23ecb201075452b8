package org.focal.cli.internal;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.focal.cli.FocalCommand;
import org.focal.core.plugin.FocalPlugin;
import org.focal.core.plugin.PluginKind;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code focal plugins}: every plugin service registered right now, grouped by kind. */
@Component(service = FocalCommand.class, scope = ServiceScope.PROTOTYPE)
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "List the installed plugins (commands, readers, scenarios, tools, extractors, trainers, exporters) by kind.")
public final class PluginsCommand implements FocalCommand {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON document instead of text.")
    boolean json;

    private final BundleContext context;

    @Activate
    public PluginsCommand(BundleContext context) {
        this.context = context;
    }

    /** Service properties of a plugin registered by one bundle for another. */
    static final String PROVIDER_BUNDLE = "focal.provider.bundle";
    static final String PROVIDER_VERSION = "focal.provider.version";

    /** One registered plugin service. */
    record Entry(String id, String bundle, String version, long serviceId) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode root = mapper.createObjectNode();
            root.put("focalVersion", context.getBundle().getVersion().toString());
            ObjectNode kinds = root.putObject("plugins");
            for (PluginKind kind : kinds(context)) {
                ArrayNode array = kinds.putArray(kind.key());
                for (Entry e : entries(kind)) {
                    ObjectNode node = array.addObject();
                    node.put("id", e.id());
                    node.put("bundle", e.bundle());
                    node.put("version", e.version());
                    node.put("serviceId", e.serviceId());
                }
            }
            out.println(mapper.writeValueAsString(root));
        } else {
            for (PluginKind kind : kinds(context)) {
                List<Entry> entries = entries(kind);
                out.println(kind.label() + " (" + entries.size() + ")");
                int width = entries.stream().mapToInt(e -> e.id().length()).max().orElse(0);
                for (Entry e : entries) {
                    out.printf("  %-" + width + "s  %s %s%n", e.id(), e.bundle(), e.version());
                }
            }
        }
        return 0;
    }

    /**
     * The kinds declared right now by the bundles that own the plugin interfaces (capability
     * {@value PluginKind#CAPABILITY}), in their declared order; a kind whose bundle is not resolved
     * is not listed.
     */
    static List<PluginKind> kinds(BundleContext context) {
        Map<String, PluginKind> byKey = new LinkedHashMap<>();
        for (Bundle bundle : context.getBundles()) {
            if ((bundle.getState() & (Bundle.INSTALLED | Bundle.UNINSTALLED)) != 0) {
                continue;
            }
            BundleRevision revision = bundle.adapt(BundleRevision.class);
            if (revision == null) {
                continue;
            }
            for (BundleCapability capability : revision.getDeclaredCapabilities(PluginKind.CAPABILITY)) {
                PluginKind kind = PluginKind.fromAttributes(capability.getAttributes());
                byKey.putIfAbsent(kind.key(), kind);
            }
        }
        List<PluginKind> kinds = new ArrayList<>(byKey.values());
        kinds.sort(Comparator.comparingLong(PluginKind::order).thenComparing(PluginKind::key));
        return kinds;
    }

    List<Entry> entries(PluginKind kind) throws InvalidSyntaxException {
        ServiceReference<?>[] refs = context.getAllServiceReferences(kind.serviceInterface(), null);
        List<Entry> result = new ArrayList<>();
        if (refs == null) {
            return result;
        }
        for (ServiceReference<?> ref : refs) {
            Bundle bundle = ref.getBundle();
            if (bundle == null) {
                continue; // unregistered meanwhile
            }
            // an extender registering on behalf of a code-less bundle (scenarios) names that bundle
            Object provider = ref.getProperty(PROVIDER_BUNDLE);
            Object providerVersion = ref.getProperty(PROVIDER_VERSION);
            result.add(new Entry(idOf(ref), provider != null ? provider.toString() : bundle.getSymbolicName(),
                    providerVersion != null ? providerVersion.toString() : bundle.getVersion().toString(),
                    (Long) ref.getProperty("service.id")));
        }
        result.sort(Comparator.comparing(Entry::id).thenComparing(Entry::bundle));
        return result;
    }

    private String idOf(ServiceReference<?> ref) {
        Object service = context.getService(ref);
        try {
            if (service instanceof FocalPlugin plugin) {
                return plugin.id();
            }
            Object name = ref.getProperty("component.name");
            return name != null ? name.toString() : "service " + ref.getProperty("service.id");
        } finally {
            if (service != null) {
                context.ungetService(ref);
            }
        }
    }
}
