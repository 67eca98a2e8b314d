package org.elasticslurm.provisioner.libvirt;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.elasticslurm.testsupport.Missing;
import org.elasticslurm.testsupport.Requirement;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test only where qemu-system-x86_64 and a Debian kernel are installed. Skips with the reason elsewhere,
 * but fails when {@code CI=true}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(RequiresQemu.Condition.class)
public @interface RequiresQemu {

    /** The check behind the annotation. */
    class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String missing = !Files.isExecutable(Path.of("/usr/bin/qemu-system-x86_64"))
                    ? "qemu-system-x86_64 is not installed"
                    : TinyGuest.kernel().isEmpty() ? "no Debian kernel /boot/vmlinuz-* is installed" : null;
            return Requirement.evaluate("qemu and a kernel are installed", Optional.ofNullable(missing)
                    .map(m -> Missing.of(m, m + "; run ci/install-packages.sh")));
        }
    }
}
