package org.elasticslurm.provisioner.libvirt;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Optional;
import org.elasticslurm.testsupport.Missing;
import org.elasticslurm.testsupport.Requirement;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test only where the libvirt client library (libvirt0) is installed; it brings the built-in
 * {@code test:///} driver. Skips with the reason elsewhere, but fails when {@code CI=true}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(RequiresLibvirtLibrary.Condition.class)
public @interface RequiresLibvirtLibrary {

    /** The check behind the annotation. */
    class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return Requirement.evaluate("libvirt0 is installed", missing());
        }

        private static Optional<Missing> missing() {
            try {
                com.sun.jna.NativeLibrary.getInstance("virt");
                return Optional.empty();
            } catch (UnsatisfiedLinkError e) {
                String reason = "libvirt0 (libvirt.so.0) is not installed: " + e.getMessage();
                return Optional.of(Missing.of(reason, reason + "; run ci/install-packages.sh").causedBy(e));
            }
        }
    }
}
