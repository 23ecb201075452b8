package org.focal.io.codecs;

/**
 * Raw decoded samples, interleaved, without colour conversion: {@code byte[]} for up to 8 bits,
 * {@code short[]} for 9 to 16 bits (unsigned unless {@code signed}).
 */
public record DecodedImage(int width, int height, int components, int bitsPerSample, boolean signed, Object samples) {
}
