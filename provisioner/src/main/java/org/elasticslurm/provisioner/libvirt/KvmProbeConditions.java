package org.elasticslurm.provisioner.libvirt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a KVM verdict depends on: the boot of this machine, the qemu binary and the kernel the probe boots (path,
 * size, modification time), whether the KVM device exists, and the probe's bound. A verdict found under other
 * conditions says nothing about the present ones.
 */
final class KvmProbeConditions {
    /** The kernel's identifier of the current boot. */
    static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");

    private final Path bootId;
    private final Path qemu;
    private final Path kernel;
    private final Path kvmDevice;
    private final Duration timeout;

    KvmProbeConditions(Path bootId, Path qemu, Path kernel, Path kvmDevice, Duration timeout) {
        this.bootId = bootId;
        this.qemu = qemu;
        this.kernel = kernel;
        this.kvmDevice = kvmDevice;
        this.timeout = timeout;
    }

    /**
     * The conditions now, as names and values that compare equal exactly when nothing changed.
     *
     * @throws IOException when the boot identifier (or a file's attributes) cannot be read; then no kept verdict
     *                     can be trusted
     */
    Map<String, String> current() throws IOException {
        String boot = Files.readString(bootId).strip();
        if (boot.isEmpty()) {
            throw new IOException(bootId + " is empty");
        }
        Map<String, String> c = new TreeMap<>();
        c.put("boot-id", boot);
        file(c, "qemu", qemu);
        file(c, "kernel", kernel);
        c.put("kvm-device", kvmDevice.toString());
        c.put("kvm-device-present", Boolean.toString(Files.exists(kvmDevice)));
        c.put("probe-timeout", timeout.toString());
        return c;
    }

    private static void file(Map<String, String> c, String name, Path path) throws IOException {
        c.put(name, path.toString());
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
            c.put(name + "-size", Long.toString(a.size()));
            c.put(name + "-modified", a.lastModifiedTime().toString());
        } catch (NoSuchFileException e) {
            c.put(name + "-size", "absent");
            c.put(name + "-modified", "absent");
        }
    }
}
