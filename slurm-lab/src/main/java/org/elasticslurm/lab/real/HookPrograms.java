package org.elasticslurm.lab.real;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import org.elasticslurm.conf.FileMode;
import org.elasticslurm.lab.trace.TraceRecorder;

/**
 * Writes a lab's hook programs. Each is a bash script that uses no external command (slurmctld 22.05 runs hooks
 * with no PATH and every file descriptor closed) and appends to the trace
 * {@code <seconds> hook <name> <args>}, plus {@code <seconds> json <name> <content>} when the daemon passes
 * {@code SLURM_RESUME_FILE}. Times come from bash's {@code EPOCHREALTIME} and the start file the
 * {@link TraceRecorder} writes, rounded down to tenths like the recorder's.
 */
public final class HookPrograms {

    private final Path hookDir;
    private final Path traceFile;
    private final Path startFile;

    public HookPrograms(Path hookDir, Path traceFile, Path startFile) {
        this.hookDir = hookDir;
        this.traceFile = traceFile;
        this.startFile = startFile;
    }

    /** Writes (or leaves out) each hook as specified. */
    public void write(Collection<HookSpec> hooks) {
        try {
            Files.createDirectories(hookDir);
            for (HookSpec hook : hooks) {
                Path file = hookDir.resolve(hook.name());
                Files.deleteIfExists(file);
                if (hook.present()) {
                    writeProgram(file, script(hook.name()), hook.mode());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write hook programs in " + hookDir, e);
        }
    }

    /** Writes a program (its directory created if needed) with the octal file mode given, e.g. {@code 0755}. */
    public static void writeProgram(Path file, String text, int mode) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, FileMode.permissions(mode));
    }

    /**
     * The bash lines, builtins only, that append {@code <seconds> hook <name> <args>} to the trace: seconds since
     * the time in the start file, rounded down to tenths, left in {@code $stamp}.
     *
     * @param name      the name recorded, e.g. {@code resume}
     * @param startFile the start file as one shell word, e.g. {@code '/tmp/lab/start'} or {@code "$lab/start"}
     * @param traceFile the trace as one shell word
     */
    public static String recordCall(String name, String startFile, String traceFile) {
        return """
                now=${EPOCHREALTIME/[.,]/}
                start=$now
                read -r start < %2$s
                t=$(( (now - start) / 100000 ))
                stamp="$(( t / 10 )).$(( t %% 10 ))"
                printf '%%s hook %1$s %%s\\n' "$stamp" "$*" >> %3$s
                """.formatted(name, startFile, traceFile);
    }

    String script(String name) {
        return """
                #!/bin/bash
                # %1$s hook of a differential lab: appends one trace line per call, using bash builtins only.
                %2$sif [ -n "$SLURM_RESUME_FILE" ]; then
                  json=$(< "$SLURM_RESUME_FILE")
                  printf '%%s json %1$s %%s\\n' "$stamp" "${json//$'\\n'/ }" >> '%3$s'
                fi
                exit 0
                """.formatted(name, recordCall(name, "'" + startFile + "'", "'" + traceFile + "'"), traceFile);
    }

}
