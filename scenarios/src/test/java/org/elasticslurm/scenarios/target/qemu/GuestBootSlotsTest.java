package org.elasticslurm.scenarios.target.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.elasticslurm.scenarios.target.provisioned.RunStages;
import org.elasticslurm.scenarios.trace.Stage;
import org.junit.jupiter.api.Test;

/** When a qemu run's CPU slots are lowered, from the stages its run reports as they end. */
class GuestBootSlotsTest {

    private final List<Integer> lowerings = new ArrayList<>();

    private static Stage stage(String node, String name) {
        return new Stage(node, name, Duration.ZERO, Duration.ofSeconds(1));
    }

    /** The stages of one resume, up to the scontrol update, and the lab's own. */
    private static void throughTheBoot(GuestBootSlots slots, String node) {
        slots.stage(stage("", "provisioner ready in esl-eq1, hook clients installed"));
        slots.stage(stage(node, RunStages.HOOK));
        slots.stage(stage(node, RunStages.CREATE));
        slots.stage(stage(node, RunStages.BOOT));
        slots.stage(stage(node, RunStages.REPORT));
        slots.stage(stage(node, QemuGuests.LEASE));
    }

    @Test
    void aRunKeepsItsSlotsUntilItsGuestRegisteredAndThenGivesThemAllBack() {
        GuestBootSlots slots = GuestBootSlots.onceRegistered(Set.of("test1"), lowerings::add);
        throughTheBoot(slots, "test1");
        assertThat(lowerings).as("while the guest boots").isEmpty();

        slots.stage(stage("test1", RunStages.REGISTER));
        slots.stage(stage("test1", RunStages.JOB));

        assertThat(lowerings).containsExactly(0);
    }

    @Test
    void aRunOfTwoGuestsKeepsOneSlotForTheGuestStillBootingWhenTheOtherRegistered() {
        GuestBootSlots slots = GuestBootSlots.onceRegistered(Set.of("node1", "node2"), lowerings::add);
        throughTheBoot(slots, "node1");
        throughTheBoot(slots, "node2");
        slots.stage(stage("node2", RunStages.REGISTER));
        assertThat(lowerings).containsExactly(1);

        slots.stage(stage("node1", RunStages.REGISTER));
        slots.stage(stage("node1", RunStages.DESTROY));

        assertThat(lowerings).containsExactly(1, 0, 0);
    }

    @Test
    void aGuestThatNeverRegistersKeepsOneSlotFromItsLeaseUntilItIsDestroyed() {
        GuestBootSlots slots = GuestBootSlots.onceLeased(Set.of("test1"), lowerings::add);
        slots.stage(stage("test1", RunStages.HOOK));
        slots.stage(stage("test1", RunStages.CREATE));
        slots.stage(stage("test1", RunStages.REPORT));
        assertThat(lowerings).as("before the guest's lease").isEmpty();

        slots.stage(stage("test1", QemuGuests.LEASE));
        assertThat(lowerings).containsExactly(1);

        slots.stage(stage("test1", RunStages.DESTROY));
        assertThat(lowerings).containsExactly(1, 0);
    }

    @Test
    void aRunOnPersistentGuestsGivesItsSlotsBackWhenItsFirstStepStarts() {
        var slots = GuestBootSlots.onceStarted(lowerings::add);

        slots.stage(new Stage("", "persistent guests answering ssh: node1", Duration.ZERO, Duration.ofSeconds(40)));
        assertThat(lowerings).isEmpty();
        slots.stepStarted(1, 1, "submit srun -w node1 hostname");
        assertThat(lowerings).containsExactly(0);
    }

    @Test
    void stagesOfOtherNodesLowerNothing() {
        GuestBootSlots slots = GuestBootSlots.onceRegistered(Set.of("test1"), lowerings::add);
        slots.stage(stage("test2", RunStages.REGISTER));
        slots.stage(stage("", RunStages.DESTROY));

        assertThat(lowerings).isEmpty();
    }
}
