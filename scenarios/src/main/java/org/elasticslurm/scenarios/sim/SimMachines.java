package org.elasticslurm.scenarios.sim;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elasticslurm.conf.Hostlist;
import org.elasticslurm.fake.api.EventHandle;
import org.elasticslurm.fake.api.Scheduler;
import org.elasticslurm.provisioner.backend.BackendException;
import org.elasticslurm.provisioner.backend.Machine;
import org.elasticslurm.provisioner.backend.MachineBackend;
import org.elasticslurm.provisioner.backend.MachineRequest;
import org.elasticslurm.provisioner.backend.PostConfigurer;
import org.elasticslurm.scenarios.model.FaultKind;
import org.elasticslurm.scenarios.model.ProvisionerSetup;

/**
 * The sim target's machine backend for the provisioner's engine: machines that exist only as records on the
 * virtual clock. A resume starts (existing pool) or creates (create pool) the node's machine at once; it has its
 * address after half its boot time (the boot delay, plus any {@code slow-boot}) and starts slurmd with a fresh boot
 * time when booted. A release stops its slurmd and removes it. The scenario's backend faults act on these steps;
 * the pools' post-configuration runs as a simulated command that fails under {@code post-config-fails}.
 */
final class SimMachines implements MachineBackend {

    /** What the machines do to the rest of the lab. */
    interface Guests {
        /** slurmd starts on the node's machine (fresh boot time). */
        void slurmdStarted(String node);

        /** The node's machine stops: its slurmd is gone. */
        void slurmdGone(String node);

        /** A line of the provisioner's log. */
        void log(String line);
    }

    private static final int PRIORITY = 20;
    private static final String ADDRESS_PREFIX = "127.0.100.";

    private static final class SimMachine {
        final String pool;
        final String description;
        final List<EventHandle> events = new ArrayList<>();
        String address;

        SimMachine(String pool, String description) {
            this.pool = pool;
            this.description = description;
        }
    }

    private final Scheduler kernel;
    private final Duration bootDelay;
    private final BackendFaults faults;
    private final Guests guests;
    private final Map<String, ProvisionerSetup.Pool> poolOf = new LinkedHashMap<>();
    private final Map<String, Integer> index = new LinkedHashMap<>();
    private final Map<String, SimMachine> machines = new LinkedHashMap<>();
    /** Nodes of pools with a post-configuration whose address was handed out, in that order (they run it next). */
    private final Deque<String> toConfigure = new ArrayDeque<>();

    SimMachines(Scheduler kernel, ProvisionerSetup setup, Duration bootDelay, BackendFaults faults, Guests guests) {
        this.kernel = kernel;
        this.bootDelay = bootDelay;
        this.faults = faults;
        this.guests = guests;
        for (ProvisionerSetup.Pool pool : setup.pools()) {
            for (String node : Hostlist.parse(pool.nodes()).names()) {
                poolOf.put(node, pool);
                index.put(node, index.size() + 1);
            }
        }
    }

    @Override
    public String kind() {
        return "sim";
    }

    @Override
    public Machine ensureRunning(MachineRequest request) {
        String node = request.node();
        SimMachine existing = machines.get(node);
        if (existing != null) {
            return booting(node, existing);
        }
        boolean create = creates(node);
        if (faults.hit(create ? FaultKind.CREATE_FAILS : FaultKind.START_FAILS, node)) {
            throw new BackendException((create ? "create" : "start") + " failed (injected fault)", false, null);
        }
        SimMachine m = new SimMachine(request.pool(), create ? "domain " + node + ", volume " + node + ".qcow2, seed "
                + node + "-seed.iso" : "domain " + node + " (running)");
        machines.put(node, m);
        Duration boot = bootDelay.plus(faults.slowBoot(node));
        if (faults.hit(FaultKind.NO_ADDRESS, node)) {
            return booting(node, m); // no lease: neither an address nor a slurmd that could reach slurmctld
        }
        m.events.add(kernel.scheduleAfter(boot.dividedBy(2), PRIORITY, () -> m.address = ADDRESS_PREFIX
                + index.get(node)));
        m.events.add(kernel.scheduleAfter(boot, PRIORITY, () -> {
            if (faults.hit(FaultKind.NEVER_REGISTERS, node)) {
                guests.log("resume " + node + ": guest booted without starting slurmd (injected fault never-registers)");
            } else {
                guests.slurmdStarted(node);
            }
        }));
        return booting(node, m);
    }

    @Override
    public Optional<String> address(String node) {
        SimMachine m = machines.get(node);
        if (m == null || m.address == null) {
            return Optional.empty();
        }
        if (!poolOf.get(node).postConfig().isEmpty() && !toConfigure.contains(node)) {
            toConfigure.addLast(node);
        }
        return Optional.of(m.address);
    }

    @Override
    public void release(String node, String pool) {
        guests.slurmdGone(node);
        SimMachine m = machines.get(node);
        toConfigure.remove(node);
        if (m == null) {
            return;
        }
        m.events.forEach(EventHandle::cancel);
        m.events.clear();
        if (faults.hit(FaultKind.RELEASE_FAILS, node)) {
            throw new BackendException("could not " + (creates(node) ? "destroy" : "shut down") + " the machine of "
                    + node + " (injected fault)", false, null);
        }
        machines.remove(node);
    }

    @Override
    public List<Machine> list() {
        List<Machine> all = new ArrayList<>();
        machines.forEach((node, m) -> all.add(machine(node, m)));
        return all;
    }

    @Override
    public boolean reachable() {
        return true;
    }

    @Override
    public boolean keepsMachinesAcrossRestarts() {
        return false;
    }

    /** The pools' post-configuration commands, simulated: they succeed unless {@code post-config-fails} hits. */
    PostConfigurer postConfigurer() {
        return (command, timeout) -> {
            String node = toConfigure.pollFirst();
            if (node != null && faults.hit(FaultKind.POST_CONFIG_FAILS, node)) {
                return new PostConfigurer.Result(1, "injected fault post-config-fails");
            }
            return new PostConfigurer.Result(0, "simulated");
        };
    }

    /** The machines that exist now, described as the target's report names them. */
    List<String> left() {
        return machines.values().stream().map(m -> m.description).toList();
    }

    /** Whether the node's pool creates its machines (else it starts existing ones). */
    boolean creates(String node) {
        ProvisionerSetup.Pool pool = poolOf.get(node);
        return pool != null && pool.mode() == ProvisionerSetup.Mode.CREATE;
    }

    /** As a start returns it: the address is asked for separately (so a post-configuration follows its hand-out). */
    private static Machine booting(String node, SimMachine m) {
        return new Machine(node, m.pool, "sim-" + node, "", true, Optional.empty());
    }

    private static Machine machine(String node, SimMachine m) {
        return new Machine(node, m.pool, "sim-" + node, "", true, Optional.ofNullable(m.address));
    }
}
