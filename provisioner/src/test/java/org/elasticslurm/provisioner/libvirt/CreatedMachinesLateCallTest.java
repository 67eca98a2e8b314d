package org.elasticslurm.provisioner.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.elasticslurm.provisioner.backend.BackendException;
import org.elasticslurm.provisioner.backend.MachineRequest;
import org.elasticslurm.testsupport.MutableClock;
import org.elasticslurm.testsupport.TestDriverHost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A creation step whose call answers only after the call timeout, on libvirt's test driver: what the late call
 * makes is removed by the rollback, and the retry creates a whole machine.
 */
@RequiresLibvirtLibrary
class CreatedMachinesLateCallTest {
    private static final Duration LIMIT = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    private LibvirtHypervisor real;
    private LibvirtBackend backend;

    @BeforeEach
    void files() throws IOException {
        Files.createDirectories(dir.resolve("seeds"));
        Files.writeString(dir.resolve("slurm.conf"), "ClusterName=lab\nNodeName=test1 State=CLOUD\n");
        Files.write(dir.resolve("munge.key"), new byte[] {7, 7, 7, 7});
        real = LibvirtHypervisor.open(TestDriverHost.withCpus(4).memoryMiB(8192).write(dir, "host"));
    }

    @AfterEach
    void close() {
        if (backend != null) {
            backend.close();
        }
        real.close();
    }

