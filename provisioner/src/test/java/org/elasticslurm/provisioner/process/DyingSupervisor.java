package org.elasticslurm.provisioner.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * A JVM that starts a supervised {@code sleep 300} with a 1 s bound, writes the command's PID to the file named by
 * its argument, and halts at once, as a crashing service would: nothing of it is left to kill the command.
 */
public final class DyingSupervisor {
    private DyingSupervisor() {
    }

    /** Argument: the PID file. */
    public static void main(String[] args) throws Exception {
        Path pidFile = Path.of(args[0]);
        Thread run = new Thread(() -> new SupervisedProcess(Clock.systemUTC()).run(ProcessCommand.of(
                List.of("/bin/sh", "-c", "echo $$ > " + pidFile + ".tmp && mv " + pidFile + ".tmp " + pidFile
                        + " && exec sleep 300"), ProcessCommand.minimalEnvironment(), Duration.ofSeconds(1))));
        run.setDaemon(true);
        run.start();
        org.awaitility.Awaitility.await("command started").atMost(Duration.ofSeconds(10))
                .until(() -> Files.exists(pidFile));
        Runtime.getRuntime().halt(0);
    }
}
