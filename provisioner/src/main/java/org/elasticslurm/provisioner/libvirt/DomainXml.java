package org.elasticslurm.provisioner.libvirt;

import java.util.List;

/** Writes the libvirt domain XML of a {@link DomainSpec}. */
final class DomainXml {
    private DomainXml() {
    }

    static String render(DomainSpec spec) {
        XmlText x = new XmlText();
        x.open("domain", "type", spec.type());
        x.element("name", spec.name());
        spec.metadata().ifPresent(m -> {
            x.open("metadata");
            x.raw(m.toXml());
            x.close("metadata");
        });
        x.element("memory", Integer.toString(spec.memoryMiB()), "unit", "MiB");
        x.element("vcpu", Integer.toString(spec.vcpus()));
        x.open("os");
        x.element("type", "hvm", "arch", spec.arch());
        spec.boot().ifPresentOrElse(b -> {
            x.element("kernel", b.kernel());
            b.initrd().ifPresent(i -> x.element("initrd", i));
            b.cmdline().ifPresent(c -> x.element("cmdline", c));
        }, () -> x.empty("boot", "dev", "hd"));
        x.close("os");
        x.open("features");
        x.empty("acpi");
        x.empty("apic");
        x.close("features");
        x.element("on_poweroff", "destroy");
        x.element("on_reboot", "restart");
        x.element("on_crash", "destroy");
        x.open("devices");
        if (spec.disks().stream().anyMatch(d -> d.bus().equals("scsi"))) {
            x.empty("controller", "type", "scsi", "index", "0", "model", "virtio-scsi");
        }
        disks(x, spec.disks());
        spec.nic().ifPresent(n -> {
            switch (n.kind()) {
                case NETWORK -> {
                    x.open("interface", "type", "network");
                    x.empty("mac", "address", n.mac());
                    x.empty("source", "network", n.source());
                }
                case BRIDGE -> {
                    x.open("interface", "type", "bridge");
                    x.empty("mac", "address", n.mac());
                    x.empty("source", "bridge", n.source());
                }
                case ETHERNET -> {
                    x.open("interface", "type", "ethernet");
                    x.empty("mac", "address", n.mac());
                    x.empty("target", "dev", n.source());
                }
            }
            x.empty("model", "type", "virtio");
            x.close("interface");
        });
        x.open("serial", "type", "pty");
        spec.consoleLog().ifPresent(f -> x.empty("log", "file", f, "append", "off"));
        x.empty("target", "port", "0");
        x.close("serial");
        x.open("console", "type", "pty");
        x.empty("target", "type", "serial", "port", "0");
        x.close("console");
        if (spec.guestAgent()) {
            x.open("channel", "type", "unix");
            x.empty("target", "type", "virtio", "name", "org.qemu.guest_agent.0");
            x.close("channel");
        }
        x.close("devices");
        x.close("domain");
        return x.toString();
    }

    private static void disks(XmlText x, List<DomainSpec.Disk> disks) {
        int virtio = 0;
        int sd = 0;
        int ide = 0;
        for (DomainSpec.Disk d : disks) {
            String target = switch (d.bus()) {
                case "virtio" -> "vd" + letter(virtio++);
                case "scsi", "sata" -> "sd" + letter(sd++);
                default -> "hd" + letter(ide++);
            };
            x.open("disk", "type", "file", "device", d.cdrom() ? "cdrom" : "disk");
            x.empty("driver", "name", "qemu", "type", d.format());
            x.empty("source", "file", d.source());
            x.empty("target", "dev", target, "bus", d.bus());
            if (d.readOnly()) {
                x.empty("readonly");
            }
            x.close("disk");
        }
    }

    private static char letter(int index) {
        if (index >= 26) {
            throw new IllegalArgumentException("too many disks on one bus");
        }
        return (char) ('a' + index);
    }
}