    /**
     * The host's {@code call} (define, cloneOverlay) is held until the rollback waits for it, or the resume has
     * failed, then done for real: a call the daemon completes although its caller gave up (an interrupt does not
     * reach a call in the daemon).
     */
    private static final class LateCall extends DelegatingHypervisor {
        private final String call;
        private final CountDownLatch answer = new CountDownLatch(1);
        private final CountDownLatch ended = new CountDownLatch(1);
        private volatile boolean heldPastTheRollback;
        private final Logger watched = Logger.getLogger(CreatedMachines.class.getName());
        private final Handler watch = new Handler() {
            @Override
            public void publish(LogRecord record) {
                Object[] p = record.getParameters();
                String line = p == null ? record.getMessage() : String.format(record.getMessage(), p);
                if (!heldPastTheRollback && line.contains(": " + call + ": ")
                        && line.contains("waiting for the call to end")) {
                    answer.countDown();
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };

        LateCall(Hypervisor real, String call) {
            super(real);
            this.call = call;
            watched.addHandler(watch);
        }

        private <T> T late(String name, Supplier<T> body) {
            if (!call.equals(name)) {
                return body.get();
            }
            boolean interrupted = false;
            while (answer.getCount() > 0) {
                try {
                    answer.await();
                } catch (InterruptedException e) {
                    interrupted = true; // the caller gave up; the daemon goes on with the call
                }
            }
            try {
                return body.get();
            } finally {
                ended.countDown();
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /** The call stays without answer until {@link #answerNow()}, also while the rollback waits for it. */
        LateCall heldPastTheRollback() {
            heldPastTheRollback = true;
            return this;
        }

        @Override
        public DomainSummary define(DomainSpec spec) {
            return late("define " + spec.name(), () -> real.define(spec));
        }

        @Override
        public StorageVolume cloneOverlay(String storagePool, String baseVolume, String name) {
            return late("cloneOverlay " + name, () -> real.cloneOverlay(storagePool, baseVolume, name));
        }

        /** The resume has failed: the held call ends now if the rollback did not wait for it. */
        void answerNow() {
            answer.countDown();
            await("the late call ended").atMost(Duration.ofSeconds(30)).until(() -> ended.getCount() == 0);
            watched.removeHandler(watch);
        }
    }

    private LibvirtBackend backend(Hypervisor host) {
        return backend(Clock.systemUTC(), List.of(host));
    }

    private LibvirtBackend backend(Clock clock, List<Hypervisor> hosts) {
        LibvirtSettings settings = new LibvirtSettings(hosts.stream().map(Hypervisor::uri).toList(),
                Path.of("/usr/bin/qemu-system-x86_64"),
                Duration.ofSeconds(10), Optional.empty(), Path.of("/usr/bin/genisoimage"), Duration.ofSeconds(2), dir,
                dir.resolve("slurm.conf"), LibvirtSettings.SeedWriter.GENISOIMAGE, "lab", Optional.empty(), LIMIT);
        CreatePoolSpec pool = new CreatePoolSpec("cloud", List.of("test1"), Optional.empty(), "{node}", "images",
                "base.qcow2", 1024, 1, DomainTypePolicy.AUTO, Optional.empty(),
                Optional.of(new CreatePoolSpec.Network("lab", false)), "52:54:00",
                new CreatePoolSpec.Seed(Optional.empty(), dir.resolve("munge.key"), Map.of(),
                        CreatePoolSpec.NetworkConfigMode.DHCP, 24, Optional.empty(), List.of(),
                        CreatePoolSpec.SeedBus.SCSI, Optional.of(dir.resolve("seeds"))), StaticAddressMap.empty(),
                false, Optional.empty());
        backend = LibvirtBackend.create(settings, List.of(pool), clock, hosts);
        return backend;
    }

    private BackendException failedResume(LateCall host) {
        LibvirtBackend b = backend(host);
        try {
            return catchThrowableOfType(() -> b.ensureRunning(new MachineRequest("test1", "cloud", "op-1")),
                    BackendException.class);
        } finally {
            host.answerNow();
        }
    }

    @Test
    void aDefinitionThatAnswersAfterTheCallTimeoutIsRemovedByTheRollbackAndTheRetryMakesAWholeMachine() {
        LateCall host = new LateCall(real, "define test1");

        BackendException failed = failedResume(host);

        assertThat(failed).isNotNull().hasMessageContaining("define test1: no answer within PT2S");
        assertThat(failed.isTransient()).isTrue();
        assertThat(real.domain("test1")).as("the late definition is not left behind").isEmpty();
        assertThat(real.volume("images", "test1.qcow2")).isEmpty();
        assertThat(backend.ensureRunning(new MachineRequest("test1", "cloud", "op-2")).backendId())
                .isEqualTo("test1@" + real.uri());
        assertThat(real.domain("test1")).get().extracting(DomainSummary::state).isEqualTo(DomainState.RUNNING);
        assertThat(real.volume("images", "test1.qcow2")).as("the retried machine has its disk").isPresent();
    }

    @Test
    void aVolumeCloneThatAnswersAfterTheCallTimeoutIsDeletedByTheRollback() {
        LateCall host = new LateCall(real, "cloneOverlay test1.qcow2");

        BackendException failed = failedResume(host);

        assertThat(failed).isNotNull().hasMessageContaining("cloneOverlay test1.qcow2: no answer within PT2S");
        assertThat(real.volume("images", "test1.qcow2")).as("the late overlay is not left behind").isEmpty();
        assertThat(real.domain("test1")).isEmpty();
    }

    @Test
    void aDefinitionStillWithoutAnswerAfterTheRollbackKeepsItsHostCountedAsHavingTheDomainWhenItFallsSilent() {
        LibvirtHypervisor big = LibvirtHypervisor.open(TestDriverHost.withCpus(8).memoryMiB(16384).write(dir, "big"));
        try {
            AtomicBoolean down = new AtomicBoolean();
            LateCall late = new LateCall(big, "define test1").heldPastTheRollback();
            Hypervisor silent = TestDriverHosts.switchable(late, down);
            MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
            LibvirtBackend b = backend(clock, List.of(real, silent));
            BackendException failed = catchThrowableOfType(
                    () -> b.ensureRunning(new MachineRequest("test1", "cloud", "op-1")), BackendException.class);
            assertThat(failed).as("placed on the bigger host, where its definition hangs").isNotNull()
                    .hasMessageContaining("define test1: no answer within");
            clock.advance(Duration.ofSeconds(5));
            b.capacity(); // the bigger host answers a listing while the definition is still without answer
            late.answerNow(); // then the daemon completes it
            assertThat(big.domain("test1")).isPresent();

            down.set(true);
            clock.advance(Duration.ofSeconds(5));

            assertThatThrownBy(() -> b.ensureRunning(new MachineRequest("test1", "cloud", "op-2")))
                    .isInstanceOf(BackendException.class).hasMessageContaining("Connection refused");
            assertThat(real.domain("test1")).as("no second machine of test1").isEmpty();
        } finally {
            big.close();
        }
    }
}
