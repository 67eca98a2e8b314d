package org.elasticslurm.scenarios.target.qemu;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.elasticslurm.lab.process.CommandResult;
import org.elasticslurm.scenarios.target.TargetException;
import org.elasticslurm.scenarios.target.lab.LabFiles;
import org.elasticslurm.scenarios.target.provisioned.NetNs;

/**
 * The always-on VMs of a run without a provisioner (Level 1 as the write-up ran it): one domain per node, defined
 * like the target's Level 2 domains ({@link ExistingDomains}) with a user-data that keeps slurmd from starting at
 * boot, started before the scenario (paused, tap moved into the lab, resumed, as the provisioner starts a domain),
 * and awaited until each answers ssh with the run's key. The hooks then start slurmd in them; nobody stops them
 * during the run ({@link LibvirtRun} removes them at the end).
 */
final class PersistentGuests {
    private PersistentGuests() {
    }

    /**
     * Starts the defined domains of {@code nodes} and waits until every one answers ssh.
     *
     * @param taps each node's tap name, as its domain XML gives it
     * @param net the lab (tap adoption, addresses)
     * @return the nodes' domains, started
     * @throws TargetException when a domain does not start or a guest does not answer ssh in time
     */
    static List<String> start(LibvirtRun libvirt, NetLab net, Path ci, GuestAccess access, Map<String, String> taps,
                              Duration deadline) {
        List<String> domains = new ArrayList<>();
        taps.forEach((node, tap) -> {
            String domain = libvirt.domain(node);
            libvirt.call("start", "--paused", domain);
            Shell.check(List.of(ci.resolve("netlab.sh").toString(), "adopt-tap", tap), net.environment(),
                    Duration.ofSeconds(30));
            libvirt.call("resume", domain);
            domains.add(domain);
        });
        NetNs netns = NetNs.of(net.netns());
        long end = System.nanoTime() + deadline.toNanos();
        for (String node : taps.keySet()) {
            String address = net.addressOf(node);
            CommandResult last = null;
            while (System.nanoTime() < end) {
                last = Shell.run(netns.wrap(access.ssh(address, "true")), Map.of(), Duration.ofSeconds(20));
                if (last.exitCode() == 0) {
                    break;
                }
                LabFiles.pause(Duration.ofSeconds(1));
            }
            if (last == null || last.exitCode() != 0) {
                throw new TargetException("the persistent guest of " + node + " (" + address + ") did not answer ssh "
                        + "within " + deadline.toSeconds() + " s" + (last == null ? "" : ": " + last.stderr().strip())
                        + " (its console: consoles/" + libvirt.domain(node) + ".console.log)", null);
            }
        }
        return domains;
    }
}
