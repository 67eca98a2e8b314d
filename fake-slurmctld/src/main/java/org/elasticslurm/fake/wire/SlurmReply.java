package org.elasticslurm.fake.wire;

import java.util.Optional;

/**
 * The answer to a command: success, or a Slurm error with slurm_strerror's text that the command prints
 * ({@code slurm_update error: Invalid node state specified}).
 */
public final class SlurmReply {

    private SlurmReply() {
    }

    /** A success, to add fields to. */
    public static JsonObject ok() {
        return JsonObject.create().put("ok", true);
    }

    /** A refusal with slurm_strerror's text. */
    public static JsonObject error(String message) {
        return JsonObject.create().put("ok", false).put("error", message);
    }

    /** The error text of a refusal, or empty for a success. */
    public static Optional<String> errorOf(JsonObject reply) {
        return reply.optBool("ok").orElse(Boolean.FALSE) ? Optional.empty()
                : Optional.of(reply.optString("error").orElse("Unexpected message received"));
    }
}
