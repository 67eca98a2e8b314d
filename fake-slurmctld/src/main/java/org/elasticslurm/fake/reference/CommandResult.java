package org.elasticslurm.fake.reference;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The outcome of a short command run to completion (exit status -1 if it had to be killed after its limit).
 *
 * @param exitCode the exit status
 * @param stdout   everything it printed on stdout
 * @param stderr   everything it printed on stderr
 */
public record CommandResult(int exitCode, String stdout, String stderr) {

    /** Runs a command with exactly {@code environment}, stdin from /dev/null, killing it after {@code limit}. */
    public static CommandResult run(List<String> command, Map<String, String> environment, Path workDir, Duration limit) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            CompletableFuture<String> out = read(process.getInputStream());
            CompletableFuture<String> err = read(process.getErrorStream());
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                return new CommandResult(-1, out.getNow(""), err.getNow(""));
            }
            return new CommandResult(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new LabException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while running " + String.join(" ", command), e);
        }
    }

    private static CompletableFuture<String> read(java.io.InputStream stream) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                text.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                text.complete(""); // the stream closed because the process was killed
            }
        }, "command-output-reader");
        reader.setDaemon(true);
        reader.start();
        return text;
    }
}
