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
        assertThat(samples.take(ms(99), ms(109), Map.of("node1", IDLE))).isEqualTo(ms(99));
        assertThat(samples.take(ms(320), ms(330), Map.of("node1", IDLE))).isEqualTo(ms(320));
        assertThat(samples.take(ms(420), ms(430), Map.of("node1", ALLOCATED))).isEqualTo(ms(420));

        assertThat(samples.changes()).containsExactly(new StateChange(ms(99), "node1", IDLE),
                new StateChange(ms(420), "node1", ALLOCATED, ms(320)));
    }

    @Test
    void aChangeMayHaveBegunAnyTimeAfterThePreviousSampleOfItsNode() {
        samples.take(ms(99), ms(109), Map.of("node1", IDLE, "node2", IDLE));
        samples.take(ms(200), ms(210), Map.of("node2", IDLE));
        samples.take(ms(900), ms(910), Map.of("node1", ALLOCATED, "node2", ALLOCATED));

        assertThat(samples.changes()).filteredOn(c -> c.state().equals(ALLOCATED))
                .extracting(StateChange::node, StateChange::since)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("node1", ms(99)),
                        org.assertj.core.groups.Tuple.tuple("node2", ms(200)));
    }

    @Test
    void aSampleOvertakenByALaterOneIsDroppedAndHoldsFromTheLaterOnesStart() {
        samples.take(ms(99), ms(109), Map.of("node1", IDLE));
        // the sampler's scontrol began at 322 ms and returned first; the submit's began at 320 ms, as the new job
        // was found in the log, and returned second
        samples.take(ms(322), ms(332), Map.of("node1", ALLOCATED));

        Duration holds = samples.take(ms(320), ms(330), Map.of("node1", ALLOCATED));

        assertThat(holds).as("the moment the job's states are known from").isEqualTo(ms(322));
        assertThat(samples.changes()).containsExactly(new StateChange(ms(99), "node1", IDLE),
                new StateChange(ms(322), "node1", ALLOCATED, ms(99)));
    }

    @Test
    void aSampleOvertakenForOneNodeOnlyHoldsFromTheLatestStartAmongThem() {
        samples.take(ms(100), ms(110), Map.of("node1", IDLE, "node2", IDLE));
        samples.take(ms(300), ms(310), Map.of("node2", ALLOCATED));

        Duration holds = samples.take(ms(250), ms(260), Map.of("node1", ALLOCATED, "node2", ALLOCATED));

        assertThat(holds).isEqualTo(ms(300));
        assertThat(samples.changes()).contains(new StateChange(ms(250), "node1", ALLOCATED, ms(100)),
                new StateChange(ms(300), "node2", ALLOCATED, ms(100)));
    }

    private static final NodeState POWERING_UP = NodeState.parse("ALLOCATED+CLOUD+NOT_RESPONDING+POWERING_UP");
    private static final NodeState REGISTERED = NodeState.parse("ALLOCATED+CLOUD");
    private static final NodeState IDLE_UP = NodeState.parse("IDLE+CLOUD");

    @Test
    void aLoggedRegistrationDatesTheStateThatFellBetweenTwoSamples() {
        samples.take(ms(3900), ms(3910), Map.of("node1", POWERING_UP));
        samples.take(ms(4500), ms(4510), Map.of("node1", IDLE_UP));
        samples.responded(ms(4052), "node1");

        assertThat(samples.changes()).containsExactly(new StateChange(ms(3900), "node1", POWERING_UP),
                new StateChange(ms(4052), "node1", REGISTERED),
                new StateChange(ms(4500), "node1", IDLE_UP, ms(4052)));
    }

    @Test
    void aRegistrationSampledAlreadyKeepsTheSampleAndAddsOnlyItsExactStart() {
        samples.take(ms(3900), ms(3910), Map.of("node1", POWERING_UP));
        samples.take(ms(4100), ms(4110), Map.of("node1", REGISTERED));
        samples.take(ms(4600), ms(4610), Map.of("node1", IDLE_UP));
        samples.responded(ms(4052), "node1");

        assertThat(samples.changes()).containsExactly(new StateChange(ms(3900), "node1", POWERING_UP),
                new StateChange(ms(4052), "node1", REGISTERED),
                new StateChange(ms(4600), "node1", IDLE_UP, ms(4100)));
    }

    @Test
    void aRegistrationOfANodeThatWasNotPoweringUpAddsNothing() {
        NodeState down = NodeState.parse("DOWN+CLOUD+NOT_RESPONDING+POWERED_DOWN");
        samples.take(ms(1000), ms(1010), Map.of("node1", down));
        samples.take(ms(2000), ms(2010), Map.of("node1", IDLE_UP));
        samples.responded(ms(1500), "node1");

        assertThat(samples.changes()).containsExactly(new StateChange(ms(1000), "node1", down),
                new StateChange(ms(2000), "node1", IDLE_UP, ms(1000)));
    }

    @Test
    void aRegistrationRefusedAsInvalidAddsNothing() {
        samples.take(ms(3900), ms(3910), Map.of("node1", POWERING_UP));
        samples.take(ms(4500), ms(4510), Map.of("node1", IDLE_UP));
        samples.responded(ms(4052), "node1");
        samples.invalid(ms(4053), "node1");

        assertThat(samples.changes()).containsExactly(new StateChange(ms(3900), "node1", POWERING_UP),
                new StateChange(ms(4500), "node1", IDLE_UP, ms(3900)));
    }

    @Test
    void aRegistrationBeforeAnySampleOfTheNodeAddsNothing() {
        samples.responded(ms(50), "node1");
        samples.take(ms(99), ms(109), Map.of("node1", IDLE));

        assertThat(samples.changes()).containsExactly(new StateChange(ms(99), "node1", IDLE));
    }

    @Test
    void aSampleBegunBeforeARegistrationAndAnsweredAfterItDatesTheStateFromTheRegistration() {
        samples.take(ms(3900), ms(3910), Map.of("node1", POWERING_UP));
        samples.take(ms(4000), ms(4080), Map.of("node1", REGISTERED));
        samples.take(ms(4600), ms(4610), Map.of("node1", IDLE_UP));
        samples.responded(ms(4052), "node1");

        assertThat(samples.changes()).containsExactly(new StateChange(ms(3900), "node1", POWERING_UP),
                new StateChange(ms(4052), "node1", REGISTERED),
                new StateChange(ms(4600), "node1", IDLE_UP, ms(4080)));
    }

    @Test
    void aSlowSampleThatReadTheStateAfterTheRegistrationIsPlacedAtItsAnswer() {
        NodeState completing = NodeState.parse("IDLE+CLOUD+COMPLETING");
        samples.take(ms(3500), ms(3900), Map.of("node1", POWERING_UP));
        // began before the registration, answered after it and after the short job's end
        samples.take(ms(3978), ms(4390), Map.of("node1", completing));
        samples.take(ms(4411), ms(4800), Map.of("node1", IDLE_UP));
        samples.responded(ms(4100), "node1");

        assertThat(samples.changes()).containsExactly(new StateChange(ms(3500), "node1", POWERING_UP),
                new StateChange(ms(4100), "node1", REGISTERED),
                new StateChange(ms(4390), "node1", completing, ms(4100)),
                new StateChange(ms(4411), "node1", IDLE_UP, ms(4390)));
    }
}
