package org.elasticslurm.scenarios.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminalSummaryTest {

    @Test
    void summaryShowsVerdictsStatesHooksAndTotals() {
        String text = new TerminalSummary().render(SampleReports.both(), false);
        assertThat(text).contains("  level0 on real-slurm: PASSED  (scenario time 36s, wall 36.4s)")
                .contains("    node1: 0s idle~ -> 0s alloc~ -> 1.1s alloc# -> 4.1s alloc -> 4.7s idle -> 26.1s idle% -> "
                        + "35.9s idle~")
                .contains("    hooks: 800ms resume node1; 25.8s suspend node1")
                .contains("  burst-with-fault on sim: FAILED")
                .contains("    n/a  step 2 at 200ms: inject fault no-address on n1 - not applicable on sim: <no backend> & co")
                .contains("    FAIL expect 2: job1 ends COMPLETED - job1 ended NODE_FAIL")
                .contains("    stage n2 machine started: 6s (from 12.1s)")
                .endsWith("2 scenarios: 1 passed, 1 failed\n");
        assertThat(text).doesNotContain("\u001b[");
    }

    @Test
    void colourIsOptIn() {
        assertThat(new TerminalSummary().render(SampleReports.both(), true)).contains("\u001b[31mFAILED\u001b[0m");
    }
}
