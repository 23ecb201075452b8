package org.focal.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.focal.cli.tests.CliHarness.Result;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class FocalCliTest {

    @Test
    void versionPrintsTheBundleVersion() throws Exception {
        Result r = CliHarness.run("--version");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("focal 0.1.0"), r.out());
    }

    @Test
    void helpListsTheBuiltInCommands() throws Exception {
        Result r = CliHarness.run("--help");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("plugins"), r.out());
        assertTrue(r.out().contains("--extensions"), r.out());
    }

    @Test
    void unknownCommandIsOneLineAndExitCodeTwo() throws Exception {
        Result r = CliHarness.run("frobnicate", "--now");
        assertEquals(2, r.code());
        assertEquals("", r.out());
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("focal: unknown command 'frobnicate'"), r.err());
    }

    @Test
    void unknownOptionOfACommandIsOneLineAndExitCodeTwo() throws Exception {
        Result r = CliHarness.run("plugins", "--yaml");
        assertEquals(2, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("--yaml") && r.err().contains("focal plugins --help"), r.err());
    }

    @Test
    void noCommandShowsUsageAndExitCodeTwo() throws Exception {
        Result r = CliHarness.run();
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Usage: focal"), r.err());
    }

    @Test
    void missingExtensionsFolderIsBadInput() throws Exception {
        Result r = CliHarness.run("--extensions", "/no/such/folder", "plugins");
        assertEquals(2, r.code());
        assertEquals("focal: /no/such/folder: extensions folder does not exist", r.err().strip());
    }

    @Test
    void pluginsJsonIsOneDocumentGroupedByKind() throws Exception {
        Result r = CliHarness.run("plugins", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        JsonNode plugins = root.get("plugins");
        for (String kind : List.of("commands", "imageReaders", "scenarios", "annotationTools", "featureExtractors",
                "trainers", "predictors", "exporters", "importers")) {
            assertTrue(plugins.get(kind).isArray(), kind + " missing in " + r.out());
        }
        JsonNode plugin = null;
        for (JsonNode c : plugins.get("commands")) {
            if (c.get("id").asText().equals("plugins")) {
                plugin = c;
            }
        }
        assertTrue(plugin != null, r.out());
        assertEquals("org.focal.cli", plugin.get("bundle").asText());
        assertTrue(plugin.get("version").asText().startsWith("0.1.0"));
    }

    @Test
    void pluginsTextListsKindsWithCounts() throws Exception {
        Result r = CliHarness.run("plugins");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("commands \\(\\d+\\)")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("\\s+plugins\\s+org\\.focal\\.cli 0\\.1\\.0.*")), r.out());
        assertFalse(r.out().contains("Exception"));
    }

    @Test
    void optionsOfOneRunDoNotLeakIntoTheNext() throws Exception {
        assertTrue(CliHarness.run("plugins", "--json").out().startsWith("{"));
        Result text = CliHarness.run("plugins");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().startsWith("commands ("), text.out());
    }
}
