package org.focal.learn.xgboost.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.focal.core.ProgressMonitor;
import org.focal.core.learn.Predictor;
import org.focal.core.learn.TrainedModel;
import org.focal.testing.Tools;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An independent reading of our model bytes: Debian's python3-xgboost (libxgboost 1.7, built apart
 * from xgboost4j 3.0) loads the UBJSON model we write and must give the same probabilities and the
 * same total gain per column as our predictor. Skipped when that package is not installed
 * ({@code releng/install-test-tools.sh} installs it).
 */
class PythonXGBoostTest {

    private static final String SCRIPT = """
            import sys, numpy as np, xgboost as xgb
            model, data, classes = sys.argv[1], sys.argv[2], int(sys.argv[3])
            b = xgb.Booster()
            b.load_model(bytearray(open(model, 'rb').read()))
            x = np.loadtxt(data, delimiter=',', ndmin=2)
            p = b.predict(xgb.DMatrix(x, missing=np.nan))
            if classes == 2:
                p = np.stack([1 - p, p], axis=1)
            for row in p:
                print('P ' + ' '.join(repr(float(v)) for v in row))
            for k, v in sorted(b.get_score(importance_type='total_gain').items()):
                print('G %s %r' % (k[1:], float(v)))
            """;

    @TempDir
    Path dir;

    @Test
    void binaryModelReadByPythonXGBoostGivesTheSameAnswers() throws Exception {
        Data.Set d = Data.binary(300, 6, 2, 0.4, 91);
        compare(d, 2);
    }

    @Test
    void threeClassModelReadByPythonXGBoostGivesTheSameAnswers() throws Exception {
        Data.Set d = Data.threeClasses(240, 92);
        compare(d, 3);
    }

    private void compare(Data.Set d, int classes) throws Exception {
        Assumptions.assumeTrue(Tools.available(Tools.PYTHON)
                && Tools.run(Tools.PYTHON, "-c", "import xgboost").exitCode() == 0, "python3-xgboost is not installed");
        TrainedModel m = XGBoostTest.trainer().train(d.x(), d.y(), classes,
                XGBoostTest.fast("rounds", "60"), ProgressMonitor.NULL);
        Path model = dir.resolve("model.ubj");
        Files.write(model, m.model());
        StringBuilder csv = new StringBuilder();
        for (double[] row : d.x()) {
            for (int c = 0; c < row.length; c++) {
                csv.append(c == 0 ? "" : ",").append(Double.isNaN(row[c]) ? "nan" : String.format(Locale.ROOT, "%.17g", row[c]));
            }
            csv.append('\n');
        }
        Path data = dir.resolve("x.csv");
        Files.writeString(data, csv);
        String out = Tools.python(SCRIPT, model.toString(), data.toString(), String.valueOf(classes));

        Predictor predictor = XGBoostTest.predictor();
        double[][] ours = predictor.predict(m.model(), d.x());
        int columns = d.x()[0].length;
        double[] gain = predictor.importance(m.model(), columns);
        double[] theirGain = new double[columns];
        int row = 0;
        for (String line : out.split("\n")) {
            String[] f = line.trim().split(" ");
            if (f[0].equals("P")) {
                assertEquals(classes, f.length - 1, line);
                for (int c = 0; c < classes; c++) {
                    assertEquals(Double.parseDouble(f[c + 1]), ours[row][c], 1e-6, "row " + row + " class " + c);
                }
                row++;
            } else if (f[0].equals("G")) {
                theirGain[Integer.parseInt(f[1])] = Double.parseDouble(f[2]);
            }
        }
        assertEquals(d.x().length, row, "python predicted every row");
        double sum = 0;
        for (int c = 0; c < columns; c++) {
            assertEquals(theirGain[c], gain[c], 1e-6 * Math.max(1, theirGain[c]), "total gain of column " + c);
            sum += gain[c];
        }
        assertTrue(sum > 0, "the model splits somewhere");
    }
}
