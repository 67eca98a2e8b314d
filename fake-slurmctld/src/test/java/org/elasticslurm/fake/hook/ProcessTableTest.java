package org.elasticslurm.fake.hook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessTableTest {

    @Test
    void parsesACommandNameWithSpacesAndParentheses() {
        var proc = ProcessTable.parseStat("4242 (my (odd) prog) Z 4200 4100 4100 0 -1 4194560 0 0");

        assertThat(proc).hasValueSatisfying(p -> {
            assertThat(p.pid()).isEqualTo(4242);
            assertThat(p.comm()).isEqualTo("my (odd) prog");
            assertThat(p.isZombie()).isTrue();
            assertThat(p.ppid()).isEqualTo(4200);
            assertThat(p.pgrp()).isEqualTo(4100);
        });
    }

    @Test
    void refusesGarbage() {
        assertThat(ProcessTable.parseStat("not a stat line")).isEmpty();
    }

    @Test
    void describesSignalsAsStrsignalDoes() {
        assertThat(new HookExit.Signaled(9).description()).isEqualTo("Killed");
        assertThat(new HookExit.Signaled(15).description()).isEqualTo("Terminated");
        assertThat(new HookExit.Signaled(11).description()).isEqualTo("Segmentation fault");
        assertThat(new HookExit.Signaled(36).description()).isEqualTo("Real-time signal 2");
    }
}
