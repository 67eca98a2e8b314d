package org.elasticslurm.lab.process;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The outcome of a short command run to completion (exit status -1 if it had to be killed after its limit).
 *
 * @param exitCode the exit status
 * @param stdout   everything it printed on stdout
 * @param stderr   everything it printed on stderr
 */
public record CommandResult(int exitCode, String stdout, String stderr) {

    /** How long the output may take to end once the command and everything of its group were ended. */
    static final Duration OUTPUT_GRACE = Duration.ofSeconds(2);

    private static final Path SETSID = Path.of("/usr/bin/setsid");

    /**
     * Runs a command with exactly {@code environment}, stdin from /dev/null, in a process group of its own (through
     * {@code setsid}, which execs it), killing it and every process of its group after {@code limit}. What it
     * leaves behind in its group when it exits is ended too, and every wait is bounded. When the calling thread is
     * interrupted meanwhile, the command and every process of its group are killed before the {@link LabException}
     * saying so is thrown (the interrupt flag stays set).
     */
    public static CommandResult run(List<String> command, Map<String, String> environment, Path workDir, Duration limit) {
        List<String> argv = Files.isExecutable(SETSID)
                ? Stream.concat(Stream.of(SETSID.toString()), command.stream()).toList() : command;
        ProcessBuilder builder = new ProcessBuilder(argv).directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new LabException("cannot run " + String.join(" ", command), e);
        }
        try {
            Output out = Output.read(process.getInputStream());
            Output err = Output.read(process.getErrorStream());
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                killGroup(process.pid());
                process.waitFor(OUTPUT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                out.awaitEnd(OUTPUT_GRACE);
                err.awaitEnd(OUTPUT_GRACE);
                return new CommandResult(-1, out.text(), err.text());
            }
            // a short command leaves nothing behind: what it started in its group is ended now (the JDK may
            // close our end of its output when it exits, so a process still holding it is no sign of it)
            killGroup(process.pid());
            out.awaitEnd(OUTPUT_GRACE);
            err.awaitEnd(OUTPUT_GRACE);
            return new CommandResult(process.exitValue(), out.text(), err.text());
        } catch (InterruptedException e) {
            killGroup(process.pid());
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while running " + String.join(" ", command), e);
        }
    }

    /**
     * SIGKILLs the process {@code leader} and every live process of its group (the command's group, from
     * {@code setsid}), including those re-parented after their parent exited.
     */
    private static void killGroup(long leader) {
        ProcessHandle.of(leader).ifPresent(h -> h.descendants().forEach(ProcessHandle::destroyForcibly));
        ProcessHandle.of(leader).ifPresent(ProcessHandle::destroyForcibly);
        ProcStat.all(ProcStat.PROC).stream().filter(p -> p.processGroup() == leader)
                .forEach(p -> ProcessHandle.of(p.pid()).ifPresent(ProcessHandle::destroyForcibly));
    }

    /** One output stream, copied as it comes, so what was read is there even if the stream never ends. */
    private static final class Output {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Thread reader;

        private Output(InputStream stream) {
            reader = new Thread(() -> copy(stream), "command-output-reader");
            reader.setDaemon(true);
        }

        static Output read(InputStream stream) {
            Output o = new Output(stream);
            o.reader.start();
            return o;
        }

        private void copy(InputStream stream) {
            byte[] buf = new byte[8192];
            try (stream) {
                for (int n; (n = stream.read(buf)) >= 0; ) {
                    synchronized (bytes) {
                        bytes.write(buf, 0, n);
                    }
                }
            } catch (IOException e) {
                // the stream closed because the process was killed: keep what was read
            }
        }

        /** Waits up to {@code limit} for the end of the stream; true if it ended. */
        boolean awaitEnd(Duration limit) throws InterruptedException {
            reader.join(Math.max(1, limit.toMillis()));
            return !reader.isAlive();
        }

        String text() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
