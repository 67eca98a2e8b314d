package org.elasticslurm.lab.real;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.elasticslurm.lab.process.CommandResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HookProgramsIT {

    @TempDir
    Path dir;

    @Test
    void hookAppendsItsCallAndResumeJsonWithNoPathAndClosedDescriptors() throws IOException {
        Path trace = dir.resolve("trace");
        Path start = dir.resolve("start");
        long fiveSecondsAgo = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()) - 5_000_000;
        Files.writeString(start, fiveSecondsAgo + "\n");
        Path json = dir.resolve("resume.json");
        Files.writeString(json, "{\"jobs\":[],\"all_nodes\":\"node[1-2]\"}");
        new HookPrograms(dir.resolve("hooks"), trace, start).write(List.of(HookSpec.valid("resume")));

        CommandResult result = CommandResult.run(List.of("/bin/bash", "-c",
                        "exec 0<&- 1>&- 2>&-; exec \"$0\" \"$@\"", dir.resolve("hooks/resume").toString(), "node[1-2]"),
                Map.of("SLURM_CONF", "/nonexistent/slurm.conf", "SLURM_RESUME_FILE", json.toString()), dir,
                Duration.ofSeconds(10));

        assertThat(result.exitCode()).isZero();
        List<String> lines = Files.readAllLines(trace, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches("[5-9]\\.\\d hook resume node\\[1-2\\]");
        assertThat(lines.get(1)).matches("[5-9]\\.\\d json resume \\{\"jobs\":\\[],\"all_nodes\":\"node\\[1-2]\"}");
    }

    @Test
    void suspendHookWithoutResumeFileWritesOnlyItsCall() throws IOException {
        Path trace = dir.resolve("trace");
        Path start = dir.resolve("start");
        Files.writeString(start, ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()) + "\n");
        new HookPrograms(dir.resolve("hooks"), trace, start).write(List.of(HookSpec.valid("suspend")));

        CommandResult result = CommandResult.run(List.of(dir.resolve("hooks/suspend").toString(), "node3,node[5-6]"),
                Map.of("SLURM_CONF", "/x"), dir, Duration.ofSeconds(10));

        assertThat(result.exitCode()).isZero();
        assertThat(Files.readAllLines(trace)).singleElement().asString().matches("\\d+\\.\\d hook suspend node3,node\\[5-6]");
    }

    @Test
    void hooksGetTheModeAskedForOrAreLeftOut() throws IOException {
        new HookPrograms(dir.resolve("hooks"), dir.resolve("trace"), dir.resolve("start")).write(List.of(
                HookSpec.valid("resume"), new HookSpec("suspend", 0775, true), new HookSpec("resumefail", 0644, true),
                new HookSpec("gone", 0, false)));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("hooks/resume"))))
                .isEqualTo("rwxr-xr-x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("hooks/suspend"))))
                .isEqualTo("rwxrwxr-x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("hooks/resumefail"))))
                .isEqualTo("rw-r--r--");
        assertThat(dir.resolve("hooks/gone")).doesNotExist();
    }
}
