package org.elasticslurm.scenarios.target.qemu;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.elasticslurm.lab.process.CommandResult;
import org.elasticslurm.scenarios.target.TargetException;

/** Runs the lab's tools (ci scripts, virsh, qemu-img, genisoimage) with an argument vector, never a shell line. */
final class Shell {
    private static final Map<String, String> BASE = Map.of("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "LANG", "C.UTF-8", "HOME", "/root");

    private Shell() {
    }

    /** Runs it; returns the result whatever the exit status. */
    static CommandResult run(List<String> cmd, Map<String, String> env, Duration limit) {
        java.util.Map<String, String> all = new java.util.HashMap<>(BASE);
        all.putAll(env);
        return CommandResult.run(cmd, all, Path.of("/"), limit);
    }

    /** Runs it; fails naming the command and its stderr unless it exits 0. Returns stdout. */
    static String check(List<String> cmd, Map<String, String> env, Duration limit) {
        CommandResult r = run(cmd, env, limit);
        if (r.exitCode() != 0) {
            throw new TargetException(String.join(" ", cmd) + " failed (exit " + r.exitCode() + "): "
                    + (r.stderr().isBlank() ? r.stdout() : r.stderr()).strip(), null);
        }
        return r.stdout();
    }

    static String check(List<String> cmd) {
        return check(cmd, Map.of(), Duration.ofMinutes(2));
    }
}
