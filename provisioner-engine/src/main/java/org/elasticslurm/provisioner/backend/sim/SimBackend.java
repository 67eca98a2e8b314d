package org.elasticslurm.provisioner.backend.sim;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.elasticslurm.provisioner.backend.BackendException;
import org.elasticslurm.provisioner.backend.Machine;
import org.elasticslurm.provisioner.backend.MachineBackend;
import org.elasticslurm.provisioner.backend.MachineRequest;

/**
 * In-memory machines: a started machine gets its address once the (seeded, jittered) boot delay has passed on
 * the injected clock. Random outcomes are drawn per node and call from the seed, so a run replays the same way
 * whatever the thread interleaving.
 */
public final class SimBackend implements MachineBackend {
    private final SimSettings settings;
    private final Clock clock;
    private final Map<String, SimMachine> machines = new LinkedHashMap<>();
    private final Map<String, Integer> calls = new LinkedHashMap<>();
    private final long firstAddress;
    private long created;

    private record SimMachine(Machine machine, Instant readyAt) {
    }

    /**
     * @param settings boot delay, jitter, failure probabilities, seed
     * @param clock the time source boot delays are measured on
     */
    public SimBackend(SimSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        String[] octets = settings.firstAddress().split("\\.");
        long a = 0;
        for (String o : octets) {
            a = (a << 8) | Integer.parseInt(o);
        }
        this.firstAddress = a;
    }

    @Override
    public String kind() {
        return "sim";
    }

    @Override
    public synchronized Machine ensureRunning(MachineRequest request) {
        SplittableRandom random = randomFor(request.node());
        if (random.nextDouble() < settings.transientFailureProbability()) {
            throw new BackendException("simulated transient failure starting " + request.node(), true, null);
        }
        SimMachine existing = machines.get(request.node());
        if (existing != null) {
            return clock.instant().isBefore(existing.readyAt()) ? withoutAddress(existing.machine()) : existing.machine();
        }
        if (random.nextDouble() < settings.failureProbability()) {
            throw new BackendException("simulated boot failure of " + request.node(), false, null);
        }
        long jitterNanos = settings.jitter().isZero() ? 0 : (long) (random.nextDouble() * settings.jitter().toNanos());
        Instant readyAt = clock.instant().plus(settings.bootDelay()).plusNanos(jitterNanos);
        String address = address(firstAddress + created);
        created++;
        Machine m = new Machine(request.node(), request.pool(), "sim-" + request.node(), request.operationId(), true,
                Optional.of(address));
        machines.put(request.node(), new SimMachine(m, readyAt));
        return withoutAddress(m);
    }

    @Override
    public synchronized Optional<String> address(String node) {
        SimMachine m = machines.get(node);
        if (m == null || clock.instant().isBefore(m.readyAt())) {
            return Optional.empty();
        }
        return m.machine().address();
    }

    @Override
    public synchronized void release(String node, String pool) {
        if (randomFor(node).nextDouble() < settings.transientFailureProbability()) {
            throw new BackendException("simulated transient failure releasing " + node, true, null);
        }
        machines.remove(node);
    }

    @Override
    public synchronized List<Machine> list() {
        List<Machine> all = new ArrayList<>();
        for (SimMachine m : machines.values()) {
            all.add(clock.instant().isBefore(m.readyAt()) ? withoutAddress(m.machine()) : m.machine());
        }
        return all;
    }

    @Override
    public boolean reachable() {
        return true;
    }

    /** Simulated machines are kept in memory only. */
    @Override
    public boolean keepsMachinesAcrossRestarts() {
        return false;
    }

    /** Puts a machine in place as if it had been left by an earlier run (restart and orphan scenarios). */
    public synchronized void adopt(Machine machine) {
        machines.put(machine.node(), new SimMachine(machine, clock.instant()));
    }

    private SplittableRandom randomFor(String node) {
        int n = calls.merge(node, 1, Integer::sum);
        return new SplittableRandom(settings.seed() * 1_000_003L + node.hashCode() * 31L + n);
    }

    private static Machine withoutAddress(Machine m) {
        return new Machine(m.node(), m.pool(), m.backendId(), m.operationId(), m.running(), Optional.empty());
    }

    private static String address(long a) {
        return ((a >> 24) & 255) + "." + ((a >> 16) & 255) + "." + ((a >> 8) & 255) + "." + (a & 255);
    }
}
