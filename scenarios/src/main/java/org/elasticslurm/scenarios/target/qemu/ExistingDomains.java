package org.elasticslurm.scenarios.target.qemu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.elasticslurm.scenarios.target.TargetException;

/**
 * Level 2's machines on qemu: before the run, a persistent domain per node of an {@code existing} pool, made as a
 * site would make them: an overlay of the guest image and a NoCloud seed (hostname, munge key, slurm.conf) in the
 * run's storage pool, direct kernel boot, {@code <interface type='ethernet'>} with the node's reserved MAC and a
 * tap name of the run, the serial console logged to a file of the run (virtlogd writes it). The provisioner starts
 * them (paused, tap adopted into the lab, resumed) and shuts them down; {@link LibvirtRun#close} undefines them and
 * deletes their volumes.
 */
final class ExistingDomains {
    private ExistingDomains() {
    }

    /**
     * Defines the domain of one node.
     *
     * @param userData the rendered user-data of the node
     * @param tap the tap name (at most 15 characters)
     * @param consoles the directory its serial console is logged to, {@code <domain>.console.log}
     */
    static void define(LibvirtRun run, Path image, String node, String mac, String tap, String userData,
                       int memoryMiB, Path work, Path consoles) {
        try {
            String domain = run.domain(node);
            Path overlay = run.poolDir().resolve(domain + ".qcow2");
            Shell.check(List.of("/usr/bin/qemu-img", "create", "-q", "-f", "qcow2", "-F", "qcow2", "-b",
                    run.poolDir().resolve("base.qcow2").toString(), overlay.toString()));
            Path seedDir = Files.createDirectories(work.resolve("seed-" + node));
            Files.writeString(seedDir.resolve("user-data"), userData);
            Files.writeString(seedDir.resolve("meta-data"), "instance-id: " + domain + "\nlocal-hostname: " + node
                    + "\n");
            Path seed = run.poolDir().resolve(domain + "-seed.iso");
            Shell.check(List.of("/usr/bin/genisoimage", "-quiet", "-output", seed.toString(), "-volid", "cidata",
                    "-joliet", "-rock", seedDir.resolve("user-data").toString(), seedDir.resolve("meta-data").toString()));
            String cmdline = Files.readString(image.resolve("cmdline")).strip();
            String xml = new Definition(domain, memoryMiB, image, cmdline, overlay, seed, mac, tap,
                    consoles.resolve(domain + ".console.log")).xml();
            Path file = work.resolve(domain + ".xml");
            Files.writeString(file, xml);
            LibvirtRun.virsh("define", file.toString());
            LibvirtRun.virsh("pool-refresh", run.pool());
        } catch (IOException e) {
            throw new TargetException("cannot define the existing domain of " + node + ": " + e.getMessage(), e);
        }
    }

    /**
     * One node's domain as libvirt defines it.
     *
     * @param image the guest image directory ({@code vmlinuz}, {@code initrd.img})
     * @param cmdline the kernel command line
     * @param overlay the node's disk
     * @param seed its NoCloud seed
     * @param consoleLog the file its serial console is logged to ({@code <log file=... append='off'/>}: each
     *                   start of the domain begins it anew)
     */
    record Definition(String domain, int memoryMiB, Path image, String cmdline, Path overlay, Path seed, String mac,
                      String tap, Path consoleLog) {

        /** The domain XML. */
        String xml() {
            return """
                    <domain type='qemu'>
                      <name>%s</name>
                      <memory unit='MiB'>%d</memory>
                      <vcpu>1</vcpu>
                      <os><type arch='x86_64' machine='q35'>hvm</type>
                        <kernel>%s</kernel><initrd>%s</initrd><cmdline>%s</cmdline></os>
                      <on_poweroff>destroy</on_poweroff><on_reboot>restart</on_reboot><on_crash>destroy</on_crash>
                      <devices>
                        <disk type='file' device='disk'><driver name='qemu' type='qcow2'/>
                          <source file='%s'/><target dev='vda' bus='virtio'/></disk>
                        <disk type='file' device='disk'><driver name='qemu' type='raw'/>
                          <source file='%s'/><target dev='vdb' bus='virtio'/><readonly/></disk>
                        <interface type='ethernet'><mac address='%s'/><target dev='%s'/>
                          <model type='virtio'/></interface>
                        <serial type='pty'><log file='%s' append='off'/><target port='0'/></serial>
                        <console type='pty'><target type='serial' port='0'/></console>
                      </devices>
                    </domain>
                    """.formatted(escape(domain), memoryMiB, escape(image.resolve("vmlinuz").toString()),
                    escape(image.resolve("initrd.img").toString()), escape(cmdline), escape(overlay.toString()),
                    escape(seed.toString()), escape(mac), escape(tap), escape(consoleLog.toString()));
        }

        private static String escape(String text) {
            return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&apos;")
                    .replace("\"", "&quot;");
        }
    }

    /**
     * Renders the target's user-data template for a node the way the provisioner does for its seeds.
     *
     * @param vars the run's own variables ({@code never_register}, {@code ssh_authorized_key})
     */
    static String render(String template, String node, byte[] mungeKey, String slurmConf, Map<String, String> vars) {
        String out = template.replace("{{ hostname }}", node).replace("{{ node }}", node)
                .replace("{{ munge_key_base64 }}", Base64.getEncoder().encodeToString(mungeKey))
                .replace("{{ slurm_conf_base64 }}", Base64.getEncoder().encodeToString(slurmConf.getBytes(
                        java.nio.charset.StandardCharsets.UTF_8)));
        for (Map.Entry<String, String> v : vars.entrySet()) {
            out = out.replace("{{ " + v.getKey() + " }}", v.getValue());
        }
        return out;
    }

    /** Nodes of the given pools' hostlists. */
    static List<String> names(List<String> hostlists) {
        List<String> out = new ArrayList<>();
        hostlists.forEach(h -> out.addAll(org.elasticslurm.conf.Hostlist.parse(h).names()));
        return out;
    }
}
