package org.elasticslurm.provisioner.libvirt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A tiny test guest built from what the machine has: the installed Debian kernel (direct boot) and an initramfs
 * made here from busybox-static, a few kernel modules and an {@code /init} script, packed with cpio. The guest
 * prints markers on its serial console: {@code ES-MARKER boot}, the hostname from the NoCloud seed's meta-data
 * and the {@code # es-check} line of its user-data, the address it leased by DHCP, and {@code ES-MARKER ready}.
 * It powers off on the ACPI power button (busybox acpid) unless its kernel command line says
 * {@code es.acpi=ignore}.
 */
final class TinyGuest {
    static final String READY = "ES-MARKER ready";
    private static final List<String> MODULES = List.of("virtio_pci", "virtio_scsi", "sr_mod", "isofs", "virtio_net",
            "button", "evdev");

    private static final String INIT = """
            #!/bin/busybox sh
            /bin/busybox --install -s /bin
            mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev
            for m in $(cat /lib/modules/order); do insmod /lib/modules/$m.ko 2>/dev/null; done
            echo "ES-MARKER boot uptime=$(cut -d' ' -f1 /proc/uptime)"
            i=0; while [ -e /sys/class/scsi_host/host0 ] && [ ! -b /dev/sr0 ] && [ $i -lt 200 ]; do sleep 0.1; i=$((i+1)); done
            host=tiny
            if mount -t iso9660 -o ro /dev/sr0 /seed 2>/dev/null; then
              host=$(sed -n 's/^local-hostname: *//p' /seed/meta-data)
              echo "ES-MARKER seed-hostname=$host"
              grep '^# es-check' /seed/user-data | sed 's/^/ES-MARKER seed-userdata /'
            else
              echo "ES-MARKER no-seed"
            fi
            if [ -e /sys/class/net/eth0 ]; then
              ip link set eth0 up
              udhcpc -i eth0 -n -q -t 30 -T 1 -x hostname:$host -s /udhcpc.sh >/dev/null 2>&1 &
            fi
            if grep -q 'es.acpi=ignore' /proc/cmdline; then
              echo "ES-MARKER acpi-ignored"
            else
              acpid -f -c /etc/acpi -l /tmp/acpid.log &
              i=0; while ! ls -l /proc/$!/fd 2>/dev/null | grep -q /dev/input/event && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done
              echo "ES-MARKER acpi-listening"
            fi
            echo "ES-MARKER ready uptime=$(cut -d' ' -f1 /proc/uptime)"
            while true; do sleep 3600; done
            """;

    private static final String UDHCPC = """
            #!/bin/sh
            if [ "$1" = bound ]; then
              ip addr add $ip/$mask dev $interface
              echo "ES-MARKER dhcp ip=$ip" > /dev/console
            fi
            """;

    private static final String POWER_BUTTON = """
            #!/bin/sh
            echo "ES-MARKER power-button" > /dev/console
            poweroff -f
            """;

    private TinyGuest() {
    }

    /** The newest installed Debian cloud kernel, else the newest /boot/vmlinuz-*. */
    static Optional<Path> kernel() {
        try (Stream<Path> files = Files.list(Path.of("/boot"))) {
            List<Path> kernels = files.filter(f -> f.getFileName().toString().startsWith("vmlinuz-"))
                    .sorted(Comparator.comparing(Path::toString)).toList();
            return kernels.stream().filter(k -> k.toString().endsWith("-cloud-amd64")).reduce((a, b) -> b)
                    .or(() -> kernels.stream().reduce((a, b) -> b));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Builds {@code vmlinuz} and {@code initramfs.cpio} in {@code dir}, readable by the qemu user.
     *
     * @return the paths (kernel, initramfs)
     */
    static List<Path> build(Path dir) throws IOException, InterruptedException {
        Path kernel = kernel().orElseThrow();
        String version = kernel.getFileName().toString().substring("vmlinuz-".length());
        Path modules = Path.of("/lib/modules", version);
        Path root = dir.resolve("initramfs-root");
        for (String d : List.of("bin", "proc", "sys", "dev", "seed", "tmp", "etc/acpi/PWRF", "lib/modules",
                "var/run")) {
            Files.createDirectories(root.resolve(d));
        }
        Files.copy(Path.of("/bin/busybox"), root.resolve("bin/busybox"));
        executable(root.resolve("init"), INIT);
        executable(root.resolve("udhcpc.sh"), UDHCPC);
        executable(root.resolve("etc/acpi/PWRF/00000080"), POWER_BUTTON);
        List<String> order = new ArrayList<>();
        for (Map.Entry<String, Path> m : moduleFiles(modules).entrySet()) {
            Files.copy(m.getValue(), root.resolve("lib/modules/" + m.getKey() + ".ko"));
            order.add(m.getKey());
        }
        Files.writeString(root.resolve("lib/modules/order"), String.join("\n", order) + "\n");

        Path list = dir.resolve("initramfs.list");
        try (Stream<Path> files = Files.walk(root)) {
            Files.write(list, files.map(p -> root.relativize(p).toString()).map(p -> p.isEmpty() ? "." : p).toList());
        }
        Path initramfs = dir.resolve("initramfs.cpio");
        Process cpio = new ProcessBuilder("/usr/bin/cpio", "--quiet", "-o", "-H", "newc")
                .directory(root.toFile()).redirectInput(list.toFile()).redirectOutput(initramfs.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (cpio.waitFor() != 0) {
            throw new IOException("cpio failed with status " + cpio.exitValue());
        }
        Path vmlinuz = dir.resolve("vmlinuz");
        Files.copy(kernel, vmlinuz);
        for (Path p : List.of(vmlinuz, initramfs)) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
        }
        return List.of(vmlinuz, initramfs);
    }

    /** The modules the guest needs, dependencies first, from modules.dep. */
    private static Map<String, Path> moduleFiles(Path modules) throws IOException {
        Map<String, List<String>> deps = new LinkedHashMap<>();
        for (String line : Files.readAllLines(modules.resolve("modules.dep"))) {
            int colon = line.indexOf(':');
            String file = line.substring(0, colon);
            String rest = line.substring(colon + 1).strip();
            deps.put(file, rest.isEmpty() ? List.of() : List.of(rest.split("\\s+")));
        }
        Set<String> ordered = new LinkedHashSet<>();
        for (String module : MODULES) {
            String file = deps.keySet().stream().filter(f -> name(f).equals(module)).findFirst()
                    .orElseThrow(() -> new IOException("kernel module " + module + " not found in " + modules));
            add(file, deps, ordered);
        }
        Map<String, Path> out = new LinkedHashMap<>();
        for (String f : ordered) {
            if (!f.endsWith(".ko")) {
                throw new IOException("compressed kernel module " + f + " (busybox insmod needs plain .ko)");
            }
            out.put(name(f), modules.resolve(f));
        }
        return out;
    }

    private static void add(String file, Map<String, List<String>> deps, Set<String> ordered) {
        if (ordered.contains(file)) {
            return;
        }
        List<String> needed = new ArrayList<>(deps.getOrDefault(file, List.of()));
        java.util.Collections.reverse(needed); // modules.dep lists the deepest dependency last
        for (String d : needed) {
            add(d, deps, ordered);
        }
        ordered.add(file);
    }

    private static String name(String file) {
        String base = file.substring(file.lastIndexOf('/') + 1);
        return base.substring(0, base.indexOf(".ko"));
    }

    private static void executable(Path file, String content) throws IOException {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
