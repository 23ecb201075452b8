package org.focal.io.turbojpeg.internal;

import java.util.Dictionary;
import java.util.Hashtable;

import org.focal.io.codecs.JpegDecoder;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Registers the libjpeg-turbo {@link JpegDecoder} (ranking {@value #RANKING}) when the native
 * library loads; otherwise logs one line and registers nothing, so readers keep the JDK decoder.
 * {@code -Dfocal.turbojpeg=false} disables it; {@code -Dfocal.turbojpeg.library=...} names another
 * library file.
 */
@Component(immediate = true)
public final class TurboJpegComponent {

    static final int RANKING = 100;

    private static final System.Logger LOG = System.getLogger("org.focal.io.turbojpeg");

    private TurboJpegDecoder decoder;
    private ServiceRegistration<JpegDecoder> registration;

    @Activate
    void activate(BundleContext context) {
        try {
            decoder = TurboJpegDecoder.load();
        } catch (IllegalStateException | LinkageError e) {
            LOG.log(System.Logger.Level.INFO, "libjpeg-turbo not used, JPEG tiles decode with the JDK's decoder: "
                    + e.getMessage());
            return;
        }
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_RANKING, RANKING);
        props.put("focal.jpeg.decoder", "libjpeg-turbo");
        registration = context.registerService(JpegDecoder.class, decoder, props);
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
        if (decoder != null) {
            decoder.close();
            decoder = null;
        }
    }
}
