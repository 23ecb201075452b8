package org.focal.formats.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.focal.core.ProgressMonitor;
import org.focal.core.export.DatasetContent;
import org.focal.core.export.Exporter;
import org.focal.core.export.Importer;
import org.osgi.service.component.annotations.Component;

/** The DS services of the formats: one exporter and one importer per format id. */
public final class Components {

    private Components() {
    }

    @Component(service = Exporter.class, property = "focal.format=coco")
    public static final class CocoExporter implements Exporter {
        @Override
        public String id() {
            return "coco";
        }

        @Override
        public String displayName() {
            return "COCO JSON";
        }

        @Override
        public void export(DatasetContent content, Path out, ProgressMonitor monitor) throws IOException {
            CocoFormat.export(content, out, monitor);
        }
    }

    @Component(service = Importer.class, property = "focal.format=coco")
    public static final class CocoImporter implements Importer {
        @Override
        public String id() {
            return "coco";
        }

        @Override
        public String displayName() {
            return "COCO JSON";
        }

        @Override
        public DatasetContent read(Path in, ProgressMonitor monitor) throws IOException {
            return CocoFormat.read(in, monitor);
        }
    }

    @Component(service = Exporter.class, property = "focal.format=voc")
    public static final class VocExporter implements Exporter {
        @Override
        public String id() {
            return "voc";
        }

        @Override
        public String displayName() {
            return "Pascal VOC XML";
        }

        @Override
        public void export(DatasetContent content, Path out, ProgressMonitor monitor) throws IOException {
            VocFormat.export(content, out, monitor);
        }
    }

    @Component(service = Importer.class, property = "focal.format=voc")
    public static final class VocImporter implements Importer {
        @Override
        public String id() {
            return "voc";
        }

        @Override
        public String displayName() {
            return "Pascal VOC XML";
        }

        @Override
        public DatasetContent read(Path in, ProgressMonitor monitor) throws IOException {
            return VocFormat.read(in, monitor);
        }
    }

    @Component(service = Exporter.class, property = "focal.format=geojson")
    public static final class GeoJsonExporter implements Exporter {
        @Override
        public String id() {
            return "geojson";
        }

        @Override
        public String displayName() {
            return "GeoJSON (QuPath)";
        }

        @Override
        public void export(DatasetContent content, Path out, ProgressMonitor monitor) throws IOException {
            GeoJsonFormat.export(content, out, monitor);
        }
    }

    @Component(service = Importer.class, property = "focal.format=geojson")
    public static final class GeoJsonImporter implements Importer {
        @Override
        public String id() {
            return "geojson";
        }

        @Override
        public String displayName() {
            return "GeoJSON (QuPath)";
        }

        @Override
        public DatasetContent read(Path in, ProgressMonitor monitor) throws IOException {
            return GeoJsonFormat.read(in, monitor);
        }
    }

    @Component(service = Exporter.class, property = "focal.format=focal-json")
    public static final class FocalJsonExporter implements Exporter {
        @Override
        public String id() {
            return "focal-json";
        }

        @Override
        public String displayName() {
            return "Focal JSON (lossless)";
        }

        @Override
        public void export(DatasetContent content, Path out, ProgressMonitor monitor) throws IOException {
            FocalJsonFormat.export(content, out, monitor);
        }
    }

    @Component(service = Importer.class, property = "focal.format=focal-json")
    public static final class FocalJsonImporter implements Importer {
        @Override
        public String id() {
            return "focal-json";
        }

        @Override
        public String displayName() {
            return "Focal JSON (lossless)";
        }

        @Override
        public DatasetContent read(Path in, ProgressMonitor monitor) throws IOException {
            return FocalJsonFormat.read(in, monitor);
        }
    }

    @Component(service = Importer.class, property = "focal.format=aperio-xml")
    public static final class AperioXmlImporter implements Importer {
        @Override
        public String id() {
            return "aperio-xml";
        }

        @Override
        public String displayName() {
            return "Aperio ImageScope XML";
        }

        @Override
        public DatasetContent read(Path in, ProgressMonitor monitor) throws IOException {
            return AperioXmlFormat.read(in, monitor);
        }
    }
}
