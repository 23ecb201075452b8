package org.focal.io.codecs;

/**
 * What the markers of a JPEG stream say before its first scan: JFIF and Adobe APP14 markers (which
 * decide libjpeg's colour space guess), and the frame header (precision, size, component ids).
 * Reads only within the array; a stream that ends early or holds garbage leaves the rest unset.
 *
 * @param adobeTransform the Adobe marker's transform flag (0 none/RGB, 1 YCbCr, 2 YCCK), -1 without one
 * @param precision sample precision of the frame header, 0 when none was found, -1 for lossless frames
 * @param componentIds the frame's component ids (empty when no frame header was found)
 */
public record JpegMarkers(boolean jfif, int adobeTransform, int precision, int width, int height, int[] componentIds) {

    /** Walks the markers from the SOI up to the first SOS (or anything that is not a marker). */
    public static JpegMarkers scan(byte[] s) {
        boolean jfif = false;
        int adobe = -1;
        int precision = 0;
        int width = 0;
        int height = 0;
        int[] ids = new int[0];
        int i = 2;
        while (i + 4 <= s.length) {
            if ((s[i] & 0xFF) != 0xFF) {
                break;
            }
            int marker = s[i + 1] & 0xFF;
            if (marker == 0xFF) {
                i++;
                continue;
            }
            if (marker == 0xD8 || marker == 0x01 || marker >= 0xD0 && marker <= 0xD7) {
                i += 2;
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) {
                break;
            }
            int len = ((s[i + 2] & 0xFF) << 8) | (s[i + 3] & 0xFF);
            int seg = i + 4;
            if (marker == 0xE0 && seg + 4 <= s.length && s[seg] == 'J' && s[seg + 1] == 'F' && s[seg + 2] == 'I'
                    && s[seg + 3] == 'F') {
                jfif = true;
            } else if (marker == 0xEE && seg + 12 <= s.length && s[seg] == 'A' && s[seg + 1] == 'd' && s[seg + 2] == 'o'
                    && s[seg + 3] == 'b' && s[seg + 4] == 'e') {
                adobe = s[seg + 11] & 0xFF;
            } else if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC
                    && seg + 6 <= s.length) {
                precision = (marker & 3) == 3 ? -1 : s[seg] & 0xFF;
                height = ((s[seg + 1] & 0xFF) << 8) | (s[seg + 2] & 0xFF);
                width = ((s[seg + 3] & 0xFF) << 8) | (s[seg + 4] & 0xFF);
                int n = s[seg + 5] & 0xFF;
                if (seg + 6 + 3 * n <= s.length) {
                    ids = new int[n];
                    for (int c = 0; c < n; c++) {
                        ids[c] = s[seg + 6 + 3 * c] & 0xFF;
                    }
                }
            }
            if (len < 2) {
                break;
            }
            i += 2 + len;
        }
        return new JpegMarkers(jfif, adobe, precision, width, height, ids);
    }

    /** Whether a frame header was found. */
    public boolean hasFrame() {
        return precision != 0;
    }

    public int components() {
        return componentIds.length;
    }

    /** Whether the three component ids are 'R', 'G', 'B' (libjpeg then takes the data as RGB). */
    public boolean rgbIds() {
        return componentIds.length == 3 && componentIds[0] == 'R' && componentIds[1] == 'G' && componentIds[2] == 'B';
    }
}
