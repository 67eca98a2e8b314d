package org.elasticslurm.provisioner.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KvmVerdictCacheTest {
    private static final Instant PROBED = Instant.parse("2026-11-28T22:30:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private Path bootId;
    private Path qemu;
    private Path kernel;
    private Path kvm;
    private Path file;
    private final AtomicInteger probes = new AtomicInteger();
    private final Supplier<KvmVerdict> hangingKvm = () -> {
        probes.incrementAndGet();
        return new KvmVerdict(false, "KVM not usable: qemu -accel kvm printed no kernel banner",
                Duration.ofSeconds(12));
    };

    @BeforeEach
    void machine() throws IOException {
        bootId = Files.writeString(dir.resolve("boot_id"), "d54271a6-4584-400a-a031-a00370c4451f\n");
        qemu = Files.write(dir.resolve("qemu-system-x86_64"), new byte[] {1, 2, 3});
        kernel = Files.write(dir.resolve("vmlinuz"), new byte[] {4, 5, 6, 7});
        kvm = dir.resolve("kvm");
        file = dir.resolve("state").resolve("kvm-verdict.properties");
    }

    private KvmVerdictCache cache(Duration timeout) {
        return new KvmVerdictCache(file, new KvmProbeConditions(bootId, qemu, kernel, kvm, timeout),
                Clock.fixed(PROBED, ZoneOffset.UTC));
    }

    private KvmVerdictCache cache() {
        return cache(TIMEOUT);
    }

    @Test
    void aVerdictOfThisBootIsGivenBackWithoutProbingAndSaysWhenAndWhereItWasKept() {
        KvmVerdict first = cache().verdict(hangingKvm);
        KvmVerdict second = cache().verdict(hangingKvm);

        assertThat(probes).hasValue(1);
        assertThat(first.reason()).isEqualTo("KVM not usable: qemu -accel kvm printed no kernel banner");
        assertThat(second.usable()).isFalse();
        assertThat(second.reason()).isEqualTo("KVM not usable: qemu -accel kvm printed no kernel banner"
                + " (probed 2026-11-28T22:30:00Z in this boot; kept in " + file + ")");
        assertThat(second.took()).isZero();
    }

    @Test
    void aUsableVerdictIsKeptAsUsable() {
        Supplier<KvmVerdict> working = () -> {
            probes.incrementAndGet();
            return new KvmVerdict(true, "KVM usable: banner in 80 ms", Duration.ofMillis(90));
        };
        cache().verdict(working);

        KvmVerdict kept = cache().verdict(working);

        assertThat(probes).hasValue(1);
        assertThat(kept.usable()).isTrue();
        assertThat(kept.reason()).startsWith("KVM usable: banner in 80 ms (probed ");
    }

    @Test
    void aReasonWithLineBreaksAndBackslashesComesBackUnchanged() {
        String reason = " KVM not usable: exited with status 1 (C:\\qemu\nsecond line\ttab)";
        cache().verdict(() -> new KvmVerdict(false, reason, Duration.ZERO));

        assertThat(cache().verdict(hangingKvm).reason()).startsWith(reason + " (probed ");
        assertThat(probes).hasValue(0);
    }

    @Test
    void anotherBootProbesAgainAndKeepsTheNewVerdict() throws IOException {
        cache().verdict(hangingKvm);
        Files.writeString(bootId, "0f4c2e6d-0000-4000-8000-000000000002\n");

        KvmVerdict afterReboot = cache().verdict(hangingKvm);
        cache().verdict(hangingKvm);

        assertThat(afterReboot.reason()).doesNotContain("probed 2026");
        assertThat(probes).hasValue(2);
    }

    @Test
    void aQemuBinaryOfAnotherSizeProbesAgain() throws IOException {
        cache().verdict(hangingKvm);
        Files.write(qemu, new byte[] {9}, StandardOpenOption.APPEND);

        cache().verdict(hangingKvm);

        assertThat(probes).hasValue(2);
    }

    @Test
    void aQemuBinaryModifiedSinceProbesAgain() throws IOException {
        cache().verdict(hangingKvm);
        touch(qemu);

        cache().verdict(hangingKvm);

        assertThat(probes).hasValue(2);
    }

    @Test
    void aKernelOfAnotherSizeProbesAgain() throws IOException {
        cache().verdict(hangingKvm);
        Files.write(kernel, new byte[] {1});

        cache().verdict(hangingKvm);

        assertThat(probes).hasValue(2);
    }

    @Test
    void aKernelModifiedSinceProbesAgain() throws IOException {
        cache().verdict(hangingKvm);
        touch(kernel);

        cache().verdict(hangingKvm);

        assertThat(probes).hasValue(2);
    }

    @Test
    void aKvmDeviceThatAppearedProbesAgain() throws IOException {
        cache().verdict(hangingKvm);
        Files.createFile(kvm);

        cache().verdict(hangingKvm);

        assertThat(probes).hasValue(2);
    }

    @Test
    void anotherProbeTimeoutProbesAgain() {
        cache().verdict(hangingKvm);

        cache(Duration.ofSeconds(30)).verdict(hangingKvm);

        assertThat(probes).hasValue(2);
    }

    @Test
    void aCorruptFileIsProbedAgainWithAWarningAndRewritten() throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "usable=perhaps\nreason=\\uZZZZ\n");

        KvmVerdict verdict;
        try (CapturedLog log = new CapturedLog(KvmVerdictCache.class)) {
            verdict = cache().verdict(hangingKvm);
            assertThat(log.warnings()).singleElement().asString().contains(file.toString());
        }
        KvmVerdict next = cache().verdict(hangingKvm);

        assertThat(verdict.reason()).isEqualTo("KVM not usable: qemu -accel kvm printed no kernel banner");
        assertThat(probes).hasValue(1);
        assertThat(next.reason()).contains("kept in " + file);
        assertThat(file.getParent()).isDirectoryNotContaining(p -> p.getFileName().toString().endsWith(".tmp"));
    }

    @Test
    void aFileWithoutTheVerdictIsProbedAgain() throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "boot-id=d54271a6-4584-400a-a031-a00370c4451f\n");

        cache().verdict(hangingKvm);

        assertThat(probes).hasValue(1);
        assertThat(Files.readString(file)).contains("usable=false", "probed-at=2026-11-28T22:30:00Z");
    }

    @Test
    void anUnwritableLocationStillGivesTheVerdictAndWarns() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
        file = notADirectory.resolve("kvm-verdict.properties");

        KvmVerdict verdict;
        try (CapturedLog log = new CapturedLog(KvmVerdictCache.class)) {
            verdict = cache().verdict(hangingKvm);
            assertThat(log.warnings()).isNotEmpty().allSatisfy(w -> assertThat(w).contains(file.toString()))
                    .anySatisfy(w -> assertThat(w).startsWith("cannot keep the KVM verdict in " + file));
        }
        cache().verdict(hangingKvm);

        assertThat(verdict.usable()).isFalse();
        assertThat(verdict.reason()).isEqualTo("KVM not usable: qemu -accel kvm printed no kernel banner");
        assertThat(probes).hasValue(2);
    }

    @Test
    void withoutABootIdEveryStartProbesAndNothingIsKept() throws IOException {
        Files.delete(bootId);

        cache().verdict(hangingKvm);
        cache().verdict(hangingKvm);

        assertThat(probes).hasValue(2);
        assertThat(file).doesNotExist();
    }

    @Test
    void aFailingProbeIsNotKept() {
        assertThatThrownBy(() -> cache().verdict(() -> {
            throw new IllegalStateException("qemu missing");
        })).hasMessage("qemu missing");

        assertThat(file).doesNotExist();
    }

    private static void touch(Path path) throws IOException {
        Files.setLastModifiedTime(path, FileTime.from(Files.getLastModifiedTime(path).toInstant().plusSeconds(60)));
    }
}
