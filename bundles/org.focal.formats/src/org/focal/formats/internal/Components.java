package org.focal.formats.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.focal.core.ProgressMonitor;
import org.focal.core.export.DatasetContent;
import org.focal.core.export.Exporter;
import org.focal.core.export.Importer;
import org.focal.core.export.ImportContext;
import org.focal.core.image.ReaderRegistry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The DS services of the formats: one exporter and one importer per format id. Each is a named
 * handle on the format class's static {@code export}/{@code read}; every importer's result goes
 * through {@link GeometryCheck}.
 */
public final class Components {

    private Components() {
    }

    @FunctionalInterface
    interface Writer {
        void export(DatasetContent content, Path out, ProgressMonitor monitor) throws IOException;
    }

    @FunctionalInterface
    interface Reader {
        DatasetContent read(Path in, ProgressMonitor monitor) throws IOException;
    }

    /** A plugin with a fixed id and display name. */
    abstract static class Named implements org.focal.core.plugin.FocalPlugin {
        private final String id;
        private final String name;

        Named(String id, String name) {
            this.id = id;
            this.name = name;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String displayName() {
            return name;
        }
    }

    abstract static class NamedExporter extends Named implements Exporter {
        private final Writer writer;

        NamedExporter(String id, String name, Writer writer) {
            super(id, name);
            this.writer = writer;
        }

        @Override
        public void export(DatasetContent content, Path out, ProgressMonitor monitor) throws IOException {
            writer.export(content, out, monitor);
        }
    }

    abstract static class NamedImporter extends Named implements Importer {
        private final Reader reader;

        NamedImporter(String id, String name, Reader reader) {
            super(id, name);
            this.reader = reader;
        }

        @Override
        public DatasetContent read(Path in, ProgressMonitor monitor) throws IOException {
            return GeometryCheck.apply(in, reader.read(in, monitor));
        }
    }

    @Component(service = Exporter.class, property = "focal.format=coco")
    public static final class CocoExporter extends NamedExporter {
        public CocoExporter() {
            super("coco", "COCO JSON", CocoFormat::export);
        }
    }

    @Component(service = Importer.class, property = "focal.format=coco")
    public static final class CocoImporter extends NamedImporter {
        public CocoImporter() {
            super("coco", "COCO JSON", CocoFormat::read);
        }
    }

    @Component(service = Exporter.class, property = "focal.format=voc")
    public static final class VocExporter extends NamedExporter {
        public VocExporter() {
            super("voc", "Pascal VOC XML", VocFormat::export);
        }
    }

    @Component(service = Importer.class, property = "focal.format=voc")
    public static final class VocImporter extends NamedImporter {
        public VocImporter() {
            super("voc", "Pascal VOC XML", VocFormat::read);
        }
    }

    @Component(service = Exporter.class, property = "focal.format=geojson")
    public static final class GeoJsonExporter extends NamedExporter {
        public GeoJsonExporter() {
            super("geojson", "GeoJSON (QuPath)", GeoJsonFormat::export);
        }
    }

    @Component(service = Importer.class, property = "focal.format=geojson")
    public static final class GeoJsonImporter extends NamedImporter {
        public GeoJsonImporter() {
            super("geojson", "GeoJSON (QuPath)", GeoJsonFormat::read);
        }
    }

    @Component(service = Exporter.class, property = "focal.format=focal-json")
    public static final class FocalJsonExporter extends NamedExporter {
        public FocalJsonExporter() {
            super("focal-json", "Focal JSON (lossless)", FocalJsonFormat::export);
        }
    }

    @Component(service = Importer.class, property = "focal.format=focal-json")
    public static final class FocalJsonImporter extends NamedImporter {
        public FocalJsonImporter() {
            super("focal-json", "Focal JSON (lossless)", FocalJsonFormat::read);
        }
    }

    @Component(service = Importer.class, property = "focal.format=aperio-xml")
    public static final class AperioXmlImporter extends NamedImporter {
        public AperioXmlImporter() {
            super("aperio-xml", "Aperio ImageScope XML", AperioXmlFormat::read);
        }
    }

    @Component(service = Exporter.class, property = "focal.format=focal-xml")
    public static final class FocalXmlExporter extends NamedExporter {
        public FocalXmlExporter() {
            super("focal-xml", "Focal XML (lossless)", FocalXmlFormat::export);
        }
    }

    @Component(service = Importer.class, property = "focal.format=focal-xml")
    public static final class FocalXmlImporter extends NamedImporter {
        public FocalXmlImporter() {
            super("focal-xml", "Focal XML (lossless)", FocalXmlFormat::read);
        }
    }

    /** Importers that read with the target dataset at hand and open files through the reader registry. */
    @FunctionalInterface
    interface ContextReader {
        DatasetContent read(Path in, ImportContext context, ReaderRegistry readers, ProgressMonitor monitor) throws IOException;
    }

    abstract static class DatasetImporter extends Named implements Importer {
        private final ContextReader reader;
        private final ReaderRegistry readers;

        DatasetImporter(String id, String name, ContextReader reader, ReaderRegistry readers) {
            super(id, name);
            this.reader = reader;
            this.readers = readers;
        }

        @Override
        public boolean needsContext() {
            return true;
        }

        @Override
        public DatasetContent read(Path in, ProgressMonitor monitor) {
            throw new org.focal.core.BadInputException(id() + " imports into an existing dataset that has the images it refers to");
        }

        @Override
        public DatasetContent read(Path in, ImportContext context, ProgressMonitor monitor) throws IOException {
            return GeometryCheck.apply(in, reader.read(in, context, readers, monitor));
        }
    }

    @Component(service = Importer.class, property = "focal.format=nrrd-labels")
    public static final class NrrdLabelImporter extends DatasetImporter {
        @Activate
        public NrrdLabelImporter(@Reference ReaderRegistry readers) {
            super("nrrd-labels", "NRRD label map", NrrdLabelFormat::read, readers);
        }
    }

    @Component(service = Importer.class, property = "focal.format=dicom-seg")
    public static final class DicomSegImporter extends DatasetImporter {
        @Activate
        public DicomSegImporter(@Reference ReaderRegistry readers) {
            super("dicom-seg", "DICOM Segmentation (SEG)", DicomSegFormat::read, readers);
        }
    }
}
