package org.focal.scenarios.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.focal.core.dataset.Label;
import org.focal.core.dataset.Task;
import org.focal.core.scenario.Scenario;
import org.focal.core.scenario.ScenarioRegistry;
import org.focal.testing.Services;
import org.junit.jupiter.api.Test;

/** The scenario bundles of the product, turned into services by the extender, against the data they are for. */
class ShippedScenariosTest {

    static final Path DATA = Path.of(System.getProperty("focal.data", "../shared/data"));

    private static Scenario scenario(String id) {
        return Services.await(ScenarioRegistry.class).get(id);
    }

    @Test
    void eighteenScenariosAreInstalled() {
        Set<String> ids = new TreeSet<>();
        Services.await(ScenarioRegistry.class).all().forEach(s -> ids.add(s.id()));
        Set<String> expected = Set.of("lung-histology", "breast-histology", "colorectal-histology", "blood-smear", "liver-ct", "brain-mr",
                "thyroid-ultrasound", "kidney-ct", "lymph-node-metastasis", "chest-xray-nodules", "chest-xray-tuberculosis", "vertebrae-ct",
                "heart-mr", "prostate-mr", "pancreas-ct", "skin-lesion", "retina-fundus", "cervical-cytology");
        assertTrue(ids.containsAll(expected), "missing: " + expected.stream().filter(e -> !ids.contains(e)).toList());
        assertEquals(18, expected.size());
    }

    @Test
    void bloodSmearLabelsAreTheClassesOfTheBccdBoxes() throws IOException {
        // the class names as written in BCCD's own VOC files, read with a regular expression, not Focal's VOC reader
        Set<String> names = new TreeSet<>();
        Pattern name = Pattern.compile("<name>\\s*([^<]+?)\\s*</name>");
        try (Stream<Path> files = Files.walk(DATA.resolve("microscopy/bccd-voc"))) {
            for (Path xml : files.filter(p -> p.toString().endsWith(".xml")).toList()) {
                Matcher m = name.matcher(Files.readString(xml));
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        Scenario blood = scenario("blood-smear");
        assertEquals(names, new TreeSet<>(blood.task(Task.DETECTION).orElseThrow().labels().labels().stream().map(Label::name).toList()));
    }

    @Test
    void colorectalHasOneLabelPerKatherClassAndNucleusSegmentation() throws IOException {
        long classes;
        try (Stream<Path> folders = Files.list(DATA.resolve("pathology/kather2016/Images/Samples"))) {
            classes = folders.filter(Files::isDirectory).count();
        }
        Scenario crc = scenario("colorectal-histology");
        assertEquals(classes, crc.task(Task.CLASSIFICATION).orElseThrow().labels().labels().size());
        assertEquals(List.of("nucleus"), crc.task(Task.SEGMENTATION).orElseThrow().labels().labels().stream().map(Label::name).toList());
    }

    @Test
    void lungHasTheThreeLc25000ClassesAndRadiologyScenariosAre3d() throws IOException {
        long folders;
        try (Stream<Path> f = Files.list(DATA.resolve("pathology/lc25000-lung"))) {
            folders = f.filter(Files::isDirectory).count();
        }
        assertEquals(folders, scenario("lung-histology").task(Task.CLASSIFICATION).orElseThrow().labels().labels().size());
        assertTrue(scenario("liver-ct").task(Task.SEGMENTATION).orElseThrow().volumetric());
        assertTrue(scenario("brain-mr").task(Task.SEGMENTATION).orElseThrow().volumetric());
        assertEquals("CT", scenario("liver-ct").modality());
    }
}
