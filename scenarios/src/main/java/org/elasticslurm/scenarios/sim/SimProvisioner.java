package org.elasticslurm.scenarios.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.elasticslurm.conf.Hostlist;
import org.elasticslurm.fake.api.EventHandle;
import org.elasticslurm.fake.api.Scheduler;
import org.elasticslurm.scenarios.model.FaultKind;
import org.elasticslurm.scenarios.model.ProvisionerSetup;
import org.elasticslurm.scenarios.model.Step;
import org.elasticslurm.scenarios.trace.Stage;

/**
 * The provisioner as the sim target models it: the same phases as the real one (CREATING, BOOTING,
 * CONFIGURING, READY, DESTROYING, FAILED) on the virtual clock, with machines that exist only as records. A
 * resume starts (existing pool) or creates (create pool: overlay volume, cloud-init seed, domain) the node's
 * machine; its address is known after half the boot delay, the post-configuration runs, slurmctld is told the
 * address ({@code scontrol update nodeaddr=}), and slurmd starts with a fresh boot time at the boot delay. A
 * suspend (or resume-fail) shuts the machine down or destroys it. Backend faults act on these phases.
 */
final class SimProvisioner {

    private static final int PRIORITY = 20;
    private static final Duration STEP = Duration.ofMillis(500);
    private static final Duration DEFAULT_ADDRESS_TIMEOUT = Duration.ofMinutes(2);

    /** What the provisioner does to the rest of the lab. */
    interface Lab {
        /** slurmd starts on the node's machine (fresh boot time). */
        void slurmdStarted(String node);

        /** The node's machine stopped: its slurmd is gone. */
        void machineStopped(String node);

        /** {@code scontrol update nodename=node nodeaddr=address}. */
        void reportAddress(String node, String address);

        /** A provisioner log line. */
        void log(String line);

        /** A stage of a node's resume, for reports. */
        void stage(Stage stage);

        /** Scenario time now. */
        Duration now();
    }

    private record Fault(Optional<Set<String>> nodes, int[] left, Optional<Duration> delay) {
        boolean hits(String node) {
            if (nodes.isPresent() && !nodes.get().contains(node)) {
                return false;
            }
            if (left[0] == 0) {
                return false;
            }
            if (left[0] > 0) {
                left[0]--;
            }
            return true;
        }
    }

    private final Scheduler clock;
    private final Lab lab;
    private final Duration bootDelay;
    private final Duration addressTimeout;
    private final Map<String, ProvisionerSetup.Pool> poolOf = new HashMap<>();
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<FaultKind, List<Fault>> faults = new EnumMap<>(FaultKind.class);
    private final Map<String, List<EventHandle>> pending = new HashMap<>();
    private final Map<String, String> machines = new LinkedHashMap<>();
    private boolean running = true;

    SimProvisioner(Scheduler clock, ProvisionerSetup setup, Duration bootDelay, Lab lab) {
        this.clock = clock;
        this.lab = lab;
        this.bootDelay = bootDelay;
        this.addressTimeout = Optional.ofNullable(setup.properties().get("provisioner.address-timeout"))
                .map(org.elasticslurm.scenarios.model.Durations::parse).orElse(DEFAULT_ADDRESS_TIMEOUT);
        for (ProvisionerSetup.Pool pool : setup.pools()) {
            for (String node : Hostlist.parse(pool.nodes()).names()) {
                poolOf.put(node, pool);
                index.put(node, index.size() + 1);
            }
        }
    }

    /** Whether the hook clients can reach it (it runs and no {@code unreachable} fault hits). */
    boolean reachable(String hostlist) {
        if (!running) {
            return false;
        }
        for (String node : Hostlist.parse(hostlist).names()) {
            if (hit(FaultKind.UNREACHABLE, node)) {
                return false;
            }
        }
        return true;
    }

    void stop() {
        running = false;
        lab.log("provisioner stopped");
    }

    void restart() {
        running = true;
        lab.log("provisioner started");
    }

    void inject(Step.InjectFault f) {
        Optional<Set<String>> nodes = f.nodes().map(h -> new TreeSet<>(Hostlist.parse(h).names()));
        OptionalInt times = f.times();
        faults.computeIfAbsent(f.fault(), k -> new ArrayList<>())
                .add(new Fault(nodes, new int[] {times.isPresent() ? times.getAsInt() : -1}, f.delay()));
        lab.log("backend fault injected: " + f.fault() + f.nodes().map(n -> " on " + n).orElse(""));
    }

    /** {@code slurm-resume HOSTLIST}. */
    void resume(String hostlist) {
        for (String node : Hostlist.parse(hostlist).names()) {
            ProvisionerSetup.Pool pool = poolOf.get(node);
            if (pool == null) {
                lab.log("resume " + node + " rejected: node is in no pool");
                continue;
            }
            cancelPending(node);
            resumeNode(node, pool);
        }
    }

