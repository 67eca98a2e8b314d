package org.elasticslurm.provisioner.admin;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * slurmd of one node as a child process: {@code slurmd -D -N NODE -b [-f SLURM_CONF]} ({@code -D} keeps it in
 * the foreground, so the PID is slurmd's own; {@code -b} reports its start as the node's boot time).
 */
final class SlurmdProcess implements SlurmdFollower.Daemon {
    private static final long TERM_WAIT_SECONDS = 5;
    private final Process process;

    private SlurmdProcess(Process process) {
        this.process = process;
    }

    /** A launcher of {@code slurmd} at this path, with this slurm.conf (none: slurmd's default). */
    static SlurmdFollower.Launcher launcher(Path slurmd, Path slurmConf) {
        return node -> {
            List<String> argv = new ArrayList<>(List.of(slurmd.toString(), "-D", "-N", node, "-b"));
            if (slurmConf != null) {
                argv.addAll(List.of("-f", slurmConf.toString()));
            }
            return new SlurmdProcess(new ProcessBuilder(argv).inheritIO()
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start());
        };
    }

    /** The command line a launcher runs, for messages. */
    static String commandLine(Path slurmd, Path slurmConf, String node) {
        return slurmd + " -D -N " + node + " -b" + (slurmConf == null ? "" : " -f " + slurmConf);
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public OptionalInt exitStatus() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    @Override
    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(TERM_WAIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
