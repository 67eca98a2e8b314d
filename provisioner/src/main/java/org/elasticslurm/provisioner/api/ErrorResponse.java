package org.elasticslurm.provisioner.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An error reply.
 *
 * @param error what was wrong and the rule
 */
@Schema(description = "What was wrong")
public record ErrorResponse(String error) {
}
