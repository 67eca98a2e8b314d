package org.elasticslurm.scenarios.target.provisioned;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.elasticslurm.fake.api.JsonText;

/**
 * One line of the provisioner's operation log ({@code provisioner.operation-log}, JSON lines): a transition of a
 * node's operation.
 *
 * @param time when it happened
 * @param operation operation id
 * @param kind RESUME, SUSPEND or RESUME_FAIL
 * @param node the node
 * @param status QUEUED, RUNNING, SUCCEEDED, FAILED or CANCELLED
 * @param phase the node's phase after it
 * @param message what the service said, if anything
 */
public record OperationRecord(Instant time, String operation, String kind, String node, String status,
                              String phase, Optional<String> message) {

    /**
     * Reads one line.
     *
     * @throws IllegalArgumentException when it is not such a line
     */
    public static OperationRecord parse(String line) {
        if (!(JsonText.parse(line) instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("an operation log line is a JSON object: " + line);
        }
        return new OperationRecord(Instant.parse(text(m, "time")), text(m, "operation"), text(m, "kind"),
                text(m, "node"), text(m, "status"), text(m, "phase"),
                Optional.ofNullable(m.get("message")).map(Object::toString));
    }

    private static String text(Map<?, ?> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException("operation log line without \"" + key + "\": " + m);
        }
        return v.toString();
    }
}
