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
                    Files.writeString(file, script(hook.name()), StandardCharsets.UTF_8);
                    Files.setPosixFilePermissions(file, FileMode.permissions(hook.mode()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write hook programs in " + hookDir, e);
        }
    }

    String script(String name) {
        return """
                #!/bin/bash
                # %1$s hook of a differential lab: appends one trace line per call, using bash builtins only.
                now=${EPOCHREALTIME/[.,]/}
                start=$now
                read -r start < '%2$s'
                t=$(( (now - start) / 100000 ))
                stamp="$(( t / 10 )).$(( t %% 10 ))"
                printf '%%s hook %1$s %%s\\n' "$stamp" "$*" >> '%3$s'
                if [ -n "$SLURM_RESUME_FILE" ]; then
                  json=$(< "$SLURM_RESUME_FILE")
                  printf '%%s json %1$s %%s\\n' "$stamp" "${json//$'\\n'/ }" >> '%3$s'
                fi
                exit 0
                """.formatted(name, startFile, traceFile);
    }

}
