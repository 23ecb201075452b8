package org.focal.learn.xgboost.internal;

import java.io.IOException;

import org.focal.core.BadInputException;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/** Small helpers around xgboost4j shared by the trainer and the predictor. */
final class Xgb {

    /** The format of the model bytes we write ({@link Booster#toByteArray(String)}). */
    static final String FORMAT = "ubj";

    private Xgb() {
    }

    /** Column count of a rectangular, non-empty feature table; infinities are rejected, NaN is missing. */
    static int columns(double[][] features) {
        if (features == null || features.length == 0) {
            throw new BadInputException("XGBoost needs at least one feature row");
        }
        int cols = -1;
        for (int r = 0; r < features.length; r++) {
            double[] row = features[r];
            if (row == null) {
                throw new BadInputException("feature row " + r + " is missing");
            }
            if (cols < 0) {
                cols = row.length;
            } else if (row.length != cols) {
                throw new BadInputException("feature row " + r + " has " + row.length + " values, row 0 has " + cols);
            }
            for (int c = 0; c < row.length; c++) {
                if (Double.isInfinite(row[c])) {
                    throw new BadInputException("feature row " + r + " column " + c + " is infinite (use NaN for missing)");
                }
            }
        }
        if (cols == 0) {
            throw new BadInputException("feature rows have no columns");
        }
        return cols;
    }

    /** Row-major float matrix of the given rows (all rows when {@code rows} is null). */
    static float[] flatten(double[][] features, int[] rows, int cols) {
        int n = rows == null ? features.length : rows.length;
        float[] x = new float[n * cols];
        for (int i = 0; i < n; i++) {
            double[] row = features[rows == null ? i : rows[i]];
            for (int c = 0; c < cols; c++) {
                x[i * cols + c] = (float) row[c];
            }
        }
        return x;
    }

    /** A DMatrix with NaN as the missing value. */
    static DMatrix matrix(float[] x, int rows, int cols, float[] labels) throws XGBoostError {
        DMatrix m = new DMatrix(x, rows, cols, Float.NaN);
        if (labels != null) {
            m.setLabel(labels);
        }
        return m;
    }

    /** Reads model bytes written by the trainer; anything else is a one-line {@link BadInputException}. */
    static Booster load(byte[] model) {
        ModelBytes.check(model);
        try {
            return XGBoost.loadModel(model);
        } catch (XGBoostError | IOException e) {
            throw new BadInputException("not a readable XGBoost model: " + oneLine(e));
        } catch (LinkageError e) {
            throw nativeFailure(e);
        }
    }

    /** The first line of an XGBoost error without the "[time] file:line: " prefix and stack trace. */
    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        m = m.strip();
        int nl = m.indexOf('\n');
        if (nl >= 0) {
            m = m.substring(0, nl).strip();
        }
        // "[05:58:57] /workspace/src/learner.cc:1001: Check failed: ..."
        m = m.replaceFirst("^\\[[0-9:]+\\]\\s+\\S+:\\d+:\\s*", "");
        return m.isEmpty() ? e.getClass().getSimpleName() : m;
    }

    /** libxgboost4j.so could not be loaded (its dependency libgomp.so.1 is missing, or another platform). */
    static IllegalStateException nativeFailure(LinkageError e) {
        return new IllegalStateException("the XGBoost native library could not be loaded (Linux x86_64 with libgomp1 "
                + "installed is needed): " + e, e);
    }

    static void dispose(Booster b) {
        if (b != null) {
            b.dispose();
        }
    }

    static void dispose(DMatrix m) {
        if (m != null) {
            m.dispose();
        }
    }
}
