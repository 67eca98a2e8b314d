package org.elasticslurm.fake.hook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProcessTableTest {

    @Test
    void parsesACommandNameWithSpacesAndParentheses() {
        var proc = ProcessTable.parseStat("4242 (my (odd) prog) Z 4200 4100 4099 0 -1 4194560 0 0");

        assertThat(proc).hasValueSatisfying(p -> {
            assertThat(p.pid()).isEqualTo(4242);
            assertThat(p.comm()).isEqualTo("my (odd) prog");
            assertThat(p.isZombie()).isTrue();
            assertThat(p.ppid()).isEqualTo(4200);
            assertThat(p.pgrp()).isEqualTo(4100);
            assertThat(p.session()).isEqualTo(4099);
        });
    }

    @Test
    void thisProcessIsReadFromProcSelfWithTheSessionAndGroupPsShows() throws Exception {
        long pid = ProcessHandle.current().pid();
        Process ps = new ProcessBuilder("ps", "-o", "sid=,pgid=", "-p", Long.toString(pid)).start();
        String[] shown = new String(ps.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip()
                .split("\\s+");
        assertThat(ps.waitFor()).isZero();

        assertThat(ProcessTable.self()).hasValueSatisfying(p -> {
            assertThat(p.pid()).isEqualTo(pid);
            assertThat(p.ppid()).isEqualTo(ProcessHandle.current().parent().orElseThrow().pid());
            assertThat(p.session()).isEqualTo(Long.parseLong(shown[0]));
            assertThat(p.pgrp()).isEqualTo(Long.parseLong(shown[1]));
        });
    }

    @Test
    void refusesGarbage() {
        assertThat(ProcessTable.parseStat("not a stat line")).isEmpty();
        assertThat(ProcessTable.parseStat("4242 (prog) S 4200 4100")).as("no session").isEmpty();
    }

    @Test
    void describesSignalsAsStrsignalDoes() {
        assertThat(new HookExit.Signaled(9).description()).isEqualTo("Killed");
        assertThat(new HookExit.Signaled(15).description()).isEqualTo("Terminated");
        assertThat(new HookExit.Signaled(11).description()).isEqualTo("Segmentation fault");
        assertThat(new HookExit.Signaled(36).description()).isEqualTo("Real-time signal 2");
    }
}
