package org.elasticslurm.scenarios.target.realslurm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.elasticslurm.conf.state.NodeState;
import org.elasticslurm.scenarios.trace.StateChange;
import org.junit.jupiter.api.Test;

class StateSamplesTest {
    private static final NodeState IDLE = NodeState.parse("IDLE+CLOUD+POWERED_DOWN");
    private static final NodeState ALLOCATED = NodeState.parse("ALLOCATED+CLOUD+POWERED_DOWN");

    private final StateSamples samples = new StateSamples();

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    @Test
    void samplesTakenInOrderRecordEachChangeAtItsStart() {
        assertThat(samples.take(ms(99), Map.of("node1", IDLE))).isEqualTo(ms(99));
        assertThat(samples.take(ms(320), Map.of("node1", IDLE))).isEqualTo(ms(320));
        assertThat(samples.take(ms(420), Map.of("node1", ALLOCATED))).isEqualTo(ms(420));

        assertThat(samples.changes()).containsExactly(new StateChange(ms(99), "node1", IDLE),
                new StateChange(ms(420), "node1", ALLOCATED, ms(320)));
    }

    @Test
    void aChangeMayHaveBegunAnyTimeAfterThePreviousSampleOfItsNode() {
        samples.take(ms(99), Map.of("node1", IDLE, "node2", IDLE));
        samples.take(ms(200), Map.of("node2", IDLE));
        samples.take(ms(900), Map.of("node1", ALLOCATED, "node2", ALLOCATED));

        assertThat(samples.changes()).filteredOn(c -> c.state().equals(ALLOCATED))
                .extracting(StateChange::node, StateChange::since)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("node1", ms(99)),
                        org.assertj.core.groups.Tuple.tuple("node2", ms(200)));
    }

    @Test
    void aSampleOvertakenByALaterOneIsDroppedAndHoldsFromTheLaterOnesStart() {
        samples.take(ms(99), Map.of("node1", IDLE));
        // the sampler's scontrol began at 322 ms and returned first; the submit's began at 320 ms, as the new job
        // was found in the log, and returned second
        samples.take(ms(322), Map.of("node1", ALLOCATED));

        Duration holds = samples.take(ms(320), Map.of("node1", ALLOCATED));

        assertThat(holds).as("the moment the job's states are known from").isEqualTo(ms(322));
        assertThat(samples.changes()).containsExactly(new StateChange(ms(99), "node1", IDLE),
                new StateChange(ms(322), "node1", ALLOCATED, ms(99)));
    }

    @Test
    void aSampleOvertakenForOneNodeOnlyHoldsFromTheLatestStartAmongThem() {
        samples.take(ms(100), Map.of("node1", IDLE, "node2", IDLE));
        samples.take(ms(300), Map.of("node2", ALLOCATED));

        Duration holds = samples.take(ms(250), Map.of("node1", ALLOCATED, "node2", ALLOCATED));

        assertThat(holds).isEqualTo(ms(300));
        assertThat(samples.changes()).contains(new StateChange(ms(250), "node1", ALLOCATED, ms(100)),
                new StateChange(ms(300), "node2", ALLOCATED, ms(100)));
    }
}
