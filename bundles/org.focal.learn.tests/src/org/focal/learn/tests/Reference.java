package org.focal.learn.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.focal.testing.Tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Runs an independent reference computation (Debian's python3 with numpy, scipy, scikit-learn): the
 * input is given to the script as a JSON file path in sys.argv[1]; the script prints JSON.
 */
final class Reference {

    static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Reference() {
    }

    static JsonNode python(String script, Object input) {
        try {
            Path in = Files.createTempFile("focal-learn-ref", ".json");
            try {
                // NaN written as the bare token Python's json module reads
                String text = JSON.writeValueAsString(input).replace("\"NaN\"", "NaN");
                Files.writeString(in, text);
                String prelude = "import json, sys\nimport numpy as np\ndata = json.load(open(sys.argv[1]))\n";
                return JSON.readTree(Tools.python(prelude + script, in.toString()));
            } finally {
                Files.deleteIfExists(in);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    static double[][] matrix(JsonNode array) {
        double[][] out = new double[array.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = doubles(array.get(i));
        }
        return out;
    }

    /** |expected - actual| <= rel * max(|expected|, floor). */
    static void assertClose(double expected, double actual, double rel, double floor, String what) {
        double tol = rel * Math.max(Math.abs(expected), floor);
        if (!(Math.abs(expected - actual) <= tol)) {
            throw new AssertionError(what + ": expected " + expected + " but was " + actual + " (tolerance " + tol + ")");
        }
    }
}
