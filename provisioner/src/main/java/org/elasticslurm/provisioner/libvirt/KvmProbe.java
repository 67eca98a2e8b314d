package org.elasticslurm.provisioner.libvirt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.elasticslurm.provisioner.process.ProcessCommand;
import org.elasticslurm.provisioner.process.ProcessOutcome;
import org.elasticslurm.provisioner.process.ProcessStartException;
import org.elasticslurm.provisioner.process.SupervisedProcess;

/**
 * Finds out whether KVM really works here. {@code /dev/kvm} existing is not enough: under nested virtualisation
 * KVM can accept a VM and then hang it as soon as the guest leaves real mode. The probe therefore boots a Linux
 * kernel with {@code qemu -accel kvm} as a supervised child and waits (bounded) for the kernel's banner on the
 * serial console. When KVM fails, the same kernel is booted under TCG to tell a broken KVM from a broken probe.
 */
public final class KvmProbe {
    static final String BANNER = "Linux version";

    private final SupervisedProcess runner;
    private final Path qemu;
    private final Path kvmDevice;
    private final Path kernel;
    private final Duration bound;

    /**
     * @param runner runs qemu
     * @param qemu qemu-system binary
     * @param kvmDevice {@code /dev/kvm}
     * @param kernel a bootable Linux kernel
     * @param bound how long each boot may take to print the banner
     */
    public KvmProbe(SupervisedProcess runner, Path qemu, Path kvmDevice, Path kernel, Duration bound) {
        this.runner = runner;
        this.qemu = qemu;
        this.kvmDevice = kvmDevice;
        this.kernel = kernel;
        this.bound = bound;
    }

    /** Runs the probe; never takes much longer than twice the bound. */
    public KvmVerdict probe() {
        long start = System.nanoTime();
        if (!Files.exists(kvmDevice)) {
            return verdict(false, kvmDevice + " does not exist", start);
        }
        if (!Files.isReadable(kvmDevice) || !Files.isWritable(kvmDevice)) {
            return verdict(false, "no read/write access to " + kvmDevice, start);
        }
        if (!Files.isExecutable(qemu)) {
            return verdict(false, "cannot probe: " + qemu + " is not executable", start);
        }
        if (!Files.isReadable(kernel)) {
            return verdict(false, "cannot probe: kernel " + kernel + " is not readable", start);
        }
        ProcessOutcome kvm = boot("kvm");
        if (kvm.ending() == ProcessOutcome.Ending.MARKER_SEEN) {
            return verdict(true, "a kernel printed its banner under -accel kvm in " + kvm.elapsed().toMillis()
                    + " ms", start);
        }
        String failure = kvm.ending() == ProcessOutcome.Ending.TIMED_OUT
                ? "qemu -accel kvm printed no kernel banner within " + bound.toMillis() + " ms (last output: '"
                + lastLine(kvm.output()) + "'), as when nested KVM hangs"
                : "qemu -accel kvm exited with status " + kvm.exitCode() + " (" + lastLine(kvm.output()) + ")";
        ProcessOutcome tcg = boot("tcg");
        String control = tcg.ending() == ProcessOutcome.Ending.MARKER_SEEN
                ? "; the same kernel printed it under TCG in " + tcg.elapsed().toMillis() + " ms"
                : "; under TCG it did not print it either (" + tcg.summary() + "), so the probe itself may be broken";
        return verdict(false, failure + control, start);
    }

    private ProcessOutcome boot(String accel) {
        List<String> argv = List.of(qemu.toString(), "-accel", accel, "-kernel", kernel.toString(),
                "-append", "console=ttyS0 earlyprintk=serial,ttyS0,115200 panic=-1", "-m", "128",
                "-nodefaults", "-display", "none", "-serial", "stdio", "-monitor", "none", "-no-reboot");
        try {
            return runner.run(ProcessCommand.of(argv, ProcessCommand.minimalEnvironment(), bound).until(BANNER));
        } catch (ProcessStartException e) {
            throw new IllegalStateException("the KVM probe could not start " + qemu + ": " + e.getMessage(), e);
        }
    }

    private static String lastLine(String output) {
        List<String> lines = output.lines().map(String::strip).filter(l -> !l.isEmpty())
                .filter(l -> !l.contains("terminating on signal")).toList(); // qemu's reply to our kill
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    private static KvmVerdict verdict(boolean usable, String reason, long start) {
        return new KvmVerdict(usable, (usable ? "KVM usable: " : "KVM not usable: ") + reason,
                Duration.ofNanos(System.nanoTime() - start));
    }
}
