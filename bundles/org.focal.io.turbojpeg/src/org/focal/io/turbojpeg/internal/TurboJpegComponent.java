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
 * Registers the libjpeg-turbo {@link JpegDecoder} (ranking {@value #RANKING}); the native library is
 * loaded on the first JPEG stream (see {@link LazyTurboJpegDecoder}), and when it cannot be used the
 * decoder logs one line and declines, so readers keep the JDK decoder.
 * {@code -Dfocal.turbojpeg=false} disables it (nothing is registered);
 * {@code -Dfocal.turbojpeg.library=...} names another library file.
 */
@Component(immediate = true)
public final class TurboJpegComponent {

    static final int RANKING = 100;

    private LazyTurboJpegDecoder decoder;
    private ServiceRegistration<JpegDecoder> registration;

    @Activate
    void activate(BundleContext context) {
        if ("false".equalsIgnoreCase(System.getProperty(TurboJpeg.ENABLE_PROPERTY, "true"))) {
            System.getLogger("org.focal.io.turbojpeg").log(System.Logger.Level.INFO, "libjpeg-turbo not used, JPEG tiles decode with the JDK's decoder: disabled by -D"
                    + TurboJpeg.ENABLE_PROPERTY + "=false");
            return;
        }
        decoder = new LazyTurboJpegDecoder(TurboJpegDecoder::load,
                System.getProperty(TurboJpeg.LIBRARY_PROPERTY, TurboJpeg.DEFAULT_LIBRARY));
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
