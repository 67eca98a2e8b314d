package org.elasticslurm.lab.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class TraceComparatorTest {

    private final TraceComparator comparator = new TraceComparator(Tolerances.forPowerSaveInterval(Duration.ofSeconds(10)));

    private static final String LEVEL0 = """
            0.0 start
            0.0 state node1 IDLE+CLOUD+POWERED_DOWN
            0.0 bg job1 srun -w node1 hostname
            0.0 state node1 ALLOCATED+CLOUD+POWERED_DOWN
            0.8 hook resume node1
            0.8 json resume {"jobs":[{"job_id":1,"nodes":"node1"}],"all_nodes":"node1"}
            1.1 state node1 ALLOCATED+CLOUD+NOT_RESPONDING+POWERING_UP
            3.6 slurmd node1 -b
            4.1 state node1 ALLOCATED+CLOUD
            4.7 out job1 $HOST
            4.7 exit job1 0
            4.7 state node1 IDLE+CLOUD
            25.8 hook suspend node1
            26.1 state node1 IDLE+CLOUD+POWERING_DOWN
            35.9 state node1 IDLE+CLOUD+POWERED_DOWN
            36.0 end
            """;

    @Test
    void identicalTracesMatch() {
        assertThat(comparator.compare(Trace.parse(LEVEL0), Trace.parse(LEVEL0)).matches()).isTrue();
    }

    @Test
    void repeatedSamplesOfOneStateAreNotADifference() {
        Trace sampledTwice = Trace.parse(LEVEL0.replace("4.7 state node1 IDLE+CLOUD\n",
                "4.7 state node1 IDLE+CLOUD\n5.2 state node1 IDLE+CLOUD\n"));

        assertThat(comparator.compare(Trace.parse(LEVEL0), sampledTwice).matches()).isTrue();
    }

    @Test
    void shortLivedStateMissedBySamplingIsNotADifference() {
        Trace missedAllocatedCloud = Trace.parse(LEVEL0.replace("4.1 state node1 ALLOCATED+CLOUD\n", ""));

        assertThat(comparator.compare(Trace.parse(LEVEL0), missedAllocatedCloud).matches()).isTrue();
        assertThat(comparator.compare(missedAllocatedCloud, Trace.parse(LEVEL0)).matches()).isTrue();
    }

    private static final String RESUME_TIMEOUT_SAMPLED = """
            0.0 start
            0.0 state node1 IDLE+CLOUD+POWERED_DOWN
            0.3 bg job1 srun -w node1 hostname
            0.6 hook resume node1
            0.8 state node1 ALLOCATED+CLOUD+NOT_RESPONDING+POWERING_UP
            11.6 hook resumefail node1
            11.8 state node1 DOWN+CLOUD+POWERED_DOWN+NOT_RESPONDING
            17.6 end
            """;

    @Test
    void aStateTheFeedRecordsForMillisecondsIsNotADifference() {
        Trace fromFeed = Trace.parse("""
                0.0 start
                0.0 state node1 IDLE+CLOUD+POWERED_DOWN
                0.3 bg job1 srun -w node1 hostname
                0.3 state node1 ALLOCATED+CLOUD+POWERED_DOWN
                0.6 hook resume node1
                0.6 state node1 ALLOCATED+CLOUD+NOT_RESPONDING+POWERING_UP
                11.6 hook resumefail node1
                11.6 state node1 DOWN+CLOUD+POWERED_DOWN+NOT_RESPONDING+POWERING_UP
                11.6 state node1 DOWN+CLOUD+POWERED_DOWN+NOT_RESPONDING
                17.6 end
                """);

        assertThat(comparator.compare(Trace.parse(RESUME_TIMEOUT_SAMPLED), fromFeed).differences()).isEmpty();
        assertThat(comparator.compare(fromFeed, Trace.parse(RESUME_TIMEOUT_SAMPLED)).differences()).isEmpty();
    }

    @Test
    void aStateTheFeedRecordsLongerThanTheTransientAllowanceIsADifference() {
        Trace fromFeed = Trace.parse("""
                0.0 start
                0.0 state node1 IDLE+CLOUD+POWERED_DOWN
                0.3 bg job1 srun -w node1 hostname
                0.3 state node1 ALLOCATED+CLOUD+POWERED_DOWN
                2.1 hook resume node1
                2.1 state node1 ALLOCATED+CLOUD+NOT_RESPONDING+POWERING_UP
                11.6 hook resumefail node1
                11.6 state node1 DOWN+CLOUD+POWERED_DOWN+NOT_RESPONDING
                17.6 end
                """);

        assertThat(comparator.compare(Trace.parse(RESUME_TIMEOUT_SAMPLED), fromFeed).differences())
                .anySatisfy(d -> assertThat(d.detail()).contains("ALLOCATED+CLOUD+POWERED_DOWN"));
    }

    @Test
    void shortLivedStateBetweenTwoEqualStatesMergesThem() {
        Trace expected = Trace.parse("""
                0.0 state node1 IDLE+CLOUD
                20.0 end
                """);
        Trace flicker = Trace.parse("""
                0.0 state node1 IDLE+CLOUD
                5.0 state node1 IDLE+CLOUD+POWER_DOWN
                5.5 state node1 IDLE+CLOUD
                20.0 end
                """);

        assertThat(comparator.compare(expected, flicker).matches()).isTrue();
    }

    @Test
    void missingLongLivedStateIsReported() {
        Trace neverPoweredDown = Trace.parse(LEVEL0.replace("35.9 state node1 IDLE+CLOUD+POWERED_DOWN\n", ""));

        TraceComparison comparison = comparator.compare(Trace.parse(LEVEL0), neverPoweredDown);

        assertThat(comparison.differences()).singleElement().satisfies(d -> {
            assertThat(d.aspect()).isEqualTo(Aspect.STATES);
            assertThat(d.subject()).isEqualTo("node1");
            assertThat(d.detail()).contains("IDLE+CLOUD+POWERED_DOWN@35.9");
        });
    }

    private static final String ADMIN_POWER_DOWN = """
            0.0 state node1 IDLE+CLOUD
            18.3 run down scontrol power down node1
            18.6 state node1 IDLE+CLOUD+POWER_DOWN
            19.7 hook suspend node1
            20.1 state node1 IDLE+CLOUD+POWERING_DOWN
            30.6 state node1 IDLE+CLOUD+POWERED_DOWN
            34.0 end
            """;

    @Test
    void idleNodesPendingPowerRequestSeenLongerThanTheSamplerCanMissIsStillOptional() {
        Trace passRightAfterTheRequest = Trace.parse("""
                0.0 state node1 IDLE+CLOUD
                18.2 run down scontrol power down node1
                18.6 hook suspend node1
                18.6 state node1 IDLE+CLOUD+POWERING_DOWN
                29.6 state node1 IDLE+CLOUD+POWERED_DOWN
                34.0 end
                """);

        assertThat(comparator.compare(Trace.parse(ADMIN_POWER_DOWN), passRightAfterTheRequest).matches()).isTrue();
        assertThat(comparator.compare(passRightAfterTheRequest, Trace.parse(ADMIN_POWER_DOWN)).matches()).isTrue();
    }

    @Test
    void busyNodesPendingPowerDownMissingIsReported() {
        Trace expected = Trace.parse(ADMIN_POWER_DOWN.replace("IDLE+CLOUD+POWER_DOWN", "ALLOCATED+CLOUD+POWER_DOWN"));
        Trace withoutIt = Trace.parse(ADMIN_POWER_DOWN.replace("18.6 state node1 IDLE+CLOUD+POWER_DOWN\n", ""));

        assertThat(comparator.compare(expected, withoutIt).differences()).extracting(TraceDifference::aspect)
                .containsExactly(Aspect.STATES);
    }

    @Test
    void finalStateIsNeverOptionalEvenIfSeenBriefly() {
        Trace expected = Trace.parse("""
                0.0 state node1 IDLE+CLOUD+POWERING_DOWN
                10.0 state node1 IDLE+CLOUD+POWERED_DOWN
                10.1 end
                """);
        Trace stuck = Trace.parse("""
                0.0 state node1 IDLE+CLOUD+POWERING_DOWN
                10.1 end
                """);

        assertThat(comparator.compare(expected, stuck).differences()).extracting(TraceDifference::aspect)
                .containsExactly(Aspect.STATES);
    }

    @Test
    void statesInAnotherOrderAreReported() {
        Trace swapped = Trace.parse("""
                0.0 state node1 IDLE+CLOUD
                10.0 state node1 IDLE+CLOUD+POWERED_DOWN
                20.0 state node1 IDLE+CLOUD+POWERING_DOWN
                30.0 end
                """);
        Trace expected = Trace.parse("""
                0.0 state node1 IDLE+CLOUD
                10.0 state node1 IDLE+CLOUD+POWERING_DOWN
                20.0 state node1 IDLE+CLOUD+POWERED_DOWN
                30.0 end
                """);

        assertThat(comparator.compare(expected, swapped).differences()).extracting(TraceDifference::aspect)
                .containsExactly(Aspect.STATES);
    }

    @Test
    void aNodeSeenOnOnlyOneSideIsReported() {
        Trace extraNode = Trace.parse(LEVEL0.replace("36.0 end", "30.0 state node2 IDLE+CLOUD\n36.0 end"));

        assertThat(comparator.compare(Trace.parse(LEVEL0), extraNode).differences())
                .extracting(TraceDifference::aspect, TraceDifference::subject)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Aspect.STATES, "node2"));
    }

    @Test
    void hookCallWithinPowerSaveIntervalPlusTwoSecondsMatches() {
        Trace late = Trace.parse(LEVEL0.replace("25.8 hook suspend node1", "37.8 hook suspend node1"));

        assertThat(comparator.compare(Trace.parse(LEVEL0), late).matches()).isTrue();
    }

    @Test
    void hookCallLaterThanTheToleranceIsReported() {
        Trace late = Trace.parse(LEVEL0.replace("25.8 hook suspend node1", "37.9 hook suspend node1"));

        assertThat(comparator.compare(Trace.parse(LEVEL0), late).differences()).singleElement().satisfies(d -> {
            assertThat(d.aspect()).isEqualTo(Aspect.HOOK_TIMES);
            assertThat(d.subject()).isEqualTo("suspend");
            assertThat(d.detail()).contains("25.8", "37.9", "12.0");
        });
    }

    @Test
    void stateSeenLaterThanTheToleranceIsReported() {
        Trace slowPowerDown = Trace.parse(LEVEL0.replace("35.9 state node1 IDLE+CLOUD+POWERED_DOWN\n36.0 end",
                "55.9 state node1 IDLE+CLOUD+POWERED_DOWN\n56.0 end"));

        assertThat(comparator.compare(Trace.parse(LEVEL0), slowPowerDown).differences())
                .extracting(TraceDifference::aspect).containsExactly(Aspect.STATE_TIMES);
    }

    @Test
    void hookArgumentsThatDifferAreReported() {
        Trace wrongHostlist = Trace.parse(LEVEL0.replace("0.8 hook resume node1", "0.8 hook resume node[1-2]"));

        assertThat(comparator.compare(Trace.parse(LEVEL0), wrongHostlist).differences()).singleElement()
                .satisfies(d -> {
                    assertThat(d.aspect()).isEqualTo(Aspect.HOOKS);
                    assertThat(d.detail()).contains("node1@0.8", "node[1-2]@0.8");
                });
    }

    @Test
    void missingHookCallIsReported() {
        Trace noSuspend = Trace.parse(LEVEL0.replace("25.8 hook suspend node1\n", ""));

        assertThat(comparator.compare(Trace.parse(LEVEL0), noSuspend).differences())
                .extracting(TraceDifference::aspect, TraceDifference::subject)
                .contains(org.assertj.core.groups.Tuple.tuple(Aspect.HOOKS, "suspend"));
    }

    @Test
    void resumeJsonThatDiffersIsReported() {
        Trace otherJson = Trace.parse(LEVEL0.replace("\"all_nodes\":\"node1\"", "\"all_nodes_resume\":\"node1\""));

        assertThat(comparator.compare(Trace.parse(LEVEL0), otherJson).differences())
                .extracting(TraceDifference::aspect).containsExactly(Aspect.RESUME_JSON);
    }

    @Test
    void jobExitStatusAndOutputAreCompared() {
        Trace failed = Trace.parse(LEVEL0.replace("4.7 out job1 $HOST\n4.7 exit job1 0",
                "4.7 err job1 srun: error: Node failure on node1\n4.7 exit job1 1"));

        assertThat(comparator.compare(Trace.parse(LEVEL0), failed).differences())
                .extracting(TraceDifference::aspect, TraceDifference::subject)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Aspect.JOBS, "job1"),
                        org.assertj.core.groups.Tuple.tuple(Aspect.JOBS, "job1"),
                        org.assertj.core.groups.Tuple.tuple(Aspect.JOBS, "job1"));
    }

    @Test
    void stderrLinesInAnotherOrderMatchButStdoutLinesDoNot() {
        Trace expected = Trace.parse("""
                0.0 bg job1 srun -w node1 sleep 40
                2.0 out job1 a
                2.0 out job1 b
                2.0 err job1 srun: error: Node failure on node1
                2.0 err job1 srun: Job step aborted
                2.0 exit job1 0
                """);
        Trace errSwapped = Trace.parse("""
                0.0 bg job1 srun -w node1 sleep 40
                2.0 out job1 a
                2.0 out job1 b
                2.0 err job1 srun: Job step aborted
                2.0 err job1 srun: error: Node failure on node1
                2.0 exit job1 0
                """);
        Trace outSwapped = Trace.parse(expected.format().replace("2.0 out job1 a\n2.0 out job1 b",
                "2.0 out job1 b\n2.0 out job1 a"));

        assertThat(comparator.compare(expected, errSwapped).matches()).isTrue();
        assertThat(comparator.compare(expected, outSwapped).differences()).extracting(TraceDifference::aspect)
                .containsExactly(Aspect.JOBS);
    }

    @Test
    void jobStillRunningAtTheEndDiffersFromAFinishedOne() {
        Trace running = Trace.parse(LEVEL0.replace("4.7 out job1 $HOST\n4.7 exit job1 0", "36.0 exit job1 running"));

        assertThat(comparator.compare(Trace.parse(LEVEL0), running).differences())
                .extracting(TraceDifference::detail)
                .anySatisfy(detail -> assertThat(detail).contains("exit 0", "exit running"));
    }

    @Test
    void logLinesAreComparedInOrder() {
        Trace expected = Trace.parse("""
                9.2 log error: power_save program $LAB/hooks/resume has group or world write permission
                9.2 log error: power_save module disabled, invalid ResumeProgram $LAB/hooks/resume
                """);
        Trace otherMessage = Trace.parse("""
                9.2 log error: power_save program $LAB/hooks/resume not executable
                9.2 log error: power_save module disabled, invalid ResumeProgram $LAB/hooks/resume
                """);

        assertThat(comparator.compare(expected, otherMessage).differences()).extracting(TraceDifference::aspect)
                .containsExactly(Aspect.LOGS);
    }

    @Test
    void anAbortedRunIsReported() {
        Trace aborted = Trace.parse(LEVEL0.replace("36.0 end",
                "36.0 abort wait-state node1 IDLE+CLOUD+POWERED_DOWN 60: state still IDLE+CLOUD\n36.0 end"));

        assertThat(comparator.compare(Trace.parse(LEVEL0), aborted).differences()).extracting(TraceDifference::aspect)
                .containsExactly(Aspect.ABORT);
    }

    @Test
    void scenarioActionsAndMarksAreNotCompared() {
        Trace otherTimes = Trace.parse(LEVEL0.replace("3.6 slurmd node1 -b", "3.9 slurmd node1 -b")
                .replace("36.0 end", "36.0 mark something\n36.0 end"));

        assertThat(comparator.compare(Trace.parse(LEVEL0), otherTimes).matches()).isTrue();
    }

    @Test
    void onlySelectedAspectsAreCompared() {
        Trace failed = Trace.parse(LEVEL0.replace("4.7 exit job1 0", "4.7 exit job1 1"));
        TraceComparator statesAndHooks = new TraceComparator(Tolerances.forPowerSaveInterval(Duration.ofSeconds(10))
                .only(EnumSet.of(Aspect.STATES, Aspect.HOOKS, Aspect.HOOK_TIMES)));

        assertThat(statesAndHooks.compare(Trace.parse(LEVEL0), failed).matches()).isTrue();
    }

    @Test
    void reportNamesAspectSubjectAndDetail() {
        Trace noSuspend = Trace.parse(LEVEL0.replace("25.8 hook suspend node1\n", ""));

        assertThat(comparator.compare(Trace.parse(LEVEL0), noSuspend).report())
                .startsWith("HOOKS suspend: expected calls [node1@25.8] but was []");
    }
}
