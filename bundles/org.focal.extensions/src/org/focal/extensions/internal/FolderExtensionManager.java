package org.focal.extensions.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.focal.extensions.ExtensionManager;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** Installs extension jars by reading them into the framework (the jar can then be deleted safely). */
@Component(service = ExtensionManager.class)
public final class FolderExtensionManager implements ExtensionManager {

    /** Bundle location prefix that marks bundles this manager owns. */
    static final String LOCATION_PREFIX = "focal-extension:";

    private final BundleContext context;

    @Activate
    public FolderExtensionManager(BundleContext context) {
        this.context = context;
    }

    @Override
    public Path installationFolder() {
        String area = context.getProperty("osgi.install.area");
        if (area == null) {
            return Path.of("extensions").toAbsolutePath();
        }
        try {
            return Path.of(new URI(area.replace(" ", "%20"))).resolve("extensions");
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Path.of(area.replaceFirst("^file:", "")).resolve("extensions");
        }
    }

    @Override
    public synchronized SyncResult synchronize(List<Path> folders) {
        List<String> installed = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> problems = new ArrayList<>();

        Map<String, Path> wanted = new LinkedHashMap<>();
        for (Path folder : folders) {
            for (Path jar : jarsIn(folder, problems)) {
                wanted.putIfAbsent(LOCATION_PREFIX + jar.toAbsolutePath().normalize(), jar);
            }
        }

        List<Bundle> toRefresh = new ArrayList<>();
        Map<String, Bundle> present = new LinkedHashMap<>();
        for (Bundle b : context.getBundles()) {
            if (b.getLocation().startsWith(LOCATION_PREFIX)) {
                present.put(b.getLocation(), b);
            }
        }
        for (Map.Entry<String, Bundle> e : present.entrySet()) {
            if (!wanted.containsKey(e.getKey())) {
                Bundle b = e.getValue();
                try {
                    String name = describe(b);
                    b.uninstall();
                    removed.add(name);
                    toRefresh.add(b);
                } catch (BundleException ex) {
                    problems.add("extension " + b.getLocation().substring(LOCATION_PREFIX.length()) + ": cannot uninstall: " + ex.getMessage());
                }
            }
        }

        List<Bundle> toStart = new ArrayList<>();
        for (Map.Entry<String, Path> e : wanted.entrySet()) {
            Path jar = e.getValue();
            try {
                checkIsBundle(jar);
                Bundle existing = present.get(e.getKey());
                if (existing == null) {
                    try (InputStream in = Files.newInputStream(jar)) {
                        Bundle b = context.installBundle(e.getKey(), in);
                        installed.add(describe(b));
                        toStart.add(b);
                    }
                } else {
                    if (Files.getLastModifiedTime(jar).toMillis() > existing.getLastModified()) {
                        try (InputStream in = Files.newInputStream(jar)) {
                            existing.update(in);
                        }
                        updated.add(describe(existing));
                        toRefresh.add(existing);
                    }
                    toStart.add(existing);
                }
            } catch (BundleException | IOException | IllegalArgumentException ex) {
                problems.add("extension " + jar + ": " + oneLine(ex));
            }
        }
        refresh(toRefresh);
        for (Bundle b : toStart) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) != null || b.getState() == Bundle.ACTIVE) {
                continue;
            }
            try {
                b.start();
            } catch (BundleException | RuntimeException ex) {
                problems.add("extension " + b.getLocation().substring(LOCATION_PREFIX.length()) + ": cannot start: " + oneLine(ex));
            }
        }
        return new SyncResult(installed, updated, removed, problems);
    }

    private static List<Path> jarsIn(Path folder, List<String> problems) {
        List<Path> jars = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return jars;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*.jar")) {
            stream.forEach(jars::add);
        } catch (IOException e) {
            problems.add("extensions folder " + folder + ": " + oneLine(e));
        }
        jars.sort(null);
        return jars;
    }

    private static void checkIsBundle(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            if (manifest == null || manifest.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME) == null) {
                throw new IllegalArgumentException("not an OSGi bundle (no Bundle-SymbolicName in its manifest)");
            }
        } catch (java.util.zip.ZipException e) {
            throw new IllegalArgumentException("not a jar file (" + e.getMessage() + ")");
        }
    }

    /** Rewires after updates and uninstalls so no stale class space stays in use; waits for it. */
    private void refresh(List<Bundle> bundles) {
        if (bundles.isEmpty()) {
            return;
        }
        FrameworkWiring wiring = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
        CountDownLatch done = new CountDownLatch(1);
        FrameworkListener listener = event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED || event.getType() == FrameworkEvent.ERROR) {
                done.countDown();
            }
        };
        wiring.refreshBundles(bundles, listener);
        try {
            done.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String describe(Bundle b) {
        return b.getSymbolicName() + " " + b.getVersion();
    }

    private static String oneLine(Throwable t) {
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.replaceAll("\\s+", " ").strip();
    }
}
