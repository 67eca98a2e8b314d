package org.elasticslurm.provisioner.libvirt;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.elasticslurm.provisioner.backend.BackendException;
import org.elasticslurm.testsupport.Missing;
import org.elasticslurm.testsupport.Requirement;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test only where libvirtd answers on {@code qemu:///system} and qemu, busybox-static, cpio, genisoimage and
 * a Debian kernel are installed. Skips with the reason elsewhere, but fails when {@code CI=true} (CI installs and
 * starts all of them: ci/install-packages.sh, ci/start-libvirt.sh).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(RequiresLibvirtDaemon.Condition.class)
public @interface RequiresLibvirtDaemon {

    /** The check behind the annotation. */
    class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return Requirement.evaluate("libvirtd answers on qemu:///system", Optional.ofNullable(missing())
                    .map(m -> Missing.of(m, m + "; run ci/install-packages.sh and ci/start-libvirt.sh")));
        }

        private static String missing() {
            for (String tool : new String[] {"/usr/bin/qemu-system-x86_64", "/bin/busybox", "/usr/bin/cpio",
                    "/usr/bin/genisoimage", "/usr/bin/qemu-img"}) {
                if (!Files.isExecutable(Path.of(tool))) {
                    return tool + " is not installed";
                }
            }
            if (TinyGuest.kernel().isEmpty()) {
                return "no Debian kernel /boot/vmlinuz-* is installed (linux-image-cloud-amd64)";
            }
            try {
                com.sun.jna.NativeLibrary.getInstance("virt");
            } catch (UnsatisfiedLinkError e) {
                return "libvirt0 is not installed";
            }
            try (LibvirtHypervisor h = LibvirtHypervisor.open("qemu:///system")) {
                return h.reachable() ? null : "libvirtd does not answer on qemu:///system";
            } catch (BackendException e) {
                return "libvirtd does not answer on qemu:///system: " + e.getMessage();
            }
        }
    }
}
