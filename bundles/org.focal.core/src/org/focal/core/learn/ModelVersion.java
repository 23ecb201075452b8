package org.focal.core.learn;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import org.focal.core.dataset.Task;

/**
 * One trained version of a model. Versions are never overwritten: retraining adds a version whose
 * {@code parentVersion} is the one it started from; rollback makes an older version default again.
 *
 * @param trainingSnapshot identifies the annotations the version was trained on (e.g. a store revision)
 * @param parentVersion the version it was fine-tuned from, 0 when trained from scratch
 */
public record ModelVersion(
        String modelId,
        String scenarioId,
        Task task,
        int version,
        int parentVersion,
        String trainingSnapshot,
        Map<String, String> parameters,
        Map<String, Double> metrics,
        ModelState state,
        Instant created) {

    public ModelVersion {
        if (modelId == null || modelId.isBlank() || modelId.contains("@")) {
            throw new IllegalArgumentException("model id must be non-blank without '@'");
        }
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(created, "created");
        if (version < 1) {
            throw new IllegalArgumentException("versions start at 1, was " + version);
        }
        if (parentVersion < 0 || parentVersion >= version) {
            throw new IllegalArgumentException("parent version must be older than " + version + ", was " + parentVersion);
        }
        parameters = Map.copyOf(parameters);
        metrics = Map.copyOf(metrics);
    }

    public ModelVersion withState(ModelState newState) {
        return new ModelVersion(modelId, scenarioId, task, version, parentVersion, trainingSnapshot, parameters, metrics,
                newState, created);
    }

    /** The form used in annotation sources and on the command line: {@code id@version}. */
    public String coordinates() {
        return modelId + "@" + version;
    }
}
