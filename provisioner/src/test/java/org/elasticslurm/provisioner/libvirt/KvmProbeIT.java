package org.elasticslurm.provisioner.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.elasticslurm.provisioner.process.SupervisedProcess;
import org.elasticslurm.testsupport.cpu.CpuCost;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The KVM probe with the real qemu and the installed kernel. */
@CpuCost(1) // qemu boots a kernel (TCG when KVM fails)
@RequiresQemu
class KvmProbeIT {
    private static final Duration BOUND = Duration.ofSeconds(8);
    private final SupervisedProcess runner = new SupervisedProcess(Clock.systemUTC());
    private final Path qemu = Path.of("/usr/bin/qemu-system-x86_64");
    private final Path kernel = TinyGuest.kernel().orElseThrow();

    @TempDir
    Path dir;

    @Test
    void probeReachesAVerdictWithinItsBound() {
        KvmVerdict verdict = new KvmProbe(runner, qemu, Path.of("/dev/kvm"), kernel, BOUND).probe();

        System.out.printf("KVM probe verdict after %d ms: %s%n", verdict.took().toMillis(), verdict.reason());
        // one KVM boot bounded by BOUND, plus one TCG control boot when KVM fails (TCG prints the banner in ~1 s)
        assertThat(verdict.took()).isLessThan(BOUND.multipliedBy(2).plusSeconds(5));
        if (verdict.usable()) {
            assertThat(verdict.reason()).startsWith("KVM usable: a kernel printed its banner under -accel kvm");
        } else {
            assertThat(verdict.reason()).startsWith("KVM not usable: ");
        }
        if (Files.exists(Path.of("/dev/kvm")) && !verdict.usable()) {
            // a KVM that exists but fails: the TCG control boot must have worked, or the probe is broken
            assertThat(verdict.reason()).contains("the same kernel printed it under TCG in");
        }
    }

    @Test
    void withoutKvmDeviceTheVerdictIsImmediate() {
        KvmVerdict verdict = new KvmProbe(runner, qemu, dir.resolve("kvm"), kernel, BOUND).probe();

        assertThat(verdict.usable()).isFalse();
        assertThat(verdict.reason()).isEqualTo("KVM not usable: " + dir.resolve("kvm") + " does not exist");
        assertThat(verdict.took()).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void aFileThatIsNoKernelMakesTheProbeSayItMayBeBroken() throws Exception {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/dev/kvm")) && Files.isWritable(Path.of("/dev/kvm")),
                "needs an accessible /dev/kvm to get past the device check");
        Path notAKernel = Files.writeString(dir.resolve("vmlinuz"), "not a kernel");

        KvmVerdict verdict = new KvmProbe(runner, qemu, Path.of("/dev/kvm"), notAKernel, BOUND).probe();

        assertThat(verdict.usable()).isFalse();
        assertThat(verdict.reason()).contains("qemu -accel kvm exited with status")
                .contains("so the probe itself may be broken");
    }

    @Test
    void aSecondStartInTheSameBootTakesTheKeptVerdictWithoutBootingQemu() {
        KvmProbe probe = new KvmProbe(runner, qemu, Path.of("/dev/kvm"), kernel, BOUND);
        KvmProbeConditions conditions = new KvmProbeConditions(KvmProbeConditions.BOOT_ID, qemu, kernel,
                Path.of("/dev/kvm"), BOUND);
        Path file = dir.resolve("kvm-verdict.properties");
        java.util.concurrent.atomic.AtomicInteger probes = new java.util.concurrent.atomic.AtomicInteger();
        java.util.function.Supplier<KvmVerdict> counted = () -> {
            probes.incrementAndGet();
            return probe.probe();
        };

        KvmVerdict first = new KvmVerdictCache(file, conditions, Clock.systemUTC()).verdict(counted);
        long start = System.nanoTime();
        KvmVerdict second = new KvmVerdictCache(file, conditions, Clock.systemUTC()).verdict(counted);
        Duration secondTook = Duration.ofNanos(System.nanoTime() - start);

        System.out.printf("KVM verdict: probed in %d ms, taken from %s in %.1f ms%n", first.took().toMillis(), file,
                secondTook.toNanos() / 1e6);
        assertThat(probes).as("qemu probes for two starts").hasValue(1);
        assertThat(second.usable()).isEqualTo(first.usable());
        assertThat(second.reason()).startsWith(first.reason()).contains("in this boot; kept in " + file);
        assertThat(first.reason()).doesNotContain("kept in");
    }
}
