package org.focal.io.dicom.internal;

/** The transfer syntaxes this reader decodes. */
enum TransferSyntax {
    IMPLICIT_LE("1.2.840.10008.1.2", false, false, false, "none"),
    EXPLICIT_LE("1.2.840.10008.1.2.1", true, false, false, "none"),
    EXPLICIT_BE("1.2.840.10008.1.2.2", true, true, false, "none"),
    DEFLATED_LE("1.2.840.10008.1.2.1.99", true, false, false, "deflate"),
    RLE("1.2.840.10008.1.2.5", true, false, true, "RLE"),
    JPEG_BASELINE("1.2.840.10008.1.2.4.50", true, false, true, "JPEG"),
    JPEG_EXTENDED("1.2.840.10008.1.2.4.51", true, false, true, "JPEG"),
    JPEG_LOSSLESS("1.2.840.10008.1.2.4.57", true, false, true, "JPEG lossless"),
    JPEG_LOSSLESS_SV1("1.2.840.10008.1.2.4.70", true, false, true, "JPEG lossless"),
    JPEG2000_LOSSLESS("1.2.840.10008.1.2.4.90", true, false, true, "JPEG 2000"),
    JPEG2000("1.2.840.10008.1.2.4.91", true, false, true, "JPEG 2000");

    final String uid;
    final boolean explicitVr;
    final boolean bigEndian;
    final boolean encapsulated;
    final String compression;

    TransferSyntax(String uid, boolean explicitVr, boolean bigEndian, boolean encapsulated, String compression) {
        this.uid = uid;
        this.explicitVr = explicitVr;
        this.bigEndian = bigEndian;
        this.encapsulated = encapsulated;
        this.compression = compression;
    }

    static TransferSyntax of(String uid) {
        for (TransferSyntax ts : values()) {
            if (ts.uid.equals(uid)) {
                return ts;
            }
        }
        return null;
    }

    boolean isJpegFamily() {
        return this != RLE && encapsulated;
    }

    /** Name of a transfer syntax this reader does not decode, for the error message. */
    static String describe(String uid) {
        return switch (uid) {
            case "1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.81" -> uid + " (JPEG-LS)";
            case "1.2.840.10008.1.2.4.100", "1.2.840.10008.1.2.4.101", "1.2.840.10008.1.2.4.102",
                    "1.2.840.10008.1.2.4.103", "1.2.840.10008.1.2.4.104", "1.2.840.10008.1.2.4.105",
                    "1.2.840.10008.1.2.4.106" -> uid + " (MPEG video)";
            case "1.2.840.10008.1.2.4.201", "1.2.840.10008.1.2.4.202", "1.2.840.10008.1.2.4.203" -> uid + " (HTJ2K)";
            case "1.2.840.10008.1.2.4.92", "1.2.840.10008.1.2.4.93" -> uid + " (JPEG 2000 Part 2)";
            default -> org.focal.core.Excerpt.of(uid);
        };
    }
}
