package org.focal.learn.internal;

/** What the JSON models of the Java trainers offer their predictor and the cross-validation. */
interface JavaModel {

    int columns();

    int classes();

    /** Class probabilities of one raw (unstandardised) row. */
    double[] probabilities(double[] row);

    /** One non-negative weight per input column. */
    double[] importance();

    byte[] toBytes();
}
