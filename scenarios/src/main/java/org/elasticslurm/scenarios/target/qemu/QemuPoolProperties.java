package org.elasticslurm.scenarios.target.qemu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elasticslurm.scenarios.model.ProvisionerSetup;
import org.elasticslurm.scenarios.target.provisioned.PoolProperties;

/**
 * The provisioner's configuration on a qemu run: the run's owner and hypervisor URIs (a second host, on this machine,
 * is a TCG host), and per pool the keys that put
 * its machines into the run (domain names, the lab's reservations and tap adoption; for create pools the run's
 * storage pool, the guest image's kernel, the run's user-data and its variables). {@code $LAB} in a pool's
 * {@code post-config} stands for the run's directory (its {@code ansible/} files: {@link GuestAccess}).
 *
 * @param run         the run's name (owner, storage pool, domain and tap prefix)
 * @param lab         the run's directory
 * @param image       the guest image directory
 * @param uris        the hypervisor URIs, host 1 first
 * @param hostsFile   the lab's reservation file
 * @param attach      the tap adoption wrapper
 * @param userData    the user-data template of the run
 * @param vars        the template's variables of the run ({@code never_register}, {@code ssh_authorized_key})
 * @param guestBundle the fake slurmd's guest bundle, given as a seed file (fake controller), or empty
 */
record QemuPoolProperties(String run, Path lab, Path image, List<String> uris, Path hostsFile, Path attach,
                          Path userData, Map<String, String> vars, Optional<Path> guestBundle) {
    static final int MEMORY_MIB = 1024;

    /** The keys for the scenario's provisioner section. */
    Map<String, String> of(ProvisionerSetup setup, String kernelArgs) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("provisioner.backend", "libvirt");
        // the run's own owner: the service never sees or touches domains of other runs, tests or sites
        properties.put("provisioner.owner", run);
        properties.put("provisioner.libvirt.uris", String.join(",", uris));
        // one KVM verdict for all runs of this boot: only the first run waits for the probe
        properties.put("provisioner.libvirt.kvm-verdict-file",
                image.getParent().resolve("kvm-verdict.properties").toString());
        properties.put("provisioner.address-poll-interval", "1s");
        if (uris.size() > 1) {
            // the second host runs on this machine behind a URI with a host part, where the service cannot probe
            // KVM and would trust its advertised kvm (nested KVM hangs here): TCG there
            properties.put("provisioner.libvirt.tcg-hosts", String.join(",", uris.subList(1, uris.size())));
        }
        Map<String, String> pools = PoolProperties.of(setup, pool -> pool(pool, kernelArgs));
        pools.replaceAll((key, value) -> key.endsWith(".post-config.command")
                ? value.replace("$LAB", lab.toString()) : value);
        properties.putAll(pools);
        return properties;
    }

    private Map<String, String> pool(ProvisionerSetup.Pool pool, String kernelArgs) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("domain", run + "-{node}");
        m.put("hosts-file", hostsFile.toString());
        m.put("attach-command", attach + ",{tap}");
        pool.host().ifPresent(h -> m.put("uri", uris.get(h - 1)));
        if (pool.mode() == ProvisionerSetup.Mode.CREATE) {
            m.put("storage-pool", run);
            m.put("base-image", "base.qcow2");
            m.put("kernel", image.resolve("vmlinuz").toString());
            m.put("initrd", image.resolve("initrd.img").toString());
            m.put("kernel-args", kernelArgs);
            m.put("memory", Integer.toString(MEMORY_MIB));
            m.put("vcpus", "1");
            m.put("seed-bus", "virtio");
            m.put("network-config", "none");
            m.put("ethernet", "true");
            m.put("tap-prefix", run);
            m.put("user-data", userData.toString());
            vars.forEach((name, value) -> m.put("user-data-vars." + name, value));
            m.put("munge-key", "/etc/munge/munge.key");
            // the second host's virtlogd writes there too: its mount namespace makes only the libvirt
            // directories private (ci/second-host.sh), the lab directory is the machine's
            m.put("console-log", lab.resolve("consoles").toString());
            guestBundle.ifPresent(b -> m.put("seed-files.\"" + b.getFileName() + "\"", b.toString()));
        }
        return m;
    }

    /** Writes the run's user-data template, {@code user-data.yaml}. */
    static Path writeUserData(Path dir, String template) throws IOException {
        Path userData = dir.resolve("user-data.yaml");
        Files.writeString(userData, template);
        return userData;
    }

    /** The wrapper the provisioner's attach-command runs: moves a VM's tap into the run's lab. */
    static Path attachWrapper(Path ci, Path dir, NetLab net, Optional<SecondHost> second) throws IOException {
        Path attach = dir.resolve("attach-tap");
        Files.writeString(attach, "#!/bin/sh\n# moves a VM's tap from libvirtd's namespace into this run's lab\n"
                + "ESL_NETNS=" + net.netns() + "\nexport ESL_NETNS\n" + second.map(h ->
                "# a tap the second host's libvirtd made is in that host's namespace\n"
                + ci.resolve("netlab.sh") + " adopt-tap \"$1\" 2>/dev/null && exit 0\n"
                + "exec " + ci.resolve("netlab.sh") + " adopt-tap \"$1\" \"$(" + String.join(" ",
                h.pidCommand()) + ")\"\n").orElse("exec " + ci.resolve("netlab.sh") + " adopt-tap \"$1\"\n"));
        Files.setPosixFilePermissions(attach, PosixFilePermissions.fromString("rwxr-xr-x"));
        return attach;
    }
}
