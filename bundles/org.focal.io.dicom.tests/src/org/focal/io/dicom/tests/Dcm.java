package org.focal.io.dicom.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.focal.core.image.ImageReader;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** Test helpers: the reader service, the shared data, dcmtk. */
final class Dcm {

    private static ImageReader reader;

    private Dcm() {
    }

    static synchronized ImageReader reader() throws Exception {
        if (reader == null) {
            BundleContext ctx = FrameworkUtil.getBundle(Dcm.class).getBundleContext();
            ServiceTracker<ImageReader, ImageReader> t = new ServiceTracker<>(ctx,
                    ctx.createFilter("(&(objectClass=" + ImageReader.class.getName() + ")(focal.format=dicom))"), null);
            t.open();
            reader = t.waitForService(20_000);
            assertNotNull(reader, "the dicom ImageReader service is not registered");
        }
        return reader;
    }
}
