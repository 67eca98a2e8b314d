package org.elasticslurm.scenarios.target.qemu;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.elasticslurm.scenarios.model.Component;
import org.elasticslurm.scenarios.model.FaultKind;
import org.elasticslurm.scenarios.model.Step;
import org.elasticslurm.scenarios.target.StepResult;
import org.elasticslurm.scenarios.target.provisioned.Guests;
import org.elasticslurm.scenarios.target.provisioned.OperationRecord;
import org.elasticslurm.scenarios.target.provisioned.ProvisionedNode;

/**
 * The real guests of the qemu target: nothing to start (the provisioner's VMs boot and run slurmd themselves);
 * the {@code never-registers} fault was built into the guests' user-data when the lab opened; what is left is read
 * from libvirt: the run's domains (running ones only for the domains the target defined itself for existing pools)
 * and the volumes of the run's pool other than the base image and those domains' own disks.
 */
final class QemuGuests implements Guests {
    private final LibvirtRun run;
    private final Optional<SecondHost> second;
    private final Set<String> ownDomains;
    private final Set<String> ownVolumes;

    private final java.nio.file.Path leaseEvents;
    private final java.util.Map<String, String> macs;

    /**
     * @param leaseEvents the lab's DHCP event log ({@code <epoch> add|old|del MAC IP [NAME]})
     * @param macs each node's reserved MAC
     */
    QemuGuests(LibvirtRun run, Optional<SecondHost> second, Set<String> ownDomains, Set<String> ownVolumes, java.nio.file.Path leaseEvents,
               java.util.Map<String, String> macs) {
        this.run = run;
        this.second = second;
        this.leaseEvents = leaseEvents;
        this.macs = java.util.Map.copyOf(macs);
        this.ownDomains = Set.copyOf(ownDomains);
        this.ownVolumes = Set.copyOf(ownVolumes);
    }

    @Override
    public void update(List<ProvisionedNode> nodes, List<OperationRecord> operations) {
        // real guests start their slurmd themselves
    }

    @Override
    public Optional<StepResult> perform(Step.Action action) {
        if (action instanceof Step.InjectFault f && f.fault() == FaultKind.NEVER_REGISTERS) {
            return Optional.of(StepResult.ok("set up when the lab opened: the user-data of "
                    + f.nodes().orElse("every node") + " masks slurmd"));
        }
        if (action instanceof Step.Stop s && s.component() == Component.SECOND_HOST) {
            return Optional.of(onSecondHost(h -> {
                h.stop();
                return StepResult.ok("libvirtd of the second host " + h.uri() + " stopped");
            }));
        }
        if (action instanceof Step.Restart r && r.component() == Component.SECOND_HOST) {
            return Optional.of(onSecondHost(h -> {
                h.stop();
                h.start();
                return StepResult.ok("libvirtd of the second host " + h.uri() + " restarted");
            }));
        }
        return Optional.empty();
    }

    private StepResult onSecondHost(java.util.function.Function<SecondHost, StepResult> action) {
        return second.map(action).orElseGet(() -> StepResult.failed("this run has no second host "
                + "(provisioner hosts: 2)"));
    }

    @Override
    public List<String> leftOver() {
        List<String> out = new ArrayList<>();
        List<String> active = run.activeDomains();
        for (String d : run.domains()) {
            if (!ownDomains.contains(d)) {
                out.add("domain " + d);
            } else if (active.contains(d)) {
                out.add("domain " + d + " (running)");
            }
        }
        for (String v : run.volumes()) {
            if (!ownVolumes.contains(v)) {
                out.add("volume " + run.pool() + "/" + v);
            }
        }
        second.ifPresent(h -> {
            if (h.stopped()) {
                out.add("the second host " + h.uri() + " is stopped: what is left on it cannot be listed");
                return;
            }
            h.libvirt().domains().forEach(d -> out.add("domain " + d + " on " + h.uri()));
            h.libvirt().volumes().forEach(v -> out.add("volume " + h.libvirt().pool() + "/" + v + " on " + h.uri()));
        });
        return out;
    }

    /**
     * {@value #LEASE}: from the machine's start (the provisioner's BOOTING) to the guest's first DHCP lease after it,
     * from dnsmasq's event log: the boot up to the guest's network (the provisioner knows the reserved address at
     * once, so its own "address" comes before the guest has one).
     */
    @Override
    public List<org.elasticslurm.scenarios.trace.Stage> stages(java.time.Instant zero, List<OperationRecord> operations) {
        List<String[]> events = new ArrayList<>();
        try {
            if (java.nio.file.Files.exists(leaseEvents)) {
                for (String line : java.nio.file.Files.readAllLines(leaseEvents)) {
                    String[] f = line.strip().split("\\s+");
                    if (f.length >= 4 && (f[1].equals("add") || f[1].equals("old"))) {
                        events.add(f);
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new org.elasticslurm.scenarios.target.TargetException("cannot read " + leaseEvents, e);
        }
        List<org.elasticslurm.scenarios.trace.Stage> out = new ArrayList<>();
        for (OperationRecord r : operations) {
            if (!r.kind().equals("RESUME") || !r.phase().equals("BOOTING") || !r.message().map(m -> !m.startsWith(
                    "address")).orElse(true) || !macs.containsKey(r.node())) {
                continue;
            }
            java.time.Instant booted = r.time();
            events.stream().filter(f -> f[2].equalsIgnoreCase(macs.get(r.node())))
                    .map(f -> java.time.Instant.ofEpochMilli((long) (Double.parseDouble(f[0]) * 1000)))
                    .filter(t -> !t.isBefore(booted)).findFirst()
                    .ifPresent(t -> out.add(new org.elasticslurm.scenarios.trace.Stage(r.node(), LEASE,
                            java.time.Duration.between(zero, booted), java.time.Duration.between(booted, t))));
        }
        return out.stream().distinct().toList();
    }

    /** The stage name of the guest's first DHCP lease. */
    static final String LEASE = "machine started -> DHCP lease";

    @Override
    public void close() {
        // the run's libvirt objects are removed by LibvirtRun
    }
}
