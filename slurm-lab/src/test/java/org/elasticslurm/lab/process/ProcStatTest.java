package org.elasticslurm.lab.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcStatTest {

    @Test
    void commandWithSpacesAndParenthesesIsCutAtTheLastClosingParenthesis() {
        ProcStat p = ProcStat.parse("4242 (sh (x) y) Z 17 4200 4200 0 -1 4194560 0 0\n");

        assertThat(p).isEqualTo(new ProcStat(4242, "sh (x) y", 'Z', 17, 4200));
    }

    @Test
    void aLineWithoutACommandIsRefusedNamingTheLine() {
        assertThatThrownBy(() -> ProcStat.parse("garbage"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a /proc/PID/stat line: 'garbage'");
    }

    @Test
    void allReadsEveryNumericEntryAndSkipsOthersAndUnreadableOnes(@TempDir Path proc) throws IOException {
        Files.createDirectories(proc.resolve("12"));
        Files.writeString(proc.resolve("12/stat"), "12 (slurmctld) S 1 12 12 0");
        Files.createDirectories(proc.resolve("13")); // ended meanwhile: no stat any more
        Files.createDirectories(proc.resolve("self"));
        Files.writeString(proc.resolve("self/stat"), "99 (java) R 1 99 99 0");

        assertThat(ProcStat.all(proc)).containsExactly(new ProcStat(12, "slurmctld", 'S', 1, 12));
    }

    @Test
    void thisProcessIsReadFromTheRealProcFileSystem() {
        long me = ProcessHandle.current().pid();

        assertThat(ProcStat.read(ProcStat.PROC, me)).hasValueSatisfying(p -> {
            assertThat(p.pid()).isEqualTo(me);
            assertThat(p.parentPid()).isEqualTo(ProcessHandle.current().parent().orElseThrow().pid());
        });
    }
}
