package org.elasticslurm.scenarios.target.qemu;

import java.util.HashSet;
import java.util.Set;
import java.util.function.IntConsumer;
import org.elasticslurm.scenarios.target.ProgressListener;
import org.elasticslurm.scenarios.target.provisioned.RunStages;
import org.elasticslurm.scenarios.trace.Stage;

/**
 * Lowers a qemu run's CPU slots ({@code CpuSlots.held()::lowerTo}) once its guests are past their boot, from the
 * stages the run reports as they end: until the first of the run's guests is past its boot, the run keeps every
 * slot (its guests boot under TCG, on deadlines); from then on, one slot per guest that may still be booting (neither
 * registered nor destroyed), so none once every guest registered. The rest of such a run mostly waits on Slurm's
 * timers (SuspendTime, SuspendTimeout, ResumeTimeout) while its guests sit idle.
 *
 * <p>A guest is past its boot when slurmd registered from it ({@value RunStages#REGISTER}), or, for a guest whose
 * slurmd never registers, once it took its DHCP lease ({@value QemuGuests#LEASE}): its boot then goes on, on one
 * slot, until the resume fails and the machine is destroyed ({@value RunStages#DESTROY}), but nothing the run checks
 * waits for it.
 */
final class GuestBootSlots implements ProgressListener {
    private final Set<String> nodes;
    private final String pastBoot;
    private final IntConsumer lowerTo;
    private final Set<String> done = new HashSet<>();

    private GuestBootSlots(Set<String> nodes, String pastBoot, IntConsumer lowerTo) {
        this.nodes = Set.copyOf(nodes);
        this.pastBoot = pastBoot;
        this.lowerTo = lowerTo;
    }

    /** For a run whose guests' slurmd register. */
    static GuestBootSlots onceRegistered(Set<String> nodes, IntConsumer lowerTo) {
        return new GuestBootSlots(nodes, RunStages.REGISTER, lowerTo);
    }

    /** For a run whose guests never register (their slurmd does not start). */
    static GuestBootSlots onceLeased(Set<String> nodes, IntConsumer lowerTo) {
        return new GuestBootSlots(nodes, QemuGuests.LEASE, lowerTo);
    }

    /**
     * For a run on persistent guests, which boot before the scenario starts (a set-up stage): none of its slots is
     * needed once its first step runs, since nothing boots from then on.
     */
    static ProgressListener onceStarted(IntConsumer lowerTo) {
        return new ProgressListener() {
            @Override
            public void stepStarted(int index, int of, String description) {
                lowerTo.accept(0);
            }
        };
    }

    @Override
    public void stage(Stage stage) {
        if (!nodes.contains(stage.node())) {
            return;
        }
        boolean ended = stage.name().equals(RunStages.REGISTER) || stage.name().equals(RunStages.DESTROY);
        if (ended) {
            done.add(stage.node());
        }
        if (ended || stage.name().equals(pastBoot)) {
            lowerTo.accept(nodes.size() - done.size());
        }
    }
}
