package org.elasticslurm.provisioner.slurm;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test only where Debian's slurm-wlm (slurmctld, scontrol) and munge are installed. Skips with the
 * reason elsewhere, but fails when {@code CI=true} (CI installs them: ci/install-packages.sh).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(RequiresRealSlurm.Condition.class)
public @interface RequiresRealSlurm {

    /** The check behind the annotation. */
    class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            for (String tool : new String[] {"/usr/sbin/slurmctld", "/usr/bin/scontrol", "/usr/sbin/munged",
                    "/usr/bin/munge"}) {
                if (!Files.isExecutable(Path.of(tool))) {
                    if ("true".equals(System.getenv("CI"))) {
                        throw new IllegalStateException("CI=true but " + tool + " is not installed; run"
                                + " ci/install-packages.sh");
                    }
                    return ConditionEvaluationResult.disabled(tool + " is not installed (slurm-wlm, munge)");
                }
            }
            return ConditionEvaluationResult.enabled("slurm-wlm and munge are installed");
        }
    }
}
