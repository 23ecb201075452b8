package org.focal.io.codecs;

import java.io.IOException;

/**
 * Decoder of lossless JPEG (ITU T.81 process 14, SOF3, Huffman coded): predictors 1 to 7, point
 * transform, restart intervals, one or several scans, any precision from 2 to 16 bits. Samples
 * come out interleaved as stored (two's complement data keeps its bit pattern).
 */
final class LosslessJpegDecoder extends JpegEntropyReader {

    private int precision;
    private int width;
    private int height;
    private int[] componentIds;
    private int restartInterval;
    private final HuffmanTable[] tables = new HuffmanTable[4];
    private int[] samples;

    private LosslessJpegDecoder(byte[] data) {
        super(data);
    }

    /** Decodes to {@code int} samples, interleaved by component; {@code info} gets width, height, components, precision. */
    static int[] decode(byte[] data, int[] info) throws IOException {
        LosslessJpegDecoder d = new LosslessJpegDecoder(data);
        d.run();
        info[0] = d.width;
        info[1] = d.height;
        info[2] = d.componentIds.length;
        info[3] = d.precision;
        return d.samples;
    }

    private void run() throws IOException {
        skipSoi();
        boolean scanned = false;
        while (true) {
            int marker = nextMarker();
            if (marker < 0) {
                if (scanned) {
                    return; // missing EOI: tolerated once a scan was decoded
                }
                throw new IOException("JPEG stream ends before any scan");
            }
            switch (marker) {
                case 0xD9 -> {
                    if (!scanned) {
                        throw new IOException("JPEG stream has no scan");
                    }
                    return;
                }
                case 0xC3 -> readFrame();
                case 0xC4 -> readHuffmanTables();
                case 0xDD -> {
                    int len = u16();
                    restartInterval = u16();
                    pos += len - 4;
                }
                case 0xDA -> {
                    readScan();
                    scanned = true;
                }
                case 0xC0, 0xC1, 0xC2, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF ->
                    throw new IOException("not a lossless (process 14) JPEG stream: SOF marker 0x" + Integer.toHexString(marker));
                default -> {
                    int len = u16();
                    if (len < 2) {
                        throw new IOException("corrupt JPEG marker segment length");
                    }
                    pos += len - 2;
                }
            }
        }
    }

    private void readFrame() throws IOException {
        int len = u16();
        int end = pos + len - 2;
        precision = u8();
        height = u16();
        width = u16();
        int n = u8();
        if (precision < 2 || precision > 16 || width <= 0 || height <= 0 || n < 1 || n > 4) {
            throw new IOException("unsupported lossless JPEG frame: " + precision + " bits, " + width + " x " + height + " x " + n);
        }
        if ((long) width * height * n > Integer.MAX_VALUE - 64) {
            throw new IOException("lossless JPEG frame too large");
        }
        componentIds = new int[n];
        for (int i = 0; i < n; i++) {
            componentIds[i] = u8();
            int hv = u8();
            u8();
            if (hv != 0x11) {
                throw new IOException("subsampled lossless JPEG components are not supported");
            }
        }
        pos = end;
        samples = new int[width * height * n];
    }

    private void readHuffmanTables() throws IOException {
        int len = u16();
        int end = pos + len - 2;
        while (pos < end) {
            int tcth = u8();
            int th = tcth & 0x0F;
            if (th > 3) {
                throw new IOException("corrupt Huffman table id");
            }
            HuffmanTable table = readHuffmanTable(Math.min(end, data.length));
            if ((tcth >> 4) == 0) {
                tables[th] = table;
            }
        }
        pos = end;
    }

    private void readScan() throws IOException {
        if (samples == null) {
            throw new IOException("JPEG scan before the frame header");
        }
        int len = u16();
        int end = pos + len - 2;
        int ns = u8();
        int nc = componentIds.length;
        int[] comp = new int[ns];
        HuffmanTable[] tab = new HuffmanTable[ns];
        for (int i = 0; i < ns; i++) {
            int id = u8();
            int td = u8() >> 4;
            comp[i] = -1;
            for (int k = 0; k < nc; k++) {
                if (componentIds[k] == id) {
                    comp[i] = k;
                }
            }
            if (comp[i] < 0 || td > 3 || tables[td] == null) {
                throw new IOException("JPEG scan refers to an unknown component or Huffman table");
            }
            tab[i] = tables[td];
        }
        int predictor = u8();
        u8(); // Se
        int al = u8() & 0x0F;
        pos = end;
        if (predictor < 1 || predictor > 7) {
            throw new IOException("unsupported lossless JPEG predictor " + predictor);
        }
        int mask = (1 << precision) - 1;
        int initial = 1 << (precision - al - 1);
        resetBits();
        int mcus = 0;
        boolean reset = true; // first sample of the scan or of a restart interval: the initial predictor
        boolean firstLine = true; // first line of the scan or of a restart interval: predict from the left
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (restartInterval > 0 && mcus > 0 && mcus % restartInterval == 0) {
                    restart();
                    reset = true;
                    firstLine = true;
                }
                for (int s = 0; s < ns; s++) {
                    int c = comp[s];
                    int at = (y * width + x) * nc + c;
                    int pred;
                    if (reset) {
                        pred = initial;
                    } else if (firstLine && x > 0 || y == 0) {
                        pred = samples[at - nc];
                    } else if (x == 0) {
                        pred = samples[at - width * nc];
                    } else {
                        int ra = samples[at - nc];
                        int rb = samples[at - width * nc];
                        int rc = samples[at - width * nc - nc];
                        pred = switch (predictor) {
                            case 1 -> ra;
                            case 2 -> rb;
                            case 3 -> rc;
                            case 4 -> ra + rb - rc;
                            case 5 -> ra + ((rb - rc) >> 1);
                            case 6 -> rb + ((ra - rc) >> 1);
                            default -> (ra + rb) >> 1;
                        };
                    }
                    int diff = decodeDifference(tab[s]);
                    samples[at] = (pred + diff) & mask;
                }
                reset = false;
                mcus++;
            }
            firstLine = false;
        }
        if (al > 0) {
            for (int s = 0; s < ns; s++) {
                for (int i = comp[s]; i < samples.length; i += nc) {
                    samples[i] = (samples[i] << al) & 0xFFFF;
                }
            }
        }
    }

    private int decodeDifference(HuffmanTable t) throws IOException {
        int ssss = decode(t);
        if (ssss > 16) {
            throw new IOException("corrupt Huffman code in lossless JPEG data");
        }
        if (ssss == 0) {
            return 0;
        }
        if (ssss == 16) {
            return 32768;
        }
        int v = bits(ssss);
        return v < (1 << (ssss - 1)) ? v - (1 << ssss) + 1 : v;
    }
}
