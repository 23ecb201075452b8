package org.focal.core.image;

/** Sample type of one channel of one pixel. */
public enum PixelType {
    UINT8(1, false, false),
    INT8(1, true, false),
    UINT16(2, false, false),
    INT16(2, true, false),
    UINT32(4, false, false),
    INT32(4, true, false),
    FLOAT32(4, true, true),
    FLOAT64(8, true, true);

    private final int bytes;
    private final boolean signed;
    private final boolean floatingPoint;

    PixelType(int bytes, boolean signed, boolean floatingPoint) {
        this.bytes = bytes;
        this.signed = signed;
        this.floatingPoint = floatingPoint;
    }

    public int bytesPerSample() {
        return bytes;
    }

    public boolean isSigned() {
        return signed;
    }

    public boolean isFloatingPoint() {
        return floatingPoint;
    }
}
