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

    @Test
    void nodesWithIdenticalTimelinesShareOneLineUnderTheirHostlist() {
        String text = new TerminalSummary().scenario(ManyNodeReports.burst(30, 10), false);

        assertThat(text).contains("    test[1-10]: 0s idle~ -> 800ms mix~ -> 1.8s mix# -> 31.8s mix\n")
                .contains("    test[11-20]: 0s idle~ -> 800ms mix~ -> 11.8s mix# -> 41.8s mix\n")
                .contains("    test[21-30]: 0s idle~ -> 800ms mix~ -> 21.8s mix# -> 51.8s mix\n");
        assertThat(text.lines().filter(l -> l.startsWith("    test"))).hasSize(3);
    }

    @Test
    void theCauseOfAFailureIsTheLineAfterTheVerdict() {
        String text = new TerminalSummary().scenario(ManyNodeReports.powerSaveDisabled(30, "/etc/slurm/resume"), false);

        assertThat(text.lines().skip(1).findFirst()).contains("    cause: power saving is disabled: ResumeProgram "
                + "/etc/slurm/resume has group or world write permission");
        assertThat(text).contains("    test[1-30]: 0s idle~\n");
    }
}
