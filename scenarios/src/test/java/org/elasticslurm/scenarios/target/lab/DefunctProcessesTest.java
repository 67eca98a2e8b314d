package org.elasticslurm.scenarios.target.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefunctProcessesTest {

    @TempDir
    Path proc;

    private void process(long pid, String comm, char state, long parent) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(dir.resolve("stat"), pid + " (" + comm + ") " + state + " " + parent + " 1 1 0 -1\n");
    }

    @Test
    void findsZombiesWhoseParentIsALabProcessButNotHooksSlurmctldHasYetToReap() throws IOException {
        process(10, "sleep", 'S', 1);
        process(11, "slurmd", 'Z', 10);
        process(12, "odd) name (x", 'Z', 10);
        process(13, "slurmd", 'R', 10);
        process(20, "slurmctld", 'S', 1);
        Files.createSymbolicLink(proc.resolve("20/exe"), Path.of("/usr/sbin/slurmctld-wlm"));
        process(21, "suspend", 'Z', 20);
        process(30, "bash", 'Z', 99);
        Files.createDirectories(proc.resolve("self"));

        List<String> found = new DefunctProcesses(proc).childrenOf(List.of(10L, 20L));

        assertThat(found).containsExactlyInAnyOrder("11 slurmd <defunct>", "12 odd) name (x <defunct>");
    }
}