    /** {@code slurm-suspend HOSTLIST} and {@code slurm-resume-fail HOSTLIST}: the machines go away. */
    void release(String hostlist, String why) {
        for (String node : Hostlist.parse(hostlist).names()) {
            ProvisionerSetup.Pool pool = poolOf.get(node);
            if (pool == null) {
                lab.log(why + " " + node + " rejected: node is in no pool");
                continue;
            }
            cancelPending(node);
            lab.log(why + " " + node + ": DESTROYING");
            lab.machineStopped(node);
            Duration t0 = now();
            later(node, STEP, () -> {
                if (hit(FaultKind.RELEASE_FAILS, node)) {
                    lab.log(why + " " + node + ": FAILED: backend could not "
                            + (pool.mode() == ProvisionerSetup.Mode.CREATE ? "destroy" : "shut down")
                            + " the machine (injected fault)");
                    return;
                }
                machines.remove(node);
                lab.log(why + " " + node + ": POWERED_DOWN");
                lab.stage(new Stage(node, pool.mode() == ProvisionerSetup.Mode.CREATE ? "machine destroyed"
                        : "machine shut off", t0, now().minus(t0)));
            });
        }
    }

    private void resumeNode(String node, ProvisionerSetup.Pool pool) {
        boolean create = pool.mode() == ProvisionerSetup.Mode.CREATE;
        Duration t0 = now();
        lab.log("resume " + node + ": CREATING (" + (create ? "overlay volume, cloud-init seed, domain"
                : "start existing domain") + ")");
        Duration delay = bootDelay.plus(faultDelay(node));
        later(node, STEP, () -> {
            if (hit(create ? FaultKind.CREATE_FAILS : FaultKind.START_FAILS, node)) {
                fail(node, (create ? "create" : "start") + " failed (injected fault)");
                return;
            }
            machines.put(node, create ? "domain " + node + ", volume " + node + ".qcow2, seed " + node
                    + "-seed.iso" : "domain " + node + " (running)");
            lab.log("resume " + node + ": BOOTING");
            lab.stage(new Stage(node, create ? "machine created" : "machine started", t0, now().minus(t0)));
        });
        Duration addressAt = delay.dividedBy(2).compareTo(STEP) > 0 ? delay.dividedBy(2) : STEP.plusMillis(1);
        later(node, addressAt, () -> {
            if (!machines.containsKey(node)) {
                return;
            }
            if (hit(FaultKind.NO_ADDRESS, node)) {
                later(node, addressTimeout.minus(addressAt).isNegative() ? Duration.ZERO
                        : addressTimeout.minus(addressAt), () -> destroyAfterFailure(node,
                        "no address within " + org.elasticslurm.scenarios.model.Durations.format(addressTimeout)
                                + " (injected fault)"));
                cancelPendingExceptLast(node);
                return;
            }
            String address = "127.0.100." + index.get(node);
            lab.stage(new Stage(node, "address " + address, t0, now().minus(t0)));
            if (!pool.postConfig().isEmpty()) {
                lab.log("resume " + node + ": CONFIGURING (post-config " + String.join(" ", pool.postConfig())
                        .replace("{address}", address) + ")");
                if (hit(FaultKind.POST_CONFIG_FAILS, node)) {
                    destroyAfterFailure(node, "post-config exited 1 (injected fault)");
                    return;
                }
            }
            lab.reportAddress(node, address);
            lab.log("resume " + node + ": READY (nodeaddr " + address + " reported to slurmctld)");
        });
        later(node, delay, () -> {
            if (machines.containsKey(node) && hit(FaultKind.NEVER_REGISTERS, node)) {
                lab.log("resume " + node + ": guest booted without starting slurmd (injected fault never-registers)");
            } else if (machines.containsKey(node)) {
                lab.slurmdStarted(node);
                lab.stage(new Stage(node, "slurmd started", t0, now().minus(t0)));
            }
        });
    }

    private void destroyAfterFailure(String node, String why) {
        cancelPending(node);
        machines.remove(node);
        lab.machineStopped(node);
        fail(node, why + "; machine removed");
    }

    private void fail(String node, String why) {
        cancelPending(node);
        lab.log("resume " + node + ": FAILED: " + why);
    }

    private Duration faultDelay(String node) {
        Duration extra = Duration.ZERO;
        for (Fault f : faults.getOrDefault(FaultKind.SLOW_BOOT, List.of())) {
            if (f.hits(node)) {
                extra = extra.plus(f.delay().orElse(Duration.ZERO));
            }
        }
        return extra;
    }

    private boolean hit(FaultKind kind, String node) {
        for (Fault f : faults.getOrDefault(kind, List.of())) {
            if (f.hits(node)) {
                return true;
            }
        }
        return false;
    }

    private void later(String node, Duration delay, Runnable action) {
        pending.computeIfAbsent(node, n -> new ArrayList<>()).add(clock.scheduleAfter(delay, PRIORITY, action));
    }

    private void cancelPending(String node) {
        List<EventHandle> handles = pending.remove(node);
        if (handles != null) {
            handles.forEach(EventHandle::cancel);
        }
    }

    private void cancelPendingExceptLast(String node) {
        List<EventHandle> handles = pending.get(node);
        if (handles != null && handles.size() > 1) {
            EventHandle last = handles.get(handles.size() - 1);
            handles.subList(0, handles.size() - 1).forEach(EventHandle::cancel);
            handles.clear();
            handles.add(last);
        }
    }

    /** The machines of the run that exist now. */
    List<String> machinesLeft() {
        return List.copyOf(machines.values());
    }

    private Duration now() {
        return lab.now();
    }
}
