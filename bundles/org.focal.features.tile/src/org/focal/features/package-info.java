/**
 * Helpers shared by the per-tile feature groups ({@code tile}, {@code nucleus}, {@code spatial}):
 * summary statistics with numpy's conventions and the fixed hematoxylin quantisation for texture.
 */
package org.focal.features;
