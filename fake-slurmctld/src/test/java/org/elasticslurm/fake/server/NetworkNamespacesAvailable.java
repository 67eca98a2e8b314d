package org.elasticslurm.fake.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.elasticslurm.testsupport.Missing;
import org.elasticslurm.testsupport.Requirement;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test only where it can make network namespaces of its own: running as root, iproute2's {@code ip} and
 * {@code tar} present, and the guest bundle built by {@code mvn package}. Says why it skips; under
 * {@code CI=true} it fails instead.
 */
public final class NetworkNamespacesAvailable implements ExecutionCondition {

    /** The guest bundle made at package time (tests run in the module directory). */
    public static final Path GUEST_BUNDLE = Path.of("target/fake-slurmd-guest.tar.gz").toAbsolutePath();

    /** iproute2's ip, if installed. */
    public static Optional<Path> ip() {
        return firstExecutable(List.of("/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"));
    }

    /** tar, if installed. */
    public static Optional<Path> tar() {
        return firstExecutable(List.of("/usr/bin/tar", "/bin/tar"));
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String missing = !isRoot() ? "root (network namespaces need it; running as uid " + uid() + ")"
                : ip().isEmpty() ? "iproute2's ip (Debian: iproute2)"
                : tar().isEmpty() ? "tar"
                : !Files.isReadable(GUEST_BUNDLE) ? GUEST_BUNDLE + " (run 'mvn package' first)"
                : null;
        return Requirement.evaluate("root, ip, tar and the guest bundle are present", Optional.ofNullable(missing)
                .map(m -> Missing.of("skipped: " + m + " is missing", m + " is missing: the namespace test must run")));
    }

    private static boolean isRoot() {
        return "0".equals(uid());
    }

    /** The real uid, from /proc/self/status. */
    private static String uid() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("Uid:"))
                    .map(l -> l.substring(4).strip().split("\\s+")[0]).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static Optional<Path> firstExecutable(List<String> candidates) {
        return candidates.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }
}
