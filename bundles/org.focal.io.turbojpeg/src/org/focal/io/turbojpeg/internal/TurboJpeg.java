package org.focal.io.turbojpeg.internal;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * Bindings to the TurboJPEG 2.x C API of libjpeg-turbo ({@code libturbojpeg.so.0}, Debian package
 * libturbojpeg0) through the Foreign Function &amp; Memory API. Only the decompression functions
 * are bound. The library stays loaded while this object is reachable (an automatic arena).
 */
final class TurboJpeg {

    /** System property naming the library to load (default {@value #DEFAULT_LIBRARY}). */
    static final String LIBRARY_PROPERTY = "focal.turbojpeg.library";
    /** System property that disables the native decoder when "false". */
    static final String ENABLE_PROPERTY = "focal.turbojpeg";
    static final String DEFAULT_LIBRARY = "libturbojpeg.so.0";

    // turbojpeg.h
    static final int TJPF_RGB = 0;
    static final int TJPF_GRAY = 6;
    static final int TJCS_RGB = 0;
    static final int TJCS_YCBCR = 1;
    static final int TJCS_GRAY = 2;
    static final int TJERR_WARNING = 0;

    final String library;
    private final Arena arena;
    private final MethodHandle initDecompress;
    private final MethodHandle decompressHeader3;
    private final MethodHandle decompress2;
    private final MethodHandle destroy;
    private final MethodHandle getErrorStr2;
    private final MethodHandle getErrorCode;

    private TurboJpeg(String library, Arena arena, SymbolLookup lookup) {
        this.library = library;
        this.arena = arena;
        Linker linker = Linker.nativeLinker();
        initDecompress = linker.downcallHandle(find(lookup, "tjInitDecompress"), FunctionDescriptor.of(ADDRESS));
        // int tjDecompressHeader3(tjhandle, const unsigned char *jpegBuf, unsigned long jpegSize,
        //                         int *width, int *height, int *jpegSubsamp, int *jpegColorspace)
        decompressHeader3 = linker.downcallHandle(find(lookup, "tjDecompressHeader3"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        // int tjDecompress2(tjhandle, const unsigned char *jpegBuf, unsigned long jpegSize,
        //                   unsigned char *dstBuf, int width, int pitch, int height, int pixelFormat, int flags)
        decompress2 = linker.downcallHandle(find(lookup, "tjDecompress2"), FunctionDescriptor.of(JAVA_INT, ADDRESS,
                ADDRESS, JAVA_LONG, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
        destroy = linker.downcallHandle(find(lookup, "tjDestroy"), FunctionDescriptor.of(JAVA_INT, ADDRESS));
        getErrorStr2 = linker.downcallHandle(find(lookup, "tjGetErrorStr2"), FunctionDescriptor.of(ADDRESS, ADDRESS));
        getErrorCode = linker.downcallHandle(find(lookup, "tjGetErrorCode"), FunctionDescriptor.of(JAVA_INT, ADDRESS));
    }

    private static MemorySegment find(SymbolLookup lookup, String name) {
        return lookup.find(name).orElseThrow(() -> new IllegalArgumentException("no symbol " + name));
    }

    /**
     * Loads the library named by {@value #LIBRARY_PROPERTY} (default {@value #DEFAULT_LIBRARY}).
     *
     * @throws IllegalStateException with a one-line reason when it is disabled, missing or unusable
     */
    static TurboJpeg load() {
        if ("false".equalsIgnoreCase(System.getProperty(ENABLE_PROPERTY, "true"))) {
            throw new IllegalStateException("disabled by -D" + ENABLE_PROPERTY + "=false");
        }
        return load(System.getProperty(LIBRARY_PROPERTY, DEFAULT_LIBRARY));
    }

    static TurboJpeg load(String library) {
        Arena arena = Arena.ofAuto();
        try {
            TurboJpeg tj = new TurboJpeg(library, arena, SymbolLookup.libraryLookup(library, arena));
            MemorySegment probe = tj.init(); // fails early if the library cannot create a decompressor
            tj.destroy(probe);
            return tj;
        } catch (IllegalArgumentException | UnsatisfiedLinkError | IllegalCallerException e) {
            throw new IllegalStateException("cannot load " + library + ": " + e.getMessage(), e);
        }
    }

    /** A new decompressor handle (not thread-safe: one per thread). */
    MemorySegment init() {
        MemorySegment h;
        try {
            h = (MemorySegment) initDecompress.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
        if (h.equals(MemorySegment.NULL)) {
            throw new IllegalStateException("tjInitDecompress failed: " + errorString(MemorySegment.NULL));
        }
        return h;
    }

    void destroy(MemorySegment handle) {
        try {
            int rc = (int) destroy.invokeExact(handle);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int decompressHeader(MemorySegment handle, MemorySegment jpeg, long size, MemorySegment dims) {
        try {
            return (int) decompressHeader3.invokeExact(handle, jpeg, size, dims, dims.asSlice(4), dims.asSlice(8),
                    dims.asSlice(12));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int decompress(MemorySegment handle, MemorySegment jpeg, long size, MemorySegment dst, int width, int pitch,
            int height, int pixelFormat, int flags) {
        try {
            return (int) decompress2.invokeExact(handle, jpeg, size, dst, width, pitch, height, pixelFormat, flags);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** tjGetErrorStr2 (handle may be NULL for errors of tjInitDecompress). */
    String errorString(MemorySegment handle) {
        try {
            MemorySegment s = (MemorySegment) getErrorStr2.invokeExact(handle);
            return s.equals(MemorySegment.NULL) ? "unknown error" : s.reinterpret(1024).getString(0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** tjGetErrorCode: {@link #TJERR_WARNING} or fatal. */
    int errorCode(MemorySegment handle) {
        try {
            return (int) getErrorCode.invokeExact(handle);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }
}
